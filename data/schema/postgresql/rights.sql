-- Who may do what in a Samordna database on a PostgreSQL server: applied
-- by `samordna server init` after the migrations, again on every init (it
-- adds what is missing and replaces the rules).
--
-- Each database has three roles, named after it: <db>_secretariat edits
-- everything; <db>_reader reads; <db>_editor is the base of one role per
-- agency, <db>_agency_<id>, whose members edit the activities the agency
-- leads and record status for the activities it leads or takes part in.
-- `samordna server grant` gives a login one of them. The rules are
-- privileges, row-level security policies and triggers, all in the
-- database, so that a login that connects with psql can do no more than in
-- Samordna. The database's owner, who runs init, is bound by none of them.

INSERT INTO samordna_role (role_name, kind)
SELECT left(current_database(), 40) || '_' || kind, kind
FROM (VALUES ('secretariat'), ('reader'), ('editor')) k (kind)
ON CONFLICT DO NOTHING;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'samordna_role_agency_id_fkey') THEN
    ALTER TABLE samordna_role ADD CONSTRAINT samordna_role_agency_id_fkey
      FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'samordna_change_author_change_id_fkey') THEN
    DELETE FROM samordna_change_author WHERE change_id NOT IN (SELECT id FROM activity_change);
    ALTER TABLE samordna_change_author ADD CONSTRAINT samordna_change_author_change_id_fkey
      FOREIGN KEY (change_id) REFERENCES activity_change (id) ON DELETE CASCADE;
  END IF;
END $$;

-- The roles, and what each may do with each table.
DO $$
DECLARE
  r record;
  t text;
  rows_by_agency text[] := ARRAY['activity', 'activity_partner', 'activity_sector',
                                 'activity_target_group', 'activity_channel', 'activity_language'];
BEGIN
  FOR r IN SELECT role_name, kind FROM samordna_role ORDER BY kind = 'agency', role_name LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.role_name) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r.role_name);
    END IF;
    IF r.kind = 'agency' THEN
      EXECUTE format('GRANT %I TO %I', (SELECT role_name FROM samordna_role WHERE kind = 'editor'), r.role_name);
      CONTINUE;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r.role_name);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', r.role_name);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', r.role_name);
    IF r.kind = 'secretariat' THEN
      FOR t IN SELECT c.relname FROM pg_class c
               WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                 AND c.relname NOT IN ('samordna_database', 'samordna_role', 'samordna_change_author') LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO %I', t, r.role_name);
      END LOOP;
      EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', r.role_name);
    ELSIF r.kind = 'editor' THEN
      FOREACH t IN ARRAY rows_by_agency LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO %I', t, r.role_name);
      END LOOP;
      EXECUTE format('GRANT INSERT ON status_update TO %I', r.role_name);
      -- The store notes each change of an activity in its history, and
      -- undo takes the note back with the change (policies below).
      EXECUTE format('GRANT INSERT, DELETE ON activity_change TO %I', r.role_name);
      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence('activity', 'id'), r.role_name);
      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence('status_update', 'id'), r.role_name);
      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence('activity_change', 'id'), r.role_name);
    END IF;
  END LOOP;
END $$;

-- Whether the login is one of the secretariat (or the server's superuser).
CREATE OR REPLACE FUNCTION samordna_is_secretariat () RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT FROM samordna_role r JOIN pg_roles g ON g.rolname = r.role_name
                 WHERE r.kind = 'secretariat' AND pg_has_role (g.oid, 'MEMBER'))
$$;

-- The agencies the login edits for.
CREATE OR REPLACE FUNCTION samordna_my_agencies () RETURNS SETOF bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT r.agency_id FROM samordna_role r JOIN pg_roles g ON g.rolname = r.role_name
  WHERE r.kind = 'agency' AND pg_has_role (g.oid, 'MEMBER')
$$;

-- Whether the login's agency leads @activity.
CREATE OR REPLACE FUNCTION samordna_leads (activity bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT FROM activity a WHERE a.id = $1
                 AND a.lead_agency_id IN (SELECT samordna_my_agencies ()))
$$;

