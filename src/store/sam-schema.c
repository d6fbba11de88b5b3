#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-schema-private.h"
#include "sam-store-private.h"

/* Verifying a file's schema (SQLite files only: what it reads is SQLite's
 * own table of the schema; a server keeps its schema from its users). A database can come from anywhere, and what
 * its schema holds runs when Samordna reads or writes: a view where a table
 * should be runs its query, a trigger runs on every edit, out of the reach
 * of undo. So before anything else is read, every table, index, view and
 * trigger of the file must be one Samordna made for the file's version:
 * the schema the shipped migrations 1 … version build, which the build
 * made (sam-schema-expected.py runs them in an in-memory database). Texts are compared after
 * normalise() so that layout and comments in a migration's text may change
 * between releases. */

typedef struct
{
  char *type;
  char *name;
  char *tbl_name;
  char *sql;          /* normalised; NULL for SQLite's own indexes */
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *o = data;

  g_free (o->type);
  g_free (o->name);
  g_free (o->tbl_name);
  g_free (o->sql);
  g_free (o);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

/* Copies the quoted token at @p ('…', "…", `…` or […]) to @out as it is,
 * doubled quotes included; returns where it ends. */
static const char *
copy_quoted (const char *p,
             GString    *out)
{
  char close = *p == '[' ? ']' : *p;

  g_string_append_c (out, *p++);
  while (*p)
    {
      if (*p == close && close != ']' && p[1] == close)
        {
          g_string_append_len (out, p, 2);
          p += 2;
          continue;
        }
      if (*p == close)
        break;
      g_string_append_c (out, *p++);
    }
  if (*p)
    g_string_append_c (out, *p++);
  return p;
}

/* Returns @sql without comments, with white space only where it separates
 * two words, and in lower case outside quotes (SQL keywords and unquoted
 * names are the same in any case). */
static char *
normalise (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql));
  gboolean space = FALSE;
  const char *p = sql;

  while (*p)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
          continue;
        }
      if (p[0] == '-' && p[1] == '-')
        {
          p += strcspn (p, "\n");
          space = TRUE;
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          p = end ? end + 2 : p + strlen (p);
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && is_word_char (out->str[out->len - 1]) && is_word_char (*p))
        g_string_append_c (out, ' ');
      space = FALSE;
      if (*p == '\'' || *p == '"' || *p == '`' || *p == '[')
        p = copy_quoted (p, out);
      else
        g_string_append_c (out, g_ascii_tolower (*p++));
    }
  return g_string_free (out, FALSE);
}

/* Reads the schema of the SQLite database @db, triggers and views first,
 * as SchemaObjects; NULL with a SamStoreError. */
static GPtrArray *
read_schema (SamDb   *db,
             GError **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (schema_object_free);
  g_autoptr(SamStmt) stmt = sam_db_prepare (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                                "ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 "
                                                "WHEN 'table' THEN 2 ELSE 3 END, name", error);
  SamStep step = SAM_STEP_ERROR;

  while (stmt != NULL && (step = sam_stmt_step (stmt, error)) == SAM_STEP_ROW)
    {
      SchemaObject *o = g_new0 (SchemaObject, 1);
      const char *sql = sam_stmt_column_text (stmt, 3);

      o->type = g_strdup (sam_stmt_column_text (stmt, 0));
      o->name = g_strdup (sam_stmt_column_text (stmt, 1));
      o->tbl_name = g_strdup (sam_stmt_column_text (stmt, 2));
      o->sql = sql ? normalise (sql) : NULL;
      g_ptr_array_add (objects, o);
    }
  return step == SAM_STEP_DONE ? g_steal_pointer (&objects) : NULL;
}

/* The schema of every version, [0] empty; made from the build's table
 * when first asked for. */
static GPtrArray *expected[SAM_SCHEMA_VERSION + 1];
G_LOCK_DEFINE_STATIC (expected);

