/* Core records: values, copies and the rules every record must keep. */
#include "config.h"

#include "core/sam-record.h"
#include "core/sam-text.h"

static void
test_values (void)
{
  g_autoptr(SamRecord) r = sam_record_new (SAM_KIND_ACTIVITY);
  g_autoptr(SamRecord) copy = NULL;
  const gint64 refs[] = { 4, 9 };
  const char *channels[] = { "nett", "brosjyre", NULL };
  g_autofree const char **got = NULL;
  gsize n;

  g_assert_false (sam_record_is_set (r, "title"));
  g_assert_cmpstr (sam_record_get_string (r, "title"), ==, "");
  sam_record_set_string (r, "title", "Opplæring");
  sam_record_set_int (r, "progress", 40);
  sam_record_set_refs (r, "partners", refs, G_N_ELEMENTS (refs));
  sam_record_add_ref (r, "partners", 9);
  sam_record_add_ref (r, "partners", 11);
  sam_record_set_strings (r, "channels", channels);

  g_assert_cmpstr (sam_record_get_title (r), ==, "Opplæring");
  g_assert_cmpint (sam_record_get_int (r, "progress"), ==, 40);
  g_assert_cmpint (sam_record_get_refs (r, "partners", &n)[2], ==, 11);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (sam_record_has_ref (r, "partners", 4));
  g_assert_false (sam_record_has_ref (r, "partners", 5));
  got = sam_record_get_strings (r, "channels");
  g_assert_cmpstrv (got, channels);

  copy = sam_record_copy (r);
  g_assert_true (sam_record_equal (r, copy));
  sam_record_set_string (copy, "title", "Annet");
  g_assert_false (sam_record_equal (r, copy));
  sam_record_unset (r, "title");
  g_assert_false (sam_record_is_set (r, "title"));
}

static void
test_empty_lists_equal_unset (void)
{
  g_autoptr(SamRecord) a = sam_record_new (SAM_KIND_AGENCY);
  g_autoptr(SamRecord) b = sam_record_new (SAM_KIND_AGENCY);

  sam_record_set_refs (a, "sectors", NULL, 0);
  g_assert_true (sam_record_equal (a, b));
}

typedef struct
{
  const char *name;
  SamKind     kind;
  const char *field;
  const char *text;     /* set as text when not NULL */
  gint64      number;   /* set as number otherwise */
  const char *message;  /* expected part of the message, NULL when valid */
} Case;

