-- Version 6: the front desk's requests (来访登记, 统一受理) the stations report in their batches
-- (format version 2), kept as a centre on the embedded store keeps them: read only, with their origin.
-- `doc` is the request as the station sent it (events included), returned whole by `request show`;
-- the columns are what lists, filters and the table (统一受理工作统计表) read. Written by the import in
-- the same transaction as the batch's cases, ledger entry and returns (database/requests.ts).

CREATE TABLE requests (
  id text PRIMARY KEY,                   -- as the request spells it (a uuid); looked up exactly, as the embedded store does
  number text COLLATE "C" NOT NULL,      -- 登记编号; "C": the list's tie-break compares it as the embedded index does
  station_code text NOT NULL,
  station_name text NOT NULL,
  fingerprint text NOT NULL,             -- the key that signed the batch, as the request's origin gives it
  revision integer NOT NULL,
  last_hash text,                        -- hash of the last event: tells an equal revision with other content
  received_day date NOT NULL,            -- the day of receivedAt: the period filters and the table count by it
  received_key bigint NOT NULL,          -- receivedAt's digits (YYYYMMDDHHmm, a date alone at midnight): the list's order
  business_type text NOT NULL,
  channel text NOT NULL,
  handling text NOT NULL,
  state text NOT NULL,
  notified boolean NOT NULL,             -- the visitor was told of the back office's result
  -- what `request list --q` searches, exactly as the embedded index builds it (requests/search.ts):
  -- lowercase 登记编号, name, matter, phone (also without dashes), ID number, back office, linked 案号,
  -- separated by U+0001; and its two-character pairs (database/cases.ts `bigramsOf`) for two-character queries
  haystack text NOT NULL,
  bigrams text[] NOT NULL,
  -- what the table (统一受理工作统计表) reads of the request, small enough to stay in the row: a year's
  -- table reads these, not the documents (requests/stats.ts `requestFacts`, as the embedded index keeps them)
  table_fields jsonb NOT NULL,
  doc jsonb NOT NULL
);
ALTER TABLE requests ALTER COLUMN doc SET COMPRESSION lz4;

-- Newest first, whole register or one station; a period (from/to, the table's year) by day.
-- (with the id: a page and its total are read from the index alone)
CREATE INDEX requests_order ON requests (received_key DESC, number DESC) INCLUDE (id);
CREATE INDEX requests_station_order ON requests (station_code, received_key DESC, number DESC) INCLUDE (id);
CREATE INDEX requests_day ON requests (received_day);
CREATE INDEX requests_number ON requests (number);
CREATE INDEX requests_type_day ON requests (business_type, received_day);
-- Substring search: pg_trgm for three characters or more, the pairs for two (as case_search).
CREATE INDEX requests_haystack ON requests USING gin (haystack gin_trgm_ops) WITH (gin_pending_list_limit = 256);
CREATE INDEX requests_bigrams ON requests USING gin (bigrams) WITH (gin_pending_list_limit = 256);
