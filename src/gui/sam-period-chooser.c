#define G_LOG_DOMAIN "sam-period-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sam-period-chooser.h"
#include "store/sam-closing.h"

struct _SamPeriodChooser
{
  GtkWidget        parent_instance;

  GtkDropDown     *dropdown;

  SamStore        *store;
  SamPeriodChoice *choice;
  GPtrArray       *periods;     /* SamPeriod, as the drop-down lists them */
  gboolean         filling;     /* the list is being set: not a person's choice */
};

G_DEFINE_FINAL_TYPE (SamPeriodChooser, sam_period_chooser, GTK_TYPE_WIDGET)

/* Selects the chosen period, or the current one. */
static void
select_chosen (SamPeriodChooser *self)
{
  g_autofree char *today = sam_today ();
  g_autoptr(SamPeriod) period = sam_period_choice_resolve (self->choice, self->store, today, NULL);
  guint chosen = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; period && self->periods && i < self->periods->len; i++)
    if (g_strcmp0 (((SamPeriod *) self->periods->pdata[i])->code, period->code) == 0)
      chosen = i;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->dropdown, chosen);
  self->filling = FALSE;
}

/* Whether the drop-down lists @texts already. */
static gboolean
lists (SamPeriodChooser *self,
       GStrv             texts)
{
  GListModel *model = gtk_drop_down_get_model (self->dropdown);

  if (model == NULL || g_list_model_get_n_items (model) != g_strv_length (texts))
    return FALSE;
  for (guint i = 0; texts[i]; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), texts[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Lists the periods with their dates, those closed marked so. The list
 * is replaced only when it changed: the page reloads while the drop-down
 * is still telling of a choice, and replacing its list then would pull it
 * from under it. */
static void
fill (SamPeriodChooser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  if (!(self->periods = sam_period_list (self->store, &error)))
    g_warning ("Could not list the periods: %s", error->message);
  for (guint i = 0; self->periods && i < self->periods->len; i++)
    {
      SamPeriod *p = self->periods->pdata[i];
      g_autofree char *text = sam_period_describe (p);
      g_autoptr(SamRecord) closing = sam_closing_get (self->store, p->code, NULL);
      /* TRANSLATORS: a reporting period with its dates, closed: "2026-T2 (1 May – 31 Aug 2026), closed". */
      g_autofree char *shown = closing ? g_strdup_printf (_("%s, closed"), text) : g_strdup (text);

      g_strv_builder_add (builder, shown);
    }
  texts = g_strv_builder_end (builder);
  if (!lists (self, texts))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) texts);

      self->filling = TRUE;
      gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (list));
      self->filling = FALSE;
    }
  select_chosen (self);
}

static void
on_selected_cb (SamPeriodChooser *self)
{
  guint i = gtk_drop_down_get_selected (self->dropdown);

  if (self->filling || self->choice == NULL || self->periods == NULL || i >= self->periods->len)
    return;
  sam_period_choice_set_code (self->choice, ((SamPeriod *) self->periods->pdata[i])->code);
}

static void
on_choice_cb (SamPeriodChooser *self)
{
  select_chosen (self);
}

/* Shows the periods of @store and follows its period choice; again when
 * they may have changed (a period closed, renamed, added). */
void
sam_period_chooser_set_store (SamPeriodChooser *self,
                              SamStore         *store)
{
  g_return_if_fail (SAM_IS_PERIOD_CHOOSER (self));
  g_return_if_fail (SAM_IS_STORE (store));

  if (self->store != store)
    {
      if (self->choice)
        g_signal_handlers_disconnect_by_data (self->choice, self);
      g_set_object (&self->store, store);
      self->choice = sam_period_choice_get (store);
      g_signal_connect_object (self->choice, "notify::code", G_CALLBACK (on_choice_cb), self, G_CONNECT_SWAPPED);
    }
  fill (self);
}

static void
sam_period_chooser_dispose (GObject *object)
{
  SamPeriodChooser *self = SAM_PERIOD_CHOOSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_PERIOD_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  self->choice = NULL;
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  G_OBJECT_CLASS (sam_period_chooser_parent_class)->dispose (object);
}

static void
sam_period_chooser_class_init (SamPeriodChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sam_period_chooser_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-period-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SamPeriodChooser, dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_cb);
}

static void
sam_period_chooser_init (SamPeriodChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
}
