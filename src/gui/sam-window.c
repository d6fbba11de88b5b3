#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sam-window.h"
#include "sam-registration-dialog.h"
#include "sam-round-actions.h"
#include "sam-round-board.h"
#include "sam-round-dialog.h"
#include "sam-server-dialog.h"
#include "sam-search.h"
#include "sam-status-dialog.h"
#include "models/sam-details.h"
#include "store/sam-access.h"
#include "store/sam-rules.h"
#include "views/sam-checks-page.h"
#include "views/sam-follow-up-page.h"
#include "views/sam-matrix-page.h"
#include "views/sam-overview-page.h"
#include "views/sam-plans-page.h"
#include "views/sam-records-page.h"
#include "views/sam-reports-page.h"
#include "views/sam-seminars-page.h"

struct _SamWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *new_button;
  GtkButton            *back_button;
  GtkToggleButton      *search_button;
  GtkMenuButton        *main_menu_button;
  GMenuModel           *primary_menu;
  guint32               new_menu_entries;   /* what the New menu lists, once made */
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkStack             *content_stack;
  GtkRevealer          *access_revealer; /* what the user may not do, and why */
  GtkLabel             *access_label;
  AdwStatusPage        *error_page;
  GtkListView          *sidebar_view;
  AdwFlap              *sidebar_flap;
  GtkToggleButton      *sidebar_button;
  AdwLeaflet           *editor_leaflet;
  AdwLeafletPage       *editor_separator;
  GtkButton            *list_button;
  GtkStack             *view_stack;
  SamEditor            *editor;

  SamStore             *store;
  GCancellable         *cancellable;
  char                 *error;           /* the last open error */
  SamView               view;
  SamPage              *pages[SAM_N_VIEWS];
  GPtrArray            *history;         /* records shown before, for Back */
  GSettings            *settings;        /* the window's size and view, or NULL */
  guint                 watch_id;        /* looks for changes made elsewhere */
  AdwToast             *lost_toast;      /* the connection to the server is lost, until it is back */
  guint                 list_button_id;  /* shows the list button when idle */
  gboolean              syncing;         /* the window moves a page's selection */
};

/* How often the window looks whether another window or program changed
 * the database (a cheap check; also when the window gets the focus). */
#define WATCH_SECONDS 2

G_DEFINE_FINAL_TYPE (SamWindow, sam_window, ADW_TYPE_APPLICATION_WINDOW)

/* Menu entries of the New button, per view; the target names a kind, with
 * "-under" for one under the record shown. */
static const struct { SamView view; const char *label; const char *target; } new_menu[] = {
  { SAM_VIEW_OVERVIEW, N_("_Activity"), "activity" },
  { SAM_VIEW_PLANS, N_("_Activity"), "activity" },
  { SAM_VIEW_PLANS, N_("_Plan"), "plan" },
  { SAM_VIEW_PLANS, N_("_Goal"), "goal" },
  { SAM_VIEW_PLANS, N_("P_riority Task"), "priority-task" },
  { SAM_VIEW_PLANS, N_("_Measure"), "measure" },
  { SAM_VIEW_PLANS, N_("_Focus Area"), "focus-area" },
  { SAM_VIEW_FOLLOW_UP, N_("_Reporting Period"), "reporting-period" },
  { SAM_VIEW_SEMINARS, N_("_Seminar"), "seminar" },
  { SAM_VIEW_SEMINARS, N_("Seminar _Format"), "seminar-format" },
  { SAM_VIEW_AGENCIES, N_("_Agency"), "agency" },
  { SAM_VIEW_AGENCIES, N_("_Subordinate Agency"), "agency-under" },
  { SAM_VIEW_TARGET_GROUPS, N_("_Target Group"), "target-group" },
  { SAM_VIEW_TARGET_GROUPS, N_("_Sub-group"), "target-group-under" },
  { SAM_VIEW_SECTORS, N_("_Sector"), "sector" },
  { SAM_VIEW_KNOWLEDGE, N_("_Knowledge Gap"), "knowledge-gap" },
  { SAM_VIEW_KNOWLEDGE, N_("_R&D Project"), "rd-project" },
  { SAM_VIEW_OBLIGATIONS, N_("_Obligation"), "obligation" },
  { SAM_VIEW_PERIODS, N_("_Reporting Period"), "reporting-period" },
};

/* G_MESSAGES_DEBUG=sam-window prints how long start-up took to each step. */
static void
trace (const char *step)
{
  GApplication *app = g_application_get_default ();
  gint64 started = app ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (app), "started")) : 0;

  if (started)
    g_debug ("%.1f ms: %s", (g_get_monotonic_time () - started) / 1000.0, step);
}

static GSettings *
settings (SamWindow *self)
{
  return self->settings;
}

/* Shows a toast; with @offer_undo it has an Undo button. */
static void
toast (SamWindow  *self,
       const char *title,
       gboolean    offer_undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (SamWindow  *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keeping the actions' state */

/* Whether the user may add what the entry @i of the New menu adds. */
static gboolean
may_add (SamWindow *self,
         guint      i)
{
  g_autofree char *kind = g_strdup (new_menu[i].target);

  if (g_str_has_suffix (kind, "-under"))
    kind[strlen (kind) - strlen ("-under")] = '\0';
  return sam_access_can_create (sam_store_get_access (self->store), sam_kind_from_name (kind));
}

/* The entries of the New menu (bits, by index in new_menu) the user may
 * add in the view shown. */
static guint32
new_menu_entries (SamWindow *self)
{
  guint32 entries = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (new_menu) <= 32);
  for (guint i = 0; self->store && i < G_N_ELEMENTS (new_menu); i++)
    if (new_menu[i].view == self->view && may_add (self, i))
      entries |= 1u << i;
  return entries;
}

static void
set_new_menu (SamWindow *self,
              guint32    entries)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (new_menu); i++)
    if (entries & (1u << i))
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(new_menu[i].label), NULL);
        g_menu_item_set_action_and_target (item, "win.new", "s", new_menu[i].target);
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (self->new_button, G_MENU_MODEL (menu));
  self->new_menu_entries = entries;
}

