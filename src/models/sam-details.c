#define G_LOG_DOMAIN "sam-details"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "sam-details.h"
#include "sam-tree.h"
#include "store/sam-accountability.h"
#include "store/sam-seminars.h"

/* A record with many referrers (a plan with thousands of activities)
 * shows this many links and a count of the rest. */
#define MAX_LINKS 50

struct _SamDetail
{
  GObject  parent_instance;
  char    *label;
  char    *markup;
};

G_DEFINE_FINAL_TYPE (SamDetail, sam_detail, G_TYPE_OBJECT)

enum { PROP_0, PROP_LABEL, PROP_MARKUP, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
sam_detail_finalize (GObject *object)
{
  SamDetail *self = SAM_DETAIL (object);

  g_free (self->label);
  g_free (self->markup);
  G_OBJECT_CLASS (sam_detail_parent_class)->finalize (object);
}

static void
sam_detail_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SamDetail *self = SAM_DETAIL (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_detail_class_init (SamDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_detail_finalize;
  object_class->get_property = sam_detail_get_property;
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKUP] = g_param_spec_string ("markup", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_detail_init (SamDetail *self)
{
}

const char *
sam_detail_get_label (SamDetail *self)
{
  g_return_val_if_fail (SAM_IS_DETAIL (self), NULL);
  return self->label;
}

const char *
sam_detail_get_markup (SamDetail *self)
{
  g_return_val_if_fail (SAM_IS_DETAIL (self), NULL);
  return self->markup;
}

static void
append (GListStore *list,
        const char *label,
        char       *markup)
{
  SamDetail *detail = g_object_new (SAM_TYPE_DETAIL, NULL);

  detail->label = g_strdup (label);
  detail->markup = markup;
  g_list_store_append (list, detail);
  g_object_unref (detail);
}

/* A row that says what could not be read, in the list where it would be:
 * a read that fails tells the person, never shows an empty list. */
static void
append_error (GListStore   *list,
              const GError *error)
{
  append (list, _("Could not be read"), g_markup_escape_text (error->message, -1));
}

/* Returns the URI that names @record, "samordna:activity/12". */
char *
sam_details_link (SamRecord *record)
{
  g_return_val_if_fail (SAM_IS_RECORD (record), NULL);
  return g_strdup_printf ("samordna:%s/%" G_GINT64_FORMAT,
                          sam_kind_get_info (sam_record_get_kind (record))->name,
                          sam_record_get_id (record));
}

/* Reads a URI made by sam_details_link(); FALSE for anything else. */
gboolean
sam_details_parse_link (const char *uri,
                        SamKind    *kind,
                        gint64     *id)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;

  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);
  if (uri == NULL || !g_str_has_prefix (uri, "samordna:"))
    return FALSE;
  parts = g_strsplit (uri + strlen ("samordna:"), "/", 2);
  if (g_strv_length (parts) != 2 || (*kind = sam_kind_from_name (parts[0])) == SAM_KIND_NONE)
    return FALSE;
  *id = g_ascii_strtoll (parts[1], &end, 10);
  return end != NULL && *end == '\0' && *id > 0;
}

static void
append_link (GString   *markup,
             SamRecord *record)
{
  g_autofree char *uri = sam_details_link (record);
  g_autofree char *title = sam_tree_describe (record);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append_printf (markup, "<a href=\"%s\">%s</a>", uri, escaped);
}

static char *
ref_markup (SamStore *store,
            SamKind   kind,
            gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamRecord) target = sam_store_get (store, kind, id, &error);
  GString *markup = g_string_new (NULL);

  if (target)
    append_link (markup, target);
  else if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND))
    g_string_append (markup, _("(missing)"));
  else
    g_string_append_printf (markup, "%s", error->message);
  return g_string_free (markup, FALSE);
}

