-- The centre benchmark's register grown server-side (test/bench/centre-grow.ts): each copy of a case
-- the import path already wrote gets a new id and 案号, a batch of its own station, other people
-- (surnames permuted, ID numbers, credit codes and phone numbers changed, check characters
-- recomputed), and the rows the import would have derived from that document: the columns, the search
-- text, the parties' duplicate-check keys. These functions mirror, for the generator's data, what
-- register/rows.ts derives with the app's own code; centre-grow-check.ts derives a sample of copies'
-- rows again with that code and refuses the load unless they are equal.
--
-- Created in schema bench_grow for the load and dropped with it. `$1`-style parameters are not
-- used: this file is sent as one multi-statement query.

CREATE SCHEMA bench_grow;

-- Copy k: surnames `sfrom` become `sto` (a rotation of the same characters), digits `digits`
-- ('0123456789' rotated by k); `initials`/`wholes`: the pinyin of each character of `sfrom`.
CREATE TABLE bench_grow.copy (k int PRIMARY KEY, sfrom text NOT NULL, sto text NOT NULL, digits text NOT NULL,
  initials text[] NOT NULL, wholes text[] NOT NULL);

-- 案号 …第N号 continues at N + k × 1,000,000 (the loaded rounds number each station's year below that).
CREATE FUNCTION bench_grow.number(number text, k int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n text := substring(number FROM '第([0-9]+)号$');
BEGIN
  IF n IS NULL THEN RETURN number || '-' || k; END IF;
  RETURN left(number, -char_length(n) - 1) || (n::bigint + k * 1000000)::text || '号';
END
$$;

-- (The functions below are PL/pgSQL, not SQL: nested SQL functions that are not inlined are planned
-- again at each call, about 0.5 ms a party; PL/pgSQL keeps its plans.)

-- A uuid of the same form for a copy of a party (v4 layout, as the schema's uuid check wants).
CREATE FUNCTION bench_grow.uuid_of(id text, k int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN overlay(overlay(md5(id || ':' || k)::uuid::text PLACING '4' FROM 15) PLACING '8' FROM 20);
END
$$;

-- The last four digits of a phone number rotated (the format stays: mobile or 0xxx-xxxxxxx).
CREATE FUNCTION bench_grow.phone(phone text, digits text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF coalesce(phone, '') = '' THEN RETURN phone; END IF;
  RETURN left(phone, -4) || translate(right(phone, 4), '0123456789', digits);
END
$$;

-- 居民身份证: the sequence (digits 15–17) moved by 200 × k (its parity, the sex, stays), check character
-- recomputed (schema/identity.ts).
CREATE FUNCTION bench_grow.resident_id(id text, k int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  body text := left(id, 14) || lpad(((substr(id, 15, 3)::int + 200 * k) % 1000)::text, 3, '0');
  weights int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  total int := 0;
BEGIN
  FOR i IN 1..17 LOOP total := total + (ascii(substr(body, i, 1)) - 48) * weights[i]; END LOOP;
  RETURN body || substr('10X98765432', total % 11 + 1, 1);
END
$$;

-- 统一社会信用代码: the digits of characters 9–17 rotated, check character recomputed (schema/identity.ts).
CREATE FUNCTION bench_grow.credit_code(code text, digits text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  charset text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  body text := left(code, 8) || translate(substr(code, 9, 9), '0123456789', digits);
  weights int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  total int := 0;
BEGIN
  FOR i IN 1..17 LOOP total := total + (strpos(charset, substr(body, i, 1)) - 1) * weights[i]; END LOOP;
  RETURN body || substr(charset, (31 - total % 31) % 31 + 1, 1);
END
$$;

-- One party of copy k: new id; a person's name, a representative's and an agent's with surnames
-- permuted (organisations keep their names: no surname character is in them); numbers changed.
CREATE FUNCTION bench_grow.party(p jsonb, c bench_grow.copy) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  person boolean := p ->> 'kind' = 'person';
  agent jsonb := p -> 'agent';
BEGIN
  IF jsonb_typeof(agent) = 'object' THEN
    agent := agent || jsonb_strip_nulls(jsonb_build_object(
      'name', translate(agent ->> 'name', c.sfrom, c.sto),
      'phone', bench_grow.phone(agent ->> 'phone', c.digits)));
  ELSE
    agent := NULL;
  END IF;
  RETURN p || jsonb_strip_nulls(jsonb_build_object(
    'id', bench_grow.uuid_of(p ->> 'id', c.k),
    'name', CASE WHEN person THEN translate(p ->> 'name', c.sfrom, c.sto) END,
    'representative', translate(p ->> 'representative', c.sfrom, c.sto),
    'phone', bench_grow.phone(p ->> 'phone', c.digits),
    'idNumber', CASE WHEN person AND coalesce(p ->> 'idType', 'resident-id') = 'resident-id'
                      AND p ->> 'idNumber' ~ '^[0-9]{17}[0-9X]$' THEN bench_grow.resident_id(p ->> 'idNumber', c.k) END,
    'creditCode', CASE WHEN p ->> 'creditCode' ~ '^[0-9A-Z]{18}$' THEN bench_grow.credit_code(p ->> 'creditCode', c.digits) END,
    'agent', agent));
END
$$;

-- The whole case of copy k: id, 案号, batch, 案由 (it names the parties) and parties.
CREATE FUNCTION bench_grow.doc(doc jsonb, id uuid, batch uuid, c bench_grow.copy) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parties jsonb := '[]';
  p jsonb;
BEGIN
  FOR p IN SELECT value FROM jsonb_array_elements(doc -> 'parties') LOOP
    parties := parties || jsonb_build_array(bench_grow.party(p, c));
  END LOOP;
  RETURN doc || jsonb_build_object(
    'id', id::text,
    'number', bench_grow.number(doc ->> 'number', c.k),
    'summary', translate(doc ->> 'summary', c.sfrom, c.sto),
    'origin', (doc -> 'origin') || jsonb_build_object('batchId', batch::text),
    'parties', parties);
END
$$;

-- cases/search.ts `haystackOf`: 案号, 案由, then per party its name, phone (also without dashes),
-- a person's ID number, an organisation's credit code and representative, an agent's name and phone;
-- lower case, fields separated by U+0001 (the generator's text needs no other cleaning).
CREATE FUNCTION bench_grow.haystack(doc jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parts text[] := ARRAY[coalesce(doc ->> 'number', ''), coalesce(doc ->> 'summary', '')];
  p jsonb;
BEGIN
  FOR p IN SELECT value FROM jsonb_array_elements(doc -> 'parties') LOOP
    parts := parts || coalesce(p ->> 'name', '');
    IF coalesce(p ->> 'phone', '') <> '' THEN parts := parts || ARRAY[p ->> 'phone', replace(p ->> 'phone', '-', '')]; END IF;
    IF p ->> 'kind' = 'person' AND coalesce(p ->> 'idNumber', '') <> '' THEN parts := parts || (p ->> 'idNumber'); END IF;
    IF p ->> 'kind' = 'organization' THEN
      IF coalesce(p ->> 'creditCode', '') <> '' THEN parts := parts || (p ->> 'creditCode'); END IF;
      IF coalesce(p ->> 'representative', '') <> '' THEN parts := parts || (p ->> 'representative'); END IF;
    END IF;
    IF jsonb_typeof(p -> 'agent') = 'object' THEN
      parts := parts || ARRAY[coalesce(p -> 'agent' ->> 'name', ''), coalesce(p -> 'agent' ->> 'phone', '')];
    END IF;
  END LOOP;
  RETURN lower(array_to_string(parts, chr(1)));
END
$$;

-- cases/search.ts `pinyinOf` of the copy, from the source's: every name gives two fields (initials,
-- whole); a person's or agent's name whose surname the copy changed gets the new surname's pinyin in
-- place of the old one's (the rest of the name is unchanged: no surname character is a given-name one).
CREATE FUNCTION bench_grow.pinyin(source text, doc jsonb, c bench_grow.copy) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  fields text[] := string_to_array(source, chr(1));
  p jsonb;
  names text[] := '{}';
  who text;
  i int := 0;
  was int;
  became int;
BEGIN
  IF source = '' THEN RETURN source; END IF;
  FOR p IN SELECT value FROM jsonb_array_elements(doc -> 'parties') LOOP
    names := names || CASE WHEN p ->> 'kind' = 'person' THEN coalesce(p ->> 'name', '') END;
    IF jsonb_typeof(p -> 'agent') = 'object' THEN names := names || coalesce(p -> 'agent' ->> 'name', ''); END IF;
  END LOOP;
  FOREACH who IN ARRAY names LOOP
    i := i + 1;
    CONTINUE WHEN who IS NULL OR who = '';
    became := strpos(c.sfrom, left(who, 1));
    was := strpos(c.sfrom, translate(left(who, 1), c.sto, c.sfrom));
    CONTINUE WHEN became = 0 OR was = became;
    fields[2 * i - 1] := c.initials[became] || substr(fields[2 * i - 1], char_length(c.initials[was]) + 1);
    fields[2 * i] := c.wholes[became] || substr(fields[2 * i], char_length(c.wholes[was]) + 1);
  END LOOP;
  RETURN array_to_string(fields, chr(1));
END
$$;

-- database/cases.ts `bigramsOf`: every two adjacent characters of both texts, none across a field,
-- none of two ASCII digits.
CREATE FUNCTION bench_grow.bigrams(haystack text, pinyin text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  pairs text[] := '{}';
  previous text;
  ch text;
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[haystack, pinyin] LOOP
    previous := chr(1);
    FOREACH ch IN ARRAY string_to_array(t, NULL) LOOP
      IF previous <> chr(1) AND ch <> chr(1) AND NOT (previous BETWEEN '0' AND '9' AND ch BETWEEN '0' AND '9') THEN
        pairs := pairs || (previous || ch);
      END IF;
      previous := ch;
    END LOOP;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT unnest(pairs));
END
$$;

-- register/rows.ts: a party's name without spaces and oversight/duplicates.ts `partyKeys` as
-- `keyHash` stores them (SHA-256, first 16 bytes): ID number, credit code, name + phone, name + address.
CREATE FUNCTION bench_grow.squash(text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(coalesce(text, ''), '[[:space:]\u3000]', '', 'g')
$$;

CREATE FUNCTION bench_grow.keys(p jsonb) RETURNS bytea[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(substring(sha256(convert_to(key, 'UTF8')) FROM 1 FOR 16) ORDER BY o), '{}')
  FROM unnest(ARRAY[
    CASE WHEN p ->> 'kind' IS DISTINCT FROM 'organization' AND coalesce(p ->> 'idNumber', '') <> ''
      THEN 'id:' || coalesce(p ->> 'idType', 'resident-id') || ':' || (p ->> 'idNumber') END,
    CASE WHEN coalesce(p ->> 'creditCode', '') <> '' THEN 'cc:' || (p ->> 'creditCode') END,
    CASE WHEN bench_grow.squash(p ->> 'name') <> '' AND coalesce(p ->> 'phone', '') <> ''
      THEN 'np:' || bench_grow.squash(p ->> 'name') || '|' || (p ->> 'phone') END,
    CASE WHEN bench_grow.squash(p ->> 'name') <> '' AND bench_grow.squash(p ->> 'address') <> ''
      THEN 'na:' || bench_grow.squash(p ->> 'name') || '|' || bench_grow.squash(p ->> 'address') END
  ]) WITH ORDINALITY k (key, o) WHERE key IS NOT NULL
$$;
