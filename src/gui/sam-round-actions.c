#define G_LOG_DOMAIN "sam-round-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-round-actions.h"
#include "sam-import-dialog.h"
#include "sam-round-board.h"
#include "sam-round-dialog.h"

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GStrv paths = task_data;
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_import_file_free);

  for (guint i = 0; paths[i]; i++)
    g_ptr_array_add (files, sam_import_read (paths[i], cancellable));
  g_task_return_pointer (task, files, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GtkWindow *window = GTK_WINDOW (source);
  g_autoptr(SamStore) store = user_data;
  g_autoptr(GPtrArray) files = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(SamImportReview) review = sam_import_review_new ();
  g_autoptr(GError) error = NULL;

  if (files == NULL || store == NULL)
    return;
  /* The review takes each file; the array lets go of them. */
  g_ptr_array_set_free_func (files, NULL);
  for (guint i = 0; i < files->len; i++)
    if (!sam_import_review_add (review, store, files->pdata[i], NULL, &error))
      {
        for (guint j = i + 1; j < files->len; j++)
          sam_import_file_free (files->pdata[j]);
        g_warning ("%s", error->message);
        break;
      }
  gtk_window_present (GTK_WINDOW (sam_import_dialog_new (window, store, g_steal_pointer (&review))));
}

/* Reads the forms at @paths in a worker thread, then shows their review
 * against @store over @window. */
void
sam_round_import_files (GtkWindow *window,
                        SamStore  *store,
                        GStrv      paths)
{
  g_autoptr(GTask) task = g_task_new (window, NULL, on_read_cb, g_object_ref (store));

  g_return_if_fail (GTK_IS_WINDOW (window) && SAM_IS_STORE (store));
  g_task_set_task_data (task, g_strdupv (paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_thread);
}

static void
on_forms_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    SamStore        *store)
{
  GtkWindow *window = gtk_native_dialog_get_transient_for (chooser);
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (chosen, i);
          char *path = g_file_get_path (file);
          if (path)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        sam_round_import_files (window, store, (GStrv) paths->pdata);
    }
  g_object_unref (store);
  g_object_unref (chooser);
}

/* Asks for forms to import over @window, then reads and reviews them. */
void
sam_round_choose_forms (GtkWindow *window,
                        SamStore  *store)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Forms"), window,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (SAM_IS_STORE (store));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_forms_chosen_cb), g_object_ref (store));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
