/* vl-value-page.c — the Value page: reviews, value loops, P1, portfolio
 *
 * Alt+5. *Reviews*: launched items, overdue first, then due within 7
 * days, waiting, and reviewed in the last 90 days; the chosen one's review
 * beside the queue: its hypothesis, its readings (Ctrl+I adds one), the
 * change achieved and the verdict it suggests, a verdict and a note
 * (overriding the suggestion asks for a note), Complete Review
 * (Ctrl+Return) and New Follow-up Demand. *Value Loops*: each loop's
 * hypothesis, owner and metric (edited in place) and its roll-up. *P1*:
 * this and next month's P1 demands and those at risk or late.
 * *Portfolio*: the share of cost per AARRR stage, key result and backlog.
 *
 * Everything follows the plan's edits and merges (one idle refresh per
 * action); the switcher's badge counts the overdue reviews.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-value-page"

#define N_STAGES_SHOWN 5   /* acquisition … referral */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-actions.h"
#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-record-chooser.h"
#include "vl-toast.h"
#include "vl-value-page.h"
#include "vl-value.h"

struct _VlValuePage
{
  VlPage         parent_instance;

  GtkStack      *sections;
  GtkListView   *queue_view;
  GListStore    *queue_store;    /* VlQueueRow: a group's heading, or an entry */
  GtkSingleSelection *queue_selection;
  guint          last_position;  /* where the selection was, to step over headings */
  GtkStack      *review_stack;
  GtkLabel      *review_title;
  GtkLabel      *review_subtitle;
  AdwActionRow  *metric_row;
  AdwActionRow  *expected_row;
  GtkListBox    *readings_list;
  AdwActionRow  *achieved_row;
  AdwComboRow   *verdict_row;
  AdwEntryRow   *note_row;
  GtkWidget     *complete_button;
  GtkBox        *loops_box;
  GtkBox        *p1_box;
  GtkBox        *portfolio_box;

  VlDocument    *document;       /* the loaded one */
  GArray        *queue;          /* VlReviewEntry, as queue_view shows them */
  guint          queue_day;      /* the Julian day the queue's days late count from */
  GArray        *row_keys;       /* RowKey: what the queue's rows show */
  GHashTable    *positions;      /* item id → its place in the queue + 1 */
  gboolean       review_dirty;   /* the review panel follows an edit */
  VlRecord      *item;           /* the review shown */
  VlVerdict      suggested;
  guint          refresh_id;
  guint          n_overdue;
  GSignalGroup  *badge_signals;  /* the document, loaded or not, for the badge */
  gboolean       filling;
  guint          dirty;          /* sections to bring up to date when shown */
  GPtrArray     *loop_views;     /* LoopView, as loops_box shows them */
};

G_DEFINE_FINAL_TYPE (VlValuePage, vl_value_page, VL_TYPE_PAGE)

enum {
  PROP_0,
  PROP_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *group_titles[VL_REVIEW_N_GROUPS] = {
  N_("Overdue"), N_("Due Within 7 Days"), N_("Waiting"), N_("Reviewed in the Last 90 Days"),
};

static void refresh_all (VlValuePage *self);

/* Only the section on screen is brought up to date after an edit; the
 * others are marked and follow when shown. */
enum { SECTION_REVIEWS, SECTION_LOOPS, SECTION_P1, SECTION_PORTFOLIO, N_SECTIONS };

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_number (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%g", value);
}

static GtkWidget *
info_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* ---- the badge ------------------------------------------------------------ */

/* The badge and the queue come from one queue: made from the plan once
 * (and again on a merge or a new day), then kept up to date row by row
 * as items change (vl_value_queue_update()): an edit never reads the
 * whole plan again. */
/* Where each item is in the queue, for the rows (made again whenever the
 * queue changes, before any row is shown). */
static void
index_queue (VlValuePage *self)
{
  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < self->queue->len; i++)
    g_hash_table_insert (self->positions,
                         GSIZE_TO_POINTER ((gsize) g_array_index (self->queue, VlReviewEntry, i).item),
                         GUINT_TO_POINTER (i + 1));
}

static void
update_badge (VlValuePage *self)
{
  guint n = self->queue != NULL ? vl_value_queue_count_overdue (self->queue) : 0;

  if (n == self->n_overdue)
    return;
  self->n_overdue = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE]);
}

static void
reload_queue (VlValuePage *self)
{
  VlDocument *doc = vl_page_get_document (VL_PAGE (self));
  g_autoptr(GDate) today = vl_okr_today ();

  g_clear_pointer (&self->queue, g_array_unref);
  self->queue = doc != NULL ? vl_value_review_queue (doc, today) : g_array_new (FALSE, TRUE, sizeof (VlReviewEntry));
  self->queue_day = g_date_get_julian (today);
  self->dirty |= 1u << SECTION_REVIEWS;
  index_queue (self);
  update_badge (self);
}

/* Only items (their status, launch and review dates, their backlog) and
 * the status log move a review between groups. */
/* The overdue reviews follow items, their launches and their backlogs. */
static const char *const badge_rows[] = {
  "rows-changed::item", "rows-changed::transition", "rows-changed::backlog",
};

static void
badge_rows_changed_cb (VlDocument  *doc,
                       guint        kind,
                       GPtrArray   *records,
                       VlValuePage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDate) today = NULL;

  if (kind == VL_KIND_BACKLOG)
    {
      reload_queue (self);   /* a backlog gone takes its items' reviews */
      return;
    }
  if (kind != VL_KIND_ITEM && kind != VL_KIND_TRANSITION)
    return;
  today = vl_okr_today ();
  if (self->queue == NULL || self->queue_day != g_date_get_julian (today))
    {
      reload_queue (self);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      VlRecord *item = kind == VL_KIND_ITEM ? g_object_ref (records->pdata[i])
                                            : vl_record_dup_ref (records->pdata[i], "item");

      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  if (vl_value_queue_update (self->queue, items, today))
    {
      self->dirty |= 1u << SECTION_REVIEWS;
      index_queue (self);
      update_badge (self);
    }
}

guint
vl_value_page_get_overdue (VlValuePage *self)
{
  g_return_val_if_fail (VL_IS_VALUE_PAGE (self), 0);
  return self->n_overdue;
}

/* ---- the review ------------------------------------------------------------ */

