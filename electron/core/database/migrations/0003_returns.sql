-- Version 3: the centre's supervision (centre/). Returns for correction (退回补正): the centre's note on
-- an imported case, carried by every receipt to its station until a corrected revision arrives.
-- `record` is the entry as centre/returns.ts keeps it; the columns are what is looked up. One case has
-- at most one open return, also when two centre PCs return it at once.

CREATE TABLE returns (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL,
  fingerprint text NOT NULL,             -- normalised, as stations.fingerprint: the key the case came with
  station_code text NOT NULL,
  status text NOT NULL,
  position bigserial NOT NULL,           -- the order returns were made in
  record jsonb NOT NULL
);
CREATE UNIQUE INDEX returns_open_case ON returns (case_id) WHERE status = 'open';
CREATE INDEX returns_fingerprint ON returns (fingerprint);