static char *
value_markup (SamStore       *store,
              SamRecord      *record,
              const SamField *f)
{
  GString *markup = g_string_new (NULL);

  if (f->type == SAM_FIELD_REF)
    {
      g_string_free (markup, TRUE);
      return ref_markup (store, f->ref_kind, sam_record_get_int (record, f->name));
    }
  if (f->type == SAM_FIELD_REFS)
    {
      gsize n;
      const gint64 *refs = sam_record_get_refs (record, f->name, &n);

      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *one = ref_markup (store, f->ref_kind, refs[i]);
          g_string_append_printf (markup, "%s%s", markup->len ? "\n" : "", one);
        }
    }
  else if (f->type == SAM_FIELD_STRINGS)
    {
      g_autofree const char **values = sam_record_get_strings (record, f->name);
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      g_autofree char *escaped = g_markup_escape_text (joined, -1);
      g_string_append (markup, escaped);
    }
  else if (f->type == SAM_FIELD_ENUM)
    g_string_append (markup, sam_enum_label (f->values, sam_record_get_string (record, f->name)));
  else if (f->type == SAM_FIELD_BOOL)
    g_string_append (markup, sam_record_get_int (record, f->name) ? _("Yes") : _("No"));
  else if (f->type == SAM_FIELD_INT)
    g_string_append_printf (markup, "%" G_GINT64_FORMAT, sam_record_get_int (record, f->name));
  else
    {
      g_autofree char *escaped = g_markup_escape_text (sam_record_get_string (record, f->name), -1);
      g_string_append (markup, escaped);
    }
  return g_string_free (markup, FALSE);
}

static gboolean
is_unset (SamRecord      *record,
          const SamField *f)
{
  gsize n = 0;

  if (!sam_record_is_set (record, f->name))
    return TRUE;
  if (f->type == SAM_FIELD_REF)
    return sam_record_get_int (record, f->name) == 0;
  if (f->type == SAM_FIELD_REFS)
    return sam_record_get_refs (record, f->name, &n), n == 0;
  if (f->type == SAM_FIELD_STRINGS)
    {
      g_autofree const char **v = sam_record_get_strings (record, f->name);
      return v[0] == NULL;
    }
  return FALSE;
}

typedef struct
{
  gint64  agency_id;
  GArray *activities;   /* gint64 */
} Duties;

static gboolean
add_duty_cb (const SamAccountRow  *row,
             gpointer              user_data,
             GError              **error)
{
  Duties *d = user_data;

  if (row->agency_id == d->agency_id)
    g_array_append_val (d->activities, row->activity_id);
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The activities an agency (a ministry) answers for by sector
 * responsibility, apart from those it leads or takes part in. */
static void
append_duties (GListStore *list,
               SamStore   *store,
               SamRecord  *agency)
{
  g_autoptr(SamScope) scope = sam_scope_new (SAM_SCOPE_AGENCY, sam_record_get_id (agency));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Duties duties = { sam_record_get_id (agency), ids };
  g_autoptr(GError) error = NULL;
  GString *markup;

  if (!sam_accountability_foreach (store, scope, 0, SAM_ACCOUNT_SECTOR, add_duty_cb, &duties, &error))
    {
      append_error (list, error);
      return;
    }
  if (ids->len == 0)
    return;
  g_array_sort (ids, compare_ids);
  markup = g_string_new (NULL);
  for (guint i = 0; i < ids->len && i < MAX_LINKS; i++)
    {
      g_autoptr(SamRecord) activity = sam_store_get (store, SAM_KIND_ACTIVITY, g_array_index (ids, gint64, i), &error);
      if (activity == NULL)
        {
          g_string_free (markup, TRUE);
          append_error (list, error);
          return;
        }
      append_link (markup, activity);
    }
  if (ids->len > MAX_LINKS)
    g_string_append_printf (markup, "\n%s", _("… and more"));
  append (list, _("Activities (by sector responsibility)"), g_string_free (markup, FALSE));
}

/* One row per kind and field that points to @record: "Activities (Lead agency)". */
static void
append_backlinks (GListStore *list,
                  SamStore   *store,
                  SamRecord  *record)
{
  SamKind kind = sam_record_get_kind (record);

  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *other = sam_kind_get_info (k);

      for (guint i = 0; i < other->n_fields; i++)
        {
          const SamField *f = &other->fields[i];
          g_autoptr(GPtrArray) found = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *label = NULL;
          GString *markup;

          if (f->ref_kind != kind)
            continue;
          if (!(found = sam_store_list_by (store, k, f->name, sam_record_get_id (record), &error)))
            {
              append_error (list, error);
              return;
            }
          if (found->len == 0)
            continue;
          markup = g_string_new (NULL);
          for (guint j = 0; j < found->len && j < MAX_LINKS; j++)
            append_link (markup, found->pdata[j]);
          if (found->len > MAX_LINKS)
            g_string_append_printf (markup, "\n%s", _("… and more"));
          /* TRANSLATORS: a kind and the field by which it points here, "Activities (Lead agency)". */
          label = g_strdup_printf (_("%s (%s)"), g_dgettext (GETTEXT_PACKAGE, other->plural),
                                   g_dgettext (GETTEXT_PACKAGE, f->label));
          append (list, label, g_string_free (markup, FALSE));
        }
    }
  if (kind == SAM_KIND_AGENCY)
    append_duties (list, store, record);
}

