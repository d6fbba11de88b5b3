#define G_LOG_DOMAIN "sam-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sam-record.h"

struct _SamRecord
{
  GObject            parent_instance;

  const SamKindInfo *info;
  gint64             id;
  /* One GVariant per field of the kind, NULL when unset. Texts, dates and
   * enums are "s", numbers, booleans and references "x", REFS "ax",
   * STRINGS "as". */
  GVariant         **values;
};

G_DEFINE_FINAL_TYPE (SamRecord, sam_record, G_TYPE_OBJECT)

typedef SamFieldErrorData SamCoreErrorPrivate;

void
sam_field_error_data_init (SamFieldErrorData *data)
{
  data->field = NULL;
  data->reason = NULL;
}

void
sam_field_error_data_copy (const SamFieldErrorData *src,
                           SamFieldErrorData       *dest)
{
  dest->field = g_strdup (src->field);
  dest->reason = g_strdup (src->reason);
}

void
sam_field_error_data_clear (SamFieldErrorData *data)
{
  g_clear_pointer (&data->field, g_free);
  g_clear_pointer (&data->reason, g_free);
}

#define sam_core_error_private_init sam_field_error_data_init
#define sam_core_error_private_copy sam_field_error_data_copy
#define sam_core_error_private_clear sam_field_error_data_clear
G_DEFINE_EXTENDED_ERROR (SamCoreError, sam_core_error)

/* Returns the name of the field @error (of SAM_CORE_ERROR) is about, or
 * NULL when it is about none. */
const char *
sam_core_error_get_field (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_CORE_ERROR, NULL);
  return sam_core_error_get_private (error)->field;
}

/* Returns what is wrong with the field alone ("cannot be empty"), or NULL. */
const char *
sam_core_error_get_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL && error->domain == SAM_CORE_ERROR, NULL);
  return sam_core_error_get_private (error)->reason;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GVariantType *
type_for_field (const SamField *field)
{
  switch (field->type)
    {
    case SAM_FIELD_TEXT:
    case SAM_FIELD_DATE:
    case SAM_FIELD_DATETIME:
    case SAM_FIELD_ENUM:
      return G_VARIANT_TYPE_STRING;
    case SAM_FIELD_INT:
    case SAM_FIELD_BOOL:
    case SAM_FIELD_REF:
      return G_VARIANT_TYPE_INT64;
    case SAM_FIELD_REFS:
      return G_VARIANT_TYPE ("ax");
    case SAM_FIELD_STRINGS:
      return G_VARIANT_TYPE_STRING_ARRAY;
    default:
      g_assert_not_reached ();
    }
}

static int
lookup (SamRecord  *self,
        const char *field)
{
  int i = sam_kind_field_index (self->info->kind, field);

  if (i < 0)
    g_critical ("A %s has no field “%s”", self->info->name, field);
  return i;
}

static void
sam_record_finalize (GObject *object)
{
  SamRecord *self = (SamRecord *)object;

  for (guint i = 0; i < self->info->n_fields; i++)
    g_clear_pointer (&self->values[i], g_variant_unref);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (sam_record_parent_class)->finalize (object);
}

static void
sam_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SamRecord *self = SAM_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, sam_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_record_class_init (SamRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_record_finalize;
  object_class->get_property = sam_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The text that names the record, for lists and searches in drop-downs. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_record_init (SamRecord *self)
{
}

/* Returns a new record of @kind with id 0 (not stored) and every field unset. */
SamRecord *
sam_record_new (SamKind kind)
{
  SamRecord *self;

  g_return_val_if_fail (kind >= 0 && kind < SAM_N_KINDS, NULL);

  self = g_object_new (SAM_TYPE_RECORD, NULL);
  self->info = sam_kind_get_info (kind);
  self->values = g_new0 (GVariant *, self->info->n_fields);
  return self;
}

/* Returns a deep copy of @self, id included. */
SamRecord *
sam_record_copy (SamRecord *self)
{
  SamRecord *copy;

  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);

  copy = sam_record_new (self->info->kind);
  copy->id = self->id;
  for (guint i = 0; i < self->info->n_fields; i++)
    if (self->values[i] != NULL)
      copy->values[i] = g_variant_ref (self->values[i]);
  return copy;
}

SamKind
sam_record_get_kind (SamRecord *self)
{
  g_return_val_if_fail (SAM_IS_RECORD (self), SAM_KIND_NONE);
  return self->info->kind;
}

gint64
sam_record_get_id (SamRecord *self)
{
  g_return_val_if_fail (SAM_IS_RECORD (self), 0);
  return self->id;
}

void
sam_record_set_id (SamRecord *self,
                   gint64     id)
{
  g_return_if_fail (SAM_IS_RECORD (self));
  self->id = id;
}