/* Which of the page's actions can run: the one place that says. */
static void
update_actions (VlValuePage *self)
{
  VlVerdict chosen = (VlVerdict) (adw_combo_row_get_selected (self->verdict_row) + 1);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  gboolean override = self->suggested != VL_VERDICT_NONE && chosen != self->suggested;
  gboolean ok = self->item != NULL && (!override || *note != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "value.complete-review", ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "value.add-reading", self->item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "value.follow-up", self->item != NULL);
  gtk_widget_set_tooltip_text (self->complete_button,
                               ok ? NULL : _("A verdict other than the suggested one needs a note saying why"));
}

static void
show_readings (VlValuePage *self)
{
  g_autoptr(GPtrArray) readings = vl_item_dup_readings (self->item);

  clear_list (self->readings_list);
  for (guint i = 0; i < readings->len; i++)
    {
      VlRecord *r = readings->pdata[i];
      g_autofree char *value = format_number (vl_record_get_number (r, "value"));
      const char *note = vl_record_get_string (r, "note");
      g_autofree char *title = g_strdup_printf ("%s — %s", vl_record_get_string (r, "date"), value);

      gtk_list_box_append (self->readings_list, info_row (title, note));
    }
  if (readings->len == 0)
    gtk_list_box_append (self->readings_list,
                         info_row (_("No readings yet"), _("Add what the metric shows at T+7, T+30, T+90…")));
}

static void
show_review (VlValuePage *self)
{
  g_autoptr(VlRecord) backlog = NULL, kr = NULL;
  g_autofree char *baseline = NULL, *expected = NULL, *actual_text = NULL;
  g_autofree char *range = NULL, *subtitle = NULL, *achieved_text = NULL;
  double share, actual;
  VlVerdict verdict;

  if (self->item == NULL)
    {
      gtk_stack_set_visible_child_name (self->review_stack, "empty");
      update_actions (self);
      return;
    }
  self->filling = TRUE;
  backlog = vl_record_dup_ref (self->item, "backlog");
  kr = vl_record_dup_ref (self->item, "key-result");
  gtk_label_set_text (self->review_title, vl_record_get_title (self->item));
  subtitle = g_strdup_printf (_("Launched %s · %s%s%s"),
                              vl_record_get_string (self->item, "launch-date") ?: _("on a day not known"),
                              backlog != NULL ? vl_record_get_title (backlog) : "", kr != NULL ? " · " : "",
                              kr != NULL ? vl_record_get_title (kr) : "");
  gtk_label_set_text (self->review_subtitle, subtitle);
  adw_action_row_set_subtitle (self->metric_row, *vl_record_get_string (self->item, "metric") != '\0'
                                                 ? vl_record_get_string (self->item, "metric")
                                                 : _("Not set: give it in the item’s details"));
  baseline = format_number (vl_record_get_number (self->item, "baseline"));
  expected = format_number (vl_record_get_number (self->item, "expected"));
  {
    /* Frozen at launch: say when it was changed since (the status
     * history has each change). */
    g_autoptr(GListModel) history = vl_document_list (self->document, VL_KIND_TRANSITION, "item", self->item);
    guint changes = 0;

    for (guint i = 0; i < g_list_model_get_n_items (history); i++)
      {
        g_autoptr(VlRecord) t = g_list_model_get_item (history, i);

        changes += *vl_record_get_string (t, "note") != '\0';
      }
    if (changes > 0)
      /* Translators: "2.1 → 2.5 · changed 2 times after launch (see its status history)" */
      range = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s → %s · changed %u time after launch (see its status history)",
                                            "%s → %s · changed %u times after launch (see its status history)",
                                            changes),
                               baseline, expected, changes);
    else
      /* Translators: the hypothesis as it launched: "2.1 → 2.24 · as launched" */
      range = g_strdup_printf (_("%s → %s · as launched"), baseline, expected);
  }
  adw_action_row_set_subtitle (self->expected_row, range);
  show_readings (self);

  actual = vl_item_get_actual (self->item);
  share = vl_value_achieved (vl_record_get_number (self->item, "baseline"),
                             vl_record_get_number (self->item, "expected"), actual);
  {
    double validated_at, invalidated_at;

    vl_document_get_verdict_thresholds (self->document, &validated_at, &invalidated_at);
    self->suggested = vl_value_suggest_verdict (share, validated_at, invalidated_at);
  }
  actual_text = format_number (actual);
  if (isnan (actual))
    achieved_text = g_strdup (_("Nothing measured yet"));
  else if (isnan (share))
    achieved_text = g_strdup_printf (_("Actual %s; no expected change to compare with"), actual_text);
  else
    /* Translators: "Actual 2.27 · 121 % of the expected change · suggests Validated". */
    achieved_text = g_strdup_printf (_("Actual %s · %.0f %% of the expected change · suggests %s"), actual_text,
                                     share * 100, vl_enum_label ("verdict", self->suggested));
  adw_action_row_set_subtitle (self->achieved_row, achieved_text);

  verdict = (VlVerdict) vl_record_get_int (self->item, "verdict");
  if (verdict == VL_VERDICT_NONE)
    verdict = self->suggested != VL_VERDICT_NONE ? self->suggested : VL_VERDICT_INCONCLUSIVE;
  adw_combo_row_set_selected (self->verdict_row, verdict - 1);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), vl_record_get_string (self->item, "review-note"));
  gtk_button_set_label (GTK_BUTTON (self->complete_button),
                        vl_record_get_int (self->item, "status") == VL_STATUS_REVIEWED ? _("_Update Review")
                                                                                       : _("_Complete Review"));
  gtk_stack_set_visible_child_name (self->review_stack, "review");
  self->filling = FALSE;
  update_actions (self);
}

/* A row of the queue: the heading of a group, or an entry of it. The queue
 * can hold thousands of launched items, so it is a list view: only the
 * rows on screen are made. */
#define VL_TYPE_QUEUE_ROW (vl_queue_row_get_type ())
G_DECLARE_FINAL_TYPE (VlQueueRow, vl_queue_row, VL, QUEUE_ROW, GObject)

/* What a row shows: the rows change only where these do. */
typedef struct
{
  int     heading;   /* the VlReviewGroup of a heading, or -1 */
  gint64  item;      /* an entry's item */
  guint   count;     /* a heading's number of entries */
} RowKey;

struct _VlQueueRow
{
  GObject parent_instance;
  RowKey  key;
};

G_DEFINE_FINAL_TYPE (VlQueueRow, vl_queue_row, G_TYPE_OBJECT)

static void vl_queue_row_class_init (VlQueueRowClass *klass) { }
static void vl_queue_row_init (VlQueueRow *self) { }

static gpointer
queue_row_new (const RowKey *key)
{
  VlQueueRow *row = g_object_new (VL_TYPE_QUEUE_ROW, NULL);

  row->key = *key;
  return row;
}

