#define G_LOG_DOMAIN "sam-db-pg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>

#include "core/sam-kind.h"
#include "core/sam-library.h"
#include "sam-db-backend-private.h"
#include "sam-db-pg-private.h"
#include "sam-store.h"

/* The PostgreSQL backend of SamDb, on libpq.
 *
 * Statements are sent with PQexecParams, parameters and results in text
 * form, so that the server converts a parameter to whatever its place in
 * the statement needs, as SQLite's type affinity does. A statement's whole
 * result is read at its first step: one connection runs one query at a
 * time, and the store nests statements (a row callback runs another
 * query). Values come back as SQLite would give them: booleans as 0 and 1,
 * reals spelt as SQLite spells them; text is valid UTF-8, the connection's
 * encoding, which the server converts to or refuses to send. */

/* Type OIDs of pg_type (catalog/pg_type_d.h, a server header). */
#define BOOLOID 16
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700

/* PostgreSQL 12 brought nondeterministic ICU collations, which the schema
 * uses for names compared without regard to case. */
#define OLDEST_SERVER 120000

typedef struct
{
  SamDb   parent;
  PGconn *conn;
  char   *name;        /* "samordna on db.example.org", for messages */
  char   *user;
  gint64  changes;
  guint   query_limit_ms;
  gboolean listening;  /* LISTENs to samordna_changed (sam_db_watch()) */
  gint64  others;      /* others' commits heard of since */
  GSource *watch;      /* sam_db_watch()'s, while it lives */
} PgDb;

static void take_notifications (PgDb *db);

/* The channel notify.sql's triggers send a notification on at each
 * change. */
#define CHANGED_CHANNEL "samordna_changed"

typedef struct
{
  SamStmt    parent;
  char      *sql;      /* with $n placeholders */
  GPtrArray *names;    /* SQLite number - 1 → ":name", or NULL */
  GArray    *order;    /* $n - 1 → SQLite number */
  char     **values;   /* SQLite number - 1 → bound text, or NULL */
  PGresult  *result;
  int        row;      /* the current row; -1 before the first step */
  gboolean   done;
  char     **texts;    /* per column, the current row's text as made for
                        * the caller, or NULL */
  int        n_texts;
} PgStmt;

/* libpq, loaded when a plan on a server is first opened: linked, its
 * twenty libraries (Kerberos, LDAP, TLS…) joined every symbol look-up the
 * dynamic loader makes as GTK starts, a twentieth of start-up for people
 * whose plan is a file. Calls go through pq. */
#define SAM_PQ_FUNCTIONS(X) \
  X (PQbackendPID) \
  X (PQclear) \
  X (PQcmdStatus) \
  X (PQcmdTuples) \
  X (PQconnectdbParams) \
  X (PQconnectionNeedsPassword) \
  X (PQconnectionUsedPassword) \
  X (PQconninfoFree) \
  X (PQconninfoParse) \
  X (PQconsumeInput) \
  X (PQdb) \
  X (PQerrorMessage) \
  X (PQexec) \
  X (PQexecParams) \
  X (PQfinish) \
  X (PQfreemem) \
  X (PQftype) \
  X (PQgetisnull) \
  X (PQgetvalue) \
  X (PQhost) \
  X (PQnfields) \
  X (PQnotifies) \
  X (PQntuples) \
  X (PQresetPoll) \
  X (PQresetStart) \
  X (PQresultErrorField) \
  X (PQresultStatus) \
  X (PQserverVersion) \
  X (PQsetNoticeProcessor) \
  X (PQsocket) \
  X (PQstatus) \
  X (PQtransactionStatus) \
  X (PQuser)

static struct
{
#define SAM_PQ_POINTER(name) __typeof__ (name) *name;
  SAM_PQ_FUNCTIONS (SAM_PQ_POINTER)
#undef SAM_PQ_POINTER
} pq;

#define LIBPQ_NAME "libpq.so.5"

#define SAM_PQ_SYMBOL(name) SAM_LIBRARY_SYMBOL (pq, name)
static const SamLibrarySymbol pq_symbols[] = { SAM_PQ_FUNCTIONS (SAM_PQ_SYMBOL) };
#undef SAM_PQ_SYMBOL

/* Loads libpq once; returns FALSE, with @error when not NULL, when it is
 * missing or lacks a function. */
static gboolean
load_libpq (GError **error)
{
  static gsize state;   /* 1 loaded, 2 failed */
  static char *failure;

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, sam_library_open (LIBPQ_NAME, pq_symbols, G_N_ELEMENTS (pq_symbols), &failure) ? 1 : 2);
  if (state == 1)
    return TRUE;
  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
               _("Samordna cannot reach plans on a server: PostgreSQL's client library (%s) could not be loaded (%s). Install it (libpq5)."),
               LIBPQ_NAME, failure);
  return FALSE;
}

static const SamDbVTable pg_vtable;

/* Placeholders */

/* Copies the quoted string or name at @p ('…' or "…", doubled quotes
 * included) to @out; returns where it ends. */
static const char *
copy_quoted (const char *p,
             GString    *out)
{
  char quote = *p;

  g_string_append_c (out, *p++);
  while (*p)
    {
      if (*p == quote && p[1] == quote)
        {
          g_string_append_len (out, p, 2);
          p += 2;
          continue;
        }
      if (*p == quote)
        break;
      g_string_append_c (out, *p++);
    }
  if (*p)
    g_string_append_c (out, *p++);
  return p;
}

