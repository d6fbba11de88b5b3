-- The PostgreSQL twin of data/schema/003-overview-index.sql (see 001-initial.sql here).
--
-- Samordna schema version 3: an index that holds what the Overview and
-- the report's summary count per plan, so that they read it without
-- reading every activity.

CREATE INDEX activity_overview ON activity (plan_id, status, progress, due_date);