/* Sector responsibility */

static char *
note_markup (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return g_strdup_printf ("<small>%s</small>", escaped);
}

/* What follows from sector responsibility for @activity, as markup: the
 * ministries (links) with the sectors they come through, and a note that
 * the text names none of them; or why there is nobody. */
static char *
sector_duty_markup (SamStore          *store,
                    SamRecord         *activity,
                    SamAccountability *a)
{
  GString *markup = g_string_new (NULL);

  if (g_strcmp0 (sam_record_get_string (activity, "status"), "cancelled") == 0)
    return note_markup (_("None: the activity is cancelled."));
  if (sam_record_get_int (activity, "lead_agency_id") != 0)
    return note_markup (_("None: the activity names its lead agency."));
  if (a->by_sector->len == 0)
    return note_markup (_("Nobody: the activity names no lead agency, and none of its sectors has a responsible ministry."));
  for (guint i = 0; i < a->by_sector->len; i++)
    {
      SamAccountable *m = a->by_sector->pdata[i];
      g_autoptr(SamRecord) ministry = sam_store_get (store, SAM_KIND_AGENCY, m->agency_id, NULL);
      g_autofree char *sectors = g_markup_escape_text (m->sectors ? m->sectors : "", -1);

      if (ministry == NULL)
        continue;
      append_link (markup, ministry);
      g_string_append_printf (markup, " · %s", sectors);
    }
  {
    /* Short, so that it stays on one line in the editor. */
    g_autofree char *note = note_markup (_("No lead named: follows from sector responsibility, not from the plan."));
    g_string_append_printf (markup, "\n%s", note);
  }
  return g_string_free (markup, FALSE);
}

static void
append_accountability (GListStore *list,
                       SamStore   *store,
                       SamRecord  *activity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamAccountability) a = sam_accountability_get (store, sam_record_get_id (activity), &error);

  if (a != NULL)
    append (list, _("By sector responsibility"), sector_duty_markup (store, activity, a));
  else if (error)
    append_error (list, error);
}

/* Returns a new list of SamDetail for @activity with one row, computed,
 * never stored: who answers for it by sector responsibility (the
 * ministries of its sectors when it names no lead agency), kept apart from
 * the lead and partners it names. Empty for a record not yet stored. */
GListModel *
sam_details_new_accountability (SamStore  *store,
                                SamRecord *activity)
{
  GListStore *list;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (SAM_IS_RECORD (activity), NULL);
  g_return_val_if_fail (sam_record_get_kind (activity) == SAM_KIND_ACTIVITY, NULL);
  list = g_list_store_new (SAM_TYPE_DETAIL);
  if (sam_record_get_id (activity) > 0)
    append_accountability (list, store, activity);
  return G_LIST_MODEL (list);
}

