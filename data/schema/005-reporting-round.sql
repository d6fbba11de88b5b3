-- Samordna schema: the reporting round. Each period the secretariat writes
-- one status form per agency and imports the forms that come back.
--
-- database_identity holds one random UUID (written by the store when it
-- creates or migrates a file), so that a form tells which database wrote it.

CREATE TABLE database_identity (
  uuid TEXT NOT NULL PRIMARY KEY
);

CREATE TABLE reporting_round (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  period      TEXT NOT NULL,
  deadline    TEXT,
  language    TEXT,
  folder      TEXT,
  created_at  TEXT
);
CREATE INDEX reporting_round_period ON reporting_round (period);

CREATE TABLE round_form (
  id            INTEGER PRIMARY KEY,
  round_id      INTEGER NOT NULL REFERENCES reporting_round (id),
  agency_id     INTEGER NOT NULL REFERENCES agency (id),
  form_version  INTEGER,
  written_at    TEXT,
  written_path  TEXT,
  rows_total    INTEGER CHECK (rows_total >= 0),
  received_at   TEXT,
  received_file TEXT,
  received_hash TEXT,
  rows_answered INTEGER CHECK (rows_answered >= 0)
);
CREATE INDEX round_form_round ON round_form (round_id, agency_id);
CREATE INDEX round_form_agency ON round_form (agency_id);

-- Where an update came from when it was imported from a form.
ALTER TABLE status_update ADD COLUMN agency_id INTEGER REFERENCES agency (id);
ALTER TABLE status_update ADD COLUMN source_file TEXT;
ALTER TABLE status_update ADD COLUMN source_hash TEXT;
ALTER TABLE status_update ADD COLUMN imported_at TEXT;
CREATE INDEX status_update_agency ON status_update (agency_id);
CREATE INDEX status_update_source ON status_update (source_hash);