/* The New menu's popover is made when it is first opened, not before the
 * window's first frame; then again only when what it lists changes (see
 * update_actions()). */
static void
create_new_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  SamWindow *self = SAM_WINDOW (user_data);

  set_new_menu (self, new_menu_entries (self));
}

/* Enables what can be done now and names what undo and redo would do. */
static void
update_actions (SamWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SamRecord *shown = sam_editor_get_record (self->editor);
  gboolean have = self->store != NULL;
  g_autofree char *undo = have ? sam_store_get_undo_label (self->store) : NULL;
  g_autofree char *redo = have ? sam_store_get_redo_label (self->store) : NULL;
  g_autofree char *undo_tip = g_strdup_printf (_("Undo: %s (Ctrl+Z)"), undo ? undo : _("nothing"));
  g_autofree char *redo_tip = g_strdup_printf (_("Redo: %s (Ctrl+Shift+Z)"), redo ? redo : _("nothing"));
  SamKind kind = shown ? sam_record_get_kind (shown) : SAM_KIND_NONE;
  const SamAccess *access = have ? sam_store_get_access (self->store) : NULL;
  gboolean edits = shown && access && sam_access_can_edit (access, shown);
  guint32 entries = new_menu_entries (self);
  gboolean adds = entries != 0;
  gboolean manages = access && sam_access_can_manage (access);

  gtk_widget_action_set_enabled (widget, "win.undo", undo != NULL);
  gtk_widget_action_set_enabled (widget, "win.redo", redo != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
  gtk_widget_action_set_enabled (widget, "win.new", adds);
  gtk_widget_action_set_enabled (widget, "win.new-menu", adds);
  gtk_widget_action_set_enabled (widget, "win.duplicate", edits && sam_access_can_create (access, kind));
  gtk_widget_action_set_enabled (widget, "win.delete", edits);
  gtk_widget_action_set_enabled (widget, "win.record-status",
                                 kind == SAM_KIND_ACTIVITY && sam_access_can_record_status (access, shown));
  gtk_widget_action_set_enabled (widget, "win.register", kind == SAM_KIND_SEMINAR && edits);
  gtk_widget_action_set_enabled (widget, "win.start-round", manages);
  gtk_widget_action_set_enabled (widget, "win.import-forms", manages);
  gtk_widget_action_set_enabled (widget, "win.search", have);
  gtk_widget_action_set_enabled (widget, "win.back", self->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), adds);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), have);
  if (gtk_menu_button_get_menu_model (self->new_button) && entries != self->new_menu_entries)
    set_new_menu (self, entries);
}

/* The editor */

static gboolean
same_record (SamRecord *a,
             SamRecord *b)
{
  return a && b && sam_record_get_kind (a) == sam_record_get_kind (b) && sam_record_get_id (a) == sam_record_get_id (b);
}

/* Makes the view's highlighted row agree with the editor: the row of the
 * record shown, or none; so that a click on a row always shows it. */
static void
sync_selection (SamWindow *self)
{
  SamPage *page = self->pages[self->view];
  SamRecord *shown = sam_editor_get_record (self->editor);
  g_autoptr(SamRecord) selected = page ? sam_page_get_selected (page) : NULL;

  if (page == NULL || (selected == NULL && shown == NULL) || same_record (selected, shown))
    return;
  self->syncing = TRUE;
  if (shown == NULL || !sam_page_select_record (page, shown))
    sam_page_unselect (page);
  self->syncing = FALSE;
}

/* Shows @record in the editor; with @remember what it showed before is
 * kept for Back, without it Back forgets. */
static void
show_in_editor (SamWindow *self,
                SamRecord *record,
                gboolean   remember)
{
  SamRecord *shown = sam_editor_get_record (self->editor);

  if (remember && shown && record && !same_record (shown, record))
    g_ptr_array_add (self->history, g_object_ref (shown));
  else if (!remember)
    g_ptr_array_set_size (self->history, 0);
  sam_editor_set_record (self->editor, self->store, record);
  update_actions (self);
}

/* In a narrow window the editor takes the view's place: it comes when a
 * person opens a record, and the list comes back with the list button.
 * In a wide one, where both show, the keyboard stays where it was (the
 * leaflet moves it into the child it shows): a click on a row leaves the
 * arrow keys in the list. */
static void
show_editor_pane (SamWindow *self,
                  gboolean   editor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autoptr(GtkWidget) kept = focus ? g_object_ref (focus) : NULL;

  adw_leaflet_set_visible_child (self->editor_leaflet,
                                 editor && gtk_widget_get_visible (GTK_WIDGET (self->editor))
                                 ? GTK_WIDGET (self->editor) : GTK_WIDGET (self->view_stack));
  if (kept && !adw_leaflet_get_folded (self->editor_leaflet) && gtk_widget_get_root (kept) == GTK_ROOT (self)
      && gtk_root_get_focus (GTK_ROOT (self)) != kept)
    gtk_widget_grab_focus (kept);
}

