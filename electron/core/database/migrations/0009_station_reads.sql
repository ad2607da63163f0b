-- Version 9: one station's statistics read one index, and the reports' station names one probe per
-- station, measured at 5,000,000 cases (docs/postgresql.md).
--
-- One station's year read every case of the station from the table: some 600 pages for its 10,000
-- cases, 140-160 ms from the disk after a restart, over the 200 ms target with the charts' queries
-- beside it. The station's index now carries every column those statements read (database/statistics.ts
-- `fromCases`, `statsSeries`, `stationNames`), so they are index-only scans: 8-13 ms from the disk.
-- It keeps its key (the station's list, newest first) and grows from 0.29 to 1.06 GB at 5,000,000.
-- test/integration/postgres/centre-equivalence.test.ts holds the statements to it: a column read
-- that the index does not carry fails the test.
DROP INDEX cases_station_order;
CREATE INDEX cases_station_order ON cases (station_code, received_at DESC, created_ms DESC, id DESC)
  INCLUDE (station_name, declined, dispute_type, source, mediators, amount_fen, people, agreement_form, agreement_date,
           failed_at, withdrawn_at, finished_at, confirmation_applied_at, confirmed_at, performed_at);


-- Every report names the stations from the ledger: each code's newest entry, found by one probe per
-- station here (database/records.ts `newestLedgerNames`) instead of reading the whole ledger (10,000
-- entries at 5,000,000 cases: 100-150 ms of each report, and growing with every batch).
CREATE INDEX batches_station_newest ON batches (station_code, entry DESC);