/* Copies the comment at @p to @out; returns where it ends. */
static const char *
copy_comment (const char *p,
              GString    *out)
{
  const char *end;

  if (p[0] == '-')
    end = p + strcspn (p, "\n");
  else if ((end = strstr (p + 2, "*/")) != NULL)
    end += 2;
  else
    end = p + strlen (p);
  g_string_append_len (out, p, end - p);
  return end;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

typedef struct
{
  GString   *out;
  GPtrArray *names;
  GArray    *order;
  GArray    *dollar;   /* SQLite number → $n, 0 for none yet */
  int        largest;
} Rewrite;

static void
append_parameter (Rewrite    *rw,
                  int         number,
                  const char *name)
{
  int zero = 0;

  rw->largest = MAX (rw->largest, number);
  while ((int) rw->names->len < number)
    g_ptr_array_add (rw->names, NULL);
  while ((int) rw->dollar->len <= number)
    g_array_append_val (rw->dollar, zero);
  if (name && rw->names->pdata[number - 1] == NULL)
    rw->names->pdata[number - 1] = g_strdup (name);
  if (g_array_index (rw->dollar, int, number) == 0)
    {
      g_array_append_val (rw->order, number);
      g_array_index (rw->dollar, int, number) = (int) rw->order->len;
    }
  g_string_append_printf (rw->out, "$%d", g_array_index (rw->dollar, int, number));
}

static int
find_name (GPtrArray  *names,
           const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (names->pdata[i], name) == 0)
      return (int) i + 1;
  return 0;
}

/* Reads the placeholder at @p (? ?NNN :name @name) into @rw; returns where
 * it ends, or NULL when @p starts none. */
static const char *
read_parameter (Rewrite    *rw,
                const char *p)
{
  if (*p == '?')
    {
      char *end = NULL;
      gint64 number = g_ascii_strtoll (p + 1, &end, 10);

      if (end == p + 1)
        number = rw->largest + 1;
      append_parameter (rw, (int) CLAMP (number, 1, 32766), NULL);
      return end;
    }
  if ((*p == ':' || *p == '@') && is_name_char (p[1]) && p[1] != '$')
    {
      const char *end = p + 1;
      g_autofree char *name = NULL;
      int number;

      while (is_name_char (*end))
        end++;
      name = g_strndup (p, end - p);
      number = find_name (rw->names, name);
      append_parameter (rw, number ? number : rw->largest + 1, name);
      return end;
    }
  return NULL;
}

/* SQLite's hints to its planner, which PostgreSQL does not take: CROSS
 * JOIN … ON (in SQLite an inner join in a fixed order; the store's SQL
 * always gives it ON) is a JOIN, and NOT INDEXED goes. Returns where the
 * hint at @p ends, having written its stand-in, or NULL for none. */
static const char *
read_hint (GString    *out,
           const char *sql,
           const char *p)
{
  static const struct { const char *hint, *instead; } hints[] = {
    { "CROSS JOIN", "JOIN" },
    { "NOT INDEXED", "" },
  };

  if (p > sql && is_name_char (p[-1]))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    {
      gsize len = strlen (hints[i].hint);

      if (strncmp (p, hints[i].hint, len) == 0 && !is_name_char (p[len]))
        {
          g_string_append (out, hints[i].instead);
          return p + len;
        }
    }
  return NULL;
}

/* Returns @sql with SQLite's placeholders rewritten as PostgreSQL's $n.
 * SQLite numbers them: ?NNN is NNN, a bare ? one more than the largest so
 * far, and :name or @name the number of its first use, else one more than
 * the largest so far. PostgreSQL wants every $n it is given used, so each
 * SQLite number gets a $n in the order of first use: @order gets, for each
 * $n in turn, its SQLite number, and @names, for each SQLite number from
 * 1, its name (":scope") or NULL. SQLite's planner hints go (see
 * read_hint()). Text in quotes and comments is left as it is, and so are
 * PostgreSQL's :: casts. */
char *
sam_db_pg_rewrite (const char *sql,
                   GPtrArray  *names,
                   GArray     *order)
{
  Rewrite rw = { g_string_sized_new (strlen (sql) + 16), names, order,
                 g_array_new (FALSE, TRUE, sizeof (int)), 0 };
  const char *p = sql;

  g_return_val_if_fail (sql != NULL && names != NULL && order != NULL, NULL);
  while (*p)
    {
      const char *next;

      if (*p == '\'' || *p == '"')
        p = copy_quoted (p, rw.out);
      else if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*'))
        p = copy_comment (p, rw.out);
      else if (p[0] == ':' && p[1] == ':')
        {
          g_string_append_len (rw.out, p, 2);
          p += 2;
        }
      else if ((next = read_parameter (&rw, p)) != NULL || (next = read_hint (rw.out, sql, p)) != NULL)
        p = next;
      else
        g_string_append_c (rw.out, *p++);
    }
  g_array_unref (rw.dollar);
  return g_string_free (rw.out, FALSE);
}

/* Messages */

/* Returns libpq's message of @conn on one line, without its trailing
 * newline. */
static char *
conn_message (PGconn *conn)
{
  g_autofree char *msg = g_strdup (conn ? pq.PQerrorMessage (conn) : "");

  g_strdelimit (g_strstrip (msg), "\n", ' ');
  return g_steal_pointer (&msg);
}

/* The words of the first SQL keyword of @sql, upper case ("INSERT"), and
 * the table it writes (NULL for one that reads). */