/* The queue entry a row shows, or NULL. */
static const VlReviewEntry *
row_entry (VlValuePage *self,
           VlQueueRow  *row)
{
  guint at = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, GSIZE_TO_POINTER ((gsize) row->key.item)));

  if (row->key.heading >= 0 || at == 0 || at > self->queue->len)
    return NULL;
  return &g_array_index (self->queue, VlReviewEntry, at - 1);
}

static void
queue_selected_cb (VlValuePage *self)
{
  guint position = gtk_single_selection_get_selected (self->queue_selection);
  g_autoptr(VlQueueRow) row = g_list_model_get_item (G_LIST_MODEL (self->queue_store), position);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue_store));

  if (row != NULL && row->key.heading >= 0)
    {
      /* A heading is no review: step on over it the way the keys went. */
      guint next = position >= self->last_position || position == 0 ? position + 1 : position - 1;

      if (next < n)
        {
          gtk_single_selection_set_selected (self->queue_selection, next);
          return;
        }
    }
  self->last_position = position;
  g_clear_object (&self->item);
  if (row != NULL && row_entry (self, row) != NULL && self->document != NULL)
    self->item = vl_document_lookup (self->document, VL_KIND_ITEM, row->key.item);
  show_review (self);
}

static char *
describe_entry (const VlReviewEntry *e,
                VlRecord            *item)
{
  g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
  g_autofree char *when = NULL;

  if (e->group == VL_REVIEW_REVIEWED)
    when = g_strdup_printf (_("reviewed %s, %s"), e->reviewed,
                            vl_enum_label ("verdict", (int) vl_record_get_int (item, "verdict")) ?: _("no verdict"));
  else if (e->days_late > 0)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due %s, %d day late", "due %s, %d days late",
                                         (gulong) e->days_late), e->due, e->days_late);
  else if (e->days_late == 0 && e->due[0] != '\0')
    when = g_strdup_printf (_("due today, %s"), e->due);
  else if (e->due[0] != '\0')
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due %s, in %d day", "due %s, in %d days",
                                         (gulong) -e->days_late), e->due, -e->days_late);
  else
    when = g_strdup (_("no launch date"));
  return g_strdup_printf ("%s · %s", backlog != NULL ? vl_record_get_title (backlog) : "", when);
}

static void
setup_queue_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_queue_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                VlValuePage              *self)
{
  VlQueueRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *sub = gtk_widget_get_next_sibling (title);

  gtk_widget_remove_css_class (title, "heading");
  gtk_widget_remove_css_class (title, "error");
  gtk_widget_set_margin_top (box, 6);
  if (row->key.heading >= 0)
    {
      /* Translators: a heading of the review queue: the group and how many are in it. */
      g_autofree char *text = g_strdup_printf (_("%s (%u)"), _(group_titles[row->key.heading]), row->key.count);

      gtk_label_set_text (GTK_LABEL (title), text);
      gtk_widget_add_css_class (title, "heading");
      if (row->key.heading == VL_REVIEW_OVERDUE)
        gtk_widget_add_css_class (title, "error");
      gtk_widget_set_visible (sub, FALSE);
      gtk_widget_set_margin_top (box, gtk_list_item_get_position (list_item) > 0 ? 18 : 6);
      gtk_list_item_set_selectable (list_item, FALSE);
      gtk_list_item_set_activatable (list_item, FALSE);
      return;
    }
  {
    const VlReviewEntry *e = row_entry (self, row);
    g_autoptr(VlRecord) item = e != NULL ? vl_document_lookup (self->document, VL_KIND_ITEM, e->item) : NULL;
    g_autofree char *detail = item != NULL ? describe_entry (e, item) : NULL;

    gtk_label_set_text (GTK_LABEL (title), item != NULL ? vl_record_get_title (item) : "");
    gtk_label_set_text (GTK_LABEL (sub), detail != NULL ? detail : "");
    gtk_widget_set_visible (sub, TRUE);
    gtk_list_item_set_selectable (list_item, TRUE);
    gtk_list_item_set_activatable (list_item, TRUE);
  }
}

/* The rows the queue shows now: a heading per group, then its entries. */
static GArray *
queue_keys (GArray *queue)
{
  GArray *keys = g_array_sized_new (FALSE, TRUE, sizeof (RowKey), queue->len + VL_REVIEW_N_GROUPS);

  for (guint i = 0; i < queue->len; i++)
    {
      const VlReviewEntry *e = &g_array_index (queue, VlReviewEntry, i);
      RowKey entry = { -1, e->item, 0 };

      if (i == 0 || g_array_index (queue, VlReviewEntry, i - 1).group != e->group)
        {
          RowKey heading = { (int) e->group, 0, 0 };

          for (guint j = i; j < queue->len && g_array_index (queue, VlReviewEntry, j).group == e->group; j++)
            heading.count++;
          g_array_append_val (keys, heading);
        }
      g_array_append_val (keys, entry);
    }
  return keys;
}

static gboolean
same_key (const RowKey *a,
          const RowKey *b)
{
  return a->heading == b->heading && a->item == b->item && a->count == b->count;
}

/* The list follows the queue: only the rows between the first and the
 * last that differ are made again (an edit moves one review). */
static void
refresh_queue (VlValuePage *self)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 shown = self->item != NULL ? vl_record_get_rowid (self->item) : 0;
  guint select = GTK_INVALID_LIST_POSITION, first_entry = GTK_INVALID_LIST_POSITION;
  guint old_n = self->row_keys->len, prefix = 0, suffix = 0;

  if (self->queue == NULL || self->queue_day != g_date_get_julian (today))
    reload_queue (self);
  keys = queue_keys (self->queue);
  for (guint i = 0; i < keys->len; i++)
    {
      const RowKey *k = &g_array_index (keys, RowKey, i);

      if (k->heading < 0 && first_entry == GTK_INVALID_LIST_POSITION)
        first_entry = i;
      if (k->heading < 0 && k->item == shown)
        select = i;
    }
  while (prefix < old_n && prefix < keys->len &&
         same_key (&g_array_index (self->row_keys, RowKey, prefix), &g_array_index (keys, RowKey, prefix)))
    prefix++;
  while (suffix < old_n - prefix && suffix < keys->len - prefix &&
         same_key (&g_array_index (self->row_keys, RowKey, old_n - 1 - suffix),
                   &g_array_index (keys, RowKey, keys->len - 1 - suffix)))
    suffix++;
  for (guint i = prefix; i < keys->len - suffix; i++)
    g_ptr_array_add (rows, queue_row_new (&g_array_index (keys, RowKey, i)));
  if (select == GTK_INVALID_LIST_POSITION)
    {
      g_clear_object (&self->item);   /* no longer in the queue: the most overdue instead */
      select = first_entry;
    }
  g_signal_handlers_block_by_func (self->queue_selection, queue_selected_cb, self);
  g_list_store_splice (self->queue_store, prefix, old_n - prefix - suffix, rows->pdata, rows->len);
  g_signal_handlers_unblock_by_func (self->queue_selection, queue_selected_cb, self);
  g_array_unref (self->row_keys);
  self->row_keys = g_steal_pointer (&keys);
  self->last_position = select;
  gtk_single_selection_set_selected (self->queue_selection, select);
  queue_selected_cb (self);
}

