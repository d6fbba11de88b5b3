#define G_LOG_DOMAIN "sam-text"

#include "config.h"

#include <string.h>

#include "sam-text.h"

static gboolean
needs_cleaning (const char *text,
                gsize       length)
{
  const guchar *p = (const guchar *) text;

  if (length > SAM_CELL_MAX_CHARS)
    return TRUE;
  /* Printable ASCII, as most text starts, needs neither check below. */
  while ((*p >= 0x20 && *p < 0x80) || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p == '\0')
    return FALSE;
  if (!g_utf8_validate ((const char *) p, (gssize) (length - (gsize) ((const char *) p - text)), NULL))
    return TRUE;
  for (; *p; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        || (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
      return TRUE;
  return FALSE;
}

/* Returns NULL when @text can go into a cell as it is, else a copy (free
 * it) as XML can carry it and Excel can hold it: valid UTF-8, control
 * characters replaced by U+FFFD, cut to SAM_CELL_MAX_CHARS characters
 * with "…" where it was cut. */
char *
sam_text_for_cell (const char *text)
{
  g_autofree char *valid = NULL;
  GString *clean;
  glong n = 0;

  if (text == NULL || !needs_cleaning (text, strlen (text)))
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p && n < SAM_CELL_MAX_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        c = 0xFFFD;
      if (n == SAM_CELL_MAX_CHARS - 1 && *g_utf8_next_char (p))
        c = 0x2026;   /* … where the rest was cut */
      g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}

/* Returns @text as searches compare it: case folded, with accents and
 * other marks taken off letters ("Bufdir", "bufdir" and "BÚFDIR" read
 * alike; "å" reads as "a"). Letters that are letters of their own (æ, ø)
 * stay. */
char *
sam_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *plain;

  g_return_val_if_fail (text != NULL, NULL);
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  plain = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (plain, c);
    }
  return g_string_free (plain, FALSE);
}

/* Returns TRUE when every word of @query is found somewhere in @text, at
 * the start of a word or inside one ("direktoratet" finds
 * "familiedirektoratet", "hdir" finds "Helsedirektoratet (Hdir)"), in any
 * case and with or without accents. An empty query finds everything. */
gboolean
sam_text_matches (const char *text,
                  const char *query)
{
  g_autofree char *hay = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  if (query == NULL)
    return TRUE;
  hay = sam_text_fold (text);
  needle = sam_text_fold (query);
  words = g_strsplit_set (needle, " \t\n", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] && strstr (hay, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