static void
statement_target (const char  *sql,
                  char       **verb,
                  char       **table)
{
  g_auto(GStrv) words = NULL;
  int n;

  words = g_regex_split_simple ("[\\s(),]+", sql, 0, 0);
  *verb = NULL;
  *table = NULL;
  for (n = 0; words[n] && *words[n] == '\0'; n++)
    ;
  if (words[n] == NULL)
    return;
  *verb = g_ascii_strup (words[n], -1);
  /* Locking rows to change them needs the right to change them. */
  if (g_str_equal (*verb, "SELECT") && strstr (sql, " FOR NO KEY UPDATE") != NULL)
    {
      while (words[n] && g_ascii_strcasecmp (words[n], "FROM") != 0)
        n++;
      g_free (*verb);
      *verb = g_strdup ("UPDATE");
      n++;
    }
  else if (g_str_equal (*verb, "INSERT") || g_str_equal (*verb, "DELETE"))
    n += 2;   /* INSERT INTO t, DELETE FROM t */
  else if (g_str_equal (*verb, "UPDATE"))
    n += 1;
  else
    return;
  for (int i = n - 1; i <= n; i++)
    if (words[i] == NULL)
      return;
  *table = g_strdup (words[n]);
}

/* What people call the rows of @table: "activities" for activity and for
 * its link tables (activity_partner). */
static char *
table_words (const char *table)
{
  const SamKindInfo *best = NULL;

  for (int k = 0; k < SAM_N_KINDS; k++)
    {
      const SamKindInfo *info = sam_kind_get_info (k);
      gsize len = strlen (info->table);

      if (g_str_equal (info->table, table)
          || (g_str_has_prefix (table, info->table) && table[len] == '_'
              && (best == NULL || strlen (best->table) < len)))
        best = info;
    }
  if (best == NULL)
    return g_strdup_printf ("“%s”", table);
  return g_utf8_strdown (g_dgettext (GETTEXT_PACKAGE, best->plural), -1);
}

static void
set_not_allowed (PgDb        *db,
                 const char  *sql,
                 const char  *says,
                 GError     **error)
{
  g_autofree char *verb = NULL, *table = NULL, *what = NULL;

  statement_target (sql, &verb, &table);
  what = table_words (table ? table : "");
  if (table && g_str_equal (verb, "INSERT"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED,
                 _("Your login “%s” may not add %s in “%s” (the server says: %s). Ask the plan's secretariat for the rights you need."),
                 db->user, what, db->name, says);
  else if (table && g_str_equal (verb, "UPDATE"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED,
                 _("Your login “%s” may not change %s in “%s” (the server says: %s). Ask the plan's secretariat for the rights you need."),
                 db->user, what, db->name, says);
  else if (table && g_str_equal (verb, "DELETE"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED,
                 _("Your login “%s” may not delete %s in “%s” (the server says: %s). Ask the plan's secretariat for the rights you need."),
                 db->user, what, db->name, says);
  else
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_ALLOWED,
                 _("Your login “%s” may not do this in “%s” (the server says: %s). Ask the plan's secretariat for the rights you need."),
                 db->user, db->name, says);
}

static gboolean
is_delete (const char *sql)
{
  g_autofree char *verb = NULL, *table = NULL;

  statement_target (sql, &verb, &table);
  return g_strcmp0 (verb, "DELETE") == 0;
}

/* The column a constraint of @table is about, from its name as the
 * server makes it: activity_progress_check, agency_short_name_key,
 * activity_plan_id_fkey. */
static char *
constraint_column (const char *table,
                   const char *name)
{
  static const char * const suffixes[] = { "_check", "_key", "_fkey", "_not_null" };
  g_autofree char *prefix = g_strconcat (table ? table : "", "_", NULL);

  if (table == NULL || name == NULL || !g_str_has_prefix (name, prefix))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]) && strlen (name) > strlen (prefix) + strlen (suffixes[i]))
      return g_strndup (name + strlen (prefix), strlen (name) - strlen (prefix) - strlen (suffixes[i]));
  return NULL;
}

/* Notes for sam_db_get_constraint() which constraint @result reports. */
static void
note_constraint (PgDb       *db,
                 PGresult   *result,
                 const char *state)
{
  const char *column = result ? pq.PQresultErrorField (result, PG_DIAG_COLUMN_NAME) : NULL;
  const char *detail = result ? pq.PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL;
  g_autofree char *named = NULL;
  SamDbConstraint constraint = SAM_DB_CONSTRAINT_NONE;

  if (g_strcmp0 (state, "23505") == 0)
    constraint = SAM_DB_CONSTRAINT_UNIQUE;
  else if (g_strcmp0 (state, "23503") == 0)
    constraint = SAM_DB_CONSTRAINT_FOREIGN_KEY;
  else if (state && g_str_has_prefix (state, "23"))
    constraint = SAM_DB_CONSTRAINT_OTHER;
  if (constraint == SAM_DB_CONSTRAINT_NONE)
    {
      sam_db_set_constraint (&db->parent, constraint, NULL, NULL);
      return;
    }
  if (column == NULL)
    column = named = constraint_column (pq.PQresultErrorField (result, PG_DIAG_TABLE_NAME),
                                        pq.PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME));
  if (detail == NULL)
    detail = pq.PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  sam_db_set_constraint (&db->parent, constraint, column, detail);
}

/* Sets @error from the failed @result of @sql on @db (NULL when libpq
 * had none to give), by the SQLSTATE the server sent. Always returns
 * FALSE. */
