-- The PostgreSQL twin of data/schema/008-leaner-indexes.sql (see 001-initial.sql here).
--
-- Samordna schema version 8: the activities listed by plan once, in
-- activity_overview (schema 3), which begins with the plan; the priority
-- tasks' activities and the imported updates' sources listed where they
-- are given. (The link tables that SQLite now keeps in the order of their
-- keys are as they were here: a PostgreSQL table is not stored by key.)

DROP INDEX activity_plan;

DROP INDEX activity_task;
CREATE INDEX activity_task ON activity (priority_task_id) WHERE priority_task_id IS NOT NULL;

DROP INDEX status_update_source;
CREATE INDEX status_update_source ON status_update (source_hash) WHERE source_hash IS NOT NULL;
