/* The browsing trees and the details of a record, without a display. */
#include "config.h"

#include "models/sam-details.h"
#include "models/sam-tree.h"
#include "sam-test-util.h"

static char *dir;
static SamStore *store;

/* Returns the child of @list whose title starts with @prefix. */
static SamNode *
child (GListModel *list,
       const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SamNode *node = g_list_model_get_item (list, i);
      if (g_str_has_prefix (sam_node_get_title (node), prefix))
        return node;
      g_object_unref (node);
    }
  g_error ("No row “%s…”", prefix);
}

static void
test_strategy_tree (void)
{
  g_autoptr(GListModel) roots = sam_tree_new_roots (store, SAM_VIEW_PLANS);
  g_autoptr(SamNode) area = child (roots, "Focus area 2: Forebygging");
  g_autoptr(GListModel) measures = sam_node_get_children (area);
  g_autoptr(SamNode) m7 = child (measures, "Measure 7: Utvikle kompetansehevingstiltak");
  g_autoptr(GListModel) groups = sam_node_get_children (m7);
  g_autoptr(SamNode) plans = child (groups, "Plans");
  g_autoptr(GListModel) plan_list = sam_node_get_children (plans);
  g_autoptr(SamNode) plan = child (plan_list, "Tverrsektoriell kompetansehevingsplan");
  g_autoptr(SamNode) goals = child (groups, "Goals");
  g_autoptr(SamNode) tasks = child (groups, "Priority tasks");

  g_assert_cmpuint (g_list_model_get_n_items (measures), ==, 4);
  /* A plan's activities are in the table beside the tree, not under it. */
  g_assert_false (sam_node_has_children (plan));
  g_assert_cmpstr (sam_node_get_subtitle (plan), ==, "Competence raising");
  g_assert_cmpint (sam_record_get_kind (sam_node_get_record (plan)), ==, SAM_KIND_PLAN);
  g_assert_null (sam_node_get_record (plans));
  g_assert_cmpstr (sam_node_get_subtitle (tasks), ==, "2");
  g_assert_true (sam_node_has_children (goals));
}

static void
test_follow_up_tree (void)
{
  g_autoptr(GListModel) before = sam_tree_new_roots (store, SAM_VIEW_FOLLOW_UP);
  g_autoptr(SamNode) hdir = child (before, "Helsedirektoratet (Hdir)");
  g_autoptr(SamNode) no_lead = child (before, "No lead agency");
  g_autoptr(GListModel) hdir_missing = sam_node_get_children (hdir);
  g_autoptr(GListModel) after = NULL, hdir_after = NULL;
  g_autoptr(SamNode) hdir_again = NULL;
  g_autoptr(SamNode) first = g_list_model_get_item (hdir_missing, 0);
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) period = sam_period_current (store, today, NULL);
  g_autoptr(SamRecord) update = sam_record_new (SAM_KIND_STATUS_UPDATE);
  g_autofree char *expected = g_strdup_printf ("2 not reported in %s", period->code);

  /* Nothing is reported yet: Hdir's two activities wait, and those with no lead. */
  g_assert_cmpstr (sam_node_get_subtitle (hdir), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (hdir_missing), ==, 2);
  g_assert_nonnull (no_lead);

  sam_record_set_int (update, "activity_id", sam_record_get_id (sam_node_get_record (first)));
  sam_record_set_int (update, "period_id", period->id);
  sam_record_set_string (update, "status", "in_progress");
  sam_record_set_int (update, "progress", 20);
  g_assert_true (sam_store_insert (store, update, NULL));

  after = sam_tree_new_roots (store, SAM_VIEW_FOLLOW_UP);
  hdir_again = child (after, "Helsedirektoratet (Hdir)");
  hdir_after = sam_node_get_children (hdir_again);
  g_assert_cmpuint (g_list_model_get_n_items (hdir_after), ==, 1);
  g_assert_true (sam_store_undo (store, NULL));
}

static void
test_current_period (void)
{
  g_autoptr(SamPeriod) mid = sam_period_current (store, "2026-05-15", NULL);
  g_autoptr(SamPeriod) before = sam_period_current (store, "2020-01-01", NULL);
  g_autoptr(SamPeriod) later = sam_period_current (store, "2031-01-01", NULL);

  g_assert_cmpstr (mid->code, ==, "2026-T2");
  g_assert_cmpstr (before->code, ==, "2026-T1");
  g_assert_cmpstr (later->code, ==, "2026-T3");
}

static void
test_agency_tree (void)
{
  g_autoptr(GListModel) roots = sam_tree_new_roots (store, SAM_VIEW_AGENCIES);
  g_autoptr(SamNode) first = g_list_model_get_item (roots, 0);
  g_autoptr(SamNode) hod = child (roots, "Helse- og omsorgsdepartementet (HOD)");
  g_autoptr(GListModel) under = sam_node_get_children (hod);
  g_autoptr(SamNode) hdir = child (under, "Helsedirektoratet (Hdir)");

  /* Ministries come first, with their agencies under them. */
  g_assert_cmpstr (sam_node_get_subtitle (first), ==, "Ministry");
  g_assert_cmpstr (sam_node_get_subtitle (hdir), ==, "Directorate");
  g_assert_null (sam_node_get_children (hdir));
}

static void
test_target_group_tree (void)
{
  g_autoptr(GListModel) roots = sam_tree_new_roots (store, SAM_VIEW_TARGET_GROUPS);
  g_autoptr(SamNode) industry = child (roots, "Industries and employers");
  g_autoptr(GListModel) groups = sam_node_get_children (industry);
  g_autoptr(SamNode) exposed = child (groups, "Utsatte bransjer i næringslivet");
  g_autoptr(GListModel) industries = sam_node_get_children (exposed);
  g_autoptr(SamNode) cleaning = child (industries, "Renhold");

  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 5);
  g_assert_nonnull (cleaning);
}