static gboolean
set_result_error (PgDb        *db,
                  PGresult    *result,
                  const char  *sql,
                  GError     **error)
{
  const char *state = result ? pq.PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? pq.PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *says = primary ? g_strdup (primary) : conn_message (db->conn);

  note_constraint (db, result, state);
  if (pq.PQstatus (db->conn) == CONNECTION_BAD || (state && g_str_has_prefix (state, "08"))
      || g_strcmp0 (state, "57P01") == 0 || g_strcmp0 (state, "57P02") == 0
      || g_strcmp0 (state, "57P03") == 0)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE,
                 _("The connection to the server of “%s” was lost (%s). Check that the server is running and that you are on its network, then open the database again."),
                 db->name, says);
  else if (state == NULL)
    sam_db_set_failed (error, db->name, says);
  else if (g_str_equal (state, "42501"))
    set_not_allowed (db, sql, says, error);
  else if (g_str_equal (state, "23503") && is_delete (sql))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE,
                 _("Other items still point to this one (%s). Move or remove those links first."), says);
  else if (g_str_equal (state, "23503"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                 _("A linked item no longer exists (%s). Choose the linked items again."), says);
  else if (g_str_equal (state, "23505"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                 _("A value is already in use (%s). Choose another."), says);
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                 _("A value breaks a rule of the database (%s). Correct it and try again."), says);
  else if (g_str_equal (state, "57014"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_TIMEOUT,
                 _("A query on “%s” took more than %u seconds and was stopped. Try again later; if it happens again, tell the server's administrator."),
                 db->name, MAX (1u, db->query_limit_ms / 1000));
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_LOCKED,
                 _("Another user changed the same items in “%s” at the same time, so this was not saved. Try again."),
                 db->name);
  else if (g_str_equal (state, "25006"))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_READ_ONLY,
                 _("“%s” can only be read now (%s). Ask the server's administrator."), db->name, says);
  else
    sam_db_set_failed (error, db->name, says);
  g_debug ("SQLSTATE %s on: %s", state ? state : "(none)", sql);
  return FALSE;
}

/* Notes the rows an INSERT, UPDATE or DELETE changed, as SQLite counts
 * them; other statements leave the count. */
static void
note_changes (PgDb     *db,
              PGresult *result)
{
  const char *status = pq.PQcmdStatus (result);

  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE")
      || g_str_has_prefix (status, "DELETE") || g_str_has_prefix (status, "MERGE"))
    db->changes = g_ascii_strtoll (pq.PQcmdTuples (result), NULL, 10);
}

/* Keeps SamDb's in_transaction as the server sees it. */
static void
note_transaction (PgDb *db)
{
  db->parent.in_transaction = pq.PQtransactionStatus (db->conn) != PQTRANS_IDLE;
}

/* Runs @sql, which returns no rows, checking its result. */
static gboolean
run_simple (PgDb        *db,
            const char  *sql,
            GError     **error)
{
  PGresult *result = pq.PQexec (db->conn, sql);
  ExecStatusType status = pq.PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;

  note_transaction (db);
  if (!ok)
    set_result_error (db, result, sql, error);
  else
    note_changes (db, result);
  pq.PQclear (result);
  take_notifications (db);
  return ok;
}

/* Connecting */

static void
clear_password (char *value)
{
  if (value)
    {
      memset (value, 0, strlen (value));
      g_free (value);
    }
}

/* Returns TRUE when @text names a database on a server rather than a file:
 * a postgresql:// or postgres:// URI, or a libpq key=value string
 * ("host=… dbname=…", "service=…"). */
gboolean
sam_db_pg_is_address (const char *text)
{
  PQconninfoOption *options;

  g_return_val_if_fail (text != NULL, FALSE);
  if (g_str_has_prefix (text, "postgresql://") || g_str_has_prefix (text, "postgres://"))
    return TRUE;
  if (strchr (text, '=') == NULL || !load_libpq (NULL) || (options = pq.PQconninfoParse (text, NULL)) == NULL)
    return FALSE;
  pq.PQconninfoFree (options);
  return TRUE;
}

static const char *
option_value (PQconninfoOption *options,
              const char       *keyword)
{
  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, keyword) && o->val && *o->val)
      return o->val;
  return NULL;
}

/* Returns how @address is named in messages, "samordna on db.example.org",
 * from what it says (never its password); the address itself when libpq
 * cannot read it. */
char *
sam_db_pg_describe (const char *address)
{
  PQconninfoOption *options;
  const char *db, *host, *service;
  char *name;

  g_return_val_if_fail (address != NULL, NULL);
  if (!load_libpq (NULL) || (options = pq.PQconninfoParse (address, NULL)) == NULL)
    return g_strdup (address);
  db = option_value (options, "dbname");
  host = option_value (options, "host");
  service = option_value (options, "service");
  if (db == NULL && service != NULL)
    name = g_strdup_printf (_("service %s"), service);
  else if (host != NULL)
    /* TRANSLATORS: a database on a server: "samordna on db.example.org". */
    name = g_strdup_printf (_("%s on %s"), db ? db : _("the default database"), host);
  else
    name = g_strdup (db ? db : _("the default database"));
  pq.PQconninfoFree (options);
  return name;
}

static char *
connected_name (PGconn *conn)
{
  const char *host = pq.PQhost (conn);

  if (host && *host)
    return g_strdup_printf (_("%s on %s"), pq.PQdb (conn), host);
  return g_strdup (pq.PQdb (conn));
}

