-- The PostgreSQL twin of data/schema/008-one-plan-index.sql (see 001-initial.sql here).
--
-- Samordna schema version 8: the activities listed by plan once, in
-- activity_overview (schema 3), which begins with the plan.

DROP INDEX activity_plan;