static gboolean
update_list_button_cb (gpointer data)
{
  SamWindow *self = data;

  self->list_button_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->list_button),
                          adw_leaflet_get_folded (self->editor_leaflet)
                          && adw_leaflet_get_visible_child (self->editor_leaflet) == GTK_WIDGET (self->editor));
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while the window is laid out, when the header bar
 * cannot take a new button: it comes once that is done. */
static void
on_leaflet_changed_cb (SamWindow *self)
{
  if (self->list_button_id == 0)
    self->list_button_id = g_idle_add (update_list_button_cb, self);
}

static void
on_page_show_record_cb (SamPage   *page,
                        SamRecord *record,
                        SamWindow *self)
{
  if (page != self->pages[self->view] || self->syncing)
    return;
  show_in_editor (self, record, FALSE);
  show_editor_pane (self, record != NULL);
}

static void
on_page_add_toast_cb (SamPage   *page,
                      AdwToast  *toast,
                      SamWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static gboolean
on_follow_link_cb (SamEditor  *editor,
                   const char *uri,
                   SamWindow  *self)
{
  g_autoptr(SamRecord) target = NULL;
  g_autoptr(GError) error = NULL;
  SamKind kind;
  gint64 id;

  if (!sam_details_parse_link (uri, &kind, &id))
    return FALSE;
  if (!(target = sam_store_get (self->store, kind, id, &error)))
    toast (self, error->message, FALSE);
  else
    sam_window_show_record (self, target);
  return TRUE;
}

/* The views */

static SamPage *
create_page (SamView view)
{
  switch (view)
    {
    case SAM_VIEW_OVERVIEW:
      return sam_overview_page_new ();
    case SAM_VIEW_PLANS:
      return sam_plans_page_new ();
    case SAM_VIEW_FOLLOW_UP:
      return sam_follow_up_page_new ();
    case SAM_VIEW_SEMINARS:
      return sam_seminars_page_new ();
    case SAM_VIEW_RESPONSIBILITY:
      return sam_responsibility_page_new ();
    case SAM_VIEW_COVERAGE:
      return sam_coverage_page_new ();
    case SAM_VIEW_CHECKS:
      return sam_checks_page_new ();
    case SAM_VIEW_REPORTS:
      return sam_reports_page_new ();
    case SAM_VIEW_AGENCIES:
    case SAM_VIEW_TARGET_GROUPS:
    case SAM_VIEW_SECTORS:
    case SAM_VIEW_KNOWLEDGE:
    case SAM_VIEW_OBLIGATIONS:
    case SAM_VIEW_PERIODS:
      return sam_records_page_new (view);
    case SAM_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Returns the page of @view, built when first asked for: a view the
 * person never opens costs nothing at start-up. */
static SamPage *
ensure_page (SamWindow *self,
             SamView    view)
{
  SamPage *page = self->pages[view];

  if (page != NULL)
    return page;
  page = self->pages[view] = create_page (view);
  g_signal_connect_object (page, "show-record", G_CALLBACK (on_page_show_record_cb), self, 0);
  g_signal_connect_object (page, "add-toast", G_CALLBACK (on_page_add_toast_cb), self, 0);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (page), sam_view_get_name (view));
  if (view == SAM_VIEW_PLANS)
    g_object_bind_property (self->search_button, "active", page, "search-mode",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  sam_page_set_settings (page, self->settings);
  if (self->store)
    sam_page_set_store (page, self->store);
  return page;
}

static void
on_sidebar_selected_cb (SamWindow          *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  guint view = gtk_single_selection_get_selected (selection);

  if (view < SAM_N_VIEWS && self->store)
    sam_window_show_view (self, (SamView) view);
}

/* The header's search button opens the Plans view with its search. */
static void
on_search_toggled_cb (SamWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_button) && self->store && self->view != SAM_VIEW_PLANS)
    sam_window_show_view (self, SAM_VIEW_PLANS);
}

/* Opening a database */

/* Here or elsewhere, the database changed: the editor shows the record
 * as it is now (keeping what is being typed), or nothing when it is gone. */
static void
on_store_changed_cb (SamWindow *self)
{
  SamRecord *shown = sam_editor_get_record (self->editor);
  g_autoptr(SamRecord) fresh = NULL;

  if (shown)
    {
      fresh = sam_store_get (self->store, sam_record_get_kind (shown), sam_record_get_id (shown), NULL);
      sam_editor_set_record (self->editor, self->store, fresh);
      if (fresh == NULL)
        sync_selection (self);
    }
  update_actions (self);
}

/* A registration the rules gave a place (another was cancelled, the
 * seminar grew): the person is told who moved up, to tell them. */
static void
on_record_updated_cb (SamStore  *store,
                      SamRecord *before,
                      SamRecord *after,
                      SamWindow *self)
{
  g_autoptr(SamRecord) seminar = NULL;
  g_autofree char *text = NULL;

  if (sam_record_get_kind (after) != SAM_KIND_REGISTRATION
      || !sam_record_get_int (before, "waitlisted") || sam_record_get_int (after, "waitlisted"))
    return;
  seminar = sam_store_get (store, SAM_KIND_SEMINAR, sam_record_get_int (after, "seminar_id"), NULL);
  /* TRANSLATORS: an organisation, and the seminar where it now has a place. */
  text = g_strdup_printf (_("%s moved up from the waiting list of “%s”"), sam_record_get_title (after),
                          seminar ? sam_record_get_title (seminar) : "");
  toast (self, text, FALSE);
}

static gboolean
watch_cb (gpointer data)
{
  SamWindow *self = data;

  if (self->store)
    sam_store_notice_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
on_active_cb (SamWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->store)
    sam_store_notice_changes (self->store);
}

/* SAMORDNA_BENCH_STARTUP=1: print the time from the process start to the
 * first frame drawn with the plan in it, then quit (bench/bench.sh). */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   SamWindow     *self)
{
  gint64 started = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (g_application_get_default ()), "started"));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - started) / 1000.0);
  g_application_quit (g_application_get_default ());
}

