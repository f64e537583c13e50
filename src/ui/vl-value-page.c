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
 * action); the switcher's badge counts the overdue reviews. The loops, P1
 * and portfolio sections are vl-value-page-sections.c, the actions
 * vl-value-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-value-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vl-labels.h"
#include "vl-okr.h"
#include "vl-value-page-private.h"
#include "vl-value.h"

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



void
vl_value_page_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
vl_value_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
vl_value_page_format_number (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%g", value);
}

GtkWidget *
vl_value_page_info_row (const char *title,
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
void
vl_value_page_update_actions (VlValuePage *self)
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

  vl_value_page_clear_list (self->readings_list);
  for (guint i = 0; i < readings->len; i++)
    {
      VlRecord *r = readings->pdata[i];
      g_autofree char *value = vl_value_page_format_number (vl_record_get_number (r, "value"));
      const char *note = vl_record_get_string (r, "note");
      g_autofree char *title = g_strdup_printf ("%s — %s", vl_record_get_string (r, "date"), value);

      gtk_list_box_append (self->readings_list, vl_value_page_info_row (title, note));
    }
  if (readings->len == 0)
    gtk_list_box_append (self->readings_list,
                         vl_value_page_info_row (_("No readings yet"), _("Add what the metric shows at T+7, T+30, T+90…")));
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
      vl_value_page_update_actions (self);
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
  baseline = vl_value_page_format_number (vl_record_get_number (self->item, "baseline"));
  expected = vl_value_page_format_number (vl_record_get_number (self->item, "expected"));
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
  actual_text = vl_value_page_format_number (actual);
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
  vl_value_page_update_actions (self);
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
      vl_value_page_refresh_loops (self);
      break;
    case SECTION_P1:
      vl_value_page_refresh_p1 (self);
      break;
    case SECTION_PORTFOLIO:
    default:
      vl_value_page_refresh_portfolio (self);
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
  vl_value_page_refresh_all (self);
}

void
vl_value_page_refresh_all (VlValuePage *self)
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
  vl_value_page_refresh_all (self);
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
    vl_value_page_update_actions (self);
}

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

  vl_value_page_class_add_actions (widget_class);
}

static void
vl_value_page_init (VlValuePage *self)
{
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->queue = g_array_new (FALSE, TRUE, sizeof (VlReviewEntry));
  self->loop_views = g_ptr_array_new_with_free_func (vl_value_page_free_loop_view);
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