/* Whether records are named in English: see sam_record_set_english_titles(). */
static gint english_titles;

/* Makes sam_record_get_title() give a record's English name or title,
 * where its kind has one and it is set, when @english is TRUE; its own
 * (Norwegian) otherwise. The one place that decides which name the
 * interface shows: the application sets it once at start-up from the
 * language of its messages, and stores opened after follow it (see
 * sam_store_set_english_names()). A report picks its own language. */
void
sam_record_set_english_titles (gboolean english)
{
  g_atomic_int_set (&english_titles, english ? 1 : 0);
}

gboolean
sam_record_get_english_titles (void)
{
  return g_atomic_int_get (&english_titles) != 0;
}

/* Returns the text that names the record (its title or name, in English
 * where sam_record_set_english_titles() asks for it and the record has
 * one), or "". */
const char *
sam_record_get_title (SamRecord *self)
{
  const char *english;

  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);
  english = sam_kind_english_field (self->info->kind);
  if (english && sam_record_get_english_titles ())
    {
      const char *title = sam_record_get_string (self, english);

      if (title && *title)
        return title;
    }
  return sam_record_get_string (self, self->info->title_field);
}

gboolean
sam_record_is_set (SamRecord  *self,
                   const char *field)
{
  int i;

  g_return_val_if_fail (SAM_IS_RECORD (self), FALSE);
  i = lookup (self, field);
  return i >= 0 && self->values[i] != NULL;
}

void
sam_record_unset (SamRecord  *self,
                  const char *field)
{
  int i;

  g_return_if_fail (SAM_IS_RECORD (self));
  if ((i = lookup (self, field)) >= 0)
    g_clear_pointer (&self->values[i], g_variant_unref);
}

/* Returns the value at @index (borrowed), or NULL when unset. */
GVariant *
sam_record_get_value (SamRecord *self,
                      guint      index)
{
  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->info->n_fields, NULL);
  return self->values[index];
}

/* Sets the value at @index, sinking a floating @value; NULL unsets.
 * The value's type must be the one the field's type maps to. */
void
sam_record_take_value (SamRecord *self,
                       guint      index,
                       GVariant  *value)
{
  g_return_if_fail (SAM_IS_RECORD (self));
  g_return_if_fail (index < self->info->n_fields);

  if (value != NULL)
    {
      g_variant_ref_sink (value);
      if (!g_variant_is_of_type (value, type_for_field (&self->info->fields[index])))
        {
          g_critical ("Field “%s” of a %s cannot hold a value of type %s",
                      self->info->fields[index].name, self->info->name,
                      g_variant_get_type_string (value));
          g_variant_unref (value);
          return;
        }
    }
  g_clear_pointer (&self->values[index], g_variant_unref);
  self->values[index] = value;
}

/* Returns the text of a TEXT, DATE, DATETIME or ENUM field, "" when unset. */
const char *
sam_record_get_string (SamRecord  *self,
                       const char *field)
{
  int i;

  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);
  i = lookup (self, field);
  if (i < 0 || self->values[i] == NULL)
    return "";
  return g_variant_get_string (self->values[i], NULL);
}

/* Sets a text field; NULL unsets it. An empty string is kept as set. */
void
sam_record_set_string (SamRecord  *self,
                       const char *field,
                       const char *value)
{
  int i;

  g_return_if_fail (SAM_IS_RECORD (self));
  if ((i = lookup (self, field)) >= 0)
    sam_record_take_value (self, i, value ? g_variant_new_string (value) : NULL);
}

/* Returns an INT, BOOL or REF field; 0 when unset. */
gint64
sam_record_get_int (SamRecord  *self,
                    const char *field)
{
  int i;

  g_return_val_if_fail (SAM_IS_RECORD (self), 0);
  i = lookup (self, field);
  if (i < 0 || self->values[i] == NULL)
    return 0;
  return g_variant_get_int64 (self->values[i]);
}

void
sam_record_set_int (SamRecord  *self,
                    const char *field,
                    gint64      value)
{
  int i;

  g_return_if_fail (SAM_IS_RECORD (self));
  if ((i = lookup (self, field)) >= 0)
    sam_record_take_value (self, i, g_variant_new_int64 (value));
}

/* Returns the ids of a REFS field (borrowed) and their number in @n_refs. */
const gint64 *
sam_record_get_refs (SamRecord  *self,
                     const char *field,
                     gsize      *n_refs)
{
  int i;

  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);
  g_return_val_if_fail (n_refs != NULL, NULL);

  *n_refs = 0;
  i = lookup (self, field);
  if (i < 0 || self->values[i] == NULL)
    return NULL;
  return g_variant_get_fixed_array (self->values[i], n_refs, sizeof (gint64));
}