static void
bench_first_frame (SamWindow *self)
{
  GdkFrameClock *clock;

  if (g_strcmp0 (g_getenv ("SAMORDNA_BENCH_STARTUP"), "1") != 0 || g_application_get_default () == NULL)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock)
    {
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void show_open_error (SamWindow *self, const GError *error);

/* Says at the top what the user of the plan may not do (a reader, an
 * agency's editor), or nothing when they may do everything. */
static void
show_access (SamWindow *self)
{
  const char *notice = self->store ? sam_access_describe (sam_store_get_access (self->store)) : NULL;

  gtk_label_set_text (self->access_label, notice ? notice : "");
  gtk_revealer_set_reveal_child (self->access_revealer, notice != NULL);
}

static void
forget_lost_toast (SamWindow *self)
{
  if (self->lost_toast)
    adw_toast_dismiss (self->lost_toast);
  g_clear_object (&self->lost_toast);
}

/* The server went away: said at once, and until the store has
 * reconnected by itself; what is being typed stays in the editor. */
static void
on_connection_lost_cb (SamStore  *store,
                       SamWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("Lost the connection to %s; reconnecting…"), sam_store_get_path (store));

  forget_lost_toast (self);
  self->lost_toast = g_object_ref_sink (adw_toast_new (text));
  adw_toast_set_timeout (self->lost_toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->lost_toast));
}

static void
on_reconnected_cb (SamStore  *store,
                   SamWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("Connected to %s again"), sam_store_get_path (store));

  forget_lost_toast (self);
  toast (self, text, FALSE);
}

static void
forget_store (SamWindow *self)
{
  forget_lost_toast (self);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (self->pages[v])
      sam_page_set_store (self->pages[v], NULL);
  g_clear_object (&self->store);
  show_access (self);
}

/* The integrity check that runs after the plan is shown found damage:
 * the plan goes, nothing was written, and a dialog says what to do. The
 * check holds the window weakly: a window closed meanwhile goes at once
 * (and its check with it), and says nothing afterwards. */
static void
on_store_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SamWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (sam_store_check_finish (result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || self == NULL || self->store != SAM_STORE (source))
    return;
  show_in_editor (self, NULL, FALSE);
  forget_store (self);
  show_open_error (self, error);
}

/* Checks the whole file in a worker (on_store_checked_cb). */
static void
start_check (SamWindow *self)
{
  GWeakRef *checking = g_new (GWeakRef, 1);

  g_weak_ref_init (checking, self);
  sam_store_check_async (self->store, self->cancellable, on_store_checked_cb, checking);
}

static void
on_plan_drawn_cb (GdkFrameClock *clock,
                  SamWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_plan_drawn_cb, self);
  if (self->store)
    start_check (self);
}

/* The check reads the whole file: it starts once the window has drawn the
 * plan, so that it takes nothing from the first frame. */
static void
check_when_drawn (SamWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      start_check (self);
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, on_plan_drawn_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_plan_drawn_cb), self, 0);
}

static void
set_store (SamWindow *self,
           SamStore  *store)
{
  g_autofree char *name = sam_store_is_on_server (store) ? g_strdup (sam_store_get_path (store))
                          : g_path_get_basename (sam_store_get_path (store));
  GSettings *s = settings (self);
  SamView view = s ? sam_view_from_name (g_settings_get_string (s, "last-view")) : SAM_VIEW_OVERVIEW;
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);
  g_autoptr(GError) error = NULL;

  trace ("database open");
  show_in_editor (self, NULL, FALSE);
  forget_store (self);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "record-updated", G_CALLBACK (on_record_updated_cb), self, 0);
  g_signal_connect_object (store, "connection-lost", G_CALLBACK (on_connection_lost_cb), self, 0);
  g_signal_connect_object (store, "reconnected", G_CALLBACK (on_reconnected_cb), self, 0);
  self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, watch_cb, self);
  /* On a server, others' changes come at once too. */
  if (!sam_store_watch_changes (store, &error))
    toast (self, error->message, FALSE);
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (self->pages[v])
      sam_page_set_store (self->pages[v], store);

  show_access (self);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), sam_store_get_path (store));
  gtk_stack_set_visible_child_name (self->content_stack, "browse");
  if (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sidebar)) != view)
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
  else
    sam_window_show_view (self, view);
  trace ("view shown");
  update_actions (self);
  gtk_window_present (GTK_WINDOW (self));
  bench_first_frame (self);
  check_when_drawn (self);
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SamWindow        *self)
{
  if (g_strcmp0 (response, "open") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

static void
show_open_error (SamWindow    *self,
                 const GError *error)
{
  GtkWidget *dialog;

  g_free (self->error);
  self->error = g_strdup (error->message);
  /* The status pages get their icons when shown: these two come only as
   * SVG, and the first SVG loads librsvg, which the first frame can do
   * without. */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, error->message);
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Could Not Be Opened"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Another File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SamWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStore) store = sam_store_open_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sam_window_end_open (self, store, error);
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  SamWindow *self = SAM_WINDOW (window);
  GSettings *s = settings (self);
  int width, height;

  if (s == NULL)
    return FALSE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (s, "window-width", width);
  g_settings_set_int (s, "window-height", height);
  g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (s, "last-view", sam_view_get_name (self->view));
  return FALSE;
}

/* Actions: files */

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SamWindow       *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                                                          : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path)
    sam_window_open_database (self, path);
  g_object_unref (dialog);
}

