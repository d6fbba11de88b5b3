-- Samordna schema version 8: indexes that hold what is looked up, once.
--
-- The file's full integrity check finds the entry of every row in every
-- index; at 100,000 activities it took 1.36 s, of which these took 0.49 s.
--
-- activity_plan listed the activities by plan, as activity_overview
-- (schema 3) does before its other columns: every lookup by plan can take
-- that one.
--
-- activity_task and status_update_source listed every row, where only
-- some activities serve a priority task and only imported updates have a
-- source: they now list those (a lookup of a value finds it there).

DROP INDEX activity_plan;

DROP INDEX activity_task;
CREATE INDEX activity_task ON activity (priority_task_id) WHERE priority_task_id IS NOT NULL;

DROP INDEX status_update_source;
CREATE INDEX status_update_source ON status_update (source_hash) WHERE source_hash IS NOT NULL;

-- An activity's partners, sectors and target groups were each a table
-- beside an index of its primary key (activity, agency/sector/group), and
-- every lookup by activity went from the index to the table. Each is now
-- kept in the order of its key (WITHOUT ROWID): one B-tree instead of
-- two, read directly by activity. A link to an activity, agency, sector
-- or target group that is not there (a file written with foreign keys
-- off) is left behind, as it links nothing; the rest opens.

CREATE TABLE activity_partner_by_key (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  agency_id   INTEGER NOT NULL REFERENCES agency (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, agency_id)
) WITHOUT ROWID;
INSERT INTO activity_partner_by_key (activity_id, agency_id, position)
  SELECT activity_id, agency_id, position FROM activity_partner
  WHERE activity_id IN (SELECT id FROM activity) AND agency_id IN (SELECT id FROM agency);
DROP TABLE activity_partner;
ALTER TABLE activity_partner_by_key RENAME TO activity_partner;
CREATE INDEX activity_partner_agency ON activity_partner (agency_id);

CREATE TABLE activity_sector_by_key (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  sector_id   INTEGER NOT NULL REFERENCES sector (id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, sector_id)
) WITHOUT ROWID;
INSERT INTO activity_sector_by_key (activity_id, sector_id, position)
  SELECT activity_id, sector_id, position FROM activity_sector
  WHERE activity_id IN (SELECT id FROM activity) AND sector_id IN (SELECT id FROM sector);
DROP TABLE activity_sector;
ALTER TABLE activity_sector_by_key RENAME TO activity_sector;
CREATE INDEX activity_sector_sector ON activity_sector (sector_id);

CREATE TABLE activity_target_group_by_key (
  activity_id     INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  target_group_id INTEGER NOT NULL REFERENCES target_group (id),
  position        INTEGER NOT NULL,
  PRIMARY KEY (activity_id, target_group_id)
) WITHOUT ROWID;
INSERT INTO activity_target_group_by_key (activity_id, target_group_id, position)
  SELECT activity_id, target_group_id, position FROM activity_target_group
  WHERE activity_id IN (SELECT id FROM activity) AND target_group_id IN (SELECT id FROM target_group);
DROP TABLE activity_target_group;
ALTER TABLE activity_target_group_by_key RENAME TO activity_target_group;
CREATE INDEX activity_target_group_group ON activity_target_group (target_group_id);
