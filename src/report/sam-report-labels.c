#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include "sam-report-labels.h"

/* Both languages side by side, so that a missing translation shows in
 * review and in the test that walks this table. Sheet names stay within
 * Excel's 31 characters and avoid []:*?/\ . */
static const struct {
  const char *en;
  const char *nb;
} labels[L_N_LABELS] = {
  [L_SHEET_SUMMARY] = { "Summary", "Sammendrag" },
  [L_SHEET_ACTIVITIES] = { "Activities", "Aktiviteter" },
  [L_SHEET_RESPONSIBILITY] = { "Responsibility", "Ansvar" },
  [L_SHEET_COVERAGE] = { "Coverage", "Dekning" },
  [L_SHEET_SEMINARS] = { "Seminars", "Seminarer" },
  [L_SHEET_PARTICIPANTS] = { "Participants by sector", "Deltakere per sektor" },
  [L_SHEET_HISTORY] = { "Status history", "Statushistorikk" },
  [L_SHEET_CHANGES] = { "Changes", "Endringer" },

  [L_REPORT_TITLE] = { "Progress report", "Fremdriftsrapport" },
  [L_SUBJECT] = { "Progress of the strategy's activities", "Fremdrift i strategiens aktiviteter" },
  [L_COMMENTS] = { "Written by Samordna", "Skrevet av Samordna" },
  [L_SCOPE] = { "Scope", "Omfang" },
  [L_PERIOD] = { "Reporting period", "Rapporteringsperiode" },
  [L_WRITTEN] = { "Date of report", "Utarbeidet" },
  [L_WHOLE_STRATEGY] = { "The whole strategy", "Hele strategien" },
  [L_STRATEGY] = { "Strategy", "Strategi" },
  [L_FOCUS_AREA] = { "Focus area", "Innsatsområde" },
  [L_MEASURE] = { "Measure", "Tiltak" },
  [L_PLAN] = { "Plan", "Plan" },
  [L_AGENCY] = { "Agency", "Virksomhet" },
  [L_MINISTRY_WITH_AGENCIES] = { "Ministry with its subordinate agencies", "Departement med underliggende virksomheter" },
  [L_NO_PERIOD] = { "No reporting period", "Ingen rapporteringsperiode" },
  [L_PERIODS] = { "Reporting periods up to this one", "Rapporteringsperioder til og med denne" },
  [L_BY_STATUS] = { "Activities by status per measure", "Aktiviteter etter status per tiltak" },
  [L_TOTAL] = { "Total", "Totalt" },
  [L_ACTIVITIES] = { "Activities", "Aktiviteter" },
  [L_AVERAGE_PROGRESS] = { "Average progress (%)", "Gjennomsnittlig fremdrift (%)" },
  [L_OVERDUE] = { "Overdue", "Over fristen" },
  [L_NOT_REPORTED] = { "Not reported this period", "Ikke rapportert denne perioden" },
  [L_SEMINAR_TARGETS] = { "Seminars compared with the year's target", "Seminarer sammenlignet med årets mål" },
  [L_TARGETS_WHOLE_STRATEGY] = { "The whole strategy's seminars, whatever the scope of this report.",
                                 "Alle seminarene i hele strategien, uansett hva denne rapporten omfatter." },
  [L_YEAR] = { "Year", "År" },
  [L_FORMAT] = { "Format", "Format" },
  [L_HELD] = { "Held", "Gjennomført" },
  [L_PLANNED_OR_OPEN] = { "Planned or open", "Planlagt eller åpen" },
  [L_CANCELLED] = { "Cancelled", "Avlyst" },
  [L_TARGET_MIN] = { "Target: at least", "Mål: minst" },
  [L_TARGET_MAX] = { "Target: at most", "Mål: høyst" },
  [L_TARGET_MET] = { "Target met", "Målet nådd" },
  [L_YES] = { "Yes", "Ja" },
  [L_NO] = { "No", "Nei" },
  [L_PAGE] = { "Page", "Side" },
  [L_OF] = { "of", "av" },
  [L_CLOSED] = { "Period closed", "Perioden avsluttet" },
  [L_CLOSED_NOTE] = { "The figures and lists of this report are as they stood when the period was closed. The "
                      "Responsibility, Coverage, Seminars and Participants by sector sheets show the plan as on the date of report.",
                      "Tallene og listene i denne rapporten er slik de var da perioden ble avsluttet. Arkene Ansvar, "
                      "Dekning, Seminarer og Deltakere per sektor viser planen slik den var da rapporten ble utarbeidet." },

  [L_ID] = { "ID", "ID" },
  [L_MEASURE_TITLE] = { "Measure title", "Tiltakets tittel" },
  [L_PLAN_KIND] = { "Plan kind", "Plantype" },
  [L_TITLE] = { "Activity", "Aktivitet" },
  [L_DESCRIPTION] = { "Description", "Beskrivelse" },
  [L_PRIORITY_TASK] = { "Priority task", "Prioritert oppgave" },
  [L_SECTOR_SCOPE] = { "Cross-sector or sector-wise", "Tverrsektoriell eller sektorvis" },
  [L_LEAD] = { "Lead agency", "Hovedansvar" },
  [L_PARTNERS] = { "Partner agencies", "I samarbeid med" },
  [L_SECTOR_RESPONSIBILITY] = { "No lead named: sector responsibility", "Ingen hovedansvarlig navngitt: sektoransvar" },
  [L_SECTORS] = { "Sectors", "Sektorer" },
  [L_TARGET_GROUPS] = { "Target groups", "Målgrupper" },
  [L_MESSAGE] = { "Message", "Budskap" },
  [L_CHANNELS] = { "Channels", "Kanaler" },
  [L_LANGUAGES] = { "Languages", "Språk" },
  [L_START] = { "Start", "Start" },
  [L_DUE] = { "Due", "Frist" },
  [L_STATUS] = { "Status", "Status" },
  [L_PROGRESS] = { "Progress (%)", "Fremdrift (%)" },
  [L_REPORTED] = { "Reported this period", "Rapportert denne perioden" },
  [L_LATEST_COMMENT] = { "Latest status comment", "Siste statuskommentar" },
  [L_LATEST_PERIOD] = { "Period of the comment", "Kommentarens periode" },
  [L_PROGRESS_CHANGE] = { "Progress change (percentage points)", "Endring i fremdrift (prosentpoeng)" },

  [L_MINISTRY] = { "Ministry", "Departement" },
  [L_LEAD_SHORT] = { "Lead", "Ansvar" },
  [L_PARTNER_SHORT] = { "Partner", "Samarbeid" },
  [L_SECTOR_SHORT] = { "Sector resp.", "Sektoransvar" },
  [L_NO_MINISTRY] = { "Not under a ministry", "Ikke under et departement" },
  [L_MEASURES] = { "Measures", "Tiltak" },
  [L_PLANS] = { "Plans", "Planer" },
  [L_TARGET_GROUP] = { "Target group", "Målgruppe" },
  [L_CATEGORY] = { "Category", "Kategori" },
  [L_NO_CATEGORY] = { "No category", "Uten kategori" },
  [L_GAP_LEGEND] = { "Shaded empty cells are gaps: no activity reaches the group there.",
                     "Fargede tomme celler er hull: ingen aktivitet når målgruppen der." },
  [L_RESPONSIBILITY_LEGEND] = { "Each cell: activities the agency leads, activities it takes part in as a partner, and "
                                "activities that name no lead which it answers for by sector responsibility (a ministry "
                                "responsible for one of their sectors).",
                                "Hver celle: aktiviteter virksomheten har hovedansvar for, aktiviteter den deltar i som "
                                "samarbeidspart, og aktiviteter uten navngitt hovedansvarlig som den står ansvarlig for etter "
                                "sektoransvaret (departementet som har ansvar for en av sektorene deres)." },
  [L_MIXED_MESSAGES] = { "Different messages in", "Ulike budskap i" },
  [L_REACHED] = { "Activities reaching the group", "Aktiviteter som når målgruppen" },
  [L_LEFT_OUT] = { "Not all of this fits in one sheet, which holds at most 16,384 columns and 1,048,576 rows. Shown here:",
                   "Ikke alt dette får plass i ett regneark, som rommer høyst 16 384 kolonner og 1 048 576 rader. Her vises:" },
  [L_N_SECTORS] = { "sectors", "sektorer" },
  [L_N_PLANS] = { "plans", "planer" },
  [L_N_MEASURES] = { "measures", "tiltak" },
  [L_N_AGENCIES] = { "agencies", "virksomheter" },
  [L_N_TARGET_GROUPS] = { "target groups", "målgrupper" },

  [L_SEMINAR] = { "Seminar", "Seminar" },
  [L_SEMINAR_KIND] = { "Kind", "Type" },
  [L_DATE] = { "Date", "Dato" },
  [L_ENDS] = { "Ends", "Slutt" },
  [L_PLACE] = { "Place", "Sted" },
  [L_ONLINE] = { "Online", "Digitalt" },
  [L_ORGANISER] = { "Organiser", "Arrangør" },
  [L_ACTIVITY] = { "Activity", "Aktivitet" },
  [L_THEME] = { "Theme", "Tema" },
  [L_TARGET_SECTORS] = { "Target sectors", "Målsektorer" },
  [L_CAPACITY] = { "Capacity", "Kapasitet" },
  [L_REGISTERED] = { "Registered", "Påmeldt" },
  [L_WAITLISTED] = { "Waiting list", "Venteliste" },
  [L_ATTENDED] = { "Attended", "Deltok" },
  [L_EVALUATION_SCORE] = { "Evaluation (1–5)", "Evaluering (1–5)" },
  [L_EVALUATION_COMMENT] = { "Evaluation comment", "Evalueringskommentar" },
  [L_SECTOR] = { "Sector", "Sektor" },
  [L_NO_SECTOR] = { "No sector given", "Sektor ikke oppgitt" },
  [L_TARGETS_BY_YEAR] = { "The whole strategy's seminars per year compared with the target",
                          "Hele strategiens seminarer per år sammenlignet med målet" },

  [L_CHANGES_SINCE] = { "Changes since", "Endringer siden" },
  [L_CHANGES_AS_AT] = { "as at", "per" },
  [L_FIRST_PERIOD] = { "is the first reporting period: there is nothing to compare it with.",
                       "er den første rapporteringsperioden: det er ingenting å sammenligne med." },
  [L_CHANGE] = { "Change", "Endring" },
  [L_BEFORE] = { "Before", "Før" },
  [L_AFTER] = { "After", "Etter" },
  [L_POINTS] = { "Percentage points", "Prosentpoeng" },
  [L_NEWLY_DONE] = { "Newly done", "Nylig fullført" },
  [L_NEWLY_DELAYED] = { "Newly delayed or cancelled", "Nylig forsinket eller avlyst" },
  [L_PROGRESS_UP] = { "Progress up", "Fremdrift opp" },
  [L_PROGRESS_DOWN] = { "Progress down", "Fremdrift ned" },
  [L_DUE_MOVED] = { "Due date moved", "Frist flyttet" },
  [L_LEAD_CHANGED] = { "Lead agency changed", "Nytt hovedansvar" },
  [L_STOPPED_REPORTING] = { "Reported last period, not this one", "Rapporterte forrige periode, ikke denne" },
  [L_NEW_ACTIVITY] = { "New activity", "Ny aktivitet" },
  [L_REMOVED_ACTIVITY] = { "Removed activity", "Fjernet aktivitet" },

  [L_COMMENT] = { "Comment", "Kommentar" },
  [L_REPORTED_BY] = { "Reported by", "Rapportert av" },
  [L_REPORTED_AT] = { "Time recorded", "Registrert" },

  [L_DATE_FORMAT] = { "yyyy-mm-dd", "dd.mm.yyyy" },
  [L_DATETIME_FORMAT] = { "yyyy-mm-dd hh:mm", "dd.mm.yyyy hh:mm" },
};