/* Returns a new list of SamDetail: each set of records that point to
 * @record, such as the activities an agency leads. */
GListModel *
sam_details_new_backlinks (SamStore  *store,
                           SamRecord *record)
{
  GListStore *list;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (SAM_IS_RECORD (record), NULL);
  list = g_list_store_new (SAM_TYPE_DETAIL);
  append_backlinks (list, store, record);
  return G_LIST_MODEL (list);
}

/* Returns a new list of SamDetail, one per status update of @activity,
 * newest first: "2026-T1 · In progress · 40 %" over the comment and who
 * reported it when. */
GListModel *
sam_details_new_history (SamStore  *store,
                         SamRecord *activity)
{
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *list;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (SAM_IS_RECORD (activity), NULL);
  list = g_list_store_new (SAM_TYPE_DETAIL);
  if (!(updates = sam_store_list_by (store, SAM_KIND_STATUS_UPDATE, "activity_id", sam_record_get_id (activity),
                                     &error)))
    append_error (list, error);
  for (guint i = updates ? updates->len : 0; i > 0; i--)
    {
      SamRecord *u = updates->pdata[i - 1];
      g_autoptr(SamRecord) period = sam_store_get (store, SAM_KIND_REPORTING_PERIOD,
                                                   sam_record_get_int (u, "period_id"), NULL);
      g_autofree char *label = NULL;
      g_autofree char *comment = g_markup_escape_text (sam_record_get_string (u, "comment"), -1);
      g_autofree char *who = g_markup_escape_text (sam_record_get_string (u, "reported_by"), -1);

      /* TRANSLATORS: period, status and progress of a status update. */
      label = g_strdup_printf (_("%s · %s · %d %%"), period ? sam_record_get_string (period, "code") : "?",
                               sam_enum_label (sam_status_values, sam_record_get_string (u, "status")),
                               (int) sam_record_get_int (u, "progress"));
      append (list, label, g_strdup_printf ("%s%s<small>%s %s</small>", comment, *comment ? "\n" : "",
                                            who, sam_record_get_string (u, "reported_at")));
    }
  return G_LIST_MODEL (list);
}

static char *
registration_markup (SamStore  *store,
                     SamRecord *r)
{
  g_autofree char *link = sam_details_link (r);
  g_autofree char *org = g_markup_escape_text (sam_record_get_string (r, "organisation"), -1);
  g_autoptr(SamRecord) sector = sam_record_get_int (r, "sector_id")
                                ? sam_store_get (store, SAM_KIND_SECTOR, sam_record_get_int (r, "sector_id"), NULL) : NULL;
  g_autofree char *sector_name = g_markup_escape_text (sector ? sam_record_get_title (sector) : _("no sector given"), -1);
  GString *m = g_string_new (NULL);

  g_string_append_printf (m, "<a href=\"%s\">%s</a> · ", link, org);
  g_string_append_printf (m, g_dngettext (GETTEXT_PACKAGE, "%d participant", "%d participants",
                                          (gulong) sam_record_get_int (r, "participants")),
                          (int) sam_record_get_int (r, "participants"));
  g_string_append_printf (m, " · %s", sector_name);
  if (sam_record_is_set (r, "attended"))
    g_string_append_printf (m, " · %s %d", _("attended:"), (int) sam_record_get_int (r, "attended"));
  if (sam_record_get_int (r, "waitlisted"))
    g_string_append_printf (m, " · <b>%s</b>", _("on the waiting list"));
  return g_string_free (m, FALSE);
}

