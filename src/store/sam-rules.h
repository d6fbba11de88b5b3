/* sam-rules.h: saving and deleting a record with the rules of its kind.
 *
 * Most kinds need only the store's own checks; seminars, registrations
 * and seminar formats have rules of their own (capacity, the waiting
 * list, the yearly target) in sam-seminars.c. Whoever saves on a
 * person's behalf calls these, never the bare store calls.
 */
#pragma once

#include "sam-store.h"

G_BEGIN_DECLS

/* Where a new record goes, taken from what the person has in view. */
typedef struct
{
  SamRecord *near;        /* the record shown or selected, or NULL */
  gint64     plan_id;     /* the plan the activities in view are of, or 0 */
  int        year;        /* the year of seminars in view, or 0: this year */
  gboolean   under;       /* an agency or target group goes under @near */
} SamNewPlace;

SamRecord *sam_rules_create (SamStore          *store,
                             SamKind            kind,
                             const SamNewPlace *place,
                             GError           **error);
gboolean  sam_rules_save    (SamStore   *store,
                             SamRecord  *record,
                             GError    **error);
gboolean  sam_rules_update_field (SamStore   *store,
                             SamKind     kind,
                             gint64      id,
                             const char *field,
                             GVariant   *expected,
                             GVariant   *value,
                             GError    **error);
gboolean  sam_rules_delete  (SamStore   *store,
                             SamKind     kind,
                             gint64      id,
                             GError    **error);
gboolean  sam_rules_delete_replacing (SamStore *store,
                             SamKind     kind,
                             gint64      id,
                             gint64      replacement,
                             GError    **error);

G_END_DECLS