/* Returns the markup of the details row labelled @label, or NULL. */
static const char *
detail (GListModel *details,
        const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(SamDetail) d = g_list_model_get_item (details, i);
      if (g_str_equal (sam_detail_get_label (d), label))
        return sam_detail_get_markup (d);
    }
  return NULL;
}

static void
test_details (void)
{
  g_autoptr(SamRecord) bufdir = sam_test_find (store, SAM_KIND_AGENCY, "short_name", "Bufdir");
  g_autoptr(SamRecord) hdir = sam_test_find (store, SAM_KIND_AGENCY, "short_name", "Hdir");
  g_autoptr(SamRecord) activity = sam_test_find (store, SAM_KIND_ACTIVITY, "title",
      "Ivareta kompetanse om menneskehandel ved revisjon av Helsedirektoratets normerende produkter");
  g_autoptr(GListModel) details = sam_details_new (store, activity);
  g_autoptr(GListModel) agency_details = sam_details_new (store, bufdir);
  g_autofree char *hdir_link = sam_details_link (hdir);
  SamKind kind;
  gint64 id;

  g_assert_nonnull (strstr (detail (details, "Lead agency"), hdir_link));
  g_assert_nonnull (strstr (detail (details, "Lead agency"), ">Helsedirektoratet (Hdir)</a>"));
  g_assert_nonnull (strstr (detail (details, "Partner agencies"), "Helse- og omsorgsdepartementet (HOD)"));
  g_assert_cmpstr (detail (details, "Status"), ==, "Planned");
  g_assert_null (detail (details, "Due"));

  /* An agency lists the activities it leads, and they can be followed. */
  g_assert_nonnull (strstr (detail (agency_details, "Activities (Lead agency)"), "lavterskelseminarer"));
  g_assert_nonnull (strstr (detail (agency_details, "Reports to"), "Barne- og familiedepartementet (BFD)"));

  /* What follows from sector responsibility stands apart from what the
   * plan names, in a row of its own. */
  g_assert_nonnull (strstr (detail (details, "By sector responsibility"), "names its lead agency"));

  g_assert_true (sam_details_parse_link (hdir_link, &kind, &id));
  g_assert_cmpint (kind, ==, SAM_KIND_AGENCY);
  g_assert_cmpint (id, ==, sam_record_get_id (hdir));
  g_assert_false (sam_details_parse_link ("https://example.org/", &kind, &id));
  g_assert_false (sam_details_parse_link ("samordna:agency/x", &kind, &id));
  g_assert_false (sam_details_parse_link ("samordna:nothing/4", &kind, &id));
}

/* An activity that names no lead answers to the ministries of its sectors:
 * the details say which, through which sectors, and that the plan does not
 * name them; the ministry lists the activity. */
static void
test_details_sector_responsibility (void)
{
  g_autoptr(SamRecord) ud = sam_test_find (store, SAM_KIND_AGENCY, "short_name", "UD");
  g_autoptr(SamRecord) activity = sam_test_find (store, SAM_KIND_ACTIVITY, "title",
      "Utarbeide rutiner for utenriksstasjonene ved mistanke om menneskehandel");
  g_autoptr(GListModel) computed = sam_details_new_accountability (store, activity);
  g_autoptr(GListModel) details = sam_details_new (store, activity);
  g_autoptr(GListModel) ud_links = sam_details_new_backlinks (store, ud);
  g_autofree char *ud_link = sam_details_link (ud);
  g_autofree char *activity_link = sam_details_link (activity);
  g_autoptr(SamRecord) cancelled = sam_record_copy (activity);
  g_autoptr(GListModel) none = NULL;
  const char *markup;

  g_assert_cmpuint (g_list_model_get_n_items (computed), ==, 1);
  markup = detail (computed, "By sector responsibility");
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, ud_link));
  g_assert_nonnull (strstr (markup, "Utenrikstjenesten"));
  g_assert_nonnull (strstr (markup, "not from the plan"));
  g_assert_cmpstr (detail (details, "By sector responsibility"), ==, markup);
  g_assert_null (detail (details, "Lead agency"));
  g_assert_nonnull (strstr (detail (ud_links, "Activities (by sector responsibility)"), activity_link));

  /* A cancelled activity is nobody's. */
  sam_record_set_string (cancelled, "status", "cancelled");
  none = sam_details_new_accountability (store, cancelled);
  g_assert_nonnull (strstr (detail (none, "By sector responsibility"), "cancelled"));
}

static void
test_view_names (void)
{
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    g_assert_cmpint (sam_view_from_name (sam_view_get_name (v)), ==, v);
  g_assert_cmpint (sam_view_from_name ("gone"), ==, SAM_VIEW_OVERVIEW);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = sam_test_make_dir ();
  store = sam_test_open_new (dir, "tree.db");

  g_test_add_func ("/models/tree/plans", test_strategy_tree);
  g_test_add_func ("/models/tree/follow-up", test_follow_up_tree);
  g_test_add_func ("/models/tree/current-period", test_current_period);
  g_test_add_func ("/models/tree/agencies", test_agency_tree);
  g_test_add_func ("/models/tree/target-groups", test_target_group_tree);
  g_test_add_func ("/models/details", test_details);
  g_test_add_func ("/models/details/sector-responsibility", test_details_sector_responsibility);
  g_test_add_func ("/models/view-names", test_view_names);
  status = g_test_run ();

  g_clear_object (&store);
  sam_test_remove_dir (dir);
  g_free (dir);
  return status;
}
