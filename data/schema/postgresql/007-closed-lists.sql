-- The PostgreSQL twin of data/schema/007-closed-lists.sql (see 001-initial.sql here).
--
-- Samordna schema version 7: a closed period's report holds every list it
-- showed.
--
-- closed_row: the rows of the report's other lists as a closing froze them
-- (the Knowledge and goals sheet, the Obligations sheet, the Follow-up
-- sheet's activities not reported and activities with no lead), each list
-- under its name, once with the names as the plan gives them (english 0)
-- and once in English (english 1), in the report's order. The columns
-- c0… hold what the list's reader reads from today's data, column for
-- column, as text; activity_id or measure_id says what the row is of, for
-- the scope of a report. No foreign key, as for the other closed_ tables.

CREATE TABLE closed_row (
  closing_id   bigint NOT NULL,
  list         text NOT NULL,
  english      bigint NOT NULL,
  position     bigint NOT NULL,
  activity_id  bigint,
  measure_id   bigint,
  c0 text,
  c1 text,
  c2 text,
  c3 text,
  c4 text,
  c5 text,
  c6 text,
  c7 text,
  c8 text,
  c9 text,
  c10 text,
  c11 text,
  c12 text,
  PRIMARY KEY (closing_id, list, english, position)
);
