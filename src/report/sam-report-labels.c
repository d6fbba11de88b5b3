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
  [L_SHEET_FOLLOW_UP] = { "Follow-up", "Oppfølging" },
  [L_SHEET_OBLIGATIONS] = { "Obligations", "Forpliktelser" },
  [L_SHEET_KNOWLEDGE] = { "Knowledge and goals", "Kunnskap og mål" },

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
                     "Skraverte tomme celler er hull: ingen aktivitet når målgruppen der." },
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
  [L_NO_CHANGES] = { "Nothing changed between the two periods.", "Ingenting endret seg mellom de to periodene." },
  [L_CHANGE_KIND] = { "Change", "Endring" },
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

  [L_LIGHT] = { "Status light", "Statuslys" },
  [L_LIGHT_RED] = { "Red", "Rød" },
  [L_LIGHT_AMBER] = { "Amber", "Gul" },
  [L_LIGHT_GREEN] = { "Green", "Grønn" },
  [L_CHANGE] = { "Change (percentage points)", "Endring (prosentpoeng)" },
  [L_LIGHT_RULE] = { "Status light: red when an activity is delayed or overdue; else amber when an activity that should "
                     "report this period has not; else green. None when the measure has no activity that is not cancelled.",
                     "Statuslys: rødt når en aktivitet er forsinket eller over fristen; ellers gult når en aktivitet som "
                     "skulle rapportert denne perioden, ikke har gjort det; ellers grønt. Ingen når tiltaket ikke har "
                     "noen aktivitet som ikke er avlyst." },
  [L_CHANGE_RULE] = { "Change: average progress now minus the average as at the previous period, each activity "
                      "counted as it stood then (its latest status update in or before that period, or its own "
                      "status and progress as they were), in percentage points. Previous period:",
                      "Endring: gjennomsnittlig fremdrift nå minus gjennomsnittet per forrige periode, med hver "
                      "aktivitet slik den sto da (siste statusrapport i eller før den perioden, eller egen status og "
                      "fremdrift slik de var), i prosentpoeng. Forrige periode:" },
  [L_NO_PREVIOUS] = { "Change: there is no earlier reporting period to compare with.",
                      "Endring: det finnes ingen tidligere rapporteringsperiode å sammenligne med." },
  [L_LATEST_COMMENTS] = { "Latest status comments per measure", "Siste statuskommentarer per tiltak" },
  [L_NO_COMMENTS] = { "No status comments yet.", "Ingen statuskommentarer ennå." },

  [L_OBLIGATION] = { "Article or recommendation", "Artikkel eller anbefaling" },
  [L_CONVENTION] = { "Council of Europe Convention on Action against Trafficking in Human Beings",
                     "Europarådets konvensjon om tiltak mot menneskehandel" },
  [L_GRETA] = { "GRETA's recommendations", "GRETAs anbefalinger" },
  [L_OTHER_SOURCE] = { "Other obligations", "Andre forpliktelser" },
  [L_OBLIGATIONS_NOTE] = { "Each article or recommendation, the measures it names with their figures, and the activities "
                           "it names with their own. Change in percentage points.",
                           "Hver artikkel eller anbefaling, tiltakene den nevner med sine tall, og aktivitetene den nevner "
                           "med sine. Endring i prosentpoeng." },
  [L_NOTHING_IN_SCOPE] = { "No measure or activity in this report answers it.",
                           "Ingen tiltak eller aktivitet i denne rapporten svarer på den." },

  [L_KNOWLEDGE_GAPS] = { "Knowledge gaps and the R&D projects that address them",
                         "Kunnskapshull og FoU-prosjektene som skal dekke dem" },
  [L_KNOWLEDGE_GAP] = { "Knowledge gap", "Kunnskapshull" },
  [L_NUMBER] = { "No.", "Nr." },
  [L_RD_PROJECT] = { "R&D project", "FoU-prosjekt" },
  [L_NO_PROJECT] = { "No R&D project addresses this gap", "Ingen FoU-prosjekt dekker dette hullet" },
  [L_GOALS] = { "Goals per measure", "Mål per tiltak" },
  [L_GOAL] = { "Goal", "Mål" },

  [L_NOT_REPORTED_IN] = { "Activities not reported in", "Aktiviteter som ikke er rapportert i" },
  [L_NO_PERIOD_NO_LIST] = { "There is no reporting period, so no activity is expected to report.",
                            "Det finnes ingen rapporteringsperiode, så ingen aktivitet skal rapportere." },
  [L_CONTACT] = { "Contact", "Kontakt" },
  [L_NO_LEAD_LIST] = { "Activities with no lead agency, and who answers for them by sector responsibility",
                       "Aktiviteter uten hovedansvarlig, og hvem som svarer for dem etter sektoransvaret" },
  [L_NO_LEAD] = { "No lead named", "Ingen hovedansvarlig navngitt" },
  [L_NOBODY] = { "Nobody: no ministry answers for it by sector responsibility",
                 "Ingen: intet departement svarer for den etter sektoransvaret" },
  [L_FINDINGS] = { "Other findings of the coordination checks (samordna check)",
                   "Andre funn fra samordningskontrollene (samordna check)" },
  [L_FINDINGS_NOTE] = { "Activities with no lead agency are listed above.",
                        "Aktiviteter uten hovedansvarlig står ovenfor." },
  [L_SEVERITY] = { "Severity", "Alvorlighet" },
  [L_CHECK] = { "Check", "Kontroll" },
  [L_CONCERNS] = { "Concerns", "Gjelder" },
  [L_NONE] = { "None.", "Ingen." },

  [L_ATTENDANCE_RATE] = { "Attendance rate (%)", "Oppmøte (%)" },
  [L_SECTOR_DOMINANCE] = { "One sector has more than half", "Én sektor har over halvparten" },
  [L_DOMINANCE_RULE] = { "A national interdisciplinary seminar where one sector has more than half of the participants "
                         "(those who attended once attendance is recorded) names that sector and its share: it should "
                         "bring the sectors together. Attendance rate: attended of those registered with a place.",
                         "Et nasjonalt tverrfaglig seminar der én sektor har over halvparten av deltakerne (de som deltok, "
                         "når oppmøte er registrert) nevner sektoren og dens andel: seminaret skal samle sektorene. "
                         "Oppmøte: andelen som deltok av de påmeldte med plass." },

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
  /* The checks' severities and ids (sam-coordination.h) */
  { "error", "Error", "Feil" },
  { "warning", "Warning", "Advarsel" },
  { "note", "Note", "Merknad" },
  { "activity-lead-only", "Lead agency without partners", "Hovedansvarlig uten samarbeidspartnere" },
  { "agency-idle", "Agency in no activity", "Virksomhet uten aktiviteter" },
  { "ministry-measure-gap", "Ministry with no activity in a measure", "Departement uten aktivitet i et tiltak" },
  { "target-group-unreached", "Target group no activity reaches", "Målgruppe ingen aktivitet når" },
  { "target-group-mixed-messages", "Different messages to one target group", "Ulike budskap til én målgruppe" },
  { "knowledge-gap-unaddressed", "Knowledge gap without an R&D project", "Kunnskapshull uten FoU-prosjekt" },
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