/* Sets @error for a connection that failed. */
static void
set_connect_error (PGconn      *conn,
                   const char  *address,
                   gboolean     gave_password,
                   GError     **error)
{
  g_autofree char *name = sam_db_pg_describe (address);
  g_autofree char *says = conn_message (conn);
  const char *user = conn && pq.PQuser (conn) ? pq.PQuser (conn) : g_get_user_name ();

  if (conn && pq.PQconnectionNeedsPassword (conn) && !gave_password)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NEEDS_PASSWORD,
                 _("The server of “%s” asks for the password of “%s”. Put it in ~/.pgpass (or PGPASSWORD), or run Samordna where it can ask you for it."),
                 name, user);
  else if (conn && pq.PQconnectionUsedPassword (conn))
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_LOGIN_FAILED,
                 _("The server of “%s” did not let “%s” log in (%s). Check the user name and password, or ask the server's administrator."),
                 name, user, says);
  else
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE,
                 _("Could not connect to the server of “%s” (%s). Check the address, that the server is running and that you are on its network."),
                 name, says);
}

/* The server's notices (a table that did not exist to drop) are no
 * concern of the user's. */
static void
on_notice_cb (void       *data,
              const char *message)
{
  g_debug ("%s", message);
}

/* Sets up a new session: UTF-8, ISO dates, dates of today in UTC as
 * SQLite's date('now'), Samordna's tables before any of the user's own,
 * the query limit, and no JIT compilation: the planner's row estimates of
 * the recursive queries (agencies under ministries, target groups under
 * others) are far too high, so it compiled queries that run in
 * milliseconds, for a second and more each (bench/server-bench.sh). */
static gboolean
configure (PgDb        *db,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; "
                                          "SET TimeZone = 'UTC'; SET search_path = public; "
                                          "SET jit = off; SET statement_timeout = %u", db->query_limit_ms);

  if (pq.PQserverVersion (db->conn) < OLDEST_SERVER)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   _("The server of “%s” runs PostgreSQL %d, and Samordna needs version 12 or newer. Ask the server's administrator to upgrade it."),
                   db->name, pq.PQserverVersion (db->conn) / 10000);
      return FALSE;
    }
  return run_simple (db, sql, error);
}

/* Connects to the database at @address (see sam_db_pg_is_address()),
 * with @password when not NULL (else libpq finds one, or none is asked),
 * and with a limit of @query_limit_ms on each statement (0: none).
 * Returns the connection, or NULL with SAM_STORE_ERROR_UNREACHABLE,
 * _NEEDS_PASSWORD or _LOGIN_FAILED and a message that says what to do. */
SamDb *
sam_db_pg_open (const char  *address,
                const char  *password,
                guint        query_limit_ms,
                GError     **error)
{
  const char *keywords[] = { "connect_timeout", "fallback_application_name", "dbname",
                             "client_encoding", password ? "password" : NULL, NULL };
  char *pw = g_strdup (password);
  const char *values[] = { "10", "Samordna", address, "UTF8", pw, NULL };
  PgDb *db;
  PGconn *conn;

  g_return_val_if_fail (address != NULL, NULL);
  if (!load_libpq (error))
    {
      clear_password (pw);
      return NULL;
    }
  conn = pq.PQconnectdbParams (keywords, values, 1);
  clear_password (pw);
  if (conn == NULL || pq.PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (conn, address, password != NULL, error);
      pq.PQfinish (conn);
      return NULL;
    }
  db = g_new0 (PgDb, 1);
  db->parent.vtable = &pg_vtable;
  db->conn = conn;
  db->name = connected_name (conn);
  db->user = g_strdup (pq.PQuser (conn));
  db->query_limit_ms = query_limit_ms;
  pq.PQsetNoticeProcessor (conn, on_notice_cb, NULL);
  if (!configure (db, error))
    {
      sam_db_close (&db->parent);
      return NULL;
    }
  return &db->parent;
}

/* Connects to @address as sam_db_pg_open() does, with no password but
 * libpq's own means and the default query limit: the door through which
 * the store opens a database on a server (sam-db-private.h). */
SamDb *
sam_db_pg_connect (const char  *address,
                   GError     **error)
{
  return sam_db_pg_open (address, NULL, sam_db_default_query_limit (), error);
}

/* The name of @db in messages: "samordna on db.example.org". */
const char *
sam_db_pg_get_name (SamDb *db)
{
  g_return_val_if_fail (db != NULL && db->vtable == &pg_vtable, NULL);
  return ((PgDb *) db)->name;
}

/* The libpq connection of @db, for watching its socket. */
PGconn *
sam_db_pg_get_conn (SamDb *db)
{
  g_return_val_if_fail (db != NULL && db->vtable == &pg_vtable, NULL);
  return ((PgDb *) db)->conn;
}

/* The connection */

static SamStmt *
pg_prepare (SamDb       *sdb,
            const char  *sql,
            GError     **error)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.db = sdb;
  stmt->names = g_ptr_array_new_with_free_func (g_free);
  stmt->order = g_array_new (FALSE, FALSE, sizeof (int));
  stmt->sql = sam_db_pg_rewrite (sql, stmt->names, stmt->order);
  stmt->values = g_new0 (char *, stmt->names->len + 1);
  stmt->row = -1;
  return &stmt->parent;
}

static gboolean
pg_exec (SamDb       *sdb,
         const char  *sql,
         GError     **error)
{
  return run_simple ((PgDb *) sdb, sql, error);
}

static gboolean
pg_begin (SamDb             *sdb,
          SamDbTransaction   kind,
          GError           **error)
{
  return run_simple ((PgDb *) sdb,
                     kind == SAM_DB_SNAPSHOT ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                                             : "BEGIN ISOLATION LEVEL READ COMMITTED",
                     error);
}

