-- Version 2: daily totals for the statistics, so that a province's year is a sum over a few hundred
-- thousand small rows instead of a scan of millions of cases (one station's report still reads its
-- cases). Filled here from the cases already imported; kept in step by every import (database/cases.ts).
--
-- What each case adds, by day, under each grouping it appears in: 't' its dispute type, 's' its
-- source, 'o' its station, 'm' each of its mediators ('' when none). The counts are those of
-- oversight/stats.ts, each on the day its date falls:
--   received, amount_fen, people   on the received day, unless declined
--   resolved, written, oral        on the agreement day
--   failed, withdrawn              on the outcome day
--   confirmation_applied, confirmed, performed   on their days
--   received_all                   on the received day (declined too)
--   closed_out                     on the later of the received day and the day it finished
-- In progress at the end of a period = Σ received_all − Σ closed_out over the days up to that end:
-- exactly "received by then and not finished by then", whatever order the dates come in.

CREATE VIEW case_contributions AS
SELECT c.id, g.dimension, g.key, e.day,
       e.received, e.amount_fen, e.people, e.resolved, e.written, e.oral, e.failed, e.withdrawn,
       e.confirmation_applied, e.confirmed, e.performed, e.received_all, e.closed_out
FROM cases c
CROSS JOIN LATERAL (
  SELECT 't'::"char" AS dimension, c.dispute_type AS key
  UNION ALL SELECT 's', c.source
  UNION ALL SELECT 'o', c.station_code
  UNION ALL SELECT DISTINCT 'm'::"char", m FROM unnest(CASE WHEN cardinality(c.mediators) = 0 THEN ARRAY[''] ELSE c.mediators END) AS m
) g
CROSS JOIN LATERAL (
  VALUES
    (c.received_at, (NOT c.declined)::int, CASE WHEN c.declined THEN 0 ELSE c.amount_fen END, CASE WHEN c.declined THEN 0 ELSE c.people END,
       0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
    (c.agreement_date, 0, 0::bigint, 0, 1, (c.agreement_form IS DISTINCT FROM 'oral')::int, (c.agreement_form = 'oral')::int, 0, 0, 0, 0, 0, 0, 0),
    (c.failed_at, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0),
    (c.withdrawn_at, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),
    (c.confirmation_applied_at, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
    (c.confirmed_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    (c.performed_at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
    (CASE WHEN c.finished_at IS NOT NULL THEN greatest(c.received_at, c.finished_at) END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)
) AS e (day, received, amount_fen, people, resolved, written, oral, failed, withdrawn, confirmation_applied, confirmed, performed,
        received_all, closed_out)
WHERE e.day IS NOT NULL;

CREATE TABLE case_totals (
  dimension "char" NOT NULL,
  key text NOT NULL,
  day date NOT NULL,
  received integer NOT NULL,
  amount_fen bigint NOT NULL,
  people integer NOT NULL,
  resolved integer NOT NULL,
  written integer NOT NULL,
  oral integer NOT NULL,
  failed integer NOT NULL,
  withdrawn integer NOT NULL,
  confirmation_applied integer NOT NULL,
  confirmed integer NOT NULL,
  performed integer NOT NULL,
  received_all integer NOT NULL,
  closed_out integer NOT NULL,
  PRIMARY KEY (dimension, key, day)
);

INSERT INTO case_totals
SELECT dimension, key, day, sum(received), sum(amount_fen), sum(people), sum(resolved), sum(written), sum(oral), sum(failed),
       sum(withdrawn), sum(confirmation_applied), sum(confirmed), sum(performed), sum(received_all), sum(closed_out)
FROM case_contributions
GROUP BY dimension, key, day;
