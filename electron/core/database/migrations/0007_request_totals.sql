-- Version 7: the front desk's table (统一受理工作统计表) counted by the database. Daily totals of the
-- requests, as case_totals (migration 2) are of the cases: a city's year is a sum over some tens of
-- thousands of small rows instead of a pass over 500,000 requests' facts in the app (6.3 s). Filled here
-- from the requests already imported; kept in step by every import, in its transaction (database/requests.ts
-- `writeRequests`, through database/totals.ts).
--
-- What each request adds, on the day it was received, under each grouping of the table: 't' its business
-- type, 'c' its channel, 'h' its handling, 's' its station. The facts are those the import stored in
-- `table_fields` (requests/stats.ts `requestFacts`, the embedded register's own); the counts restate
-- requests/stats.ts `count()` rule by rule (the equivalence test compares both centres cell by cell):
--   received 1; visitors the group size; one of the six handling columns;
--   routed, to_mediation, closed, followed_up, callbacks_open: the facts of those names;
--   satisfied / basically_satisfied / dissatisfied: the latest follow-up's rating 1 / 2 / 3;
--   the time limits, for a request that has any (hasLimit): kept_late when one was kept late (always
--   逾期); else open_limits when one is still open, on the row of its earliest due day (`open_due`, the
--   fact's day key YYYYMMDD; 逾期 or 未到期 depends on the report day, so the table decides it:
--   database/requests.ts `requestTotals`); else kept_in_time (按期).

CREATE VIEW request_contributions AS
SELECT r.id, g.dimension, g.key, r.received_day AS day,
       CASE WHEN f.has_limit AND NOT f.kept_late THEN f.open_due ELSE 0 END AS open_due,
       1 AS received, f.visitors,
       (r.handling = 'on-the-spot')::int AS on_the_spot,
       (r.handling = 'scheduled')::int AS scheduled,
       (r.handling = 'legal-aid-guidance')::int AS legal_aid_guidance,
       (r.handling = 'route')::int AS route_handling,
       (r.handling = 'to-mediation')::int AS to_mediation_handling,
       (r.handling = 'other-channel')::int AS other_channel,
       f.routed::int AS routed,
       f.to_mediation::int AS to_mediation,
       (f.has_limit AND f.kept_late)::int AS kept_late,
       (f.has_limit AND NOT f.kept_late AND f.open_due <> 0)::int AS open_limits,
       (f.has_limit AND NOT f.kept_late AND f.open_due = 0)::int AS kept_in_time,
       f.closed::int AS closed,
       f.followed_up::int AS followed_up,
       (f.rating = 1)::int AS satisfied,
       (f.rating = 2)::int AS basically_satisfied,
       (f.rating = 3)::int AS dissatisfied,
       f.callback_open::int AS callbacks_open
FROM requests r
CROSS JOIN LATERAL (
  SELECT (r.table_fields ->> 'visitors')::int AS visitors,
         (r.table_fields ->> 'routed')::boolean AS routed,
         (r.table_fields ->> 'toMediation')::boolean AS to_mediation,
         (r.table_fields ->> 'closed')::boolean AS closed,
         (r.table_fields ->> 'followedUp')::boolean AS followed_up,
         (r.table_fields ->> 'rating')::int AS rating,
         (r.table_fields ->> 'callbackOpen')::boolean AS callback_open,
         (r.table_fields ->> 'hasLimit')::boolean AS has_limit,
         (r.table_fields ->> 'keptLate')::boolean AS kept_late,
         (r.table_fields ->> 'openDue')::int AS open_due
) f
CROSS JOIN LATERAL (
  VALUES ('t'::"char", r.business_type), ('c', r.channel), ('h', r.handling), ('s', r.station_code)
) g (dimension, key);

-- The period's rows of one grouping are a range of the key (dimension, day, …).
CREATE TABLE request_totals (
  dimension "char" NOT NULL,
  day date NOT NULL,
  key text NOT NULL,
  open_due integer NOT NULL,
  received integer NOT NULL,
  visitors integer NOT NULL,
  on_the_spot integer NOT NULL,
  scheduled integer NOT NULL,
  legal_aid_guidance integer NOT NULL,
  route_handling integer NOT NULL,
  to_mediation_handling integer NOT NULL,
  other_channel integer NOT NULL,
  routed integer NOT NULL,
  to_mediation integer NOT NULL,
  kept_late integer NOT NULL,
  open_limits integer NOT NULL,
  kept_in_time integer NOT NULL,
  closed integer NOT NULL,
  followed_up integer NOT NULL,
  satisfied integer NOT NULL,
  basically_satisfied integer NOT NULL,
  dissatisfied integer NOT NULL,
  callbacks_open integer NOT NULL,
  PRIMARY KEY (dimension, day, key, open_due)
);

INSERT INTO request_totals
SELECT dimension, day, key, open_due, sum(received), sum(visitors), sum(on_the_spot), sum(scheduled), sum(legal_aid_guidance),
       sum(route_handling), sum(to_mediation_handling), sum(other_channel), sum(routed), sum(to_mediation), sum(kept_late),
       sum(open_limits), sum(kept_in_time), sum(closed), sum(followed_up), sum(satisfied), sum(basically_satisfied),
       sum(dissatisfied), sum(callbacks_open)
FROM request_contributions
GROUP BY dimension, day, key, open_due;
