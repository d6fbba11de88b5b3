-- Samordna schema version 6: figures true to the period.
--
-- activity_change: what the store notes, in the transaction that makes the
-- change, when an activity is created or removed, or its status, progress,
-- due date or lead agency changes, with when. The figures "as at" a period
-- read an activity's own fields as they were at the period's end from it,
-- and the changes since the previous period list the activities created and
-- removed, due dates moved and leads changed. It has no foreign key: the
-- removal of an activity outlives the activity. Values are kept as text, as
-- the activity held them (ids and progress in decimal, dates as YYYY-MM-DD).

CREATE TABLE activity_change (
  id           INTEGER PRIMARY KEY,
  activity_id  INTEGER NOT NULL,
  changed_at   TEXT,
  field        TEXT NOT NULL,
  old_value    TEXT,
  new_value    TEXT,
  title        TEXT,
  plan_id      INTEGER
);
CREATE INDEX activity_change_activity ON activity_change (activity_id, changed_at);
CREATE INDEX activity_change_time ON activity_change (changed_at);

-- A reporting period closed when its report was sent: who closed it and
-- when, the date its figures were judged at, and who reopened it. A period
-- is closed while its latest closing is not reopened.

CREATE TABLE period_closing (
  id           INTEGER PRIMARY KEY,
  period       TEXT NOT NULL,
  as_at        TEXT,
  closed_at    TEXT,
  closed_by    TEXT,
  reopened_at  TEXT,
  reopened_by  TEXT
);
CREATE INDEX period_closing_period ON period_closing (period);

-- What a closing froze: the report's figures and lists as they stood, kept
-- as data under the closing's id (no foreign key, so that undoing and
-- redoing a closing finds them again). closed_activity holds each activity
-- of the strategy as the report showed it, in the report's order, with
-- what the rules found of it and what scopes need; closed_activity_agency
-- who led it, took part and answered for it by sector responsibility (for
-- the scopes of agencies and ministries); closed_measure the measures;
-- closed_status the status history up to the period; closed_change the
-- changes since the period before. Names of records that have an English
-- name (measures, agencies, sectors, target groups) are frozen twice, as
-- the plan names them and in English (the *_en columns), for reports in
-- either language. previous_status and previous_progress are each
-- activity's as at the period before (NULL: there was none), for the
-- Summary's change since it.

CREATE TABLE closed_activity (
  closing_id      INTEGER NOT NULL,
  activity_id     INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  focus_area_id   INTEGER,
  measure_id      INTEGER,
  plan_id         INTEGER,
  lead_agency_id  INTEGER,
  measure_number  INTEGER,
  measure_title   TEXT,
  plan_title      TEXT,
  plan_kind       TEXT,
  title           TEXT,
  description     TEXT,
  scope           TEXT,
  priority_task   TEXT,
  lead            TEXT,
  partners        TEXT,
  sector_duty     TEXT,
  sectors         TEXT,
  target_groups   TEXT,
  message         TEXT,
  channels        TEXT,
  languages       TEXT,
  start_date      TEXT,
  due_date        TEXT,
  status          TEXT,
  progress        INTEGER,
  overdue         INTEGER,
  running         INTEGER,
  reported        INTEGER,
  comment         TEXT,
  comment_period  TEXT,
  progress_change INTEGER,
  measure_title_en TEXT,
  lead_en         TEXT,
  partners_en     TEXT,
  sector_duty_en  TEXT,
  sectors_en      TEXT,
  target_groups_en TEXT,
  previous_status TEXT,
  previous_progress INTEGER,
  PRIMARY KEY (closing_id, activity_id)
);
CREATE INDEX closed_activity_position ON closed_activity (closing_id, position);

CREATE TABLE closed_activity_agency (
  closing_id   INTEGER NOT NULL,
  activity_id  INTEGER NOT NULL,
  agency_id    INTEGER NOT NULL,
  role         TEXT NOT NULL,
  position     INTEGER NOT NULL
);
CREATE INDEX closed_activity_agency_activity ON closed_activity_agency (closing_id, activity_id);
CREATE INDEX closed_activity_agency_agency ON closed_activity_agency (closing_id, agency_id);

CREATE TABLE closed_measure (
  closing_id     INTEGER NOT NULL,
  measure_id     INTEGER NOT NULL,
  position       INTEGER NOT NULL,
  focus_area_id  INTEGER,
  number         INTEGER,
  title          TEXT,
  title_en       TEXT,
  PRIMARY KEY (closing_id, measure_id)
);

CREATE TABLE closed_status (
  closing_id      INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  activity_id     INTEGER NOT NULL,
  measure_number  INTEGER,
  activity        TEXT,
  period          TEXT,
  status          TEXT,
  progress        INTEGER,
  comment         TEXT,
  reported_by     TEXT,
  reported_at     TEXT,
  PRIMARY KEY (closing_id, position)
);

CREATE TABLE closed_change (
  closing_id      INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  activity_id     INTEGER NOT NULL,
  focus_area_id   INTEGER,
  measure_id      INTEGER,
  plan_id         INTEGER,
  lead_agency_id  INTEGER,
  measure_number  INTEGER,
  title           TEXT,
  lead            TEXT,
  old_value       TEXT,
  new_value       TEXT,
  points          INTEGER,
  lead_en         TEXT,
  PRIMARY KEY (closing_id, position)
);
