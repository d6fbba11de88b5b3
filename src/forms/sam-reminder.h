/* sam-reminder.h: a reminder e-mail for an agency whose form is late.
 *
 * Samordna sends nothing itself: it writes an RFC 5322 message (.eml)
 * with the form attached, marked as a draft, for the secretariat to open,
 * check and send from its own mail program. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *to_name;     /* the agency */
  const char *to_address;  /* an e-mail address, or NULL to fill in */
  const char *period;
  const char *deadline;    /* YYYY-MM-DD or NULL */
  const char *form_path;   /* the form to attach */
  gboolean    norwegian;   /* the message's language */
} SamReminder;

gboolean sam_reminder_write       (const SamReminder  *reminder,
                                   const char         *path,
                                   GError            **error);
gboolean sam_reminder_has_address (const char         *contact);

G_END_DECLS
