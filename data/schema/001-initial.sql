-- Samordna schema version 1: the domain model of DESIGN.md.
-- Applied in one transaction to an empty database.

CREATE TABLE strategy (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  description TEXT,
  start_year  INTEGER,
  end_year    INTEGER
);

CREATE TABLE sector (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT
);

CREATE TABLE agency (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  short_name  TEXT UNIQUE,
  kind        TEXT,
  parent_id   INTEGER REFERENCES agency (id),
  contact     TEXT,
  description TEXT
);
CREATE INDEX agency_parent ON agency (parent_id);

CREATE TABLE agency_sector (
  agency_id   INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
  sector_id   INTEGER NOT NULL REFERENCES sector (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  PRIMARY KEY (agency_id, sector_id)
);
CREATE INDEX agency_sector_sector ON agency_sector (sector_id);

CREATE TABLE target_group (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  category    TEXT,
  parent_id   INTEGER REFERENCES target_group (id),
  description TEXT
);
CREATE INDEX target_group_parent ON target_group (parent_id);

CREATE TABLE target_group_sector (
  target_group_id INTEGER NOT NULL REFERENCES target_group (id) ON DELETE CASCADE,
  sector_id       INTEGER NOT NULL REFERENCES sector (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  PRIMARY KEY (target_group_id, sector_id)
);
CREATE INDEX target_group_sector_sector ON target_group_sector (sector_id);

CREATE TABLE focus_area (
  id          INTEGER PRIMARY KEY,
  strategy_id INTEGER NOT NULL REFERENCES strategy (id),
  number      INTEGER,
  title       TEXT NOT NULL,
  goal        TEXT,
  description TEXT
);
CREATE INDEX focus_area_strategy ON focus_area (strategy_id);

CREATE TABLE measure (
  id            INTEGER PRIMARY KEY,
  focus_area_id INTEGER NOT NULL REFERENCES focus_area (id),
  number        INTEGER,
  title         TEXT NOT NULL,
  description   TEXT
);
CREATE INDEX measure_focus_area ON measure (focus_area_id);

CREATE TABLE goal (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure (id),
  position    INTEGER,
  text        TEXT NOT NULL
);
CREATE INDEX goal_measure ON goal (measure_id);

CREATE TABLE priority_task (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure (id),
  position    INTEGER,
  title       TEXT NOT NULL,
  description TEXT
);
CREATE INDEX priority_task_measure ON priority_task (measure_id);

CREATE TABLE plan (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measure (id),
  title       TEXT NOT NULL,
  kind        TEXT,
  scope       TEXT,
  start_date  TEXT,
  end_date    TEXT,
  description TEXT
);
CREATE INDEX plan_measure ON plan (measure_id);

CREATE TABLE activity (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plan (id),
  priority_task_id INTEGER REFERENCES priority_task (id),
  title            TEXT NOT NULL,
  description      TEXT,
  scope            TEXT,
  lead_agency_id   INTEGER REFERENCES agency (id),
  start_date       TEXT,
  due_date         TEXT,
  status           TEXT,
  progress         INTEGER CHECK (progress BETWEEN 0 AND 100)
);
CREATE INDEX activity_plan ON activity (plan_id);
CREATE INDEX activity_lead ON activity (lead_agency_id);
CREATE INDEX activity_task ON activity (priority_task_id);

CREATE TABLE activity_partner (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  agency_id   INTEGER NOT NULL REFERENCES agency (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, agency_id)
);
CREATE INDEX activity_partner_agency ON activity_partner (agency_id);

CREATE TABLE activity_sector (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  sector_id   INTEGER NOT NULL REFERENCES sector (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, sector_id)
);
CREATE INDEX activity_sector_sector ON activity_sector (sector_id);

CREATE TABLE activity_target_group (
  activity_id     INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  target_group_id INTEGER NOT NULL REFERENCES target_group (id),
  position        INTEGER NOT NULL,
  PRIMARY KEY (activity_id, target_group_id)
);
CREATE INDEX activity_target_group_group ON activity_target_group (target_group_id);

CREATE TABLE reporting_period (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER REFERENCES plan (id),
  code        TEXT NOT NULL,
  start_date  TEXT,
  end_date    TEXT
);

CREATE TABLE status_update (
  id          INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activity (id),
  period_id   INTEGER NOT NULL REFERENCES reporting_period (id),
  status      TEXT,
  progress    INTEGER CHECK (progress BETWEEN 0 AND 100),
  comment     TEXT,
  reported_by TEXT,
  reported_at TEXT
);
CREATE INDEX status_update_activity ON status_update (activity_id, reported_at);
CREATE INDEX status_update_period ON status_update (period_id);

CREATE TABLE seminar_format (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT,
  min_per_year INTEGER,
  max_per_year INTEGER,
  organiser_id INTEGER REFERENCES agency (id),
  description  TEXT
);

CREATE TABLE seminar (
  id           INTEGER PRIMARY KEY,
  format_id    INTEGER NOT NULL REFERENCES seminar_format (id),
  title        TEXT NOT NULL,
  starts_at    TEXT,
  ends_at      TEXT,
  place        TEXT,
  online       INTEGER,
  organiser_id INTEGER REFERENCES agency (id),
  activity_id  INTEGER REFERENCES activity (id),
  theme        TEXT,
  capacity     INTEGER CHECK (capacity >= 0),
  status       TEXT
);
CREATE INDEX seminar_starts ON seminar (starts_at);

CREATE TABLE seminar_partner (
  seminar_id  INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
  agency_id   INTEGER NOT NULL REFERENCES agency (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, agency_id)
);

CREATE TABLE seminar_sector (
  seminar_id  INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
  sector_id   INTEGER NOT NULL REFERENCES sector (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, sector_id)
);

CREATE TABLE seminar_target_group (
  seminar_id      INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
  target_group_id INTEGER NOT NULL REFERENCES target_group (id),
  position        INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, target_group_id)
);

CREATE TABLE seminar_invitation (
  seminar_id   INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
  organisation TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (seminar_id, organisation)
);

CREATE TABLE registration (
  id            INTEGER PRIMARY KEY,
  seminar_id    INTEGER NOT NULL REFERENCES seminar (id) ON DELETE CASCADE,
  organisation  TEXT NOT NULL,
  sector_id     INTEGER REFERENCES sector (id),
  participants  INTEGER CHECK (participants >= 0),
  registered_at TEXT,
  names         TEXT
);
CREATE INDEX registration_seminar ON registration (seminar_id);

CREATE TABLE knowledge_gap (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER REFERENCES measure (id),
  number      INTEGER,
  title       TEXT NOT NULL,
  description TEXT
);

CREATE TABLE rd_project (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  description    TEXT,
  lead_agency_id INTEGER REFERENCES agency (id),
  due_date       TEXT,
  status         TEXT
);

CREATE TABLE rd_project_gap (
  rd_project_id INTEGER NOT NULL REFERENCES rd_project (id) ON DELETE CASCADE,
  gap_id        INTEGER NOT NULL REFERENCES knowledge_gap (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (rd_project_id, gap_id)
);

CREATE TABLE obligation (
  id          INTEGER PRIMARY KEY,
  source      TEXT,
  reference   TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT
);

CREATE TABLE obligation_measure (
  obligation_id INTEGER NOT NULL REFERENCES obligation (id) ON DELETE CASCADE,
  measure_id    INTEGER NOT NULL REFERENCES measure (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (obligation_id, measure_id)
);

CREATE TABLE obligation_activity (
  obligation_id INTEGER NOT NULL REFERENCES obligation (id) ON DELETE CASCADE,
  activity_id   INTEGER NOT NULL REFERENCES activity (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (obligation_id, activity_id)
);
