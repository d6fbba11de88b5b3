#define G_LOG_DOMAIN "sam-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-enums.h"

const SamEnumValue sam_status_values[] = {
  { "planned", N_("Planned") },
  { "in_progress", N_("In progress") },
  { "done", N_("Done") },
  { "delayed", N_("Delayed") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL },
};

const SamEnumValue sam_plan_kind_values[] = {
  { "competence", N_("Competence raising") },
  { "information", N_("Information") },
  { "knowledge", N_("Knowledge") },
  { "prevention", N_("Prevention") },
  { NULL, NULL },
};

const SamEnumValue sam_scope_values[] = {
  { "cross_sector", N_("Cross-sector") },
  { "sector", N_("Sector-wise") },
  { NULL, NULL },
};

const SamEnumValue sam_agency_kind_values[] = {
  { "ministry", N_("Ministry") },
  { "directorate", N_("Directorate") },
  { "agency", N_("Agency") },
  { "municipality", N_("Municipality") },
  { "ngo", N_("Non-governmental organisation") },
  { "legal", N_("Court or legal") },
  { "business", N_("Business") },
  { "international", N_("International organisation") },
  { "research", N_("Research") },
  { "cooperation", N_("Cooperation body") },
  { NULL, NULL },
};

const SamEnumValue sam_agency_role_values[] = {
  { "actor", N_("Takes part in activities") },
  { "recipient", N_("Receives reports") },
  /* Named in the strategy, as context or as those a measure is for,
   * but given no task of its own: not expected to act. */
  { "named", N_("Named, with no task of its own") },
  { NULL, NULL },
};

const SamEnumValue sam_target_category_values[] = {
  { "professionals", N_("Professionals in a sector") },
  { "at_risk", N_("Potentially exploited persons") },
  { "demand", N_("Those who demand services") },
  { "industry", N_("Industries and employers") },
  { "public", N_("The public") },
  { NULL, NULL },
};

const SamEnumValue sam_seminar_kind_values[] = {
  { "national", N_("National interdisciplinary") },
  { "low_threshold", N_("Low-threshold") },
  { "thematic", N_("Thematic") },
  { "digital", N_("Digital course") },
  { NULL, NULL },
};

const SamEnumValue sam_seminar_status_values[] = {
  { "planned", N_("Planned") },
  { "open", N_("Registration open") },
  { "held", N_("Held") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL },
};

const SamEnumValue sam_rd_status_values[] = {
  { "planned", N_("Planned") },
  { "in_progress", N_("In progress") },
  { "done", N_("Done") },
  { NULL, NULL },
};

const SamEnumValue sam_obligation_source_values[] = {
  { "convention", N_("Council of Europe convention") },
  { "greta", N_("GRETA recommendation") },
  { NULL, NULL },
};

/* Returns TRUE when @nick is one of @values. NULL is never valid. */
gboolean
sam_enum_is_valid (const SamEnumValue *values,
                   const char         *nick)
{
  g_return_val_if_fail (values != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  for (const SamEnumValue *v = values; v->nick != NULL; v++)
    if (g_str_equal (v->nick, nick))
      return TRUE;
  return FALSE;
}

/* Returns the translated label of @nick, or @nick itself when it is not
 * one of @values (so that a value from a newer file still shows). */
const char *
sam_enum_label (const SamEnumValue *values,
                const char         *nick)
{
  g_return_val_if_fail (values != NULL, NULL);

  if (nick == NULL)
    return "";
  for (const SamEnumValue *v = values; v->nick != NULL; v++)
    if (g_str_equal (v->nick, nick))
      return g_dgettext (GETTEXT_PACKAGE, v->label);
  return nick;
}

guint
sam_enum_count (const SamEnumValue *values)
{
  guint n = 0;

  g_return_val_if_fail (values != NULL, 0);
  while (values[n].nick != NULL)
    n++;
  return n;
}
