/* sam-period-choice.h: the period the Overview and the Follow-up show.
 *
 * One choice per store, shared by the views that count as at a period, so
 * that the Overview's "not reported" opens the Follow-up on the same
 * period. It starts on the current period (sam_period_current()) and
 * stays there as days pass until a person picks another.
 */
#pragma once

#include <glib-object.h>

#include "store/sam-period.h"

G_BEGIN_DECLS

#define SAM_TYPE_PERIOD_CHOICE (sam_period_choice_get_type ())
G_DECLARE_FINAL_TYPE (SamPeriodChoice, sam_period_choice, SAM, PERIOD_CHOICE, GObject)

SamPeriodChoice *sam_period_choice_get      (SamStore        *store);
const char      *sam_period_choice_get_code (SamPeriodChoice *self);
void             sam_period_choice_set_code (SamPeriodChoice *self,
                                             const char      *code);
SamPeriod       *sam_period_choice_resolve  (SamPeriodChoice *self,
                                             SamStore        *store,
                                             const char      *today,
                                             GError         **error);

G_END_DECLS