static gboolean
pg_commit (SamDb   *sdb,
           GError **error)
{
  PgDb *db = (PgDb *) sdb;
  PGresult *result = pq.PQexec (db->conn, "COMMIT");
  gboolean ok = pq.PQresultStatus (result) == PGRES_COMMAND_OK;

  note_transaction (db);
  take_notifications (db);
  /* COMMIT of a transaction a failed statement aborted rolls it back. */
  if (ok && g_strcmp0 (pq.PQcmdStatus (result), "ROLLBACK") == 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_FAILED,
                   _("The database “%s” failed: a statement of the change failed, so nothing of it was saved."),
                   db->name);
      ok = FALSE;
    }
  else if (!ok)
    set_result_error (db, result, "COMMIT", error);
  pq.PQclear (result);
  return ok;
}

static void
pg_rollback (SamDb *sdb)
{
  PgDb *db = (PgDb *) sdb;

  if (pq.PQtransactionStatus (db->conn) != PQTRANS_IDLE)
    pq.PQclear (pq.PQexec (db->conn, "ROLLBACK"));
  note_transaction (db);
}

static void
pg_set_query_limit (SamDb *sdb,
                    guint  milliseconds)
{
  PgDb *db = (PgDb *) sdb;
  g_autofree char *sql = g_strdup_printf ("SET statement_timeout = %u", milliseconds);
  g_autoptr(GError) error = NULL;

  db->query_limit_ms = milliseconds;
  if (!run_simple (db, sql, &error))
    g_warning ("Could not set the query limit on %s: %s", db->name, error->message);
}

static gint64
pg_changes (SamDb *sdb)
{
  return ((PgDb *) sdb)->changes;
}

static void
pg_close (SamDb *sdb)
{
  PgDb *db = (PgDb *) sdb;

  pq.PQfinish (db->conn);
  g_free (db->name);
  g_free (db->user);
  g_free (db);
}

/* Statements */

static void
clear_texts (PgStmt *stmt)
{
  for (int i = 0; i < stmt->n_texts; i++)
    g_clear_pointer (&stmt->texts[i], g_free);
}

static void
clear_result (PgStmt *stmt)
{
  clear_texts (stmt);
  g_clear_pointer (&stmt->texts, g_free);
  stmt->n_texts = 0;
  g_clear_pointer (&stmt->result, pq.PQclear);
  stmt->row = -1;
  stmt->done = FALSE;
}

static int
pg_param_index (SamStmt    *sstmt,
                const char *name)
{
  return find_name (((PgStmt *) sstmt)->names, name);
}

static void
set_value (SamStmt *sstmt,
           int      index,
           char    *value)
{
  PgStmt *stmt = (PgStmt *) sstmt;

  if (index < 1 || index > (int) stmt->names->len)
    {
      g_free (value);
      g_critical ("No parameter %d in: %s", index, stmt->sql);
      return;
    }
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
}

static void
pg_bind_int (SamStmt *stmt,
             int      index,
             gint64   value)
{
  set_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (SamStmt *stmt,
                int      index,
                double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  set_value (stmt, index, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)));
}

static void
pg_bind_text (SamStmt    *stmt,
              int         index,
              const char *value)
{
  set_value (stmt, index, g_strdup (value));
}

static void
pg_bind_null (SamStmt *stmt,
              int      index)
{
  set_value (stmt, index, NULL);
}

static gboolean
execute (PgStmt  *stmt,
         GError **error)
{
  PgDb *db = (PgDb *) stmt->parent.db;
  int n = (int) stmt->order->len;
  g_autofree const char **values = g_new0 (const char *, n + 1);
  ExecStatusType status;

  for (int i = 0; i < n; i++)
    values[i] = stmt->values[g_array_index (stmt->order, int, i) - 1];
  stmt->result = pq.PQexecParams (db->conn, stmt->sql, n, NULL, values, NULL, NULL, 0);
  status = pq.PQresultStatus (stmt->result);
  note_transaction (db);
  take_notifications (db);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY)
    {
      set_result_error (db, stmt->result, stmt->sql, error);
      g_clear_pointer (&stmt->result, pq.PQclear);
      return FALSE;
    }
  note_changes (db, stmt->result);
  stmt->n_texts = pq.PQnfields (stmt->result);
  stmt->texts = g_new0 (char *, stmt->n_texts + 1);
  return TRUE;
}

static SamStep
pg_step (SamStmt  *sstmt,
         GError  **error)
{
  PgStmt *stmt = (PgStmt *) sstmt;

  /* As SQLite does, a step after the last starts the statement again. */
  if (stmt->done)
    clear_result (stmt);
  if (stmt->row < 0)
    {
      if (!execute (stmt, error))
        return SAM_STEP_ERROR;
      stmt->row = 0;
    }
  else
    {
      clear_texts (stmt);
      stmt->row++;
    }
  if (stmt->row < pq.PQntuples (stmt->result))
    return SAM_STEP_ROW;
  stmt->done = TRUE;
  return SAM_STEP_DONE;
}

static void
pg_reset (SamStmt *stmt)
{
  clear_result ((PgStmt *) stmt);
}

static void
pg_free (SamStmt *sstmt)
{
  PgStmt *stmt = (PgStmt *) sstmt;

  clear_result (stmt);
  for (guint i = 0; i < stmt->names->len; i++)
    g_free (stmt->values[i]);
  g_free (stmt->values);
  g_ptr_array_unref (stmt->names);
  g_array_unref (stmt->order);
  g_free (stmt->sql);
  g_free (stmt);
}

