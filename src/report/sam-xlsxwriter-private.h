/* sam-xlsxwriter-private.h: libxlsxwriter, loaded when the first workbook
 * (a report or a status form) is written.
 *
 * Linked, it and the libraries it needs (minizip, OpenSSL's libcrypto)
 * joined every symbol look-up the dynamic loader makes as GTK starts, for
 * workbooks most sessions never write. Its headers are used as they are
 * (types, constants, struct fields); its functions are called through
 * sam_lxw, which sam_lxw_load() fills once: call it before the first.
 * So are minizip's, which libxlsxwriter compresses a workbook with, for
 * sam-zip.c.
 */
#pragma once

#include <glib.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

#define SAM_LXW_FUNCTIONS(X) \
  X (chart_add_series) \
  X (chart_axis_set_major_unit) \
  X (chart_axis_set_name) \
  X (chart_legend_set_position) \
  X (chart_series_set_categories) \
  X (chart_series_set_fill) \
  X (chart_series_set_name_range) \
  X (chart_series_set_values) \
  X (chart_title_set_name) \
  X (format_set_align) \
  X (format_set_bg_color) \
  X (format_set_bold) \
  X (format_set_border) \
  X (format_set_border_color) \
  X (format_set_bottom) \
  X (format_set_font_color) \
  X (format_set_font_size) \
  X (format_set_font_strikeout) \
  X (format_set_indent) \
  X (format_set_italic) \
  X (format_set_num_format) \
  X (format_set_text_wrap) \
  X (format_set_top) \
  X (format_set_unlocked) \
  X (lxw_rowcol_to_cell) \
  X (lxw_strerror) \
  X (lxw_tmpfile) \
  X (lxw_workbook_free) \
  X (workbook_add_chart) \
  X (workbook_add_format) \
  X (workbook_add_worksheet) \
  X (workbook_close) \
  X (workbook_new) \
  X (workbook_new_opt) \
  X (workbook_set_custom_property_string) \
  X (workbook_set_properties) \
  X (worksheet_activate) \
  X (worksheet_autofilter) \
  X (worksheet_conditional_format_range) \
  X (worksheet_data_validation_range) \
  X (worksheet_fit_to_pages) \
  X (worksheet_freeze_panes) \
  X (worksheet_hide) \
  X (worksheet_insert_chart_opt) \
  X (worksheet_merge_range) \
  X (worksheet_outline_settings) \
  X (worksheet_print_across) \
  X (worksheet_protect) \
  X (worksheet_repeat_columns) \
  X (worksheet_repeat_rows) \
  X (worksheet_set_column) \
  X (worksheet_set_footer) \
  X (worksheet_set_header) \
  X (worksheet_set_landscape) \
  X (worksheet_set_margins) \
  X (worksheet_set_paper) \
  X (worksheet_set_print_scale) \
  X (worksheet_set_row) \
  X (worksheet_set_row_opt) \
  X (worksheet_set_v_pagebreaks) \
  X (worksheet_write_blank) \
  X (worksheet_write_datetime) \
  X (worksheet_write_formula_num) \
  X (worksheet_write_number) \
  X (worksheet_write_string) \
  X (zipCloseFileInZip) \
  X (zipCloseFileInZipRaw64) \
  X (zipOpenNewFileInZip4_64) \
  X (zipWriteInFileInZip)

typedef struct
{
#define SAM_LXW_POINTER(name) __typeof__ (name) *name;
  SAM_LXW_FUNCTIONS (SAM_LXW_POINTER)
#undef SAM_LXW_POINTER
} SamLxw;

extern SamLxw sam_lxw;

gboolean sam_lxw_load         (GError    **error);
char    *sam_lxw_error_text   (lxw_error   rc);
void     sam_lxw_buffer_files (gboolean    buffer);

/* sam-zip.c */
void     sam_zip_leave_core (gboolean    leave);

G_END_DECLS