/* ---- value loops ------------------------------------------------------------ */

typedef struct
{
  VlRecord   *loop;
  const char *field;   /* static */
} LoopField;

static void
loop_field_free (gpointer data,
                 GClosure *closure)
{
  LoopField *f = data;

  g_object_unref (f->loop);
  g_free (f);
}

static void
loop_field_applied (AdwEntryRow *row,
                    LoopField   *f)
{
  g_object_set (f->loop, f->field, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static GtkWidget *
loop_entry (VlRecord   *loop,
            const char *field,
            const char *title)
{
  GtkWidget *row = adw_entry_row_new ();
  LoopField *f = g_new0 (LoopField, 1);

  f->loop = g_object_ref (loop);
  f->field = field;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), vl_record_get_string (loop, field));
  g_signal_connect_data (row, "apply", G_CALLBACK (loop_field_applied), f, loop_field_free, 0);
  return row;
}

/* One loop on screen: its group and the rows that change with the plan.
 * The rows stay while the loops stay the same, so an edit in place keeps
 * its focus. */
typedef struct
{
  gint64       loop;
  GtkWidget   *group;
  AdwEntryRow *entries[4];
  GtkWidget   *items, *verdicts, *cost, *change;
  GPtrArray   *item_rows;   /* the items' rows in the expander */
  char        *shown;       /* what they show: made again only when it changes */
} LoopView;

static const char *loop_fields[] = { "name", "hypothesis", "owner", "metric" };
static const char *loop_titles[] = { N_("Name"), N_("Hypothesis"), N_("Owner"), N_("Metric") };

static LoopView *
loop_view_new (VlValuePage *self,
               VlRecord    *loop)
{
  LoopView *v = g_new0 (LoopView, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Items…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  v->loop = vl_record_get_rowid (loop);
  v->group = adw_preferences_group_new ();
  v->item_rows = g_ptr_array_new ();
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Backlog Items to This Value Loop"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "value.add-to-loop");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "x", v->loop);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Delete This Value Loop"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "value.delete-loop");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", v->loop);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), remove);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (v->group), buttons);
  for (guint f = 0; f < G_N_ELEMENTS (loop_fields); f++)
    {
      v->entries[f] = ADW_ENTRY_ROW (loop_entry (loop, loop_fields[f], _(loop_titles[f])));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), GTK_WIDGET (v->entries[f]));
    }
  v->items = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (v->items), _("Items"));
  v->verdicts = info_row (_("Verdicts"), "");
  v->cost = info_row (_("Total Cost"), "");
  v->change = info_row (_("Change"), "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->verdicts);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->cost);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (v->group), v->change);
  gtk_box_append (self->loops_box, v->group);
  return v;
}

static void
loop_view_free (gpointer data)
{
  LoopView *v = data;

  g_ptr_array_unref (v->item_rows);
  g_free (v->shown);
  g_free (v);
}

/* The loop's items in its expander, each with a button that takes it
 * out of the loop (the item stays in its backlog). */
static void
loop_view_show_items (LoopView *v,
                      VlRecord *loop)
{
  g_autoptr(GListModel) items = vl_document_list (vl_record_get_document (loop), VL_KIND_ITEM, "value-loop", loop);
  g_autoptr(GString) shown = g_string_new (NULL);

  /* The rows stay while they would show the same (a button being pressed
   * and the focus stay with them). */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");

      g_string_append_printf (shown, "%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1e",
                              vl_record_get_rowid (item), vl_record_get_title (item),
                              backlog != NULL ? vl_record_get_title (backlog) : "", vl_record_get_int (item, "status"));
    }
  if (g_strcmp0 (shown->str, v->shown) == 0)
    return;
  g_free (v->shown);
  v->shown = g_strdup (shown->str);
  for (guint i = 0; i < v->item_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (v->items), v->item_rows->pdata[i]);
  g_ptr_array_set_size (v->item_rows, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
      g_autoptr(VlRecord) backlog = vl_record_dup_ref (item, "backlog");
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", backlog != NULL ? vl_record_get_title (backlog) : "",
                                                   vl_enum_label ("status", (int) vl_record_get_int (item, "status")));
      GtkWidget *row = info_row (vl_record_get_title (item), subtitle);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *said = g_strdup_printf (_("Take “%s” Out of the Loop"), vl_record_get_title (item));

      gtk_widget_remove_css_class (row, "property");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, said);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "value.remove-from-loop");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", vl_record_get_rowid (item));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (v->items), row);
      g_ptr_array_add (v->item_rows, row);
    }
}

static void
loop_view_update (LoopView *v,
                  VlRecord *loop)
{
  g_autofree char *items = NULL, *verdicts = NULL, *change = NULL, *cost = NULL;
  const char *metric = vl_record_get_string (loop, "metric");
  VlLoopStats s;

  GtkRoot *root = gtk_widget_get_root (v->group);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  vl_value_loop_stats (loop, &s);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (v->group), vl_record_get_title (loop));
  /* A row being typed in keeps what is typed. */
  for (guint f = 0; f < G_N_ELEMENTS (loop_fields); f++)
    if (focus == NULL || (focus != GTK_WIDGET (v->entries[f]) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (v->entries[f]))))
      gtk_editable_set_text (GTK_EDITABLE (v->entries[f]), vl_record_get_string (loop, loop_fields[f]));
  items = g_strdup_printf (_("%u in all: %u planned or in progress, %u launched, %u reviewed"), s.n_items,
                           s.by_status[VL_STATUS_IDEA] + s.by_status[VL_STATUS_READY] +
                           s.by_status[VL_STATUS_PLANNED] + s.by_status[VL_STATUS_IN_PROGRESS],
                           s.by_status[VL_STATUS_LAUNCHED], s.by_status[VL_STATUS_REVIEWED]);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (v->items), items);
  loop_view_show_items (v, loop);
  verdicts = g_strdup_printf (_("%u validated, %u invalidated, %u inconclusive"),
                              s.by_verdict[VL_VERDICT_VALIDATED], s.by_verdict[VL_VERDICT_INVALIDATED],
                              s.by_verdict[VL_VERDICT_INCONCLUSIVE]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->verdicts), verdicts);
  cost = g_strdup_printf ("%g", s.cost);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->cost), cost);
  if (*metric == '\0')
    change = g_strdup (_("Give the loop a metric to add up its items’ changes"));
  else
    change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expected %+g, actual %+g (%u item measured)",
                                           "Expected %+g, actual %+g (%u items measured)", s.n_measured),
                              s.expected_change, s.actual_change, s.n_measured);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (v->change), *metric != '\0' ? metric : _("Change"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (v->change), change);
}

