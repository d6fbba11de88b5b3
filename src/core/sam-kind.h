/* sam-kind.h: what each kind of record holds, as data.
 *
 * One table describes every entity: its SQL table, its fields and the
 * link tables behind its multi-valued fields. The store, the models and
 * the details pane all read this table instead of repeating it.
 */
#pragma once

#include "sam-types.h"
#include "sam-enums.h"

G_BEGIN_DECLS

struct _SamField
{
  const char         *name;        /* column, or the link-table field name */
  const char         *label;       /* N_() marked, for people */
  SamFieldType        type;
  SamKind             ref_kind;    /* REF and REFS: the kind pointed to */
  const SamEnumValue *values;      /* ENUM: the allowed values */
  const char         *link_table;  /* REFS and STRINGS: the link table */
  const char         *link_column; /* REFS and STRINGS: its value column */
  guint               max_length;  /* TEXT: longest allowed, in characters; 0 = none */
  gboolean            required;
};

struct _SamKindInfo
{
  SamKind         kind;
  const char     *table;
  const char     *name;            /* stable English name, as in "activity" */
  const char     *label;           /* N_() marked singular */
  const char     *plural;          /* N_() marked plural */
  const char     *title_field;     /* the field that names a record */
  const char     *order_by;        /* SQL ORDER BY for lists */
  const SamField *fields;
  guint           n_fields;
};

const SamKindInfo *sam_kind_get_info        (SamKind            kind);
SamKind            sam_kind_from_name       (const char        *name);
const SamField    *sam_kind_find_field      (SamKind            kind,
                                             const char        *name);
int                sam_kind_field_index     (SamKind            kind,
                                             const char        *name);
gboolean           sam_field_is_link        (const SamField    *field);
const char        *sam_kind_english_field   (SamKind            kind);

G_END_DECLS
