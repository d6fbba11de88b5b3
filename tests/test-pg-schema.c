/* The PostgreSQL twins of the schema migrations build what the SQLite
 * migrations build, version by version: the same tables, and in each the
 * same columns in the same order with the same type, NOT NULL, default
 * and key, the same foreign keys, unique constraints, CHECK constraints
 * (by the name PostgreSQL gives them) and indexes. A migration without its
 * twin fails here. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "store/sam-store-private.h"
#include "sam-test-pg.h"

/* Both schemas are written out as the same lines, sorted within a table
 * where order means nothing, and compared as text. */

static const char *
same_type (const char *type)
{
  g_autofree char *lower = g_ascii_strdown (type, -1);

  if (g_str_equal (lower, "integer") || g_str_equal (lower, "bigint"))
    return "integer";
  if (g_str_equal (lower, "text"))
    return "text";
  return g_intern_string (lower);
}

static const char *
same_action (const char *action)
{
  static const struct { const char *pg, *sqlite; } actions[] = {
    { "a", "NO ACTION" }, { "r", "RESTRICT" }, { "c", "CASCADE" }, { "n", "SET NULL" }, { "d", "SET DEFAULT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action, actions[i].pg))
      return actions[i].sqlite;
  return action;
}

/* PostgreSQL spells a default with its type: 0, 'x'::text. */
static char *
same_default (const char *value)
{
  g_autofree char *copy = g_strdup (value);
  char *cast = copy ? strstr (copy, "::") : NULL;

  if (cast)
    *cast = '\0';
  return g_strdup (copy);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_sorted (GString   *out,
            GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) lines->pdata[i]);
}

/* SQLite */

static sqlite3_stmt *
sqlite_query (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static const char *
col (sqlite3_stmt *stmt,
     int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

/* The columns of @table's definition that carry a CHECK, as PostgreSQL
 * names the constraint: table_column_check. */
static void
sqlite_checks (const char *table,
               const char *sql,
               GPtrArray  *lines)
{
  const char *body = strchr (sql, '(');
  int depth = 0;
  GString *part = g_string_new (NULL);

  for (const char *p = body + 1; *p; p++)
    {
      if ((*p == ',' && depth == 0) || (*p == ')' && depth == 0))
        {
          g_autofree char *lower = g_ascii_strdown (part->str, -1);
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (part->str), " \t\n", 2);

          if (strstr (lower, "check") && g_ascii_strcasecmp (words[0], "check") != 0
              && g_ascii_strcasecmp (words[0], "constraint") != 0)
            g_ptr_array_add (lines, g_strdup_printf ("check %s_%s_check", table, words[0]));
          else if (strstr (lower, "check"))
            g_ptr_array_add (lines, g_strdup_printf ("check %s_check", table));
          g_string_truncate (part, 0);
          if (*p == ')')
            break;
          continue;
        }
      depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
      g_string_append_c (part, *p);
    }
  g_string_free (part, TRUE);
}

static void
sqlite_table (sqlite3    *db,
              const char *table,
              const char *sql,
              GString    *out)
{
  g_autofree char *q_columns = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  g_autofree char *q_keys = g_strdup_printf ("PRAGMA foreign_key_list(\"%s\")", table);
  g_autofree char *q_indexes = g_strdup_printf ("PRAGMA index_list(\"%s\")", table);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) pk = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_string_append_printf (out, "table %s\n", table);
  stmt = sqlite_query (db, q_columns);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean key = sqlite3_column_int (stmt, 5) > 0;

      g_string_append_printf (out, "  column %s %s%s default %s\n", col (stmt, 1), same_type (col (stmt, 2)),
                              sqlite3_column_int (stmt, 3) || key ? " not null" : "",
                              col (stmt, 4) ? col (stmt, 4) : "none");
      if (key)
        g_string_append_printf (pk, "%s%d:%s", pk->len ? "," : "", sqlite3_column_int (stmt, 5), col (stmt, 1));
    }
  sqlite3_finalize (stmt);
  g_string_append_printf (out, "  primary key %s\n", pk->str);

  stmt = sqlite_query (db, q_keys);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("foreign key %s -> %s(%s) on delete %s on update %s",
                                             col (stmt, 3), col (stmt, 2), col (stmt, 4) ? col (stmt, 4) : "id",
                                             col (stmt, 6), col (stmt, 5)));
  sqlite3_finalize (stmt);

  stmt = sqlite_query (db, q_indexes);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *q_info = g_strdup_printf ("PRAGMA index_info(\"%s\")", col (stmt, 1));
      g_autoptr(GString) columns = g_string_new (NULL);
      sqlite3_stmt *info = sqlite_query (db, q_info);
      const char *origin = col (stmt, 3);

      while (sqlite3_step (info) == SQLITE_ROW)
        g_string_append_printf (columns, "%s%s", columns->len ? "," : "", col (info, 2));
      sqlite3_finalize (info);
      if (g_str_equal (origin, "u"))
        g_ptr_array_add (lines, g_strdup_printf ("unique (%s)", columns->str));
      else if (g_str_equal (origin, "c"))
        g_ptr_array_add (lines, g_strdup_printf ("index %s%s (%s)", sqlite3_column_int (stmt, 2) ? "unique " : "",
                                                 col (stmt, 1), columns->str));
    }
  sqlite3_finalize (stmt);
  sqlite_checks (table, sql, lines);
  add_sorted (out, lines);
}

