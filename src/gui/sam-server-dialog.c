#define G_LOG_DOMAIN "sam-server-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sam-server-dialog.h"

struct _SamServerDialog
{
  AdwWindow             parent_instance;

  AdwEntryRow          *host_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwEntryRow          *address_row;
  GtkLabel             *error_label;
  GtkButton            *connect_button;
  GtkSpinner           *spinner;

  GSettings            *settings;  /* remembers the last server, or NULL */
  GCancellable         *cancellable;
  char                 *error;
  char                 *address;   /* what is being opened, without a password */
};

G_DEFINE_FINAL_TYPE (SamServerDialog, sam_server_dialog, ADW_TYPE_WINDOW)

enum {
  OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
show_error (SamServerDialog *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (SamServerDialog *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Appends keyword='value' to @out, quoted as libpq reads it. */
static void
append_keyword (GString    *out,
                const char *keyword,
                const char *value)
{
  g_autoptr(GString) quoted = NULL;

  if (value == NULL || *value == '\0')
    return;
  quoted = g_string_new (value);
  g_string_replace (quoted, "\\", "\\\\", 0);
  g_string_replace (quoted, "'", "\\'", 0);
  g_string_append_printf (out, "%s%s='%s'", out->len ? " " : "", keyword, quoted->str);
}

/* Returns the address the fields give, without a password; NULL, with
 * the message shown, when they give none. A connection string wins over
 * the fields; a single word there is a service name. */
static char *
compose_address (SamServerDialog *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (text_of (self->address_row)));
  g_autofree char *database = g_strstrip (g_strdup (text_of (self->database_row)));
  GString *out;

  if (*typed != '\0')
    {
      if (!strchr (typed, '=') && !strchr (typed, '/') && !strchr (typed, ' '))
        {
          char *service = g_strconcat ("service=", typed, NULL);

          g_free (typed);
          typed = service;
        }
      if (sam_store_is_server_address (typed))
        return g_steal_pointer (&typed);
      show_error (self, _("This is not a server's address. Write it as postgresql://SERVER/DATABASE, as host=SERVER dbname=DATABASE, or give a service name from your pg_service.conf."));
      return NULL;
    }
  if (*database == '\0')
    {
      show_error (self, _("Give the name of the plan's database (and its server, unless it runs on this computer), or a connection string."));
      gtk_widget_grab_focus (GTK_WIDGET (self->database_row));
      return NULL;
    }
  out = g_string_new (NULL);
  append_keyword (out, "host", g_strstrip (g_strdup (text_of (self->host_row))));
  append_keyword (out, "dbname", database);
  append_keyword (out, "user", g_strstrip (g_strdup (text_of (self->user_row))));
  return g_string_free (out, FALSE);
}

/* Remembers what was typed (never the password), for the next time. */
static void
remember (SamServerDialog *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set (self->settings, "last-server", "(ssss)", text_of (self->host_row), text_of (self->database_row),
                  text_of (self->user_row), text_of (self->address_row));
}

/* Callbacks */

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SamServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (store)
    {
      show_error (self, NULL);
      remember (self);
      g_signal_emit (self, signals[OPENED], 0, store, self->address);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NEEDS_PASSWORD))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->password_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      show_error (self, _("The server asks for your password. Type it and connect again: Samordna uses it for this connection only and never keeps it."));
      return;
    }
  if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_LOGIN_FAILED))
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, error->message);
}

