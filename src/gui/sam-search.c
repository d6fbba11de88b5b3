#define G_LOG_DOMAIN "sam-search"

#include "config.h"

#include "sam-search.h"
#include "core/sam-text.h"
#include "models/sam-choice.h"
#include "store/sam-store.h"

/* The fields besides the title a record is also found by. */
static const char *also_by[] = { "short_name", "name_en", "title_en", "code", NULL };

/* Returns the text an @item (a SamRecord, a SamChoice, a GtkStringObject)
 * is searched by: its title, and a record's short and English names. */
char *
sam_search_item_text (gpointer item)
{
  GString *text;

  if (SAM_IS_CHOICE (item))
    return g_strdup (sam_choice_get_title (item));
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  if (!SAM_IS_RECORD (item))
    return g_strdup ("");
  text = g_string_new (sam_record_get_title (item));
  for (guint i = 0; also_by[i]; i++)
    if (sam_kind_find_field (sam_record_get_kind (item), also_by[i]) && sam_record_is_set (item, also_by[i]))
      g_string_append_printf (text, " %s", sam_record_get_string (item, also_by[i]));
  return g_string_free (text, FALSE);
}

/* Returns TRUE when @item is found by @query (see sam-search.h). */
gboolean
sam_search_item_matches (gpointer    item,
                         const char *query)
{
  g_autofree char *text = sam_search_item_text (item);

  return sam_text_matches (text, query);
}

static GtkEditable *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkEditable *found = find_search_entry (c);
      if (found)
        return found;
    }
  return NULL;
}

/* The drop-down's own search (GTK 4.8) keeps the items whose text
 * starts with what is typed. The text this gives it for an item is
 * what is typed, when the item matches as a person means it, so that
 * it keeps exactly those. */
static char *
search_key_cb (GObject     *item,
               GtkDropDown *dropdown)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dropdown), "sam-search-entry");
  const char *query;

  if (entry == NULL)
    {
      entry = find_search_entry (GTK_WIDGET (dropdown));
      g_object_set_data (G_OBJECT (dropdown), "sam-search-entry", entry);
    }
  query = entry ? gtk_editable_get_text (entry) : "";
  if (sam_search_item_matches (item, query))
    return g_strdup (query);
  return sam_search_item_text (item);
}

/* The Escape key in a drop-down's search closes the list. */
static void
on_stop_search_cb (GtkSearchEntry *entry,
                   GtkDropDown    *dropdown)
{
  for (GtkWidget *w = GTK_WIDGET (entry); w && w != GTK_WIDGET (dropdown); w = gtk_widget_get_parent (w))
    if (GTK_IS_POPOVER (w))
      {
        gtk_popover_popdown (GTK_POPOVER (w));
        return;
      }
}

/* Makes @dropdown searchable as people search: words anywhere, short
 * names, accents or not; Escape in its search closes it. */
void
sam_search_dropdown (GtkDropDown *dropdown)
{
  GtkExpression *key;
  GtkEditable *entry;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  key = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (search_key_cb), dropdown, NULL);
  gtk_drop_down_set_expression (dropdown, key);
  gtk_expression_unref (key);
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  entry = find_search_entry (GTK_WIDGET (dropdown));
  g_object_set_data (G_OBJECT (dropdown), "sam-search-entry", entry);
  if (entry)
    g_signal_connect_object (entry, "stop-search", G_CALLBACK (on_stop_search_cb), dropdown, 0);
}