static void
choose_file (SamWindow            *self,
             GtkFileChooserAction  action)
{
  gboolean create = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) db_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"),
                                         GTK_WINDOW (self), action,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (db_filter, _("Samordna databases"));
  gtk_file_filter_add_pattern (db_filter, "*.db");
  gtk_file_filter_add_pattern (db_filter, "*.sqlite");
  gtk_file_filter_add_pattern (db_filter, "*.samordna");
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), db_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.db"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (SAM_WINDOW (widget), g_str_equal (action_name, "win.open") ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                                          : GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
on_server_opened_cb (SamServerDialog *dialog,
                     SamStore        *store,
                     const char      *address,
                     SamWindow       *self)
{
  g_clear_pointer (&self->error, g_free);
  set_store (self, store);
}

/* Open Plan on a Server…: the dialog opens the plan, and says there what
 * went wrong; the window takes the plan when it is open. */
static void
open_server_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamServerDialog *dialog = sam_server_dialog_new (GTK_WINDOW (widget), settings (SAM_WINDOW (widget)));

  g_signal_connect_object (dialog, "opened", G_CALLBACK (on_server_opened_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens a file Samordna wrote (a report) with the desktop's program for it. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

/* Actions: navigation */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(SamRecord) previous = NULL;
  g_autoptr(SamRecord) fresh = NULL;
  g_autoptr(GError) error = NULL;

  if (self->history->len == 0)
    return;
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  if (!(fresh = sam_store_get (self->store, sam_record_get_kind (previous), sam_record_get_id (previous), &error)))
    toast (self, error->message, FALSE);
  sam_editor_set_record (self->editor, self->store, fresh);
  sync_selection (self);
  update_actions (self);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store)
    sam_window_show_view (self, sam_view_from_name (g_variant_get_string (parameter, NULL)));
}

/* Opens the Plans view on the activities @parameter (a{sv}) chooses; see
 * sam_plans_page_show_activities(). */
static void
show_activities_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store == NULL)
    return;
  sam_window_show_view (self, SAM_VIEW_PLANS);
  sam_plans_page_show_activities (SAM_PLANS_PAGE (self->pages[SAM_VIEW_PLANS]), parameter);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_editor_pane (SAM_WINDOW (widget), FALSE);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AdwFlap *flap = SAM_WINDOW (widget)->sidebar_flap;

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store == NULL)
    return;
  sam_window_show_view (self, SAM_VIEW_PLANS);
  g_object_set (self->pages[SAM_VIEW_PLANS], "search-mode", TRUE, NULL);
}

/* The keyboard shortcuts window, built when first asked for: GtkApplication
 * would build it with every window (from gtk/help-overlay.ui), a tenth of
 * the time the window takes to appear. Once set as the window's help
 * overlay it shows the keys of the actions it lists. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/sam-shortcuts.ui");

      gtk_application_window_set_help_overlay (window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                                       "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

/* Actions: changes */

static void
on_undo_anyway_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SamWindow        *self)
{
  g_autoptr(GError) error = NULL;
  gboolean redo = g_strcmp0 (response, "redo") == 0;

  if (self->store == NULL || (!redo && g_strcmp0 (response, "undo") != 0))
    return;
  if (!(redo ? sam_store_redo_anyway (self->store, &error) : sam_store_undo_anyway (self->store, &error)))
    show_error (self, redo ? _("Could Not Redo") : _("Could Not Undo"), error->message);
  update_actions (self);
}

/* Undo or redo would overwrite what someone else changed since: says what
 * it is now, and goes on only if the person says so. */
static void
ask_undo_anyway (SamWindow    *self,
                 gboolean      redo,
                 const GError *error)
{
  g_autofree char *step = redo ? sam_store_get_redo_label (self->store) : sam_store_get_undo_label (self->store);
  const char *field = sam_store_error_get_field (error);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  SamKind kind;

  if (field && sam_store_error_get_record (error, &kind, NULL))
    {
      g_autofree char *theirs = sam_details_describe_value (self->store, kind, field, sam_store_error_get_theirs (error));
      const char *label = g_dgettext (GETTEXT_PACKAGE, sam_kind_find_field (kind, field)->label);

      /* TRANSLATORS: a field, what someone else changed it to, and the step ("Change “X”"). */
      body = redo ? g_strdup_printf (_("Someone else changed %s to “%s” after this step was undone (%s). Redoing it now overwrites their change."),
                                     label, theirs, step ? step : "")
                  : g_strdup_printf (_("Someone else changed %s to “%s” after this step (%s). Undoing it now overwrites their change."),
                                     label, theirs, step ? step : "");
    }
  else
    body = g_strdup (error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), redo ? _("Redo Anyway?") : _("Undo Anyway?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    redo ? "redo" : "undo", redo ? _("_Redo Anyway") : _("_Undo Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), redo ? "redo" : "undo",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_undo_anyway_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "win.redo");

  if (self->store == NULL)
    return;
  if (redo ? sam_store_redo (self->store, &error) : sam_store_undo (self->store, &error))
    ;
  else if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_CONFLICT))
    ask_undo_anyway (self, redo, error);
  else
    show_error (self, redo ? _("Could Not Redo") : _("Could Not Undo"), error->message);
  update_actions (self);
}

