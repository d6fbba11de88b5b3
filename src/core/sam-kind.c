#define G_LOG_DOMAIN "sam-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-kind.h"

#define TEXT(n, l, max, req)  { n, l, SAM_FIELD_TEXT, SAM_KIND_NONE, NULL, NULL, NULL, max, req }
#define INT(n, l)             { n, l, SAM_FIELD_INT, SAM_KIND_NONE, NULL, NULL, NULL, 0, FALSE }
#define BOOL(n, l)            { n, l, SAM_FIELD_BOOL, SAM_KIND_NONE, NULL, NULL, NULL, 0, FALSE }
#define DATE(n, l)            { n, l, SAM_FIELD_DATE, SAM_KIND_NONE, NULL, NULL, NULL, 0, FALSE }
#define DATETIME(n, l)        { n, l, SAM_FIELD_DATETIME, SAM_KIND_NONE, NULL, NULL, NULL, 0, FALSE }
#define ENUM(n, l, v)         { n, l, SAM_FIELD_ENUM, SAM_KIND_NONE, v, NULL, NULL, 0, FALSE }
#define REF(n, l, k, req)     { n, l, SAM_FIELD_REF, k, NULL, NULL, NULL, 0, req }
#define REFS(n, l, k, t, c)   { n, l, SAM_FIELD_REFS, k, NULL, t, c, 0, FALSE }
#define STRINGS(n, l, t, c)   { n, l, SAM_FIELD_STRINGS, SAM_KIND_NONE, NULL, t, c, 200, FALSE }

/* Longest texts, in characters: names and titles are shown in one line. */
#define TITLE_MAX 200
#define TEXT_MAX 10000

/* The sentence of the strategy text a record comes from, word for word, so
 * that a reader can find it there. */
#define SOURCE TEXT ("source_quote", N_("From the strategy"), TEXT_MAX, FALSE)

static const SamField strategy_fields[] = {
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  INT ("start_year", N_("First year")),
  INT ("end_year", N_("Last year")),
};

