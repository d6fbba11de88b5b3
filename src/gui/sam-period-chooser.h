/* sam-period-chooser.h: "As at [2026-T2 (1 May – 31 Aug 2026)]".
 *
 * A drop-down of the reporting periods with their dates, closed ones
 * marked, bound to the period choice of the store it is given
 * (sam-period-choice.h): the views that count as at a period put one in
 * their template and follow the choice.
 */
#pragma once

#include <gtk/gtk.h>

#include "models/sam-period-choice.h"

G_BEGIN_DECLS

#define SAM_TYPE_PERIOD_CHOOSER (sam_period_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SamPeriodChooser, sam_period_chooser, SAM, PERIOD_CHOOSER, GtkWidget)

void  sam_period_chooser_set_store  (SamPeriodChooser *self,
                                     SamStore         *store);

G_END_DECLS
