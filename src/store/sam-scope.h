/* sam-scope.h: which part of the strategy a view, a check or a report covers.
 *
 * A scope is the whole strategy, one focus area, one measure, one plan, one
 * agency (the activities it leads or takes part in, or answers for by
 * sector responsibility: see sam-accountability.h) or one ministry with
 * every agency below it. It is a small value: resolve it once from the
 * store (sam_scope_parse(), or sam_scope_new() with a known id) and pass it
 * by pointer; NULL means the whole strategy everywhere a scope is taken.
 */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

typedef enum {
  SAM_SCOPE_STRATEGY,     /* id 0: everything in the database; else one strategy */
  SAM_SCOPE_FOCUS_AREA,
  SAM_SCOPE_MEASURE,
  SAM_SCOPE_PLAN,
  SAM_SCOPE_AGENCY,       /* activities the agency leads, is a partner in or answers for */
  SAM_SCOPE_MINISTRY,     /* the same for the ministry and all agencies below it */
} SamScopeKind;

typedef struct
{
  SamScopeKind  kind;
  gint64        id;       /* the record's id; 0 only for the whole strategy */
  gint64        number;   /* focus areas and measures: their number; else 0 */
  char         *title;    /* the record's title or name, NULL for the whole strategy */
  char         *short_name; /* agencies and ministries: their short name, or NULL */
} SamScope;

SamScope   *sam_scope_new        (SamScopeKind    kind,
                                  gint64          id);
SamScope   *sam_scope_copy       (const SamScope *scope);
void        sam_scope_free       (SamScope       *scope);
SamScope   *sam_scope_parse      (SamStore       *store,
                                  const char     *spec,
                                  GError        **error);
gboolean    sam_scope_resolve    (SamScope       *scope,
                                  SamStore       *store,
                                  GError        **error);
gboolean    sam_scope_is_whole   (const SamScope *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamScope, sam_scope_free)

G_END_DECLS