static void
refresh_loops (VlValuePage *self)
{
  g_autoptr(GListModel) loops = NULL;
  guint n;
  gboolean same;

  if (self->document == NULL)
    {
      g_ptr_array_set_size (self->loop_views, 0);
      clear_box (self->loops_box);
      return;
    }
  loops = vl_document_list (self->document, VL_KIND_VALUE_LOOP, NULL, NULL);
  n = g_list_model_get_n_items (loops);
  same = n == self->loop_views->len;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

      same = ((LoopView *) self->loop_views->pdata[i])->loop == vl_record_get_rowid (loop);
    }
  if (!same)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_New Value Loop"));

      g_ptr_array_set_size (self->loop_views, 0);
      clear_box (self->loops_box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "value.new-loop");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_append (self->loops_box, button);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

          g_ptr_array_add (self->loop_views, loop_view_new (self, loop));
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) loop = g_list_model_get_item (loops, i);

      loop_view_update (self->loop_views->pdata[i], loop);
    }
}

/* ---- P1 -------------------------------------------------------------------- */

/* The monthly iterations this month and next month. */
static GPtrArray *
dup_months (VlDocument *doc,
            GDate      *today)
{
  g_autoptr(GListModel) all = vl_document_list (doc, VL_KIND_ITERATION, NULL, NULL);
  GPtrArray *months = g_ptr_array_new_with_free_func (g_object_unref);
  GDate first = *today, last;
  char from[11], to[11];

  g_date_set_day (&first, 1);
  last = first;
  g_date_add_months (&last, 2);
  g_date_subtract_days (&last, 1);
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &first);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &last);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(VlRecord) it = g_list_model_get_item (all, i);
      const char *start = vl_record_get_string (it, "start"), *end = vl_record_get_string (it, "end");

      if (vl_record_get_int (it, "kind") == VL_ITERATION_KIND_MONTH && start != NULL && end != NULL &&
          g_strcmp0 (end, from) >= 0 && g_strcmp0 (start, to) <= 0)
        g_ptr_array_add (months, g_steal_pointer (&it));
    }
  return months;
}

static void
refresh_p1 (VlValuePage *self)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GListModel) items = NULL;

  clear_box (self->p1_box);
  if (self->document == NULL)
    return;
  months = dup_months (self->document, today);
  items = vl_document_list_where (self->document, VL_KIND_ITEM, "p1", TRUE);
  for (guint m = 0; m < months->len; m++)
    {
      VlRecord *month = months->pdata[m];
      GtkWidget *group = adw_preferences_group_new ();
      guint n = 0;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), vl_record_get_title (month));
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(VlRecord) item = g_list_model_get_item (items, i);
          g_autoptr(VlRecord) it = vl_record_dup_ref (item, "iteration");
          g_autoptr(VlRecord) parent = it != NULL ? vl_record_dup_ref (it, "parent") : NULL;
          g_autoptr(VlRecord) backlog = NULL;
          g_autofree char *subtitle = NULL;
          VlP1State state;
          GtkWidget *row;

          if (it != month && parent != month)
            continue;
          backlog = vl_record_dup_ref (item, "backlog");
          state = vl_item_get_p1_state (item, today);
          subtitle = g_strdup_printf ("%s · %s · %s", backlog != NULL ? vl_record_get_title (backlog) : "",
                                      vl_enum_label ("status", (int) vl_record_get_int (item, "status")),
                                      vl_p1_state_label (state));
          row = info_row (vl_record_get_title (item), subtitle);
          gtk_widget_remove_css_class (row, "property");
          if (state == VL_P1_AT_RISK || state == VL_P1_LATE)
            {
              GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

              gtk_widget_add_css_class (icon, state == VL_P1_LATE ? "error" : "warning");
              gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              vl_p1_state_label (state), -1);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          n++;
        }
      if (n == 0)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   info_row (_("No P1 demands"), _("Mark a demand P1 and plan it in this month")));
      gtk_box_append (self->p1_box, group);
    }
  if (months->len == 0)
    gtk_box_append (self->p1_box, info_row (_("No monthly iterations this month or next"),
                                            _("P1 demands are chosen for a month: add its iteration")));
}

/* ---- portfolio ----------------------------------------------------------- */

static void
add_shares (VlValuePage          *self,
            VlRecord             *cycle,
            const char           *title,
            VlPortfolioDimension  dimension)
{
  g_autoptr(GError) error = NULL;
  double total = 0;
  g_autoptr(GPtrArray) shares = vl_value_portfolio (self->document, NULL, cycle, dimension, &total, &error);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (dimension == VL_PORTFOLIO_STAGE)
    {
      GtkWidget *targets = gtk_button_new_with_mnemonic (_("Set _Targets…"));

      gtk_widget_add_css_class (targets, "flat");
      gtk_widget_set_valign (targets, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (targets), "value.set-targets");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), targets);
      g_autofree char *described = NULL;

      if (cycle != NULL)
        /* Translators: %s is the cycle's name, "2026 H2" */
        described = g_strdup_printf (_("Open cost is planned work; delivered is what launched in %s. "
                                       "A stage more than 10 points off its target is marked."),
                                     vl_record_get_title (cycle));
      else
        described = g_strdup (_("Open cost is planned work; delivered is launched or reviewed. "
                                "A stage more than 10 points off its target is marked."));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), described);
    }
  for (guint i = 0; shares != NULL && i < shares->len; i++)
    {
      VlShare *s = g_ptr_array_index (shares, i);
      double share = total > 0 ? s->cost / total : 0;
      double target = dimension == VL_PORTFOLIO_STAGE && s->key != VL_AARRR_NONE
                      ? vl_document_get_aarrr_target (self->document, (VlAarrr) s->key) : NAN;
      g_autofree char *numbers = g_strdup_printf (_("%.0f %% · cost %g: %g open, %g delivered · %u items"),
                                                  share * 100, s->cost, s->open, s->delivered, s->n_items);
      GtkWidget *row, *bar = gtk_level_bar_new_for_interval (0, 1);

      if (!isnan (target))
        {
          /* Translators: after a stage's share: its target and how far off it is, in percentage points. */
          g_autofree char *with = g_strdup_printf (_("%s · target %.0f %% (%+.0f points)"), numbers, target * 100,
                                                   (share - target) * 100);

          g_free (numbers);
          numbers = g_steal_pointer (&with);
        }
      row = info_row (s->name, numbers);
      if (!isnan (target) && fabs (share - target) > 0.10)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("More than 10 points off its target"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("More than 10 points off its target"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      gtk_widget_remove_css_class (row, "property");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), share);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, numbers, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->portfolio_box, group);
}

