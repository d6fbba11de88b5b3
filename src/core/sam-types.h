/* sam-types.h: forward declarations and the kinds of things Samordna keeps.
 *
 * The core layer depends on GLib only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SamRecord SamRecord;
typedef struct _SamField  SamField;
typedef struct _SamKindInfo SamKindInfo;
typedef struct _SamEnumValue SamEnumValue;

/* Every entity of the domain model. The order is the order of the table
 * below in sam-kind.c, and the order in which a store creates records
 * so that references always point backwards. */
typedef enum {
  SAM_KIND_STRATEGY,
  SAM_KIND_SECTOR,
  SAM_KIND_AGENCY,
  SAM_KIND_TARGET_GROUP,
  SAM_KIND_FOCUS_AREA,
  SAM_KIND_MEASURE,
  SAM_KIND_GOAL,
  SAM_KIND_PRIORITY_TASK,
  SAM_KIND_PLAN,
  SAM_KIND_ACTIVITY,
  SAM_KIND_REPORTING_PERIOD,
  SAM_KIND_STATUS_UPDATE,
  SAM_KIND_SEMINAR_FORMAT,
  SAM_KIND_SEMINAR,
  SAM_KIND_REGISTRATION,
  SAM_KIND_KNOWLEDGE_GAP,
  SAM_KIND_RD_PROJECT,
  SAM_KIND_OBLIGATION,
  SAM_KIND_REPORTING_ROUND,
  SAM_KIND_ROUND_FORM,
  SAM_KIND_ACTIVITY_CHANGE,
  SAM_KIND_PERIOD_CLOSING,
  SAM_N_KINDS,
  SAM_KIND_NONE = -1,
} SamKind;

typedef enum {
  SAM_FIELD_TEXT,      /* free text, may be long */
  SAM_FIELD_INT,       /* whole number */
  SAM_FIELD_BOOL,      /* yes / no */
  SAM_FIELD_DATE,      /* ISO 8601 date, YYYY-MM-DD */
  SAM_FIELD_DATETIME,  /* ISO 8601 date and time */
  SAM_FIELD_ENUM,      /* one of a fixed list of nicks */
  SAM_FIELD_REF,       /* the id of one record of another kind, or none */
  SAM_FIELD_REFS,      /* ids of records of another kind (a link table) */
  SAM_FIELD_STRINGS,   /* a list of short texts (a link table) */
} SamFieldType;

G_END_DECLS