static int
pg_column_count (SamStmt *sstmt)
{
  PgStmt *stmt = (PgStmt *) sstmt;

  return stmt->result ? pq.PQnfields (stmt->result) : 0;
}

/* The text of @column in the current row, or NULL (SQL NULL, or no row). */
static const char *
raw_value (PgStmt *stmt,
           int     column)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= pq.PQntuples (stmt->result)
      || column < 0 || column >= pq.PQnfields (stmt->result)
      || pq.PQgetisnull (stmt->result, stmt->row, column))
    return NULL;
  return pq.PQgetvalue (stmt->result, stmt->row, column);
}

static gboolean
is_real (PgStmt *stmt,
         int     column)
{
  Oid type = pq.PQftype (stmt->result, column);

  return type == FLOAT4OID || type == FLOAT8OID || type == NUMERICOID;
}

static gboolean
pg_column_is_null (SamStmt *stmt,
                   int      column)
{
  return raw_value ((PgStmt *) stmt, column) == NULL;
}

static double
pg_column_double (SamStmt *sstmt,
                  int      column)
{
  PgStmt *stmt = (PgStmt *) sstmt;
  const char *value = raw_value (stmt, column);

  if (value == NULL)
    return 0.0;
  if (pq.PQftype (stmt->result, column) == BOOLOID)
    return *value == 't' ? 1.0 : 0.0;
  return g_ascii_strtod (value, NULL);
}

static gint64
pg_column_int (SamStmt *sstmt,
               int      column)
{
  PgStmt *stmt = (PgStmt *) sstmt;
  const char *value = raw_value (stmt, column);

  if (value == NULL)
    return 0;
  if (pq.PQftype (stmt->result, column) == BOOLOID)
    return *value == 't';
  if (is_real (stmt, column))
    {
      double d = g_ascii_strtod (value, NULL);

      /* SQLite truncates a real, and a NaN is 0. */
      if (d != d)
        return 0;
      return (gint64) CLAMP (d, (double) G_MININT64, (double) G_MAXINT64);
    }
  return g_ascii_strtoll (value, NULL, 10);
}