static void
refresh_portfolio (VlValuePage *self)
{
  g_autoptr(GDate) today = vl_okr_today ();
  g_autoptr(VlRecord) cycle = NULL;

  clear_box (self->portfolio_box);
  if (self->document == NULL)
    return;
  /* Delivered: what launched in the cycle under way (DESIGN §11). */
  cycle = vl_document_dup_current_cycle (self->document, today);
  add_shares (self, cycle, _("Cost by AARRR Stage"), VL_PORTFOLIO_STAGE);
  add_shares (self, cycle, _("Cost by Key Result"), VL_PORTFOLIO_KEY_RESULT);
  add_shares (self, cycle, _("Cost by Backlog"), VL_PORTFOLIO_BACKLOG);
}

/* ---- following the plan ------------------------------------------------------ */


static const char *section_names[N_SECTIONS] = { "reviews", "loops", "p1", "portfolio" };

static void
refresh_section (VlValuePage *self,
                 guint        section)
{
  self->dirty &= ~(1u << section);
  switch (section)
    {
    case SECTION_REVIEWS:
      refresh_queue (self);
      break;
    case SECTION_LOOPS:
      refresh_loops (self);
      break;
    case SECTION_P1:
      refresh_p1 (self);
      break;
    case SECTION_PORTFOLIO:
    default:
      refresh_portfolio (self);
      break;
    }
}

static void
refresh_visible (VlValuePage *self)
{
  const char *shown = gtk_stack_get_visible_child_name (self->sections);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (shown, section_names[i]) == 0 && (self->dirty & (1u << i)))
      refresh_section (self, i);
}

/* A merge can change anything: the queue is made again too. */
static void
merged_cb (VlValuePage *self)
{
  reload_queue (self);
  refresh_all (self);
}

static void
refresh_all (VlValuePage *self)
{
  self->dirty = (1u << N_SECTIONS) - 1;
  refresh_visible (self);
}

static gboolean
refresh_idle (gpointer data)
{
  VlValuePage *self = data;

  self->refresh_id = 0;
  if (self->review_dirty && !(self->dirty & (1u << SECTION_REVIEWS)))
    show_review (self);   /* (a rebuilt queue shows it anyway) */
  self->review_dirty = FALSE;
  refresh_visible (self);
  return G_SOURCE_REMOVE;
}

/* The rows the page's sections show, or count. */
static const char *const followed_rows[] = {
  "rows-changed::item", "rows-changed::reading", "rows-changed::transition",
  "rows-changed::value_loop", "rows-changed::iteration", "rows-changed::backlog",
  "rows-changed::key_result",
};

static void
rows_changed_cb (VlDocument  *doc,
                 guint        kind,
                 GPtrArray   *records,
                 VlValuePage *self)
{
  if (kind != VL_KIND_ITEM && kind != VL_KIND_READING && kind != VL_KIND_TRANSITION &&
      kind != VL_KIND_VALUE_LOOP && kind != VL_KIND_ITERATION && kind != VL_KIND_BACKLOG &&
      kind != VL_KIND_KEY_RESULT)
    return;
  /* The queue follows row by row (badge_rows_changed_cb); the shown
   * review and the other sections are worked out again. */
  self->dirty |= (1u << N_SECTIONS) - 1 - (1u << SECTION_REVIEWS);
  self->review_dirty = TRUE;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
value_page_load (VlPage     *page,
                 VlDocument *document)
{
  VlValuePage *self = VL_VALUE_PAGE (page);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->item);
  g_set_object (&self->document, document);
  refresh_all (self);
}

/* ---- actions -------------------------------------------------------------- */

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *label,
                const char *text)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

typedef struct
{
  VlValuePage *page;
  VlRecord    *item;
  GtkEditable *date, *value, *note;
} ReadingForm;

static void
reading_form_free (gpointer data)
{
  ReadingForm *form = data;

  g_clear_object (&form->item);
  g_free (form);
}

static void
reading_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ReadingForm      *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) reading = NULL;
  const char *text = gtk_editable_get_text (form->value);
  char *end = NULL;
  double value;

  if (!g_str_equal (response, "add"))
    return;
  g_strdelimit ((char *) text, ",", '.');
  value = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0')
    value = NAN;
  reading = vl_item_add_reading (form->item, gtk_editable_get_text (form->date), value,
                                 gtk_editable_get_text (form->note), &error);
  if (reading == NULL)
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (form->page))), _("Could Not Add the Reading"),
                   error);
}

static void
add_reading_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GDate) today = vl_okr_today ();
  ReadingForm *form;
  GtkWidget *dialog, *box;
  g_autofree char *body = NULL;
  char date[11];

  if (self->item == NULL)
    return;
  g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
  body = g_strdup_printf (_("What “%s” shows for %s."), vl_record_get_title (self->item),
                          *vl_record_get_string (self->item, "metric") != '\0'
                          ? vl_record_get_string (self->item, "metric") : _("its metric"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Reading"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  form = g_new0 (ReadingForm, 1);
  form->page = self;
  form->item = g_object_ref (self->item);
  form->value = GTK_EDITABLE (labelled_entry (box, _("_Value"), ""));
  form->date = GTK_EDITABLE (labelled_entry (box, _("_Date"), date));
  form->note = GTK_EDITABLE (labelled_entry (box, _("_Note"), ""));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (reading_response_cb), form,
                         (GClosureNotify) (void (*) (void)) reading_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->value));
}