/* The value lists of sam-enums.c the report shows. Their nicks do not
 * clash in meaning: "planned" and "cancelled" read the same for activities
 * and seminars. */
static const struct {
  const char *nick;
  const char *en;
  const char *nb;
} enum_labels[] = {
  { "planned", "Planned", "Planlagt" },
  { "in_progress", "In progress", "Pågår" },
  { "done", "Done", "Fullført" },
  { "delayed", "Delayed", "Forsinket" },
  { "cancelled", "Cancelled", "Avlyst" },
  { "open", "Registration open", "Påmelding åpen" },
  { "held", "Held", "Gjennomført" },
  { "competence", "Competence raising", "Kompetanseheving" },
  { "information", "Information", "Informasjon" },
  { "knowledge", "Knowledge", "Kunnskap" },
  { "prevention", "Prevention", "Forebygging" },
  { "cross_sector", "Cross-sector", "Tverrsektoriell" },
  { "sector", "Sector-wise", "Sektorvis" },
  { "national", "National interdisciplinary", "Nasjonalt tverrfaglig" },
  { "low_threshold", "Low-threshold", "Lavterskel" },
  { "thematic", "Thematic", "Tematisk" },
  { "digital", "Digital course", "Digitalt undervisningsopplegg" },
  { "professionals", "Professionals in a sector", "Fagpersoner i en sektor" },
  { "at_risk", "Potentially exploited persons", "Personer som kan bli utnyttet" },
  { "demand", "Those who demand services", "De som etterspør tjenester" },
  { "industry", "Industries and employers", "Bransjer og arbeidsgivere" },
  { "public", "The public", "Befolkningen" },
};

/* Returns @label in @language; never NULL. */
const char *
sam_report_label (SamReportLanguage language,
                  SamReportLabel    label)
{
  g_return_val_if_fail (label < L_N_LABELS, "");
  return language == SAM_REPORT_LANGUAGE_NB ? labels[label].nb : labels[label].en;
}

/* Returns the name of the enum value @nick in @language: "" for NULL, and
 * @nick itself when the report does not know it (a value from a newer
 * file still shows). */
const char *
sam_report_enum_label (SamReportLanguage  language,
                       const char        *nick)
{
  if (nick == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    if (g_str_equal (enum_labels[i].nick, nick))
      return language == SAM_REPORT_LANGUAGE_NB ? enum_labels[i].nb : enum_labels[i].en;
  return nick;
}