/* Spells the real @value as SQLite does ("%!.15g": 2.5, 100.0, 1.0e+20). */
static char *
spell_real (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *out;
  char *e;

  if (value != value)
    return NULL;
  out = g_string_new (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
  if (strpbrk (out->str, ".ni") != NULL)
    return g_string_free (out, FALSE);
  if ((e = strchr (out->str, 'e')) != NULL)
    g_string_insert (out, e - out->str, ".0");
  else
    g_string_append (out, ".0");
  return g_string_free (out, FALSE);
}

static const char *
pg_column_text (SamStmt *sstmt,
                int      column)
{
  PgStmt *stmt = (PgStmt *) sstmt;
  const char *value = raw_value (stmt, column);

  if (value == NULL)
    return NULL;
  if (stmt->texts[column])
    return stmt->texts[column];
  if (pq.PQftype (stmt->result, column) == BOOLOID)
    return *value == 't' ? "1" : "0";
  /* Text is valid UTF-8: the server converts it to the connection's
   * encoding, or refuses to send it. */
  if (!is_real (stmt, column))
    return value;
  stmt->texts[column] = spell_real (g_ascii_strtod (value, NULL));
  return stmt->texts[column];
}

/* Others' changes */

/* Reads what the server has sent meanwhile without waiting, and counts
 * the notifications of changes that other connections committed (one per
 * transaction: see notify.sql); this connection's own are not counted. */
static void
hear_notifications (PgDb *db)
{
  if (db->listening && pq.PQconsumeInput (db->conn))
    take_notifications (db);
}

/* Counts the notifications libpq has read (also those that came with the
 * answer to a query of our own: the socket has nothing more to say about
 * them, so the watch is made to look at once). */
static void
take_notifications (PgDb *db)
{
  gint64 before = db->others;
  PGnotify *notify;

  if (!db->listening)
    return;
  while ((notify = pq.PQnotifies (db->conn)) != NULL)
    {
      if (notify->be_pid != pq.PQbackendPID (db->conn) && g_str_equal (notify->relname, CHANGED_CHANNEL))
        db->others++;
      pq.PQfreemem (notify);
    }
  if (db->others != before && db->watch)
    g_source_set_ready_time (db->watch, 0);
}

/* Counts others' commits heard of since sam_db_watch(); -1 before. */
static gint64
pg_data_version (SamDb *sdb)
{
  PgDb *db = (PgDb *) sdb;

  if (!db->listening)
    return -1;
  hear_notifications (db);
  return db->others;
}

typedef struct
{
  PgDb           *db;
  GSource        *source;
  gint64          told;      /* db->others when @func was last called */
  SamDbWatchFunc  func;
  gpointer        user_data;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  if (watch->db->watch == watch->source)
    watch->db->watch = NULL;
  g_free (watch);
}

static gboolean
on_socket_cb (gint          fd,
              GIOCondition  condition,
              gpointer      user_data)
{
  Watch *watch = user_data;
  PgDb *db = watch->db;
  gboolean lost;

  g_source_set_ready_time (watch->source, -1);
  hear_notifications (db);
  /* A socket the server closed stays readable: stop watching it. */
  lost = pq.PQstatus (db->conn) == CONNECTION_BAD;
  if (lost || db->others != watch->told)
    {
      watch->told = db->others;
      watch->func (&db->parent, watch->user_data);
    }
  return lost ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static GSource *
pg_watch (SamDb           *sdb,
          SamDbWatchFunc   func,
          gpointer         user_data,
          GError         **error)
{
  PgDb *db = (PgDb *) sdb;
  Watch *watch;
  GSource *source;

  if (!run_simple (db, "LISTEN " CHANGED_CHANNEL, error))
    return NULL;
  db->listening = TRUE;
  watch = g_new0 (Watch, 1);
  watch->db = db;
  watch->func = func;
  watch->user_data = user_data;
  source = g_unix_fd_source_new (pq.PQsocket (db->conn), G_IO_IN | G_IO_HUP | G_IO_ERR);
  watch->source = source;
  watch->told = db->others;
  db->watch = source;
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_socket_cb, watch, watch_free);
  g_source_set_static_name (source, "Samordna: others' changes");
  return source;
}

/* Reconnecting */

static gboolean
pg_is_connected (SamDb *sdb)
{
  return pq.PQstatus (((PgDb *) sdb)->conn) == CONNECTION_OK;
}

/* A source that drives pq.PQresetPoll(): it dispatches when the socket is
 * ready as libpq asked (a child source on it, made anew at each step, as
 * the socket may change) and calls its function once at the end. */
typedef struct
{
  GSource             parent;
  PgDb               *db;
  GSource            *child;
  gboolean            started;
  SamDbReconnectFunc  func;
  gpointer            user_data;
} Reconnect;

static gboolean
on_child_cb (gint         fd,
             GIOCondition condition,
             gpointer     data)
{
  return G_SOURCE_CONTINUE;   /* the parent's dispatch does the work */
}

static void
wait_for_socket (Reconnect    *r,
                 GIOCondition  condition)
{
  if (r->child)
    {
      g_source_remove_child_source (&r->parent, r->child);
      g_clear_pointer (&r->child, g_source_unref);
    }
  r->child = g_unix_fd_source_new (pq.PQsocket (r->db->conn), condition | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (r->child, (GSourceFunc) (void (*) (void)) on_child_cb, NULL, NULL);
  g_source_add_child_source (&r->parent, r->child);
}

/* Sets up the new session as the first was. */
static gboolean
set_up_again (PgDb    *db,
              GError **error)
{
  if (!configure (db, error) || (db->listening && !run_simple (db, "LISTEN " CHANGED_CHANNEL, error)))
    return FALSE;
  /* What others committed while the connection was gone was not heard. */
  db->others++;
  note_transaction (db);
  return TRUE;
}

static gboolean
reconnect_dispatch (GSource     *source,
                    GSourceFunc  callback,
                    gpointer     data)
{
  Reconnect *r = (Reconnect *) source;
  PostgresPollingStatusType poll = r->started ? pq.PQresetPoll (r->db->conn) : PGRES_POLLING_FAILED;
  g_autoptr(GError) error = NULL;

  g_source_set_ready_time (source, -1);
  if (poll == PGRES_POLLING_READING || poll == PGRES_POLLING_WRITING)
    {
      wait_for_socket (r, poll == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT);
      return G_SOURCE_CONTINUE;
    }
  if (poll == PGRES_POLLING_OK)
    set_up_again (r->db, &error);
  else
    {
      g_autofree char *says = conn_message (r->db->conn);

      g_set_error (&error, SAM_STORE_ERROR, SAM_STORE_ERROR_UNREACHABLE,
                   _("Could not connect to the server of “%s” again (%s)."), r->db->name, says);
    }
  r->func (&r->db->parent, error, r->user_data);
  return G_SOURCE_REMOVE;
}

static void
reconnect_finalize (GSource *source)
{
  Reconnect *r = (Reconnect *) source;

  g_clear_pointer (&r->child, g_source_unref);
}

static GSourceFuncs reconnect_funcs = {
  .dispatch = reconnect_dispatch,
  .finalize = reconnect_finalize,
};

static GSource *
pg_reconnect (SamDb              *sdb,
              SamDbReconnectFunc  func,
              gpointer            user_data)
{
  GSource *source = g_source_new (&reconnect_funcs, sizeof (Reconnect));
  Reconnect *r = (Reconnect *) source;

  r->db = (PgDb *) sdb;
  r->func = func;
  r->user_data = user_data;
  g_source_set_static_name (source, "Samordna: reconnecting");
  /* As libpq asks: first wait until the new socket can be written. */
  if ((r->started = pq.PQresetStart (r->db->conn)) && pq.PQsocket (r->db->conn) >= 0)
    wait_for_socket (r, G_IO_OUT);
  else
    g_source_set_ready_time (source, 0);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static const SamDbVTable pg_vtable = {
  .backend = SAM_DB_POSTGRESQL,
  .sql = {
    [SAM_SQL_STRING_AGG] = "string_agg(%s, %s)",
    [SAM_SQL_NOCASE] = "COLLATE sam_nocase",
    [SAM_SQL_INSERT_IGNORE] = "INSERT",
    [SAM_SQL_TODAY] = "to_char(CURRENT_DATE, 'YYYY-MM-DD')",
    [SAM_SQL_LOCK_ROW] = "FOR NO KEY UPDATE",
  },
  .prepare = pg_prepare,
  .exec = pg_exec,
  .begin = pg_begin,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .changes = pg_changes,
  .close = pg_close,
  .param_index = pg_param_index,
  .bind_int = pg_bind_int,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .reset = pg_reset,
  .free = pg_free,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int = pg_column_int,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .set_query_limit = pg_set_query_limit,
  .data_version = pg_data_version,
  .watch = pg_watch,
  .is_connected = pg_is_connected,
  .reconnect = pg_reconnect,
};