static void
complete_review_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  VlVerdict verdict = (VlVerdict) (adw_combo_row_get_selected (self->verdict_row) + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) item = self->item != NULL ? g_object_ref (self->item) : NULL;
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  if (!vl_item_complete_review (item, verdict, gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error))
    {
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Complete the Review"), error);
      return;
    }
  text = g_strdup_printf (_("“%s” reviewed: %s"), vl_record_get_title (item), vl_enum_label ("verdict", verdict));
  vl_toast (widget, text, TRUE);
}

static void
follow_up_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) follow = NULL;
  g_autoptr(VlRecord) backlog = NULL;
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return;
  follow = vl_item_add_follow_up (self->item, &error);
  if (follow == NULL)
    {
      vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Add the Demand"), error);
      return;
    }
  backlog = vl_record_dup_ref (follow, "backlog");
  text = g_strdup_printf (_("Added “%s” to %s"), vl_record_get_title (follow),
                          backlog != NULL ? vl_record_get_title (backlog) : "");
  vl_toast (widget, text, TRUE);
}

static void
new_loop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) loop = NULL;

  if (self->document == NULL)
    return;
  vl_document_begin (self->document, _("New Value Loop"));
  loop = vl_document_insert (self->document, VL_KIND_VALUE_LOOP, NULL, NULL, NULL, &error);
  if (loop != NULL)
    g_object_set (loop, "name", _("New value loop"), NULL);
  if (!vl_document_commit (self->document, &error))
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Add the Value Loop"), error);
}

static void
delete_loop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->document == NULL ||
      (loop = vl_document_lookup (self->document, VL_KIND_VALUE_LOOP, g_variant_get_int64 (param))) == NULL)
    return;
  /* Its items stay; they lose the loop (undo brings it back with them). */
  text = g_strdup_printf (_("Deleted the value loop “%s”"), vl_record_get_title (loop));
  if (!vl_document_delete (self->document, loop, &error))
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (widget)), _("Could Not Delete the Value Loop"), error);
  else
    vl_toast (widget, text, TRUE);
}

typedef struct
{
  VlValuePage *page;
  gint64       loop;
} AddToLoop;

static void
add_to_loop_free (gpointer  data,
                  GClosure *closure)
{
  AddToLoop *a = data;

  g_clear_object (&a->page);
  g_free (a);
}

static void
loop_item_chosen_cb (VlRecordChooser *chooser,
                     VlRecord        *item,
                     AddToLoop       *a)
{
  g_autoptr(VlRecord) loop = a->page->document != NULL
                             ? vl_document_lookup (a->page->document, VL_KIND_VALUE_LOOP, a->loop) : NULL;
  g_autofree char *text = NULL;

  if (loop == NULL || item == NULL)
    return;
  g_object_set (item, "value-loop", loop, NULL);
  text = g_strdup_printf (_("“%s” added to the value loop “%s”"), vl_record_get_title (item),
                          vl_record_get_title (loop));
  vl_toast (GTK_WIDGET (a->page), text, TRUE);
}

/* "value.add-to-loop" (x): a backlog item, found by searching, joins the
 * loop (it leaves the loop it was in). */
static void
add_to_loop_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) loop = NULL;
  g_autofree char *body = NULL;
  VlRecordChooser *chooser;
  AddToLoop *a;

  if (self->document == NULL ||
      (loop = vl_document_lookup (self->document, VL_KIND_VALUE_LOOP, g_variant_get_int64 (param))) == NULL)
    return;
  body = g_strdup_printf (_("Which demand belongs to “%s”?"), vl_record_get_title (loop));
  chooser = vl_record_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->document, VL_KIND_ITEM,
                                   _("Add to the Value Loop"), body);
  a = g_new0 (AddToLoop, 1);
  a->page = g_object_ref (self);
  a->loop = vl_record_get_rowid (loop);
  g_signal_connect_data (chooser, "chosen", G_CALLBACK (loop_item_chosen_cb), a, add_to_loop_free, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* "value.remove-from-loop" (x): an item leaves its loop, not its backlog. */
static void
remove_from_loop_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  VlValuePage *self = VL_VALUE_PAGE (widget);
  g_autoptr(VlRecord) item = NULL;
  g_autoptr(VlRecord) loop = NULL;
  g_autofree char *text = NULL;

  if (self->document == NULL ||
      (item = vl_document_lookup (self->document, VL_KIND_ITEM, g_variant_get_int64 (param))) == NULL ||
      (loop = vl_record_dup_ref (item, "value-loop")) == NULL)
    return;
  g_object_set (item, "value-loop", NULL, NULL);
  text = g_strdup_printf (_("“%s” taken out of the value loop “%s”"), vl_record_get_title (item),
                          vl_record_get_title (loop));
  vl_toast (widget, text, TRUE);
}

/* Shown with Alt+5: the keys work on the queue at once (arrows choose a
 * review, Ctrl+I and Ctrl+Return act on it). */
static void
map_cb (VlValuePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->queue_view));
}

/* A dialog of percentages to set in one action: the AARRR targets or the
 * verdict thresholds. */
typedef struct
{
  VlValuePage *page;
  gboolean     targets;
  GtkWidget   *spins[N_STAGES_SHOWN];
} SharesForm;

static GtkWidget *
percent_spin (GtkWidget  *grid,
              int         row,
              const char *label,
              double      share,
              double      max)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 5);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (share) ? 0 : round (share * 100));
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_grid_attach (GTK_GRID (grid), caption, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 1, row, 1, 1);
  return spin;
}

static void
shares_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SharesForm       *form)
{
  VlDocument *doc = form->page->document;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (!g_str_equal (response, "apply") || doc == NULL)
    return;
  if (form->targets)
    {
      vl_document_begin (doc, _("Set Target Shares"));
      for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL && ok; stage++)
        {
          double v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[stage - 1]));

          ok = vl_document_set_aarrr_target (doc, (VlAarrr) stage, v > 0 ? v / 100 : NAN, &error);
        }
      if (!ok)
        vl_document_cancel (doc);
      ok = vl_document_commit (doc, ok ? &error : NULL) && ok;
    }
  else
    ok = vl_document_set_verdict_thresholds (doc, gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[0])) / 100,
                                             gtk_spin_button_get_value (GTK_SPIN_BUTTON (form->spins[1])) / 100, &error);
  if (!ok && error != NULL)
    vl_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (form->page))), _("Could Not Change the Setting"), error);
}

