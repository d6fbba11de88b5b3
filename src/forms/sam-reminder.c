#define G_LOG_DOMAIN "sam-reminder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "core/sam-library.h"
#include "sam-reminder.h"
#include "sam-forms.h"

/* GMime, loaded when the first reminder is written: linked, it and the
 * libraries it needs (GPGME, libassuan, libidn2, libunistring…) joined
 * every symbol look-up the dynamic loader makes as GTK starts. Calls go
 * through mime. */
#define SAM_MIME_FUNCTIONS(X) \
  X (g_mime_data_wrapper_new_with_stream) \
  X (g_mime_init) \
  X (g_mime_message_add_mailbox) \
  X (g_mime_message_new) \
  X (g_mime_message_set_date) \
  X (g_mime_message_set_mime_part) \
  X (g_mime_message_set_subject) \
  X (g_mime_multipart_add) \
  X (g_mime_multipart_new_with_subtype) \
  X (g_mime_object_get_type) \
  X (g_mime_object_set_header) \
  X (g_mime_object_to_string) \
  X (g_mime_part_new_with_type) \
  X (g_mime_part_set_content) \
  X (g_mime_part_set_content_encoding) \
  X (g_mime_part_set_filename) \
  X (g_mime_stream_mem_new_with_buffer) \
  X (g_mime_text_part_new_with_subtype) \
  X (g_mime_text_part_set_text)

static struct
{
#define SAM_MIME_POINTER(name) __typeof__ (name) *name;
  SAM_MIME_FUNCTIONS (SAM_MIME_POINTER)
#undef SAM_MIME_POINTER
} mime;

/* GMIME_OBJECT() calls g_mime_object_get_type() where it is used: through
 * the table, or the linker would need the library again. */
#undef GMIME_TYPE_OBJECT
#define GMIME_TYPE_OBJECT (mime.g_mime_object_get_type ())

#define GMIME_NAME "libgmime-3.0.so.0"

#define SAM_MIME_SYMBOL(name) SAM_LIBRARY_SYMBOL (mime, name)
static const SamLibrarySymbol mime_symbols[] = { SAM_MIME_FUNCTIONS (SAM_MIME_SYMBOL) };
#undef SAM_MIME_SYMBOL

/* Loads and initialises GMime once; returns FALSE, with @error when not
 * NULL, when it is missing or lacks a function. */
static gboolean
load_gmime (GError **error)
{
  static gsize state;   /* 1 loaded, 2 failed */
  static char *failure;

  if (g_once_init_enter (&state))
    {
      gboolean found = sam_library_open (GMIME_NAME, mime_symbols, G_N_ELEMENTS (mime_symbols), &failure);

      if (found)
        mime.g_mime_init ();
      g_once_init_leave (&state, found ? 1 : 2);
    }
  if (state == 1)
    return TRUE;
  g_set_error (error, SAM_FORMS_ERROR, SAM_FORMS_ERROR_LIBRARY,
               _("Samordna cannot write reminder e-mails: the e-mail library GMime (%s) could not be loaded (%s). Install it (%s)."),
               GMIME_NAME, failure, "libgmime-3.0-0");
  return FALSE;
}

static char *
body_text (const SamReminder *r)
{
  const char *deadline = r->deadline ? r->deadline : (r->norwegian ? "fristen" : "the deadline");

  if (r->norwegian)
    return g_strdup_printf ("Hei,\n\nvi har ennå ikke mottatt statusrapporteringen for %s fra %s, "
                            "som vi ba om innen %s.\n\nSkjemaet ligger vedlagt. Fyll ut status, framdrift "
                            "og en kort kommentar for hver aktivitet på arket «Status», lagre filen og "
                            "send den i svar på denne e-posten.\n\nMed vennlig hilsen\nSekretariatet\n",
                            r->period, r->to_name, deadline);
  return g_strdup_printf ("Hello,\n\nwe have not yet received the status report for %s from %s, "
                          "which we asked for by %s.\n\nThe form is attached. Fill in the status, progress "
                          "and a short comment for each activity on the sheet “Status”, save the file and "
                          "send it in reply to this e-mail.\n\nKind regards\nThe secretariat\n",
                          r->period, r->to_name, deadline);
}

static GMimeObject *
attachment (const SamReminder  *r,
            GError            **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (r->form_path, FALSE, error);
  g_autofree char *name = NULL;
  GMimeStream *stream;
  GMimeDataWrapper *content;
  GMimePart *part;

  if (file == NULL)
    return NULL;
  name = g_path_get_basename (r->form_path);
  stream = mime.g_mime_stream_mem_new_with_buffer (g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
  content = mime.g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  part = mime.g_mime_part_new_with_type ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  mime.g_mime_part_set_content (part, content);
  mime.g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  mime.g_mime_part_set_filename (part, name);
  g_object_unref (content);
  g_object_unref (stream);
  return GMIME_OBJECT (part);
}

static GMimeMessage *
build_message (const SamReminder  *r,
               GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *subject = g_strdup_printf (r->norwegian ? "Påminnelse: statusrapportering %s" : "Reminder: status report %s",
                                              r->period);
  g_autofree char *body = body_text (r);
  GMimeObject *attached = attachment (r, error);
  GMimeMessage *message;
  GMimeMultipart *mixed;
  GMimeTextPart *text;

  if (attached == NULL)
    return NULL;
  message = mime.g_mime_message_new (TRUE);
  mime.g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, r->to_name,
                                   r->to_address && *r->to_address ? r->to_address : "");
  mime.g_mime_message_set_subject (message, subject, "utf-8");
  mime.g_mime_message_set_date (message, now);
  /* Mail programs open a message marked so as a draft to send. */
  mime.g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);
  text = mime.g_mime_text_part_new_with_subtype ("plain");
  mime.g_mime_text_part_set_text (text, body);
  mixed = mime.g_mime_multipart_new_with_subtype ("mixed");
  mime.g_mime_multipart_add (mixed, GMIME_OBJECT (text));
  mime.g_mime_multipart_add (mixed, attached);
  mime.g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
  g_object_unref (text);
  g_object_unref (attached);
  g_object_unref (mixed);
  return message;
}

/* Whether an agency's @contact holds an e-mail address a reminder can be
 * sent to; one without has no recipient. */
gboolean
sam_reminder_has_address (const char *contact)
{
  return contact != NULL && strchr (contact, '@') != NULL;
}

/* Writes @reminder as an e-mail draft (.eml) to @path, replacing it whole
 * or not at all. Returns FALSE with a GIOError or GFileError (the form
 * cannot be read, the file not written) whose message names the file, or
 * SAM_FORMS_ERROR_LIBRARY when GMime cannot be loaded. */
gboolean
sam_reminder_write (const SamReminder  *reminder,
                    const char         *path,
                    GError            **error)
{
  GMimeMessage *message;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (reminder != NULL && reminder->form_path != NULL && path != NULL, FALSE);

  if (!load_gmime (error) || !(message = build_message (reminder, error)))
    return FALSE;
  text = mime.g_mime_object_to_string (GMIME_OBJECT (message), NULL);
  g_object_unref (message);
  ok = g_file_set_contents (path, text, -1, error);
  if (!ok)
    g_prefix_error (error, _("Could not write the reminder “%s”: "), path);
  return ok;
}
