/* sam-page.h: what every view of the main window is.
 *
 * A page shows part of one store and follows its changes: when the store
 * changes it reloads at once if it is shown, or when it is next shown. It
 * never reaches into the window; it asks for what it needs with signals
 * ("show-record", "add-toast") and the window's actions ("win.view",
 * "win.show-activities"), so the window uses the pages and never the
 * reverse.
 */
#pragma once

#include <adwaita.h>

#include "store/sam-rules.h"

G_BEGIN_DECLS

#define SAM_TYPE_PAGE (sam_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SamPage, sam_page, SAM, PAGE, GtkWidget)

struct _SamPageClass
{
  GtkWidgetClass parent_class;

  /* Whether the editor pane stands beside the page. */
  gboolean   uses_editor;

  /* Shows the store's data; called when the page is shown after the
   * store changed, and when it gets a store. */
  void       (*reload)        (SamPage      *self);
  /* Selects @record where the page lists it; FALSE when it does not. */
  gboolean   (*select_record) (SamPage      *self,
                               SamRecord    *record);
  /* Says where a new record would go from what the page has in view. */
  void       (*fill_place)    (SamPage      *self,
                               SamNewPlace  *place);
  /* Forgets the selection, so that selecting again shows it again. */
  void       (*unselect)      (SamPage      *self);
  /* Returns the record selected (a new reference), or NULL. */
  SamRecord *(*get_selected)  (SamPage      *self);
  /* Applies and from now on keeps the person's choices in @settings. */
  void       (*use_settings)  (SamPage      *self,
                               GSettings    *settings);
};

SamStore   *sam_page_get_store       (SamPage      *self);
void        sam_page_set_store       (SamPage      *self,
                                      SamStore     *store);
void        sam_page_set_settings    (SamPage      *self,
                                      GSettings    *settings);
gboolean    sam_page_is_reloading    (SamPage      *self);
void        sam_page_reload          (SamPage      *self);
void        sam_page_refresh         (SamPage      *self);
gboolean    sam_page_select_record   (SamPage      *self,
                                      SamRecord    *record);
void        sam_page_fill_place      (SamPage      *self,
                                      SamNewPlace  *place);
void        sam_page_unselect        (SamPage      *self);
gboolean    sam_page_uses_editor     (SamPage      *self);
SamRecord  *sam_page_get_selected    (SamPage      *self);
SamRecord  *sam_page_record_for_item (SamPage      *self,
                                      gpointer      item);
void        sam_page_activate_cb     (GtkWidget    *list,
                                      guint         position,
                                      SamPage      *self);

void        sam_page_show_record     (SamPage      *self,
                                      SamRecord    *record);
void        sam_page_add_toast       (SamPage      *self,
                                      AdwToast     *toast);
void        sam_page_toast           (SamPage      *self,
                                      const char   *message);
void        sam_page_show_error      (SamPage      *self,
                                      const char   *heading,
                                      const char   *message);
GtkWidget  *sam_page_get_part        (SamPage      *self,
                                      const char   *name);

G_END_DECLS