static void
shares_dialog (VlValuePage *self,
               gboolean     targets)
{
  SharesForm *form = g_new0 (SharesForm, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;

  form->page = self;
  form->targets = targets;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  if (targets)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Target Shares of Cost"),
                                       _("The share of cost the plan means to spend on each AARRR stage, in "
                                         "percent; 0 for no target. Every device sees the same targets."));
      for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL; stage++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%%)", vl_enum_label ("aarrr", stage));

          form->spins[stage - 1] = percent_spin (grid, stage - 1, label,
                                                 vl_document_get_aarrr_target (self->document, (VlAarrr) stage), 100);
        }
    }
  else
    {
      double validated_at, invalidated_at;

      vl_document_get_verdict_thresholds (self->document, &validated_at, &invalidated_at);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Suggestion Rule"),
                                       _("The verdict a review suggests, from the change achieved as a share of "
                                         "the expected change."));
      form->spins[0] = percent_spin (grid, 0, _("_Validated from (%)"), validated_at, 1000);
      form->spins[1] = percent_spin (grid, 1, _("_Invalidated up to (%)"), invalidated_at, 1000);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (shares_response_cb), form,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_targets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    shares_dialog (VL_VALUE_PAGE (widget), TRUE);
}

static void
set_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  if (VL_VALUE_PAGE (widget)->document != NULL)
    shares_dialog (VL_VALUE_PAGE (widget), FALSE);
}

static void
settings_changed_cb (VlValuePage *self)
{
  self->dirty = (1u << N_SECTIONS) - 1;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
verdict_changed_cb (VlValuePage *self)
{
  if (!self->filling)
    update_actions (self);
}

/* ---- the object ------------------------------------------------------------- */

static void
badge_target_cb (VlValuePage *self,
                 GParamSpec  *pspec,
                 gpointer     data)
{
  g_signal_group_set_target (self->badge_signals, vl_page_get_document (VL_PAGE (self)));
  reload_queue (self);
}

static void
vl_value_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VlValuePage *self = VL_VALUE_PAGE (object);

  switch (prop_id)
    {
    case PROP_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_value_page_dispose (GObject *object)
{
  VlValuePage *self = VL_VALUE_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->queue_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->queue_selection, self);
  if (self->queue_view != NULL)
    gtk_list_view_set_model (self->queue_view, NULL);
  g_clear_object (&self->queue_selection);
  g_clear_object (&self->queue_store);
  g_clear_object (&self->badge_signals);
  g_clear_object (&self->item);
  g_clear_object (&self->document);
  g_clear_pointer (&self->loop_views, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_VALUE_PAGE);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->row_keys, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  G_OBJECT_CLASS (vl_value_page_parent_class)->dispose (object);
}


/* The page's actions and keys. */
static const VlActionEntry actions[] = {
  { "value.add-reading", add_reading_action, .accel = "<Control>i" },
  { "value.complete-review", complete_review_action, .accel = "<Control>Return" },
  { "value.follow-up", follow_up_action, .accel = "<Control><Shift>n" },
  { "value.new-loop", new_loop_action },
  { "value.delete-loop", delete_loop_action, "x" },
  { "value.add-to-loop", add_to_loop_action, "x" },
  { "value.remove-from-loop", remove_from_loop_action, "x" },
  { "value.set-targets", set_targets_action },
  { "value.set-rule", set_rule_action },
};

static void
vl_value_page_class_init (VlValuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vl_value_page_get_property;
  object_class->dispose = vl_value_page_dispose;
  VL_PAGE_CLASS (klass)->load = value_page_load;

  /**
   * VlValuePage:overdue:
   *
   * How many reviews are overdue, for the switcher's badge.
   */
  properties[PROP_OVERDUE] = g_param_spec_uint ("overdue", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/valueloop/Valueloop/vl-value-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, sections);
  gtk_widget_class_bind_template_child_full (widget_class, "queue", FALSE, G_STRUCT_OFFSET (VlValuePage, queue_view));
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, review_stack);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, review_title);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, review_subtitle);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, metric_row);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, expected_row);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, readings_list);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, achieved_row);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, note_row);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, complete_button);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, loops_box);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, p1_box);
  gtk_widget_class_bind_template_child (widget_class, VlValuePage, portfolio_box);

  vl_widget_class_add_actions (widget_class, actions, G_N_ELEMENTS (actions));
}

static void
vl_value_page_init (VlValuePage *self)
{
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->queue = g_array_new (FALSE, TRUE, sizeof (VlReviewEntry));
  self->loop_views = g_ptr_array_new_with_free_func (loop_view_free);
  for (int v = VL_VERDICT_VALIDATED; v <= VL_VERDICT_INCONCLUSIVE; v++)
    gtk_string_list_append (verdicts, vl_enum_label ("verdict", v));
  adw_combo_row_set_model (self->verdict_row, G_LIST_MODEL (verdicts));
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_queue_row), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_queue_row), self);
    gtk_list_view_set_factory (self->queue_view, factory);
    g_object_unref (factory);
  }
  self->queue_store = g_list_store_new (VL_TYPE_QUEUE_ROW);
  self->row_keys = g_array_new (FALSE, TRUE, sizeof (RowKey));
  self->positions = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->queue_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->queue_store)));
  gtk_single_selection_set_autoselect (self->queue_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->queue_selection, TRUE);
  g_signal_connect_swapped (self->queue_selection, "notify::selected", G_CALLBACK (queue_selected_cb), self);
  gtk_list_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->queue_selection));
  g_signal_connect_swapped (self->verdict_row, "notify::selected", G_CALLBACK (verdict_changed_cb), self);
  g_signal_connect_swapped (self->note_row, "changed", G_CALLBACK (verdict_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (followed_rows); i++)
    g_signal_group_connect_object (vl_page_get_document_signals (VL_PAGE (self)), followed_rows[i],
                                   G_CALLBACK (rows_changed_cb), self, 0);
  g_signal_group_connect_object (vl_page_get_document_signals (VL_PAGE (self)), "merged",
                                 G_CALLBACK (merged_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (vl_page_get_document_signals (VL_PAGE (self)), "value-settings-changed",
                                 G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  /* The badge counts for a plan whose Value page was never opened too. */
  self->badge_signals = g_signal_group_new (VL_TYPE_DOCUMENT);
  for (guint i = 0; i < G_N_ELEMENTS (badge_rows); i++)
    g_signal_group_connect_object (self->badge_signals, badge_rows[i], G_CALLBACK (badge_rows_changed_cb),
                                   self, 0);
  g_signal_group_connect_object (self->badge_signals, "merged", G_CALLBACK (reload_queue), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::document", G_CALLBACK (badge_target_cb), NULL);
  g_signal_connect_swapped (self->sections, "notify::visible-child", G_CALLBACK (refresh_visible), self);
  g_signal_connect_after (self, "map", G_CALLBACK (map_cb), NULL);
  show_review (self);
}
