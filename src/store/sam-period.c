#define G_LOG_DOMAIN "sam-period"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sam-period.h"
#include "sam-query-private.h"

/* One row per code, in date order: earliest start, then code. */
#define PERIODS_SQL \
  "SELECT min(id), code, min(start_date), max(end_date) FROM reporting_period "

SamPeriod *
sam_period_copy (const SamPeriod *period)
{
  SamPeriod *copy;

  if (period == NULL)
    return NULL;
  copy = g_new0 (SamPeriod, 1);
  copy->id = period->id;
  copy->code = g_strdup (period->code);
  copy->start_date = g_strdup (period->start_date);
  copy->end_date = g_strdup (period->end_date);
  return copy;
}

void
sam_period_free (SamPeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->code);
  g_free (period->start_date);
  g_free (period->end_date);
  g_free (period);
}

static GDateTime *
parse_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_utc (y, m, d, 0, 0, 0);
}

/* Returns the period's code with its dates, as a reader outside the
 * secretariat needs it: "2026-T3 (1 Sep – 31 Dec 2026)"; the code alone
 * when its dates are not both given. */
char *
sam_period_describe (const SamPeriod *period)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL, *to = NULL;

  g_return_val_if_fail (period != NULL, NULL);
  start = parse_date (period->start_date);
  end = parse_date (period->end_date);
  if (start == NULL || end == NULL)
    return g_strdup (period->code);
  /* TRANSLATORS: a day and a month, as in "1 Sep"; see g_date_time_format(). */
  from = g_date_time_format (start, g_date_time_get_year (start) == g_date_time_get_year (end)
                                    ? C_("period", "%-d %b") : C_("period", "%-d %b %Y"));
  /* TRANSLATORS: a day, a month and a year, as in "31 Dec 2026". */
  to = g_date_time_format (end, C_("period", "%-d %b %Y"));
  /* TRANSLATORS: a reporting period's code and its dates: "2026-T3 (1 Sep – 31 Dec 2026)". */
  return g_strdup_printf (_("%s (%s – %s)"), period->code, from, to);
}

/* Month names for sam_period_describe_in(), which a report in another
 * language than the window's needs: not the process's locale. */
static const char *const months[2][12] = {
  { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
  { "jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des." },
};

static char *
day_text (GDateTime  *date,
          gboolean    norwegian,
          gboolean    year)
{
  int d = g_date_time_get_day_of_month (date);
  const char *month = months[norwegian ? 1 : 0][g_date_time_get_month (date) - 1];

  if (year)
    return g_strdup_printf (norwegian ? "%d. %s %d" : "%d %s %d", d, month, g_date_time_get_year (date));
  return g_strdup_printf (norwegian ? "%d. %s" : "%d %s", d, month);
}

/* Returns the period's code with its dates in @language ("nb" for
 * Norwegian Bokmål, anything else English) whatever the process's locale,
 * for a report: "2026-T3 (1 Sep – 31 Dec 2026)", "2026-T3 (1. sep. –
 * 31. des. 2026)"; the code alone when its dates are not both given. */
char *
sam_period_describe_in (const SamPeriod *period,
                        const char      *language)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL, *to = NULL;
  gboolean norwegian = g_strcmp0 (language, "nb") == 0;

  g_return_val_if_fail (period != NULL, NULL);
  start = parse_date (period->start_date);
  end = parse_date (period->end_date);
  if (start == NULL || end == NULL)
    return g_strdup (period->code);
  from = day_text (start, norwegian, g_date_time_get_year (start) != g_date_time_get_year (end));
  to = day_text (end, norwegian, TRUE);
  return g_strdup_printf ("%s (%s – %s)", period->code, from, to);
}