static GPtrArray *
expected_schema (int version)
{
  GPtrArray *objects;

  g_assert (version >= 0 && version <= SAM_SCHEMA_VERSION);
  G_LOCK (expected);
  if ((objects = expected[version]) == NULL)
    {
      objects = expected[version] = g_ptr_array_new_with_free_func (schema_object_free);
      for (const SamSchemaRow *const *r = sam_schema_expected[version]; version > 0 && *r; r++)
        {
          SchemaObject *o = g_new0 (SchemaObject, 1);

          o->type = g_strdup ((*r)->type);
          o->name = g_strdup ((*r)->name);
          o->tbl_name = g_strdup ((*r)->tbl_name);
          o->sql = (*r)->sql ? normalise ((*r)->sql) : NULL;
          g_ptr_array_add (objects, o);
        }
    }
  G_UNLOCK (expected);
  return objects;
}

/* SQLite's own tables, which ANALYZE makes; they hold statistics only. */
static gboolean
is_statistics (const SchemaObject *o)
{
  return g_str_equal (o->type, "table") && g_str_has_prefix (o->name, "sqlite_stat");
}

static const SchemaObject *
find_object (GPtrArray          *objects,
             const SchemaObject *like)
{
  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *o = objects->pdata[i];

      if (g_str_equal (o->type, like->type) && g_str_equal (o->name, like->name))
        return o;
    }
  return NULL;
}

/* Says what is wrong with @o, as in "the view “sector” is not one
 * Samordna made". */
static char *
describe (const SchemaObject *o,
          gboolean            missing)
{
  const char *n = o->name;

  if (g_str_equal (o->type, "table"))
    return missing ? g_strdup_printf (_("the table “%s” is missing"), n)
                   : g_strdup_printf (_("the table “%s” is not one Samordna made"), n);
  if (g_str_equal (o->type, "index"))
    return missing ? g_strdup_printf (_("the index “%s” is missing"), n)
                   : g_strdup_printf (_("the index “%s” is not one Samordna made"), n);
  if (g_str_equal (o->type, "view"))
    return g_strdup_printf (_("the view “%s” is not one Samordna made"), n);
  if (g_str_equal (o->type, "trigger"))
    return g_strdup_printf (_("the trigger “%s” is not one Samordna made"), n);
  return missing ? g_strdup_printf (_("“%s” is missing"), n)
                 : g_strdup_printf (_("“%s” is not one Samordna made"), n);
}

static gboolean
set_altered (SamStore            *store,
             const SchemaObject  *o,
             gboolean             missing,
             GError             **error)
{
  g_autofree char *what = describe (o, missing);

  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_ALTERED,
               _("“%s” was changed by another program: %s. Samordna does not open it, so that nothing in it can run. Restore it from a backup, or open another file."),
               sam_store_get_path (store), what);
  return FALSE;
}

/* Returns TRUE when every table, index, view and trigger of the file of
 * @store is one Samordna makes for schema @version, and none is missing;
 * else FALSE with SAM_STORE_ERROR_ALTERED naming the first that is not,
 * or another SamStoreError when the schema cannot be read. Reads nothing
 * but the schema. */
gboolean
sam_schema_verify (SamStore  *store,
                   int        version,
                   GError   **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *wanted;

  g_return_val_if_fail (version >= 0 && version <= SAM_SCHEMA_VERSION, FALSE);
  wanted = expected_schema (version);
  if ((found = read_schema (sam_store_get_db (store), error)) == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const SchemaObject *o = found->pdata[i];
      const SchemaObject *w = find_object (wanted, o);

      if (is_statistics (o))
        continue;
      if (w == NULL || g_strcmp0 (w->tbl_name, o->tbl_name) != 0 || g_strcmp0 (w->sql, o->sql) != 0)
        return set_altered (store, o, FALSE, error);
    }
  for (guint i = 0; i < wanted->len; i++)
    if (find_object (found, wanted->pdata[i]) == NULL)
      return set_altered (store, wanted->pdata[i], TRUE, error);
  return TRUE;
}
