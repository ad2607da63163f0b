-- The centre's register on PostgreSQL, version 1: what a centre on the embedded store keeps in its
-- data directory (cases, the import ledger, trusted stations, the centre's keys, party links), as
-- tables. Each case is kept whole as JSON (case_documents) beside the columns that are queried.
--
-- Applied by electron/core/database/migrate.ts in one transaction under an advisory lock; never edit
-- a migration once released: add the next one.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Small documents shared by every centre PC: `keys` (the centre's signing and sealing keys: its
-- identity, which stations seal batches to), `links` (parties confirmed as the same person).
CREATE TABLE documents (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Stations whose batches the centre accepts. `record` is the entry as batches/trust.ts keeps it;
-- the columns are what is looked up. Revoked stations stay (their batches are refused by name).
CREATE TABLE stations (
  fingerprint text PRIMARY KEY,          -- normalised: upper case, no dashes
  station_code text NOT NULL,
  name text NOT NULL,
  trusted_at timestamptz NOT NULL,
  revoked_at timestamptz,
  position bigserial NOT NULL,           -- the order stations were trusted in
  record jsonb NOT NULL
);
CREATE INDEX stations_code ON stations (station_code);

-- The import ledger: one row per import that wrote something (a batch imported again with nothing
-- new writes nothing). `record` is the entry as batches/import.ts keeps it; `receipt` the signed
-- receipt issued for it.
CREATE TABLE batches (
  entry bigserial PRIMARY KEY,
  batch_id text NOT NULL,
  station_code text NOT NULL,
  fingerprint text NOT NULL,
  sequence integer NOT NULL,
  file_sha256 text NOT NULL,
  imported_at timestamptz NOT NULL,
  receipt_id uuid NOT NULL,
  receipt jsonb NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX batches_batch ON batches (batch_id);
CREATE INDEX batches_station ON batches (station_code, imported_at);

-- One row per case: the columns lists, search filters and statistics read (narrow, so that a
-- province's year is one scan of a few hundred megabytes, not of the documents). Dates are the ones
-- the statistics count by (oversight/stats.ts), derived when the case is written.
CREATE TABLE cases (
  id uuid PRIMARY KEY,                   -- orders as the embedded store orders ids (lower-case hexadecimal)
  number text NOT NULL,
  station_code text NOT NULL,
  station_name text NOT NULL,
  fingerprint text NOT NULL,             -- the key that signed the batch, as the case's origin gives it
  revision integer NOT NULL,
  last_hash text,                        -- hash of the last event: tells an equal revision with other content
  status text NOT NULL,
  dispute_type text NOT NULL,
  source text NOT NULL,
  mediators text[] NOT NULL,
  received_at date NOT NULL,
  created_ms bigint NOT NULL,            -- creation time in ms: the register's order is newest first
  updated_at text COLLATE "C" NOT NULL,  -- the last event's time as written: the clock check
  amount_fen bigint NOT NULL,
  people integer NOT NULL,
  declined boolean NOT NULL,
  agreement_form text,
  agreement_date date,
  effective_date date,                   -- signing (written) or the agreement itself (oral)
  failed_at date,
  withdrawn_at date,
  finished_at date,                      -- agreement or outcome: no longer in progress
  confirmation_applied_at date,
  confirmed_at date,
  performed_at date
);
CREATE INDEX cases_order ON cases (received_at DESC, created_ms DESC, id DESC);
CREATE INDEX cases_station_order ON cases (station_code, received_at DESC, created_ms DESC, id DESC);
CREATE INDEX cases_number ON cases (number);
CREATE INDEX cases_agreement_date ON cases (agreement_date) WHERE agreement_date IS NOT NULL;
CREATE INDEX cases_failed_at ON cases (failed_at) WHERE failed_at IS NOT NULL;
CREATE INDEX cases_updated_utc ON cases (updated_at) WHERE right(updated_at, 1) = 'Z';
CREATE INDEX cases_updated_other ON cases (updated_at) WHERE right(updated_at, 1) <> 'Z';

-- The case as the station sent it (events included), returned whole by `case show`, documents, the 卷宗.
CREATE TABLE case_documents (
  id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  doc jsonb NOT NULL
);
ALTER TABLE case_documents ALTER COLUMN doc SET COMPRESSION lz4;

-- What `case list --q` searches, exactly as the embedded index builds it (cases/search.ts): the
-- lowercase haystack (案号, 案由, names, ID and phone numbers; fields separated by U+0001) and the
-- pinyin of the names. pg_trgm answers queries of three or more characters. Two-character queries
-- (a given name: 志强) use `bigrams`, every two adjacent characters of both (none across a field, none
-- of two ASCII digits: those match nearly every case), which pg_trgm cannot answer: its trigrams are
-- padded at word edges, so an infix of two Chinese characters forces a sequential scan.
CREATE TABLE case_search (
  id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  haystack text NOT NULL,
  pinyin text NOT NULL,
  bigrams text[] NOT NULL
);
CREATE INDEX case_search_bigrams ON case_search USING gin (bigrams);
CREATE INDEX case_search_haystack ON case_search USING gin (haystack gin_trgm_ops);
CREATE INDEX case_search_pinyin ON case_search USING gin (pinyin gin_trgm_ops);

-- Parties for the duplicate check: the name without spaces, and the SHA-256 (first 16 bytes) of each
-- key the party is found under (ID document number, credit code, name + phone, name + address; see
-- oversight/duplicates.ts): the table holds no ID number in clear.
CREATE TABLE parties (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  party_id uuid NOT NULL,
  name text NOT NULL,
  keys bytea[] NOT NULL,
  PRIMARY KEY (case_id, party_id)
);
CREATE INDEX parties_keys ON parties USING gin (keys);