static const Case cases[] = {
  { "title-ok", SAM_KIND_ACTIVITY, "title", "Seminar", 0, NULL },
  { "title-empty", SAM_KIND_ACTIVITY, "title", "", 0, "Title: cannot be empty" },
  { "title-blank", SAM_KIND_ACTIVITY, "title", "  \t ", 0, "Title: cannot be empty" },
  { "progress-negative", SAM_KIND_ACTIVITY, "progress", NULL, -1, "between 0 and 100" },
  { "progress-over", SAM_KIND_ACTIVITY, "progress", NULL, 101, "between 0 and 100" },
  { "progress-full", SAM_KIND_ACTIVITY, "progress", NULL, 100, NULL },
  { "due-not-a-date", SAM_KIND_ACTIVITY, "due_date", "31.12.2026", 0, "Due: must be a date" },
  { "due-impossible", SAM_KIND_ACTIVITY, "due_date", "2026-02-30", 0, "Due: must be a date" },
  { "due-before-start", SAM_KIND_ACTIVITY, "due_date", "2025-12-31", 0, "Due: cannot be before the start" },
  { "status-unknown", SAM_KIND_ACTIVITY, "status", "finished", 0, "not one of the allowed values" },
  { "scope-ok", SAM_KIND_ACTIVITY, "scope", "cross_sector", 0, NULL },
  { "short-name-too-long", SAM_KIND_AGENCY, "short_name", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP", 0, "longer than 40 characters" },
  { "seminar-ends-before", SAM_KIND_SEMINAR, "ends_at", "2026-03-04T09:00", 0, "Ends: cannot be before the start" },
  { "seminar-time-bad", SAM_KIND_SEMINAR, "starts_at", "4. mars", 0, "Starts: must be a date and time" },
};

static SamRecord *
valid_record (SamKind kind)
{
  SamRecord *r = sam_record_new (kind);

  switch (kind)
    {
    case SAM_KIND_ACTIVITY:
      sam_record_set_int (r, "plan_id", 1);
      sam_record_set_string (r, "title", "Opplæring");
      sam_record_set_string (r, "start_date", "2026-01-01");
      break;
    case SAM_KIND_AGENCY:
      sam_record_set_string (r, "name", "Helsedirektoratet");
      break;
    case SAM_KIND_SEMINAR:
      sam_record_set_int (r, "format_id", 1);
      sam_record_set_string (r, "title", "Nasjonalt seminar");
      sam_record_set_string (r, "starts_at", "2026-03-04T10:00");
      break;
    default:
      g_assert_not_reached ();
    }
  return r;
}

static void
test_validate (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SamRecord) r = valid_record (c->kind);
  g_autoptr(GError) error = NULL;

  if (c->text)
    sam_record_set_string (r, c->field, c->text);
  else
    sam_record_set_int (r, c->field, c->number);

  if (c->message == NULL)
    {
      g_assert_true (sam_record_validate (r, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (sam_record_validate (r, &error));
      g_assert_error (error, SAM_CORE_ERROR, SAM_CORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, c->message));
    }
}

static void
test_done_needs_full_progress (void)
{
  g_autoptr(SamRecord) r = valid_record (SAM_KIND_ACTIVITY);
  g_autoptr(GError) error = NULL;

  sam_record_set_string (r, "status", "done");
  sam_record_set_int (r, "progress", 80);
  g_assert_false (sam_record_validate (r, &error));
  g_assert_nonnull (strstr (error->message, "must be 100 when the status is done"));
  g_clear_error (&error);
  sam_record_set_int (r, "progress", 100);
  g_assert_true (sam_record_validate (r, &error));
}

static void
test_required_ref (void)
{
  g_autoptr(SamRecord) r = valid_record (SAM_KIND_ACTIVITY);
  g_autoptr(GError) error = NULL;

  sam_record_set_int (r, "plan_id", 0);
  g_assert_false (sam_record_validate (r, &error));
  g_assert_nonnull (strstr (error->message, "Plan: cannot be empty"));
}

static void
test_parent_itself (void)
{
  g_autoptr(SamRecord) r = valid_record (SAM_KIND_AGENCY);
  g_autoptr(GError) error = NULL;

  sam_record_set_id (r, 7);
  sam_record_set_int (r, "parent_id", 7);
  g_assert_false (sam_record_validate (r, &error));
  g_assert_nonnull (strstr (error->message, "Reports to: cannot be the item itself"));
}

static void
test_kind_table (void)
{
  /* Every kind names itself by a field it has, and every link field has a table. */
  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *info = sam_kind_get_info (k);

      g_assert_cmpint (sam_kind_from_name (info->name), ==, k);
      g_assert_nonnull (sam_kind_find_field (k, info->title_field));
      for (guint i = 0; i < info->n_fields; i++)
        if (sam_field_is_link (&info->fields[i]))
          g_assert_nonnull (info->fields[i].link_table);
    }
  g_assert_cmpint (sam_kind_from_name ("nonsense"), ==, SAM_KIND_NONE);
}

/* Searches find a word anywhere, in any case, with or without accents. */
static void
test_text_matches (void)
{
  const struct { const char *text, *query; gboolean found; } searches[] = {
    { "Barne-, ungdoms- og familiedirektoratet (Bufdir)", "bufdir", TRUE },
    { "Barne-, ungdoms- og familiedirektoratet (Bufdir)", "direktoratet", TRUE },
    { "Barne-, ungdoms- og familiedirektoratet (Bufdir)", "familie bufdir", TRUE },
    { "Barne-, ungdoms- og familiedirektoratet (Bufdir)", "familie hdir", FALSE },
    { "Påtalemyndigheten", "patalemyndigheten", TRUE },
    { "Påtalemyndigheten", "PÅTALE", TRUE },
    { "Kriminalomsorgen", "kriminalomsorgen", TRUE },
    { "Sjømannskirken", "sjømann", TRUE },
    { "Anything", "", TRUE },
    { "Anything", "  ", TRUE },
    { "", "a", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    if (sam_text_matches (searches[i].text, searches[i].query) != searches[i].found)
      g_error ("“%s” %s “%s”", searches[i].query, searches[i].found ? "should find" : "should not find",
               searches[i].text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/record/values", test_values);
  g_test_add_func ("/core/record/empty-lists-equal-unset", test_empty_lists_equal_unset);
  g_test_add_func ("/core/record/done-needs-full-progress", test_done_needs_full_progress);
  g_test_add_func ("/core/record/required-ref", test_required_ref);
  g_test_add_func ("/core/record/parent-itself", test_parent_itself);
  g_test_add_func ("/core/kind/table", test_kind_table);
  g_test_add_func ("/core/text/matches", test_text_matches);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/record/validate/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_validate);
    }
  return g_test_run ();
}
