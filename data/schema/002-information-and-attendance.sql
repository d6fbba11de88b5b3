-- Samordna schema version 2: information activities carry a message,
-- channels and languages; seminars record attendance, a waiting list and
-- an evaluation.

ALTER TABLE activity ADD COLUMN message TEXT;

CREATE TABLE activity_channel (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  channel     TEXT NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, channel)
);

CREATE TABLE activity_language (
  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  language    TEXT NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, language)
);

ALTER TABLE registration ADD COLUMN attended INTEGER CHECK (attended >= 0);
ALTER TABLE registration ADD COLUMN waitlisted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE seminar ADD COLUMN evaluation_score INTEGER CHECK (evaluation_score BETWEEN 1 AND 5);
ALTER TABLE seminar ADD COLUMN evaluation_comment TEXT;