static void
on_connect_clicked_cb (SamServerDialog *self)
{
  g_autofree char *address = NULL;
  g_autoptr(GString) with_password = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    return;
  if (!(address = compose_address (self)))
    return;
  g_free (self->address);
  self->address = g_strdup (address);
  with_password = g_string_new (address);
  /* libpq takes the last of a keyword given twice; a URI takes keywords
   * after a ?. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->password_row)) && *password != '\0')
    {
      g_autoptr(GString) keyword = g_string_new (NULL);
      g_autofree char *escaped = g_uri_escape_string (password, NULL, FALSE);

      append_keyword (keyword, "password", password);
      if (strstr (address, "://"))
        g_string_append_printf (with_password, "%spassword=%s", strchr (address, '?') ? "&" : "?", escaped);
      else
        g_string_append_printf (with_password, " %s", keyword->str);
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  sam_store_open_async (with_password->str, SAM_STORE_OPEN_CHECK_LATER, self->cancellable, on_opened_cb,
                        g_object_ref (self));
}

/* Overrides */

static void
sam_server_dialog_dispose (GObject *object)
{
  SamServerDialog *self = SAM_SERVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sam_server_dialog_parent_class)->dispose (object);
}

static void
sam_server_dialog_finalize (GObject *object)
{
  SamServerDialog *self = SAM_SERVER_DIALOG (object);

  g_free (self->error);
  g_free (self->address);
  G_OBJECT_CLASS (sam_server_dialog_parent_class)->finalize (object);
}

static void
sam_server_dialog_class_init (SamServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_server_dialog_dispose;
  object_class->finalize = sam_server_dialog_finalize;

  /* The plan is open: (store, its address without a password). */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, SAM_TYPE_STORE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SamServerDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_server_dialog_init (SamServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/* Returns a new dialog over @parent; it emits "opened" with the store
 * when a plan is open, and closes. With @settings it shows the server
 * last opened and remembers the one opened now (never a password). */
SamServerDialog *
sam_server_dialog_new (GtkWindow *parent,
                       GSettings *settings)
{
  SamServerDialog *self = g_object_new (SAM_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);
  g_autofree char *host = NULL, *database = NULL, *user = NULL, *address = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), self);
  if (settings == NULL)
    return self;
  self->settings = g_object_ref (settings);
  g_settings_get (settings, "last-server", "(ssss)", &host, &database, &user, &address);
  sam_server_dialog_fill (self, host, database, user, address);
  return self;
}

/* Fills the fields as a user types them (NULL leaves one as it is). */
void
sam_server_dialog_fill (SamServerDialog *self,
                        const char      *host,
                        const char      *database,
                        const char      *user,
                        const char      *address)
{
  AdwEntryRow *rows[] = { self->host_row, self->database_row, self->user_row, self->address_row };
  const char *values[] = { host, database, user, address };

  g_return_if_fail (SAM_IS_SERVER_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (values[i])
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), values[i]);
}

/* As the Connect button. */
void
sam_server_dialog_connect (SamServerDialog *self)
{
  g_return_if_fail (SAM_IS_SERVER_DIALOG (self));
  on_connect_clicked_cb (self);
}

/* The message the dialog shows, or NULL. */
const char *
sam_server_dialog_get_error (SamServerDialog *self)
{
  g_return_val_if_fail (SAM_IS_SERVER_DIALOG (self), NULL);
  return self->error;
}

/* What is typed in @field: "host", "database", "user" or "address". */
const char *
sam_server_dialog_get_text (SamServerDialog *self,
                            const char      *field)
{
  g_return_val_if_fail (SAM_IS_SERVER_DIALOG (self), NULL);
  if (g_str_equal (field, "host"))
    return text_of (self->host_row);
  if (g_str_equal (field, "database"))
    return text_of (self->database_row);
  if (g_str_equal (field, "user"))
    return text_of (self->user_row);
  g_return_val_if_fail (g_str_equal (field, "address"), NULL);
  return text_of (self->address_row);
}

/* Whether the dialog asks for a password (the server wanted one). */
gboolean
sam_server_dialog_asks_password (SamServerDialog *self)
{
  g_return_val_if_fail (SAM_IS_SERVER_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->password_row));
}

void
sam_server_dialog_set_password (SamServerDialog *self,
                                const char      *password)
{
  g_return_if_fail (SAM_IS_SERVER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}
