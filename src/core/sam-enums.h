/* sam-enums.h: the fixed value lists of the domain model.
 *
 * Values are stored by their nick ("in_progress"); the label is a
 * translatable name for people, marked with N_() and translated when shown.
 */
#pragma once

#include "sam-types.h"

G_BEGIN_DECLS

struct _SamEnumValue
{
  const char *nick;
  const char *label;
};

extern const SamEnumValue sam_status_values[];
extern const SamEnumValue sam_plan_kind_values[];
extern const SamEnumValue sam_scope_values[];
extern const SamEnumValue sam_agency_kind_values[];
extern const SamEnumValue sam_agency_role_values[];
extern const SamEnumValue sam_target_category_values[];
extern const SamEnumValue sam_seminar_kind_values[];
extern const SamEnumValue sam_seminar_status_values[];
extern const SamEnumValue sam_rd_status_values[];
extern const SamEnumValue sam_obligation_source_values[];

gboolean     sam_enum_is_valid (const SamEnumValue *values,
                                const char         *nick);
const char  *sam_enum_label    (const SamEnumValue *values,
                                const char         *nick);
guint        sam_enum_count    (const SamEnumValue *values);

G_END_DECLS