void
sam_record_set_refs (SamRecord    *self,
                     const char   *field,
                     const gint64 *refs,
                     gsize         n_refs)
{
  int i;

  g_return_if_fail (SAM_IS_RECORD (self));
  if ((i = lookup (self, field)) >= 0)
    sam_record_take_value (self, i,
                           g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, refs,
                                                      n_refs, sizeof (gint64)));
}

/* Appends @ref to a REFS field unless it is there already. */
void
sam_record_add_ref (SamRecord  *self,
                    const char *field,
                    gint64      ref)
{
  gsize n;
  const gint64 *old;
  g_autofree gint64 *refs = NULL;

  g_return_if_fail (SAM_IS_RECORD (self));
  if (sam_record_has_ref (self, field, ref))
    return;
  old = sam_record_get_refs (self, field, &n);
  refs = g_new (gint64, n + 1);
  if (n > 0)
    memcpy (refs, old, n * sizeof (gint64));
  refs[n] = ref;
  sam_record_set_refs (self, field, refs, n + 1);
}

gboolean
sam_record_has_ref (SamRecord  *self,
                    const char *field,
                    gint64      ref)
{
  gsize n;
  const gint64 *refs = sam_record_get_refs (self, field, &n);

  for (gsize j = 0; j < n; j++)
    if (refs[j] == ref)
      return TRUE;
  return FALSE;
}

/* Returns a STRINGS field as a NULL-terminated array to free with g_free()
 * (the strings are borrowed), never NULL. */
const char **
sam_record_get_strings (SamRecord  *self,
                        const char *field)
{
  int i;

  g_return_val_if_fail (SAM_IS_RECORD (self), NULL);
  i = lookup (self, field);
  if (i < 0 || self->values[i] == NULL)
    return g_new0 (const char *, 1);
  return g_variant_get_strv (self->values[i], NULL);
}

void
sam_record_set_strings (SamRecord   *self,
                        const char  *field,
                        const char **values)
{
  int i;

  g_return_if_fail (SAM_IS_RECORD (self));
  if ((i = lookup (self, field)) >= 0)
    sam_record_take_value (self, i, g_variant_new_strv (values, -1));
}

static gboolean
is_empty (GVariant *value)
{
  if (value == NULL)
    return TRUE;
  return g_variant_is_container (value) && g_variant_n_children (value) == 0;
}

/* Returns TRUE when @a and @b are of one kind with the same id and values.
 * An unset list and an empty list are the same. */
gboolean
sam_record_equal (SamRecord *a,
                  SamRecord *b)
{
  g_return_val_if_fail (SAM_IS_RECORD (a) && SAM_IS_RECORD (b), FALSE);

  if (a->info != b->info || a->id != b->id)
    return FALSE;
  for (guint i = 0; i < a->info->n_fields; i++)
    {
      GVariant *va = a->values[i], *vb = b->values[i];

      if (is_empty (va) && is_empty (vb))
        continue;
      if (va == NULL || vb == NULL || !g_variant_equal (va, vb))
        return FALSE;
    }
  return TRUE;
}

