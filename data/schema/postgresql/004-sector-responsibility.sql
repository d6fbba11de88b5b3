-- The PostgreSQL twin of data/schema/004-sector-responsibility.sql (see 001-initial.sql here).
--
-- Samordna schema version 4: sector responsibility, where each fact comes
-- from, and English names.
--
-- A sector names the ministry responsible for it ("sektoransvar"); an
-- activity without a named lead is accountable to the ministries of its
-- sectors. An agency may be a body that receives reports rather than acts.
-- The records a strategy text gives carry the sentence they come from, and
-- measures, agencies, sectors and target groups an optional English name.

ALTER TABLE sector ADD COLUMN ministry_id bigint REFERENCES agency (id);
ALTER TABLE sector ADD COLUMN name_en text;
ALTER TABLE sector ADD COLUMN source_quote text;
CREATE INDEX sector_ministry ON sector (ministry_id);

ALTER TABLE agency ADD COLUMN name_en text;
ALTER TABLE agency ADD COLUMN role text;
ALTER TABLE agency ADD COLUMN source_quote text;

ALTER TABLE target_group ADD COLUMN name_en text;
ALTER TABLE target_group ADD COLUMN source_quote text;

ALTER TABLE measure ADD COLUMN title_en text;
ALTER TABLE measure ADD COLUMN source_quote text;

ALTER TABLE focus_area ADD COLUMN source_quote text;
ALTER TABLE goal ADD COLUMN source_quote text;
ALTER TABLE priority_task ADD COLUMN source_quote text;
ALTER TABLE plan ADD COLUMN source_quote text;
ALTER TABLE activity ADD COLUMN source_quote text;
ALTER TABLE seminar_format ADD COLUMN source_quote text;
ALTER TABLE knowledge_gap ADD COLUMN source_quote text;
ALTER TABLE rd_project ADD COLUMN source_quote text;
ALTER TABLE obligation ADD COLUMN source_quote text;

-- The default plan's sectors get their ministry, found by the sector's
-- name and the ministry's short name (both unique); a sector or ministry
-- renamed since is left alone.
WITH responsible (sector, ministry) AS (VALUES
  ('Barnevern', 'BFD'),
  ('Politi og påtalemyndighet', 'JD'),
  ('Utlendingsforvaltning', 'JD'),
  ('Asylmottak', 'JD'),
  ('Helse- og omsorgstjenester', 'HOD'),
  ('Arbeidstilsyn', 'AID'),
  ('Arbeids- og velferdsforvaltning', 'AID'),
  ('Integrering', 'AID'),
  ('Utenrikstjenesten', 'UD'),
  ('Samferdsel', 'SD'),
  ('Grensekontroll', 'JD'),
  ('Advokater og domstoler', 'JD'),
  ('Bistandsforvaltning og utviklingssamarbeid', 'UD'),
  ('Næringsliv og arbeidsliv', 'AID'))
UPDATE sector SET ministry_id = (
  SELECT g.id FROM responsible r JOIN agency g ON g.short_name = r.ministry AND g.kind = 'ministry'
  WHERE r.sector = sector.name);

-- Any other sector that exactly one ministry lists among its own sectors
-- is that ministry's: what the ministry check read before this version.
UPDATE sector SET ministry_id = (
  SELECT min(g.id) FROM agency_sector x JOIN agency g ON g.id = x.agency_id AND g.kind = 'ministry'
  WHERE x.sector_id = sector.id)
WHERE ministry_id IS NULL
  AND (SELECT count(*) FROM agency_sector x JOIN agency g ON g.id = x.agency_id AND g.kind = 'ministry'
       WHERE x.sector_id = sector.id) = 1;

-- The default plan's two bodies that receive reports rather than act.
UPDATE agency SET role = 'recipient'
WHERE role IS NULL AND short_name IN ('GRETA', 'Rapportørordningen');
