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
  closing_id   INTEGER NOT NULL,
  list         TEXT NOT NULL,
  english      INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  activity_id  INTEGER,
  measure_id   INTEGER,
  c0 TEXT,
  c1 TEXT,
  c2 TEXT,
  c3 TEXT,
  c4 TEXT,
  c5 TEXT,
  c6 TEXT,
  c7 TEXT,
  c8 TEXT,
  c9 TEXT,
  c10 TEXT,
  c11 TEXT,
  c12 TEXT,
  PRIMARY KEY (closing_id, list, english, position)
);
