/* sam-report-labels.h: the words of the report, in Norwegian and English.
 *
 * A report's language is chosen per report, not per process: the
 * secretariat writes an English report for GRETA from a Norwegian desktop,
 * maybe from a worker thread while the window stays Norwegian. gettext
 * follows the process locale, so the report keeps its own small table of
 * both languages instead, enum labels (status words) included.
 */
#pragma once

#include "report/sam-report.h"

G_BEGIN_DECLS

typedef enum {
  /* Sheets */
  L_SHEET_SUMMARY,
  L_SHEET_ACTIVITIES,
  L_SHEET_RESPONSIBILITY,
  L_SHEET_COVERAGE,
  L_SHEET_SEMINARS,
  L_SHEET_PARTICIPANTS,
  L_SHEET_HISTORY,
  /* Summary */
  L_REPORT_TITLE,
  L_SUBJECT,
  L_COMMENTS,
  L_SCOPE,
  L_PERIOD,
  L_WRITTEN,
  L_WHOLE_STRATEGY,
  L_STRATEGY,
  L_FOCUS_AREA,
  L_MEASURE,
  L_PLAN,
  L_AGENCY,
  L_MINISTRY_WITH_AGENCIES,
  L_NO_PERIOD,
  L_PERIODS,
  L_BY_STATUS,
  L_TOTAL,
  L_ACTIVITIES,
  L_AVERAGE_PROGRESS,
  L_OVERDUE,
  L_NOT_REPORTED,
  L_SEMINAR_TARGETS,
  L_TARGETS_WHOLE_STRATEGY,
  L_YEAR,
  L_FORMAT,
  L_HELD,
  L_PLANNED_OR_OPEN,
  L_CANCELLED,
  L_TARGET_MIN,
  L_TARGET_MAX,
  L_TARGET_MET,
  L_YES,
  L_NO,
  L_PAGE,
  L_OF,
  /* Activities */
  L_ID,
  L_MEASURE_TITLE,
  L_PLAN_KIND,
  L_TITLE,
  L_DESCRIPTION,
  L_PRIORITY_TASK,
  L_SECTOR_SCOPE,
  L_LEAD,
  L_PARTNERS,
  L_SECTOR_RESPONSIBILITY,
  L_SECTORS,
  L_TARGET_GROUPS,
  L_MESSAGE,
  L_CHANNELS,
  L_LANGUAGES,
  L_START,
  L_DUE,
  L_STATUS,
  L_PROGRESS,
  L_REPORTED,
  L_LATEST_COMMENT,
  L_LATEST_PERIOD,
  L_PROGRESS_CHANGE,
  /* Matrices */
  L_MINISTRY,
  L_LEAD_SHORT,
  L_PARTNER_SHORT,
  L_SECTOR_SHORT,
  L_NO_MINISTRY,
  L_MEASURES,
  L_PLANS,
  L_TARGET_GROUP,
  L_CATEGORY,
  L_NO_CATEGORY,
  L_GAP_LEGEND,
  L_RESPONSIBILITY_LEGEND,
  L_MIXED_MESSAGES,
  L_REACHED,
  /* Seminars */
  L_SEMINAR,
  L_SEMINAR_KIND,
  L_DATE,
  L_ENDS,
  L_PLACE,
  L_ONLINE,
  L_ORGANISER,
  L_ACTIVITY,
  L_THEME,
  L_TARGET_SECTORS,
  L_CAPACITY,
  L_REGISTERED,
  L_WAITLISTED,
  L_ATTENDED,
  L_EVALUATION_SCORE,
  L_EVALUATION_COMMENT,
  L_SECTOR,
  L_NO_SECTOR,
  L_TARGETS_BY_YEAR,
  /* Status history */
  L_COMMENT,
  L_REPORTED_BY,
  L_REPORTED_AT,
  /* Number formats */
  L_DATE_FORMAT,
  L_DATETIME_FORMAT,
  L_N_LABELS
} SamReportLabel;

const char *sam_report_label       (SamReportLanguage  language,
                                    SamReportLabel     label);
const char *sam_report_enum_label  (SamReportLanguage  language,
                                    const char        *nick);

G_END_DECLS
