-- Every window on a Samordna database on a PostgreSQL server sees what
-- others change within a second: each statement that changes a table
-- sends a notification on the channel samordna_changed, which the
-- window's connection listens to (sam-db-pg.c reads it from libpq's socket
-- in the main loop). The payload is empty, so that the server sends one
-- notification per transaction however many statements and tables it
-- touches; a window tells its own changes by the sender's process id.
-- Applied by `samordna server init` after the migrations and the rights,
-- again on every init, so that tables new migrations add are watched too.
-- Not a migration: the SQLite file needs nothing of it (its data_version
-- tells its connections what others committed).

CREATE OR REPLACE FUNCTION samordna_notify () RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_notify('samordna_changed', '');
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS samordna_notify ON %I', t);
    EXECUTE format('CREATE TRIGGER samordna_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION samordna_notify ()', t);
  END LOOP;
END $$;