/* Selects @record where the current view lists it, or else shows it in
 * the editor; used after something was created. */
static void
select_record (SamWindow *self,
               SamRecord *record)
{
  if (!sam_page_select_record (self->pages[self->view], record))
    {
      show_in_editor (self, record, FALSE);
      sync_selection (self);
    }
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  gboolean under = g_str_has_suffix (what, "-under");
  g_autofree char *name = under ? g_strndup (what, strlen (what) - strlen ("-under")) : g_strdup (what);
  SamNewPlace place = { .near = sam_editor_get_record (self->editor), .under = under };
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  g_return_if_fail (sam_kind_from_name (name) != SAM_KIND_NONE);
  sam_page_fill_place (self->pages[self->view], &place);
  if (!(record = sam_rules_create (self->store, sam_kind_from_name (name), &place, &error)))
    {
      show_error (self, _("Could Not Create It"), error->message);
      return;
    }
  select_record (self, record);
  sam_editor_focus_first (self->editor);
}

static void
new_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_menu_button_popup (SAM_WINDOW (widget)->new_button);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);
  g_autoptr(SamRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const SamKindInfo *info;

  if (shown == NULL)
    return;
  info = sam_kind_get_info (sam_record_get_kind (shown));
  copy = sam_record_copy (shown);
  sam_record_set_id (copy, 0);
  /* TRANSLATORS: the name of a copy. */
  title = g_strdup_printf (_("%s (copy)"), sam_record_get_title (shown));
  sam_record_set_string (copy, info->title_field, title);
  if (sam_kind_find_field (info->kind, "short_name"))
    sam_record_unset (copy, "short_name");
  if (!sam_rules_save (self->store, copy, &error))
    {
      show_error (self, _("Could Not Duplicate It"), error->message);
      return;
    }
  select_record (self, copy);
  toast (self, _("Duplicated"), TRUE);
}

static void
toast_deleted (SamWindow  *self,
               const char *title)
{
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), title);

  toast (self, text, TRUE);
}

typedef struct
{
  SamWindow   *window;
  SamRecord   *record;
  GtkDropDown *choice;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->record);
  g_free (data);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DeleteData       *data)
{
  SamRecord *replacement = gtk_drop_down_get_selected_item (data->choice);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (sam_record_get_title (data->record));

  if (g_strcmp0 (response, "delete") == 0)
    {
      if (sam_rules_delete_replacing (data->window->store, sam_record_get_kind (data->record),
                                      sam_record_get_id (data->record),
                                      replacement ? sam_record_get_id (replacement) : 0, &error))
        toast_deleted (data->window, title);
      else
        show_error (data->window, _("Could Not Delete It"), error->message);
    }
  delete_data_free (data);
}

/* The choice of what happens to the links: removed, or moved to another
 * record of the same kind. */
static GtkDropDown *
replacement_choice (SamWindow  *self,
                    SamRecord  *record,
                    GError    **error)
{
  g_autoptr(GPtrArray) all = sam_store_list (self->store, sam_record_get_kind (record), error);
  g_autoptr(GListStore) options = g_list_store_new (SAM_TYPE_RECORD);
  g_autoptr(SamRecord) none = sam_record_new (sam_record_get_kind (record));
  const char *title_field = sam_kind_get_info (sam_record_get_kind (record))->title_field;
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (SAM_TYPE_RECORD, NULL, "title");
  GtkDropDown *dropdown;

  if (all == NULL)
    return NULL;
  /* Links that must be set can only move. */
  if (!sam_store_links_required (self->store, sam_record_get_kind (record), sam_record_get_id (record)))
    {
      sam_record_set_string (none, title_field, _("Remove the links"));
      g_list_store_append (options, none);
    }
  for (guint i = 0; i < all->len; i++)
    if (sam_record_get_id (all->pdata[i]) != sam_record_get_id (record))
      {
        g_autofree char *name = sam_tree_describe (all->pdata[i]);
        g_autofree char *text = g_strdup_printf (_("Move them to %s"), name);
        g_autoptr(SamRecord) option = sam_record_new (sam_record_get_kind (record));

        sam_record_set_id (option, sam_record_get_id (all->pdata[i]));
        sam_record_set_string (option, title_field, text);
        g_list_store_append (options, option);
      }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (options)), g_steal_pointer (&expression)));
  sam_search_dropdown (dropdown);
  return dropdown;
}

static void
ask_delete_in_use (SamWindow  *self,
                   SamRecord  *record,
                   const char *what)
{
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), sam_record_get_title (record));
  /* TRANSLATORS: what points to the item, as in "Activities: 3, Seminars: 1". */
  g_autofree char *body = g_strdup_printf (_("Other items point to it (%s). Choose what happens to those links when it is deleted:"),
                                           what);
  g_autoptr(GError) error = NULL;
  GtkDropDown *choice = replacement_choice (self, record, &error);
  GtkWidget *dialog;
  DeleteData *data;

  if (choice == NULL)
    {
      show_error (self, _("Could Not Delete It"), error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  data = g_new0 (DeleteData, 1);
  data->window = g_object_ref (self);
  data->record = g_object_ref (record);
  data->choice = choice;
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (data->choice));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  g_autoptr(SamRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (sam_editor_get_record (self->editor) == NULL)
    return;
  record = g_object_ref (sam_editor_get_record (self->editor));
  if (sam_rules_delete (self->store, sam_record_get_kind (record), sam_record_get_id (record), &error))
    toast_deleted (self, sam_record_get_title (record));
  else if (g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_IN_USE))
    ask_delete_in_use (self, record, sam_store_error_get_reason (error));
  else
    show_error (self, _("Could Not Delete It"), error->message);
}

