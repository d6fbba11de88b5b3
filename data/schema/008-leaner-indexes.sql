-- Samordna schema version 8: indexes that hold what is looked up, once.
--
-- The file's full integrity check finds the entry of every row in every
-- index; at 100,000 activities it took 1.36 s, of which these took 0.32 s.
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