-- Whether the login's agency leads @activity or takes part in it.
CREATE OR REPLACE FUNCTION samordna_takes_part (activity bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
  SELECT samordna_leads ($1)
         OR EXISTS (SELECT FROM activity_partner p WHERE p.activity_id = $1
                    AND p.agency_id IN (SELECT samordna_my_agencies ()))
$$;

-- A partner agency records status: it may change an activity's status and
-- progress and nothing else; and only the secretariat gives an activity
-- another lead. Policies see only the new row, so this is a trigger.
CREATE OR REPLACE FUNCTION samordna_activity_rights () RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  kept activity;
BEGIN
  IF samordna_is_secretariat () OR NOT EXISTS (SELECT samordna_my_agencies ()) THEN
    RETURN NEW;
  END IF;
  IF OLD.lead_agency_id IN (SELECT samordna_my_agencies ()) THEN
    IF NEW.lead_agency_id IN (SELECT samordna_my_agencies ()) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format('only the secretariat may give activity %s another lead agency', OLD.id);
  END IF;
  kept := NEW;
  kept.status := OLD.status;
  kept.progress := OLD.progress;
  IF kept IS NOT DISTINCT FROM OLD THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
    MESSAGE = format('a partner agency may change only the status and progress of activity %s', OLD.id);
END
$$;

DROP TRIGGER IF EXISTS samordna_activity_rights ON activity;
CREATE TRIGGER samordna_activity_rights BEFORE UPDATE ON activity
  FOR EACH ROW EXECUTE FUNCTION samordna_activity_rights ();

-- Row-level security: everyone with a role reads every row; the rows
-- below are written by the secretariat, and by the agencies as said.
DO $$
DECLARE
  t text;
  links text[] := ARRAY['activity_partner', 'activity_sector', 'activity_target_group',
                        'activity_channel', 'activity_language'];
BEGIN
  FOREACH t IN ARRAY links || ARRAY['activity', 'status_update'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS samordna_read ON %I', t);
    EXECUTE format('CREATE POLICY samordna_read ON %I FOR SELECT USING (true)', t);
    EXECUTE format('DROP POLICY IF EXISTS samordna_secretariat ON %I', t);
    EXECUTE format('CREATE POLICY samordna_secretariat ON %I USING (samordna_is_secretariat ()) '
                   'WITH CHECK (samordna_is_secretariat ())', t);
  END LOOP;
  FOREACH t IN ARRAY links LOOP
    EXECUTE format('DROP POLICY IF EXISTS samordna_lead ON %I', t);
    EXECUTE format('CREATE POLICY samordna_lead ON %I USING (samordna_leads (activity_id)) '
                   'WITH CHECK (samordna_leads (activity_id))', t);
  END LOOP;
END $$;

DROP POLICY IF EXISTS samordna_lead_adds ON activity;
CREATE POLICY samordna_lead_adds ON activity FOR INSERT
  WITH CHECK (lead_agency_id IN (SELECT samordna_my_agencies ()));
DROP POLICY IF EXISTS samordna_lead_or_partner_changes ON activity;
CREATE POLICY samordna_lead_or_partner_changes ON activity FOR UPDATE
  USING (samordna_takes_part (id)) WITH CHECK (samordna_takes_part (id));
DROP POLICY IF EXISTS samordna_lead_deletes ON activity;
CREATE POLICY samordna_lead_deletes ON activity FOR DELETE
  USING (lead_agency_id IN (SELECT samordna_my_agencies ()));
DROP POLICY IF EXISTS samordna_reports ON status_update;
CREATE POLICY samordna_reports ON status_update FOR INSERT
  WITH CHECK (samordna_takes_part (activity_id));

-- The notes of what changed an activity (activity_change): an agency
-- notes the changes of the activities it leads or takes part in (and the
-- removal of one it led), and takes back by undo only the notes it made
-- itself: samordna_change_author keeps who made each (filled by a
-- trigger that runs as the owner; users cannot write it).
CREATE OR REPLACE FUNCTION samordna_change_noted () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO samordna_change_author (change_id, role_name) VALUES (NEW.id, session_user)
  ON CONFLICT (change_id) DO UPDATE SET role_name = EXCLUDED.role_name;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION samordna_change_noted () FROM PUBLIC;

DROP TRIGGER IF EXISTS samordna_change_noted ON activity_change;
CREATE TRIGGER samordna_change_noted AFTER INSERT ON activity_change
  FOR EACH ROW EXECUTE FUNCTION samordna_change_noted ();

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT role_name FROM samordna_role WHERE kind <> 'agency' LOOP
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON samordna_change_author FROM %I', r.role_name);
  END LOOP;
END $$;

ALTER TABLE activity_change ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS samordna_read ON activity_change;
CREATE POLICY samordna_read ON activity_change FOR SELECT USING (true);
DROP POLICY IF EXISTS samordna_secretariat ON activity_change;
CREATE POLICY samordna_secretariat ON activity_change USING (samordna_is_secretariat ())
  WITH CHECK (samordna_is_secretariat ());
DROP POLICY IF EXISTS samordna_notes ON activity_change;
CREATE POLICY samordna_notes ON activity_change FOR INSERT
  WITH CHECK (samordna_takes_part (activity_id)
              OR (field = 'removed' AND NOT EXISTS (SELECT FROM activity a WHERE a.id = activity_id)
                  AND old_value IN (SELECT m::text FROM samordna_my_agencies () m)));
DROP POLICY IF EXISTS samordna_own_notes ON activity_change;
CREATE POLICY samordna_own_notes ON activity_change FOR DELETE
  USING (EXISTS (SELECT FROM samordna_change_author n
                 WHERE n.change_id = activity_change.id AND n.role_name = session_user));

-- The status history is append-only: an update, once recorded, is kept as
-- it was. Editors and readers may not change or delete one (they have no
-- such privilege, revoked again here in case someone granted it), and a
-- trigger refuses it whatever privileges say. Only the secretariat (and
-- the database's owner) may take one back: the undo of "Record Status…"
-- in Samordna deletes the update it recorded. An editor's own undo of a
-- status it recorded is refused like any other change it may not make.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT role_name FROM samordna_role WHERE kind IN ('editor', 'reader') LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON status_update FROM %I', r.role_name);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION samordna_status_history_kept () RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF samordna_is_secretariat ()
     OR pg_has_role ((SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
    MESSAGE = format('the status history is kept as recorded: only the secretariat may change or delete status update %s',
                     OLD.id);
END
$$;

DROP TRIGGER IF EXISTS samordna_status_history_kept ON status_update;
CREATE TRIGGER samordna_status_history_kept BEFORE UPDATE OR DELETE ON status_update
  FOR EACH ROW EXECUTE FUNCTION samordna_status_history_kept ();
