-- The PostgreSQL twin of data/schema/002-information-and-attendance.sql (see 001-initial.sql here).
--
-- Samordna schema version 2: information activities carry a message,
-- channels and languages; seminars record attendance, a waiting list and
-- an evaluation.

ALTER TABLE activity ADD COLUMN message text;

CREATE TABLE activity_channel (
  activity_id bigint NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  channel     text NOT NULL,
  position    bigint NOT NULL,
  PRIMARY KEY (activity_id, channel)
);

CREATE TABLE activity_language (
  activity_id bigint NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  language    text NOT NULL,
  position    bigint NOT NULL,
  PRIMARY KEY (activity_id, language)
);

ALTER TABLE registration ADD COLUMN attended bigint CHECK (attended >= 0);
ALTER TABLE registration ADD COLUMN waitlisted bigint NOT NULL DEFAULT 0;
ALTER TABLE seminar ADD COLUMN evaluation_score bigint CHECK (evaluation_score BETWEEN 1 AND 5);
ALTER TABLE seminar ADD COLUMN evaluation_comment text;