/* Actions: what the editor's record offers */

static void
record_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);

  if (shown == NULL || sam_record_get_kind (shown) != SAM_KIND_ACTIVITY)
    return;
  gtk_window_present (GTK_WINDOW (sam_status_dialog_new (GTK_WINDOW (self), self->store, shown)));
}

static void
on_registered_cb (SamRegistrationDialog *dialog,
                  SamRecord             *registration,
                  SamWindow             *self)
{
  if (sam_record_get_int (registration, "waitlisted"))
    toast (self, _("The seminar is full: the registration is on the waiting list"), FALSE);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  SamRecord *shown = sam_editor_get_record (self->editor);
  SamRegistrationDialog *dialog;

  if (shown == NULL || sam_record_get_kind (shown) != SAM_KIND_SEMINAR)
    return;
  dialog = sam_registration_dialog_new (GTK_WINDOW (self), self->store, shown);
  g_signal_connect_object (dialog, "registered", G_CALLBACK (on_registered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions: the reporting round */

static void
round_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (g_str_equal (action_name, "win.start-round"))
    gtk_window_present (GTK_WINDOW (sam_round_dialog_new (GTK_WINDOW (self), self->store)));
  else if (g_str_equal (action_name, "win.round-board"))
    gtk_window_present (GTK_WINDOW (sam_round_board_new (GTK_WINDOW (self), self->store)));
  else
    sam_round_choose_forms (GTK_WINDOW (self), self->store);
}

/* Object */

static void
sam_window_dispose (GObject *object)
{
  SamWindow *self = SAM_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->list_button_id, g_source_remove);
  forget_store (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_WINDOW);
  memset (self->pages, 0, sizeof self->pages);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sam_window_parent_class)->dispose (object);
}

/* A key for every view, listed in the shortcuts window: Alt and a digit
 * for the views of the plan's work, as the sidebar lists them, and Ctrl
 * and a digit for the registers (agencies, target groups, …). */
static const struct { SamView view; guint key; GdkModifierType mods; } view_keys[] = {
  { SAM_VIEW_OVERVIEW, GDK_KEY_1, GDK_ALT_MASK },
  { SAM_VIEW_PLANS, GDK_KEY_2, GDK_ALT_MASK },
  { SAM_VIEW_FOLLOW_UP, GDK_KEY_3, GDK_ALT_MASK },
  { SAM_VIEW_SEMINARS, GDK_KEY_4, GDK_ALT_MASK },
  { SAM_VIEW_RESPONSIBILITY, GDK_KEY_5, GDK_ALT_MASK },
  { SAM_VIEW_COVERAGE, GDK_KEY_6, GDK_ALT_MASK },
  { SAM_VIEW_CHECKS, GDK_KEY_7, GDK_ALT_MASK },
  { SAM_VIEW_REPORTS, GDK_KEY_8, GDK_ALT_MASK },
  { SAM_VIEW_AGENCIES, GDK_KEY_1, GDK_CONTROL_MASK },
  { SAM_VIEW_TARGET_GROUPS, GDK_KEY_2, GDK_CONTROL_MASK },
  { SAM_VIEW_SECTORS, GDK_KEY_3, GDK_CONTROL_MASK },
  { SAM_VIEW_KNOWLEDGE, GDK_KEY_4, GDK_CONTROL_MASK },
  { SAM_VIEW_OBLIGATIONS, GDK_KEY_5, GDK_CONTROL_MASK },
  { SAM_VIEW_PERIODS, GDK_KEY_6, GDK_CONTROL_MASK },
};

G_STATIC_ASSERT (G_N_ELEMENTS (view_keys) == SAM_N_VIEWS);

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-server", NULL, open_server_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.show-activities", "a{sv}", show_activities_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "win.new-menu", NULL, new_menu_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.record-status", NULL, record_status_action);
  gtk_widget_class_install_action (widget_class, "win.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "win.start-round", NULL, round_action);
  gtk_widget_class_install_action (widget_class, "win.round-board", NULL, round_action);
  gtk_widget_class_install_action (widget_class, "win.import-forms", NULL, round_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.record-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, view_keys[i].key, view_keys[i].mods,
                                         "win.view", "s", sam_view_get_name (view_keys[i].view));
}

static void
sam_window_class_init (SamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_window_dispose;

  g_type_ensure (SAM_TYPE_NODE);
  g_type_ensure (SAM_TYPE_DETAIL);
  g_type_ensure (SAM_TYPE_RECORD);
  g_type_ensure (SAM_TYPE_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, access_revealer);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, access_label);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, editor_leaflet);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, editor_separator);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, list_button);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, editor);
  install_actions (widget_class);
}

/* The main menu's popover (some forty widgets) is made when it is first
 * opened, not before the window's first frame. */