static gboolean
add_period_cb (SamStmt       *stmt,
               gpointer       user_data,
               GError       **error)
{
  SamPeriod *period = g_new0 (SamPeriod, 1);

  period->id = sam_stmt_column_int (stmt, 0);
  period->code = g_strdup (sam_stmt_column_text (stmt, 1));
  period->start_date = g_strdup (sam_stmt_column_text (stmt, 2));
  period->end_date = g_strdup (sam_stmt_column_text (stmt, 3));
  g_ptr_array_add (user_data, period);
  return TRUE;
}

/* Returns every reporting period (SamPeriod), by start date and code, or
 * NULL with a SamStoreError. */
GPtrArray *
sam_period_list (SamStore  *store,
                 GError   **error)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_period_free);

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  if (!sam_query_foreach (store, PERIODS_SQL "GROUP BY code ORDER BY coalesce(min(start_date), ''), code",
                          NULL, add_period_cb, periods, error))
    return NULL;
  return g_steal_pointer (&periods);
}

/* Returns the period with @code, or NULL with SAM_STORE_ERROR_NOT_FOUND
 * (whose message lists the codes there are) or another SamStoreError. */
SamPeriod *
sam_period_find (SamStore    *store,
                 const char  *code,
                 GError     **error)
{
  g_autoptr(GPtrArray) periods = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *valid = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  /* Codes are read as valid UTF-8, broken bytes replaced; so is the one
   * asked for (from a command line, say). */
  code = valid = g_utf8_make_valid (code, -1);
  if (!(periods = sam_period_list (store, error)))
    return NULL;
  for (guint i = 0; i < periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) periods->pdata[i])->code, code) == 0)
      return g_steal_pointer (&periods->pdata[i]);
  codes = sam_period_list_codes (store);
  if (*codes)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("There is no reporting period “%s”. The periods are: %s."), code, codes);
  else
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("There is no reporting period “%s”: the database has no reporting periods."), code);
  return NULL;
}

/* The current period, by one rule everywhere: the period that holds
 * @today (YYYY-MM-DD); else the latest that started before it; else the
 * first. Returns NULL without an error when there are no periods, and NULL
 * with a SamStoreError when they cannot be read. */
SamPeriod *
sam_period_current (SamStore    *store,
                    const char  *today,
                    GError     **error)
{
  g_autoptr(GPtrArray) periods = NULL;
  SamPeriod *best = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!(periods = sam_period_list (store, error)))
    return NULL;
  for (guint i = 0; i < periods->len; i++)
    {
      SamPeriod *p = periods->pdata[i];

      if (p->start_date == NULL || strcmp (p->start_date, today) > 0)
        continue;
      if (p->end_date == NULL || strcmp (today, p->end_date) <= 0)
        return sam_period_copy (p);
      best = p;
    }
  if (best == NULL && periods->len > 0)
    best = periods->pdata[0];
  return sam_period_copy (best);
}

/* Returns the period just before @period in the order of periods (by
 * start, then code: sam_period_list()), or NULL without an error when it
 * is the first or not stored; NULL with a SamStoreError when they cannot
 * be read. */
SamPeriod *
sam_period_before (SamStore         *store,
                   const SamPeriod  *period,
                   GError          **error)
{
  g_autoptr(GPtrArray) periods = NULL;

  g_return_val_if_fail (SAM_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!(periods = sam_period_list (store, error)))
    return NULL;
  for (guint i = 1; i < periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) periods->pdata[i])->code, period->code) == 0)
      return sam_period_copy (periods->pdata[i - 1]);
  return NULL;
}

/* Returns the codes of every period, ", " between, in date order; "" when
 * there are none or they cannot be read (for messages). */
char *
sam_period_list_codes (SamStore *store)
{
  g_autoptr(GPtrArray) periods = sam_period_list (store, NULL);
  GString *codes = g_string_new (NULL);

  for (guint i = 0; periods && i < periods->len; i++)
    g_string_append_printf (codes, "%s%s", i ? ", " : "", ((SamPeriod *) periods->pdata[i])->code);
  return g_string_free (codes, FALSE);
}

/* Returns today's date as YYYY-MM-DD, local time. */
char *
sam_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
