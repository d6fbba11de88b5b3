/* sam-record.h: one record of any kind: its id and its field values.
 *
 * A record is what the store reads and writes, what the models list and
 * what the details pane shows. Fields are addressed by the names in
 * sam-kind.c; asking for a field the kind does not have is a programming
 * error and is reported with g_critical().
 */
#pragma once

#include <glib-object.h>

#include "sam-kind.h"

G_BEGIN_DECLS

#define SAM_CORE_ERROR (sam_core_error_quark ())

typedef enum {
  SAM_CORE_ERROR_INVALID,   /* a field's value breaks a rule; the message names the field */
} SamCoreError;

GQuark sam_core_error_quark (void);

/* What an error about one field says of it, besides its message ("Due:
 * cannot be before the start"): the field's name and the reason alone,
 * so that a form shows it under the right field. Errors of the core's and
 * the store's domains carry it; see sam_core_error_get_field(). */
typedef struct
{
  char *field;     /* a field name of sam-kind.c, or NULL */
  char *reason;    /* "cannot be before the start", or NULL */
} SamFieldErrorData;

void        sam_field_error_data_init  (SamFieldErrorData       *data);
void        sam_field_error_data_copy  (const SamFieldErrorData *src,
                                        SamFieldErrorData       *dest);
void        sam_field_error_data_clear (SamFieldErrorData       *data);
const char *sam_core_error_get_field   (const GError            *error);
const char *sam_core_error_get_reason  (const GError            *error);

#define SAM_TYPE_RECORD (sam_record_get_type ())
G_DECLARE_FINAL_TYPE (SamRecord, sam_record, SAM, RECORD, GObject)

SamRecord     *sam_record_new           (SamKind          kind);
SamRecord     *sam_record_copy          (SamRecord       *self);
SamKind        sam_record_get_kind      (SamRecord       *self);
gint64         sam_record_get_id        (SamRecord       *self);
void           sam_record_set_id        (SamRecord       *self,
                                         gint64           id);
const char    *sam_record_get_title     (SamRecord       *self);
void           sam_record_set_english_titles (gboolean    english);
gboolean       sam_record_get_english_titles (void);

gboolean       sam_record_is_set        (SamRecord       *self,
                                         const char      *field);
void           sam_record_unset         (SamRecord       *self,
                                         const char      *field);
const char    *sam_record_get_string    (SamRecord       *self,
                                         const char      *field);
void           sam_record_set_string    (SamRecord       *self,
                                         const char      *field,
                                         const char      *value);
gint64         sam_record_get_int       (SamRecord       *self,
                                         const char      *field);
void           sam_record_set_int       (SamRecord       *self,
                                         const char      *field,
                                         gint64           value);
const gint64  *sam_record_get_refs      (SamRecord       *self,
                                         const char      *field,
                                         gsize           *n_refs);
void           sam_record_set_refs      (SamRecord       *self,
                                         const char      *field,
                                         const gint64    *refs,
                                         gsize            n_refs);
void           sam_record_add_ref       (SamRecord       *self,
                                         const char      *field,
                                         gint64           ref);
gboolean       sam_record_has_ref       (SamRecord       *self,
                                         const char      *field,
                                         gint64           ref);
const char   **sam_record_get_strings   (SamRecord       *self,
                                         const char      *field);
void           sam_record_set_strings   (SamRecord       *self,
                                         const char      *field,
                                         const char     **values);

GVariant      *sam_record_get_value     (SamRecord       *self,
                                         guint            index);
void           sam_record_take_value    (SamRecord       *self,
                                         guint            index,
                                         GVariant        *value);
gboolean       sam_record_equal         (SamRecord       *a,
                                         SamRecord       *b);
gboolean       sam_record_validate      (SamRecord       *self,
                                         GError         **error);

gboolean       sam_date_is_valid        (const char      *iso_date);
gboolean       sam_datetime_is_valid    (const char      *iso_datetime);

G_END_DECLS