static void
create_main_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  SamWindow *self = SAM_WINDOW (user_data);

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
sam_window_init (SamWindow *self)
{
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);
  GtkSingleSelection *sidebar;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->editor, "follow-link", G_CALLBACK (on_follow_link_cb), self, 0);
  g_signal_connect_object (self->search_button, "notify::active", G_CALLBACK (on_search_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, create_main_menu_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->new_button, create_new_menu_cb, self, NULL);

  for (guint v = 0; v < SAM_N_VIEWS; v++)
    gtk_string_list_append (views, sam_view_get_title (v));
  sidebar = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (views)));
  gtk_single_selection_set_autoselect (sidebar, TRUE);
  g_signal_connect_object (sidebar, "notify::selected", G_CALLBACK (on_sidebar_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (sidebar));
  g_object_unref (sidebar);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_cb), NULL);
  g_signal_connect_object (self->editor_leaflet, "notify::folded", G_CALLBACK (on_leaflet_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor_leaflet, "notify::visible-child", G_CALLBACK (on_leaflet_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Public API */

/* Returns a new window of @application (or none), which keeps its size
 * and the view shown in @settings (or nowhere). */
SamWindow *
sam_window_new (GtkApplication *application,
                GSettings      *settings)
{
  SamWindow *self = g_object_new (SAM_TYPE_WINDOW, "application", application, NULL);
  GSettings *s = settings;

  g_set_object (&self->settings, settings);
  for (guint v = 0; v < SAM_N_VIEWS; v++)
    if (self->pages[v])
      sam_page_set_settings (self->pages[v], settings);
  if (s)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (s, "window-width"),
                                   g_settings_get_int (s, "window-height"));
      if (g_settings_get_boolean (s, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  return self;
}

static gboolean
present_later_cb (gpointer data)
{
  gtk_window_present (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Makes the folder of @path when it is the default path, so that the
 * database can be made there; call before opening @path. */
void
sam_window_prepare_path (const char *path)
{
  g_autofree char *default_path = sam_store_default_path ();

  g_return_if_fail (path != NULL);
  if (g_strcmp0 (path, default_path) == 0)
    {
      g_autofree char *folder = g_path_get_dirname (path);
      g_mkdir_with_parents (folder, 0700);
    }
}

/* Says that a plan is being opened for @self (by whoever opens it), until
 * sam_window_end_open(): "Opening the plan…" when nothing is shown yet,
 * and the window shows itself after a moment if the open is slow. */
void
sam_window_begin_open (SamWindow *self)
{
  g_return_if_fail (SAM_IS_WINDOW (self));

  trace ("opening the database");
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  /* A quick open shows the window once, with the plan in it; a slow one
   * shows "Opening the plan…" after a moment. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 300, present_later_cb, g_object_ref (self), g_object_unref);
}

/* Shows @store, the plan opened for @self, or when it is NULL, @error in
 * a dialog that says what is wrong. Nothing when @self is closed. */
void
sam_window_end_open (SamWindow    *self,
                     SamStore     *store,
                     const GError *error)
{
  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (store != NULL || error != NULL);

  if (self->cancellable == NULL)
    return;
  if (store == NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      show_open_error (self, error);
      return;
    }
  g_clear_pointer (&self->error, g_free);
  set_store (self, store);
}

/* Opens @path in the background and shows it; failures show a dialog that
 * says what is wrong. For the default path the folder is made first. */
void
sam_window_open_database (SamWindow  *self,
                          const char *path)
{
  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  sam_window_prepare_path (path);
  sam_window_begin_open (self);
  sam_store_open_async (path, SAM_STORE_OPEN_CHECK_LATER, self->cancellable, on_store_opened_cb, g_object_ref (self));
}

SamStore *
sam_window_get_store (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->store;
}

/* Shows @view, and in the editor what is selected in it (or nothing). */
void
sam_window_show_view (SamWindow *self,
                      SamView    view)
{
  GtkSelectionModel *sidebar = gtk_list_view_get_model (self->sidebar_view);
  g_autoptr(SamRecord) selected = NULL;
  SamPage *page;

  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (view < SAM_N_VIEWS);
  g_return_if_fail (self->store != NULL);

  self->view = view;
  if (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (sidebar)) != view)
    {
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sidebar), view);
      return;
    }
  page = ensure_page (self, view);
  /* Pages of figures and matrices use the whole width. */
  gtk_widget_set_visible (GTK_WIDGET (self->editor), sam_page_uses_editor (page));
  gtk_widget_set_visible (adw_leaflet_page_get_child (self->editor_separator), sam_page_uses_editor (page));
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (page));
  show_editor_pane (self, FALSE);
  if (adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
  /* The editor shows what the view has selected, so that what is
   * highlighted and what is shown agree. */
  selected = sam_page_get_selected (page);
  show_in_editor (self, selected, FALSE);
  if (view != SAM_VIEW_PLANS)
    gtk_toggle_button_set_active (self->search_button, FALSE);
  update_actions (self);
}

/* Returns what the notice at the top says the user may not do, or NULL
 * when it is hidden. */
const char *
sam_window_get_access_notice (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->access_revealer) ? gtk_label_get_text (self->access_label) : NULL;
}

SamView
sam_window_get_view (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), SAM_VIEW_OVERVIEW);
  return self->view;
}

/* Returns the page of @view, building it when it is not yet. */
SamPage *
sam_window_get_view_page (SamWindow *self,
                          SamView    view)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (view < SAM_N_VIEWS, NULL);
  return ensure_page (self, view);
}

/* Shows @record in the editor, remembering what was shown for Back. */
void
sam_window_show_record (SamWindow *self,
                        SamRecord *record)
{
  g_return_if_fail (SAM_IS_WINDOW (self));
  g_return_if_fail (SAM_IS_RECORD (record));

  show_in_editor (self, record, TRUE);
  sync_selection (self);
  show_editor_pane (self, TRUE);
}

SamEditor *
sam_window_get_editor (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->editor;
}

SamRecord *
sam_window_get_shown_record (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return sam_editor_get_record (self->editor);
}

const char *
sam_window_get_error (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return self->error;
}

/* Returns "loading", "error" or "browse". */
const char *
sam_window_get_page (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}