/* Returns TRUE when @iso_date is a real calendar date written YYYY-MM-DD. */
gboolean
sam_date_is_valid (const char *iso_date)
{
  guint y, m, d;
  char end;

  if (iso_date == NULL || strlen (iso_date) != 10)
    return FALSE;
  if (sscanf (iso_date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* Returns TRUE for "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or a full ISO 8601 time. */
gboolean
sam_datetime_is_valid (const char *iso_datetime)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *full = NULL;
  gsize len;

  if (iso_datetime == NULL)
    return FALSE;
  len = strlen (iso_datetime);
  if (len == 10)
    return sam_date_is_valid (iso_datetime);
  if (len == 16)
    iso_datetime = full = g_strconcat (iso_datetime, ":00", NULL);
  dt = g_date_time_new_from_iso8601 (iso_datetime, utc);
  return dt != NULL;
}

static gboolean
invalid (GError         **error,
         const SamField  *field,
         const char      *format,
         ...)
{
  va_list args;
  g_autofree char *what = NULL;
  SamFieldErrorData *data;
  GError *local;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "Due: must be a date written as YYYY-MM-DD". */
  local = g_error_new (SAM_CORE_ERROR, SAM_CORE_ERROR_INVALID, _("%s: %s"),
                       g_dgettext (GETTEXT_PACKAGE, field->label), what);
  data = sam_core_error_get_private (local);
  data->field = g_strdup (field->name);
  data->reason = g_steal_pointer (&what);
  g_propagate_error (error, local);
  return FALSE;
}

static gboolean
is_blank (const char *s)
{
  for (; *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_field (SamRecord       *self,
                const SamField  *f,
                GVariant        *v,
                GError         **error)
{
  const char *s;

  if (v == NULL || (f->type == SAM_FIELD_REF && g_variant_get_int64 (v) == 0))
    return !f->required || invalid (error, f, _("cannot be empty"));

  switch (f->type)
    {
    case SAM_FIELD_TEXT:
      s = g_variant_get_string (v, NULL);
      if (f->required && is_blank (s))
        return invalid (error, f, _("cannot be empty"));
      if (!g_utf8_validate (s, -1, NULL))
        return invalid (error, f, _("is not valid text"));
      if (f->max_length > 0 && g_utf8_strlen (s, -1) > (glong) f->max_length)
        return invalid (error, f, _("is longer than %u characters; shorten it"), f->max_length);
      break;
    case SAM_FIELD_DATE:
      if (!sam_date_is_valid (g_variant_get_string (v, NULL)))
        return invalid (error, f, _("must be a date written as YYYY-MM-DD"));
      break;
    case SAM_FIELD_DATETIME:
      if (!sam_datetime_is_valid (g_variant_get_string (v, NULL)))
        return invalid (error, f, _("must be a date and time written as YYYY-MM-DD HH:MM"));
      break;
    case SAM_FIELD_ENUM:
      if (!sam_enum_is_valid (f->values, g_variant_get_string (v, NULL)))
        return invalid (error, f, _("“%s” is not one of the allowed values"),
                        g_variant_get_string (v, NULL));
      break;
    case SAM_FIELD_BOOL:
      if (g_variant_get_int64 (v) != 0 && g_variant_get_int64 (v) != 1)
        return invalid (error, f, _("must be yes or no"));
      break;
    case SAM_FIELD_STRINGS:
      for (gsize j = 0; j < g_variant_n_children (v); j++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (v, j);
          if (g_utf8_strlen (g_variant_get_string (item, NULL), -1) > (glong) f->max_length)
            return invalid (error, f, _("an entry is longer than %u characters"), f->max_length);
        }
      break;
    case SAM_FIELD_INT:
    case SAM_FIELD_REF:
    case SAM_FIELD_REFS:
    default:
      break;
    }
  return TRUE;
}

static gboolean
validate_rules (SamRecord  *self,
                GError    **error)
{
  const char *progress_fields[] = { "progress", NULL };
  const struct { const char *start, *end; } spans[] = {
    { "start_date", "due_date" }, { "start_date", "end_date" }, { "starts_at", "ends_at" },
  };

  for (guint i = 0; progress_fields[i]; i++)
    if (sam_kind_field_index (self->info->kind, progress_fields[i]) >= 0
        && sam_record_is_set (self, progress_fields[i]))
      {
        gint64 p = sam_record_get_int (self, progress_fields[i]);
        if (p < 0 || p > 100)
          return invalid (error, sam_kind_find_field (self->info->kind, progress_fields[i]),
                          _("must be between 0 and 100"));
        if (p < 100 && g_strcmp0 (sam_record_get_string (self, "status"), "done") == 0)
          return invalid (error, sam_kind_find_field (self->info->kind, progress_fields[i]),
                          _("must be 100 when the status is done"));
      }

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      const SamField *end = sam_kind_find_field (self->info->kind, spans[i].end);

      if (end == NULL || sam_kind_field_index (self->info->kind, spans[i].start) < 0)
        continue;
      if (sam_record_is_set (self, spans[i].start) && sam_record_is_set (self, spans[i].end)
          && g_strcmp0 (sam_record_get_string (self, spans[i].end),
                        sam_record_get_string (self, spans[i].start)) < 0)
        return invalid (error, end, _("cannot be before the start"));
    }

  if (self->info->kind == SAM_KIND_AGENCY || self->info->kind == SAM_KIND_TARGET_GROUP)
    if (self->id != 0 && sam_record_get_int (self, "parent_id") == self->id)
      return invalid (error, sam_kind_find_field (self->info->kind, "parent_id"),
                      _("cannot be the item itself"));
  return TRUE;
}

/* Checks every field of @self against the rules of its kind: required
 * fields, lengths, dates, allowed values, progress 0–100 and a start before
 * the end. Returns FALSE with SAM_CORE_ERROR_INVALID naming the field that
 * breaks a rule; checks that need other records are the store's. */
gboolean
sam_record_validate (SamRecord  *self,
                     GError    **error)
{
  g_return_val_if_fail (SAM_IS_RECORD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->info->n_fields; i++)
    if (!validate_field (self, &self->info->fields[i], self->values[i], error))
      return FALSE;
  return validate_rules (self, error);
}