static char *
describe_sqlite (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = sqlite_query (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");

  while (sqlite3_step (stmt) == SQLITE_ROW)
    sqlite_table (db, col (stmt, 0), col (stmt, 1), out);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* PostgreSQL */

static PGresult *
pg_query (PGconn     *conn,
          const char *sql,
          const char *table)
{
  const char *params[] = { table };
  PGresult *result = PQexecParams (conn, sql, table ? 1 : 0, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  return result;
}

static const char *
val (PGresult *result,
     int       row,
     int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

static void
pg_table (PGconn     *conn,
          const char *table,
          GString    *out)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  PGresult *r;

  g_string_append_printf (out, "table %s\n", table);
  r = pg_query (conn, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                      "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                      "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                      "ORDER BY a.attnum", table);
  for (int i = 0; i < PQntuples (r); i++)
    {
      g_autofree char *dflt = same_default (val (r, i, 3));

      g_string_append_printf (out, "  column %s %s%s default %s\n", val (r, i, 0), same_type (val (r, i, 1)),
                              g_str_equal (val (r, i, 2), "t") ? " not null" : "", dflt ? dflt : "none");
    }
  PQclear (r);

  r = pg_query (conn, "SELECT coalesce(string_agg(k.n || ':' || a.attname, ',' ORDER BY k.n), '') "
                      "FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k (attnum, n) "
                      "JOIN pg_attribute a ON a.attnum = k.attnum "
                      "WHERE i.indrelid = $1::regclass AND i.indisprimary AND a.attrelid = i.indrelid", table);
  g_string_append_printf (out, "  primary key %s\n", val (r, 0, 0));
  PQclear (r);

  r = pg_query (conn, "SELECT conname, contype, "
                      "(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k (attnum, n) "
                      " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), "
                      "c.confrelid::regclass::text, "
                      "(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k (attnum, n) "
                      " JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), "
                      "c.confdeltype, c.confupdtype "
                      "FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('f', 'u', 'c')", table);
  for (int i = 0; i < PQntuples (r); i++)
    {
      const char *type = val (r, i, 1);

      if (g_str_equal (type, "f"))
        g_ptr_array_add (lines, g_strdup_printf ("foreign key %s -> %s(%s) on delete %s on update %s",
                                                 val (r, i, 2), val (r, i, 3), val (r, i, 4),
                                                 same_action (val (r, i, 5)), same_action (val (r, i, 6))));
      else if (g_str_equal (type, "u"))
        g_ptr_array_add (lines, g_strdup_printf ("unique (%s)", val (r, i, 2)));
      else
        g_ptr_array_add (lines, g_strdup_printf ("check %s", val (r, i, 0)));
    }
  PQclear (r);

  r = pg_query (conn, "SELECT c.relname, i.indisunique, "
                      "(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(i.indkey) WITH ORDINALITY k (attnum, n) "
                      " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) "
                      "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                      "WHERE i.indrelid = $1::regclass AND NOT EXISTS "
                      "(SELECT FROM pg_constraint WHERE conindid = i.indexrelid AND conrelid = i.indrelid)", table);
  for (int i = 0; i < PQntuples (r); i++)
    g_ptr_array_add (lines, g_strdup_printf ("index %s%s (%s)", g_str_equal (val (r, i, 1), "t") ? "unique " : "",
                                             val (r, i, 0), val (r, i, 2)));
  PQclear (r);
  add_sorted (out, lines);
}

static char *
describe_pg (PGconn *conn)
{
  GString *out = g_string_new (NULL);
  /* samordna_database, samordna_role and samordna_change_author are the server's own bookkeeping
   * (schema/postgresql/samordna.sql), with no twin in a file. */
  PGresult *r = pg_query (conn, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                                "AND relkind = 'r' AND relname NOT IN ('samordna_database', 'samordna_role', 'samordna_change_author') "
                                "ORDER BY relname COLLATE \"C\"", NULL);

  for (int i = 0; i < PQntuples (r); i++)
    pg_table (conn, val (r, i, 0), out);
  PQclear (r);
  return g_string_free (out, FALSE);
}

/* Fails with the first line where @pg and @sqlite differ, and its table. */
static void
assert_same (const char *pg,
             const char *sqlite,
             int         version)
{
  g_auto(GStrv) a = g_strsplit (pg, "\n", -1);
  g_auto(GStrv) b = g_strsplit (sqlite, "\n", -1);
  const char *table = "";

  for (guint i = 0; a[i] || b[i]; i++)
    {
      if (a[i] && g_str_has_prefix (a[i], "table "))
        table = a[i];
      if (a[i] == NULL || b[i] == NULL || !g_str_equal (a[i], b[i]))
        g_error ("At schema version %d, in %s, PostgreSQL has\n  %s\nwhere SQLite has\n  %s",
                 version, table, a[i] ? a[i] : "(nothing)", b[i] ? b[i] : "(nothing)");
    }
}

static void
test_twins (void)
{
  g_autofree char *address = sam_test_pg_new_database ();
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GBytes) bookkeeping = NULL;
  sqlite3 *db = NULL;

  if (!address)
    return;
  conn = sam_test_pg_connect (address);
  bookkeeping = sam_data_lookup ("schema/postgresql/samordna.sql", NULL);
  sam_test_pg_exec (conn, g_bytes_get_data (bookkeeping, NULL));
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (int v = 1; v <= SAM_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) lite = sam_store_migration_sql (v, &error);
      g_autoptr(GBytes) twin = sam_store_server_migration_sql (v, &error);
      g_autofree char *pg_text = NULL, *sqlite_text = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (lite, NULL), NULL, NULL, NULL), ==, SQLITE_OK);
      sam_test_pg_exec (conn, g_bytes_get_data (twin, NULL));
      pg_text = describe_pg (conn);
      sqlite_text = describe_sqlite (db);
      g_test_message ("Version %d:\n%s", v, sqlite_text);
      assert_same (pg_text, sqlite_text, v);
    }
  sqlite3_close (db);
  g_clear_pointer (&conn, PQfinish);
  sam_test_pg_drop_database (address);
}

/* Every shipped migration has its twin, by name. */
static void
test_every_migration_has_a_twin (void)
{
  for (int v = 1; v <= SAM_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) twin = sam_store_server_migration_sql (v, &error);

      g_assert_no_error (error);
      g_assert_nonnull (twin);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-schema/every-migration-has-a-twin", test_every_migration_has_a_twin);
  g_test_add_func ("/pg-schema/twins", test_twins);
  return g_test_run ();
}
