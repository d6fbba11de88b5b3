-- What a Samordna database on a PostgreSQL server holds besides the
-- schema of the migrations: applied by `samordna server init` before them,
-- again on every init (it only adds what is missing).

-- What a file keeps in PRAGMA application_id and user_version: that the
-- database is Samordna's ("SAMO") and the schema version of its tables.
CREATE TABLE IF NOT EXISTS samordna_database (
  only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  application_id bigint NOT NULL,
  version        integer NOT NULL
);

-- Which roles of the server are this database's (role names are the
-- server's, shared by its databases): the secretariat, the readers, the
-- editors, and one role per agency whose members edit for it.
CREATE TABLE IF NOT EXISTS samordna_role (
  role_name text PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('secretariat', 'reader', 'editor', 'agency')),
  agency_id bigint UNIQUE,
  CHECK ((kind = 'agency') = (agency_id IS NOT NULL))
);

-- Names compared and sorted without regard to case (SQLite's NOCASE in
-- the store's SQL; see SAM_SQL_NOCASE), in Norwegian order: æ, ø and å
-- after z, where SQLite's NOCASE (bytes of UTF-8) puts them too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_collation WHERE collname = 'sam_nocase'
                 AND collnamespace = 'public'::regnamespace) THEN
    CREATE COLLATION public.sam_nocase (provider = icu, locale = 'nb-u-ks-level2', deterministic = false);
  END IF;
  -- The same by SQLite's name, for the orders the kinds' tables share
  -- with the file (src/core/sam-kind.c: "name COLLATE NOCASE, id").
  IF NOT EXISTS (SELECT FROM pg_collation WHERE collname = 'nocase'
                 AND collnamespace = 'public'::regnamespace) THEN
    CREATE COLLATION public.nocase (provider = icu, locale = 'nb-u-ks-level2', deterministic = false);
  END IF;
END $$;

-- Who noted each change in activity_change (the store's notes of what
-- changed an activity, which undo takes back with the change): the login
-- that made it. An agency's editor may take back its own notes and no
-- one else's (rights.sql); a trigger fills this table, and no user
-- writes it.
CREATE TABLE IF NOT EXISTS samordna_change_author (
  change_id bigint PRIMARY KEY,
  role_name text NOT NULL
);
