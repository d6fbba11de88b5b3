#define G_LOG_DOMAIN "sam-forms"

#include "config.h"

#include "sam-forms-private.h"

/* A form is written in the language chosen for it, not in the language of
 * the desktop that writes it (the secretariat may send English forms from
 * a Norwegian desktop), so its words are kept here in both, as the
 * report's are, and not through gettext. */
static const struct {
  const char *en;
  const char *nb;
} labels[F_N_LABELS] = {
  [F_SHEET_INSTRUCTIONS] = { "Instructions", "Veiledning" },
  [F_SHEET_STATUS] = { "Status", "Status" },
  [F_SHEET_CONTEXT] = { "Taking part in", "Deltar i" },
  [F_TITLE] = { "Status report", "Statusrapportering" },
  [F_AGENCY] = { "Agency", "Virksomhet" },
  [F_PERIOD] = { "Reporting period", "Rapporteringsperiode" },
  [F_DEADLINE] = { "Deadline", "Svarfrist" },
  [F_NO_DEADLINE] = { "as soon as you can", "så snart som mulig" },
  [F_CONTACT] = { "Contact person (optional)", "Kontaktperson (valgfritt)" },
  [F_ID] = { "No.", "Nr." },
  [F_MEASURE] = { "Measure", "Tiltak" },
  [F_PLAN] = { "Plan", "Plan" },
  [F_ACTIVITY] = { "Activity", "Aktivitet" },
  [F_DUE] = { "Due", "Frist" },
  [F_LATEST] = { "Last reported", "Sist rapportert" },
  [F_STATUS] = { "Status", "Status" },
  [F_PROGRESS] = { "Progress (%)", "Framdrift (%)" },
  [F_COMMENT] = { "Comment", "Kommentar" },
  [F_LEAD] = { "Lead agency", "Hovedansvar" },
  [F_HOW_TITLE] = { "How to fill in this form", "Slik fyller du ut skjemaet" },
  [F_HOW_1] = { "1. Open the sheet “Status”. It lists the activities your agency leads in the strategy.",
                "1. Åpne arket «Status». Det viser aktivitetene virksomheten har hovedansvar for i strategien." },
  [F_HOW_2] = { "2. For each activity, choose a status from the list in the Status column. What was reported last time is already filled in: change what is no longer right.",
                "2. Velg status for hver aktivitet fra listen i kolonnen Status. Det som ble rapportert sist, er fylt inn: endre det som ikke lenger stemmer." },
  [F_HOW_3] = { "3. Write the progress as a whole number of percent, 0 to 100 (write 50 for half done). An activity that is done has progress 100.",
                "3. Skriv framdriften som et helt antall prosent, 0 til 100 (skriv 50 for halvveis). En aktivitet som er fullført, har framdrift 100." },
  [F_HOW_4] = { "4. Add a short comment: what was done in the period, what is late and why.",
                "4. Skriv en kort kommentar: hva som ble gjort i perioden, hva som er forsinket og hvorfor." },
  [F_HOW_5] = { "5. Only the status, progress, comment and contact cells can be changed. Do not add, remove or reorder rows or sheets, and keep the file name.",
                "5. Bare cellene for status, framdrift, kommentar og kontaktperson kan endres. Ikke legg til, fjern eller flytt rader eller ark, og behold filnavnet." },
  [F_HOW_6] = { "6. Save the file as an Excel workbook (.xlsx) and send it back to the secretariat by the deadline.",
                "6. Lagre filen som Excel-arbeidsbok (.xlsx) og send den tilbake til sekretariatet innen svarfristen." },
  [F_CONTEXT_NOTE] = { "Activities your agency takes part in, led by others, for your information. They report on these.",
                       "Aktiviteter virksomheten deltar i, som andre har hovedansvar for, til orientering. De rapporterer på dem." },
  [F_NO_ROWS] = { "(none)", "(ingen)" },
  [F_STATUS_ERROR_TITLE] = { "Unknown status", "Ukjent status" },
  [F_STATUS_ERROR] = { "Choose a status from the list.", "Velg en status fra listen." },
  [F_PROGRESS_ERROR_TITLE] = { "Progress in percent", "Framdrift i prosent" },
  [F_PROGRESS_ERROR] = { "Write a whole number from 0 to 100.", "Skriv et helt tall fra 0 til 100." },
  [F_PROGRESS_INPUT] = { "0 to 100 %", "0 til 100 %" },
  [F_DATE_FORMAT] = { "%Y-%m-%d", "%d.%m.%Y" },
  [F_BY_SECTOR] = { "Accountable by sector responsibility: these activities name no lead agency, so the ministry responsible for their sector answers for them. Report on them as on those above.",
                    "Ansvarlig etter sektoransvarsprinsippet: disse aktivitetene har ingen virksomhet med hovedansvar, så departementet med ansvar for sektoren svarer for dem. Rapporter på dem som på dem over." },
};

/* Returns @label in @language; never NULL. */
const char *
sam_form_label (SamReportLanguage language,
                SamFormLabel      label)
{
  g_return_val_if_fail (label < F_N_LABELS, "");
  return language == SAM_REPORT_LANGUAGE_NB ? labels[label].nb : labels[label].en;
}

/* Returns the SHA-256 (hex) of @cells joined by U+001F, a character no
 * cell holds, so that moving text between cells changes the hash. */
char *
sam_form_lock_hash (const char * const *cells,
                    guint               n_cells)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_checksum_update (sum, (const guchar *) "\x1f", 1);
      if (cells[i])
        g_checksum_update (sum, (const guchar *) cells[i], -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Returns the SHA-256 (hex) of @text, NULL counting as "". */
char *
sam_form_text_hash (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text ? text : "", -1);
}