static const SamField sector_fields[] = {
  TEXT ("name", N_("Name"), TITLE_MAX, TRUE),
  TEXT ("name_en", N_("English name"), TITLE_MAX, FALSE),
  REF ("ministry_id", N_("Responsible ministry"), SAM_KIND_AGENCY, FALSE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField agency_fields[] = {
  TEXT ("name", N_("Name"), TITLE_MAX, TRUE),
  TEXT ("name_en", N_("English name"), TITLE_MAX, FALSE),
  TEXT ("short_name", N_("Short name"), 40, FALSE),
  ENUM ("kind", N_("Kind"), sam_agency_kind_values),
  ENUM ("role", N_("Role"), sam_agency_role_values),
  REF ("parent_id", N_("Reports to"), SAM_KIND_AGENCY, FALSE),
  REFS ("sectors", N_("Sectors"), SAM_KIND_SECTOR, "agency_sector", "sector_id"),
  TEXT ("contact", N_("Contact"), TITLE_MAX, FALSE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField target_group_fields[] = {
  TEXT ("name", N_("Name"), TITLE_MAX, TRUE),
  TEXT ("name_en", N_("English name"), TITLE_MAX, FALSE),
  ENUM ("category", N_("Category"), sam_target_category_values),
  REF ("parent_id", N_("Part of"), SAM_KIND_TARGET_GROUP, FALSE),
  REFS ("sectors", N_("Sectors"), SAM_KIND_SECTOR, "target_group_sector", "sector_id"),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField focus_area_fields[] = {
  REF ("strategy_id", N_("Strategy"), SAM_KIND_STRATEGY, TRUE),
  INT ("number", N_("Number")),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("goal", N_("Goal"), TEXT_MAX, FALSE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField measure_fields[] = {
  REF ("focus_area_id", N_("Focus area"), SAM_KIND_FOCUS_AREA, TRUE),
  INT ("number", N_("Number")),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("title_en", N_("English title"), TITLE_MAX, FALSE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField goal_fields[] = {
  REF ("measure_id", N_("Measure"), SAM_KIND_MEASURE, TRUE),
  INT ("position", N_("Position")),
  TEXT ("text", N_("Goal"), TEXT_MAX, TRUE),
  SOURCE,
};

static const SamField priority_task_fields[] = {
  REF ("measure_id", N_("Measure"), SAM_KIND_MEASURE, TRUE),
  INT ("position", N_("Position")),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField plan_fields[] = {
  REF ("measure_id", N_("Measure"), SAM_KIND_MEASURE, TRUE),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  ENUM ("kind", N_("Kind"), sam_plan_kind_values),
  ENUM ("scope", N_("Scope"), sam_scope_values),
  DATE ("start_date", N_("Start")),
  DATE ("end_date", N_("End")),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField activity_fields[] = {
  REF ("plan_id", N_("Plan"), SAM_KIND_PLAN, TRUE),
  REF ("priority_task_id", N_("Priority task"), SAM_KIND_PRIORITY_TASK, FALSE),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  ENUM ("scope", N_("Scope"), sam_scope_values),
  REF ("lead_agency_id", N_("Lead agency"), SAM_KIND_AGENCY, FALSE),
  REFS ("partners", N_("Partner agencies"), SAM_KIND_AGENCY, "activity_partner", "agency_id"),
  REFS ("sectors", N_("Sectors"), SAM_KIND_SECTOR, "activity_sector", "sector_id"),
  REFS ("target_groups", N_("Target groups"), SAM_KIND_TARGET_GROUP, "activity_target_group", "target_group_id"),
  TEXT ("message", N_("Message"), TEXT_MAX, FALSE),
  STRINGS ("channels", N_("Channels"), "activity_channel", "channel"),
  STRINGS ("languages", N_("Languages"), "activity_language", "language"),
  DATE ("start_date", N_("Start")),
  DATE ("due_date", N_("Due")),
  ENUM ("status", N_("Status"), sam_status_values),
  INT ("progress", N_("Progress (%)")),
  SOURCE,
};

static const SamField reporting_period_fields[] = {
  REF ("plan_id", N_("Plan"), SAM_KIND_PLAN, FALSE),
  TEXT ("code", N_("Period"), 40, TRUE),
  DATE ("start_date", N_("Start")),
  DATE ("end_date", N_("End")),
};

static const SamField status_update_fields[] = {
  REF ("activity_id", N_("Activity"), SAM_KIND_ACTIVITY, TRUE),
  REF ("period_id", N_("Reporting period"), SAM_KIND_REPORTING_PERIOD, TRUE),
  ENUM ("status", N_("Status"), sam_status_values),
  INT ("progress", N_("Progress (%)")),
  TEXT ("comment", N_("Comment"), TEXT_MAX, FALSE),
  TEXT ("reported_by", N_("Reported by"), TITLE_MAX, FALSE),
  DATETIME ("reported_at", N_("Reported at")),
  REF ("agency_id", N_("Reporting agency"), SAM_KIND_AGENCY, FALSE),
  TEXT ("source_file", N_("Imported from"), TITLE_MAX, FALSE),
  TEXT ("source_hash", N_("File hash (SHA-256)"), 64, FALSE),
  DATETIME ("imported_at", N_("Imported at")),
};

static const SamField seminar_format_fields[] = {
  TEXT ("name", N_("Name"), TITLE_MAX, TRUE),
  ENUM ("kind", N_("Kind"), sam_seminar_kind_values),
  INT ("min_per_year", N_("At least per year")),
  INT ("max_per_year", N_("At most per year")),
  REF ("organiser_id", N_("Organiser"), SAM_KIND_AGENCY, FALSE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField seminar_fields[] = {
  REF ("format_id", N_("Format"), SAM_KIND_SEMINAR_FORMAT, TRUE),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  DATETIME ("starts_at", N_("Starts")),
  DATETIME ("ends_at", N_("Ends")),
  TEXT ("place", N_("Place"), TITLE_MAX, FALSE),
  BOOL ("online", N_("Online")),
  REF ("organiser_id", N_("Organiser"), SAM_KIND_AGENCY, FALSE),
  REFS ("partners", N_("Partner agencies"), SAM_KIND_AGENCY, "seminar_partner", "agency_id"),
  REF ("activity_id", N_("Carries out activity"), SAM_KIND_ACTIVITY, FALSE),
  TEXT ("theme", N_("Theme"), TEXT_MAX, FALSE),
  REFS ("sectors", N_("Target sectors"), SAM_KIND_SECTOR, "seminar_sector", "sector_id"),
  REFS ("target_groups", N_("Target groups"), SAM_KIND_TARGET_GROUP, "seminar_target_group", "target_group_id"),
  STRINGS ("invited", N_("Invited organisations"), "seminar_invitation", "organisation"),
  INT ("capacity", N_("Capacity")),
  ENUM ("status", N_("Status"), sam_seminar_status_values),
  INT ("evaluation_score", N_("Evaluation (1–5)")),
  TEXT ("evaluation_comment", N_("Evaluation comment"), TEXT_MAX, FALSE),
};

static const SamField registration_fields[] = {
  REF ("seminar_id", N_("Seminar"), SAM_KIND_SEMINAR, TRUE),
  TEXT ("organisation", N_("Organisation"), TITLE_MAX, TRUE),
  REF ("sector_id", N_("Sector"), SAM_KIND_SECTOR, FALSE),
  INT ("participants", N_("Participants")),
  INT ("attended", N_("Attended")),
  BOOL ("waitlisted", N_("On the waiting list")),
  DATETIME ("registered_at", N_("Registered at")),
  TEXT ("names", N_("Participant names"), TEXT_MAX, FALSE),
};

static const SamField knowledge_gap_fields[] = {
  REF ("measure_id", N_("Measure"), SAM_KIND_MEASURE, FALSE),
  INT ("number", N_("Number")),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  SOURCE,
};

static const SamField rd_project_fields[] = {
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  REF ("lead_agency_id", N_("Lead agency"), SAM_KIND_AGENCY, FALSE),
  DATE ("due_date", N_("Due")),
  ENUM ("status", N_("Status"), sam_rd_status_values),
  REFS ("gaps", N_("Knowledge gaps"), SAM_KIND_KNOWLEDGE_GAP, "rd_project_gap", "gap_id"),
  SOURCE,
};

static const SamField obligation_fields[] = {
  ENUM ("source", N_("Source"), sam_obligation_source_values),
  TEXT ("reference", N_("Reference"), TITLE_MAX, TRUE),
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("description", N_("Description"), TEXT_MAX, FALSE),
  REFS ("measures", N_("Answered by measures"), SAM_KIND_MEASURE, "obligation_measure", "measure_id"),
  REFS ("activities", N_("Answered by activities"), SAM_KIND_ACTIVITY, "obligation_activity", "activity_id"),
  SOURCE,
};

static const SamField reporting_round_fields[] = {
  TEXT ("title", N_("Title"), TITLE_MAX, TRUE),
  TEXT ("period", N_("Reporting period"), 40, TRUE),
  DATE ("deadline", N_("Deadline")),
  TEXT ("language", N_("Language"), TITLE_MAX, FALSE),
  TEXT ("folder", N_("Folder"), TEXT_MAX, FALSE),
  DATETIME ("created_at", N_("Started at")),
};

static const SamField round_form_fields[] = {
  REF ("round_id", N_("Reporting round"), SAM_KIND_REPORTING_ROUND, TRUE),
  REF ("agency_id", N_("Agency"), SAM_KIND_AGENCY, TRUE),
  INT ("form_version", N_("Form version")),
  DATETIME ("written_at", N_("Written at")),
  TEXT ("written_path", N_("Written to"), TEXT_MAX, FALSE),
  INT ("rows_total", N_("Rows")),
  DATETIME ("received_at", N_("Received at")),
  TEXT ("received_file", N_("Received file"), TEXT_MAX, FALSE),
  TEXT ("received_hash", N_("File hash (SHA-256)"), 64, FALSE),
  INT ("rows_answered", N_("Rows answered")),
};

/* What the store notes when an activity is created or removed or one of
 * the fields the figures read as at a period changes (see sam-history.h):
 * never edited by hand. The activity is a number, not a link, so that its
 * removal outlives it. */
static const SamField activity_change_fields[] = {
  INT ("activity_id", N_("Activity")),
  DATETIME ("changed_at", N_("Changed at")),
  TEXT ("field", N_("What changed"), 40, TRUE),
  TEXT ("old_value", N_("Before"), TEXT_MAX, FALSE),
  TEXT ("new_value", N_("After"), TEXT_MAX, FALSE),
  TEXT ("title", N_("Title"), TITLE_MAX, FALSE),
  INT ("plan_id", N_("Plan")),
};

/* A reporting period closed when its report was sent (see sam-closing.h). */
static const SamField period_closing_fields[] = {
  TEXT ("period", N_("Reporting period"), 40, TRUE),
  DATE ("as_at", N_("Figures as at")),
  DATETIME ("closed_at", N_("Closed at")),
  TEXT ("closed_by", N_("Closed by"), TITLE_MAX, FALSE),
  DATETIME ("reopened_at", N_("Reopened at")),
  TEXT ("reopened_by", N_("Reopened by"), TITLE_MAX, FALSE),
};

#define KIND(k, t, n, l, p, tf, ob, f) { k, t, n, l, p, tf, ob, f, G_N_ELEMENTS (f) }

static const SamKindInfo kinds[SAM_N_KINDS] = {
  KIND (SAM_KIND_STRATEGY, "strategy", "strategy", N_("Strategy"), N_("Strategies"), "title", "id", strategy_fields),
  KIND (SAM_KIND_SECTOR, "sector", "sector", N_("Sector"), N_("Sectors"), "name", "name COLLATE NOCASE, id", sector_fields),
  KIND (SAM_KIND_AGENCY, "agency", "agency", N_("Agency"), N_("Agencies"), "name", "name COLLATE NOCASE, id", agency_fields),
  KIND (SAM_KIND_TARGET_GROUP, "target_group", "target-group", N_("Target group"), N_("Target groups"), "name", "name COLLATE NOCASE, id", target_group_fields),
  KIND (SAM_KIND_FOCUS_AREA, "focus_area", "focus-area", N_("Focus area"), N_("Focus areas"), "title", "number, id", focus_area_fields),
  KIND (SAM_KIND_MEASURE, "measure", "measure", N_("Measure"), N_("Measures"), "title", "number, id", measure_fields),
  KIND (SAM_KIND_GOAL, "goal", "goal", N_("Goal"), N_("Goals"), "text", "position, id", goal_fields),
  KIND (SAM_KIND_PRIORITY_TASK, "priority_task", "priority-task", N_("Priority task"), N_("Priority tasks"), "title", "position, id", priority_task_fields),
  KIND (SAM_KIND_PLAN, "plan", "plan", N_("Plan"), N_("Plans"), "title", "start_date, id", plan_fields),
  KIND (SAM_KIND_ACTIVITY, "activity", "activity", N_("Activity"), N_("Activities"), "title", "id", activity_fields),
  KIND (SAM_KIND_REPORTING_PERIOD, "reporting_period", "reporting-period", N_("Reporting period"), N_("Reporting periods"), "code", "start_date, code, id", reporting_period_fields),
  KIND (SAM_KIND_STATUS_UPDATE, "status_update", "status-update", N_("Status update"), N_("Status updates"), "comment", "reported_at, id", status_update_fields),
  KIND (SAM_KIND_SEMINAR_FORMAT, "seminar_format", "seminar-format", N_("Seminar format"), N_("Seminar formats"), "name", "id", seminar_format_fields),
  KIND (SAM_KIND_SEMINAR, "seminar", "seminar", N_("Seminar"), N_("Seminars"), "title", "starts_at, id", seminar_fields),
  KIND (SAM_KIND_REGISTRATION, "registration", "registration", N_("Registration"), N_("Registrations"), "organisation", "registered_at, id", registration_fields),
  KIND (SAM_KIND_KNOWLEDGE_GAP, "knowledge_gap", "knowledge-gap", N_("Knowledge gap"), N_("Knowledge gaps"), "title", "number, id", knowledge_gap_fields),
  KIND (SAM_KIND_RD_PROJECT, "rd_project", "rd-project", N_("R&D project"), N_("R&D projects"), "title", "due_date, id", rd_project_fields),
  KIND (SAM_KIND_OBLIGATION, "obligation", "obligation", N_("Obligation"), N_("Obligations"), "title", "source, reference, id", obligation_fields),
  KIND (SAM_KIND_REPORTING_ROUND, "reporting_round", "reporting-round", N_("Reporting round"), N_("Reporting rounds"), "title", "created_at, id", reporting_round_fields),
  KIND (SAM_KIND_ROUND_FORM, "round_form", "round-form", N_("Status form"), N_("Status forms"), "written_path", "round_id, id", round_form_fields),
  KIND (SAM_KIND_ACTIVITY_CHANGE, "activity_change", "activity-change", N_("Activity change"), N_("Activity changes"), "title", "changed_at, id", activity_change_fields),
  KIND (SAM_KIND_PERIOD_CLOSING, "period_closing", "period-closing", N_("Closed period"), N_("Closed periods"), "period", "closed_at, id", period_closing_fields),
};

/* Returns the description of @kind; never NULL for a valid kind. */
const SamKindInfo *
sam_kind_get_info (SamKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < SAM_N_KINDS, NULL);
  g_assert (kinds[kind].kind == kind);
  return &kinds[kind];
}

/* Returns the kind whose stable name is @name, or SAM_KIND_NONE. */
SamKind
sam_kind_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, SAM_KIND_NONE);

  for (int k = 0; k < SAM_N_KINDS; k++)
    if (g_str_equal (kinds[k].name, name))
      return (SamKind) k;
  return SAM_KIND_NONE;
}

/* Returns the index of field @name in @kind, or -1 when it has none. */
int
sam_kind_field_index (SamKind     kind,
                      const char *name)
{
  const SamKindInfo *info = sam_kind_get_info (kind);

  g_return_val_if_fail (info != NULL && name != NULL, -1);
  for (guint i = 0; i < info->n_fields; i++)
    if (g_str_equal (info->fields[i].name, name))
      return (int) i;
  return -1;
}

const SamField *
sam_kind_find_field (SamKind     kind,
                     const char *name)
{
  int i = sam_kind_field_index (kind, name);

  return i < 0 ? NULL : &sam_kind_get_info (kind)->fields[i];
}

/* Multi-valued fields live in link tables, not in the entity's own row. */
gboolean
sam_field_is_link (const SamField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->type == SAM_FIELD_REFS || field->type == SAM_FIELD_STRINGS;
}

/* Returns the field that holds the English version of what names a
 * record of @kind ("name_en" beside "name", "title_en" beside "title"),
 * or NULL when the kind has none. */
const char *
sam_kind_english_field (SamKind kind)
{
  const SamKindInfo *info = sam_kind_get_info (kind);

  g_return_val_if_fail (info != NULL, NULL);
  if (g_str_equal (info->title_field, "name") && sam_kind_find_field (kind, "name_en"))
    return "name_en";
  if (g_str_equal (info->title_field, "title") && sam_kind_find_field (kind, "title_en"))
    return "title_en";
  return NULL;
}