static char *
places_text (const SamSeminarCounts *c)
{
  GString *text = g_string_new (NULL);

  if (c->has_capacity)
    g_string_append_printf (text, _("%d of %d places taken"), (int) c->confirmed, (int) c->capacity);
  else
    g_string_append_printf (text, _("%d registered, no limit on places"), (int) c->confirmed);
  if (c->n_waiting)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d waiting", "%d waiting", (gulong) c->waiting),
                              (int) c->waiting);
    }
  if (c->has_attendance)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%d attended"), (int) c->attended);
    }
  return g_string_free (text, FALSE);
}

/* Returns a new list of SamDetail about @seminar: its places, each
 * registration (a link), and the participants per sector, with a warning
 * when one sector dominates a national seminar. */
GListModel *
sam_details_new_seminar (SamStore  *store,
                         SamRecord *seminar)
{
  GListStore *list = g_list_store_new (SAM_TYPE_DETAIL);
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(SamSectorMix) mix = NULL;
  g_autoptr(GError) error = NULL;
  SamSeminarCounts counts;
  GString *markup;
  gint64 id;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (SAM_IS_RECORD (seminar), NULL);
  id = sam_record_get_id (seminar);

  if (sam_seminar_get_counts (store, id, &counts, &error))
    {
      g_autofree char *places = places_text (&counts);
      append (list, _("Places"), g_markup_escape_text (places, -1));
    }
  else
    {
      append_error (list, error);
      g_clear_error (&error);
    }

  if (!(registrations = sam_store_list_by (store, SAM_KIND_REGISTRATION, "seminar_id", id, &error)))
    {
      append_error (list, error);
      g_clear_error (&error);
    }
  markup = g_string_new (NULL);
  for (guint i = 0; registrations && i < registrations->len; i++)
    {
      g_autofree char *line = registration_markup (store, registrations->pdata[i]);
      g_string_append_printf (markup, "%s%s", markup->len ? "\n" : "", line);
    }
  if (markup->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("None yet."), -1);
      g_string_append (markup, none);
    }
  append (list, _("Registrations"), g_string_free (markup, FALSE));

  if (!(mix = sam_seminar_sector_mix (store, id, &error)))
    append_error (list, error);
  if (mix && mix->total > 0)
    {
      markup = g_string_new (NULL);
      for (guint i = 0; i < mix->shares->len; i++)
        {
          SamSectorShare *share = &g_array_index (mix->shares, SamSectorShare, i);
          g_autofree char *name = g_markup_escape_text (share->name, -1);
          g_string_append_printf (markup, "%s%s: %d (%.0f %%)", markup->len ? "\n" : "", name,
                                  (int) share->participants, share->share * 100);
        }
      if (mix->flagged && mix->message)
        {
          g_autofree char *warning = g_markup_escape_text (mix->message, -1);
          g_string_append_printf (markup, "\n<b>%s</b>", warning);
        }
      append (list, mix->by_attendance ? _("Attendance by sector") : _("Participants by sector"),
              g_string_free (markup, FALSE));
    }
  return G_LIST_MODEL (list);
}

/* Returns a new list of SamDetail for @record: each field that has a value,
 * for an activity who answers for it by sector responsibility (see
 * sam_details_new_accountability()), then each set of records that point
 * to it. */
GListModel *
sam_details_new (SamStore  *store,
                 SamRecord *record)
{
  const SamKindInfo *info;
  GListStore *list;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (SAM_IS_RECORD (record), NULL);

  info = sam_kind_get_info (sam_record_get_kind (record));
  list = g_list_store_new (SAM_TYPE_DETAIL);
  for (guint i = 0; i < info->n_fields; i++)
    if (!is_unset (record, &info->fields[i]))
      append (list, g_dgettext (GETTEXT_PACKAGE, info->fields[i].label),
              value_markup (store, record, &info->fields[i]));
  if (info->kind == SAM_KIND_ACTIVITY && sam_record_get_id (record) > 0)
    append_accountability (list, store, record);
  append_backlinks (list, store, record);
  return G_LIST_MODEL (list);
}
