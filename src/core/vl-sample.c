/* vl-sample.c — builds the sample plan through the ordinary document API
 *
 * Every row is written the way the app writes it (so stamps, transitions
 * and launch dates follow the same rules). Dates are relative to the day
 * the sample is made, so reviews are overdue and check-ins due whenever
 * someone opens it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-sample"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vl-enums.h"
#include "vl-sample.h"
#include "vl-sample-data.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)

typedef struct
{
  VlDocument *doc;
  GError    **error;
  GRand      *rand;
  gint64      today_ms;   /* now: the sample's stamps must never lie in the future */
  gint64      now_ms;     /* the fake wall clock while building */
  GPtrArray  *made;       /* backlogs and items made months ago, taken in order */
  guint       next_made;
  VlRecord   *krs[N_SAMPLE_KRS];
  VlRecord   *loops[2];
  VlRecord   *months[3];
  VlRecord   *weeks[8];
  GHashTable *items;      /* title → VlRecord */
} Sample;

static gint64
sample_now (gpointer data)
{
  return ((Sample *) data)->now_ms;
}

static char *
date_at (Sample *s,
         int     days)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local ((s->today_ms + days * DAY_MS) / 1000);

  return g_date_time_format (t, "%Y-%m-%d");
}

static VlRecord *
add (Sample   *s,
     VlKind    kind,
     VlRecord *parent)
{
  VlRecord *r;

  if (*s->error != NULL)
    return NULL;
  r = vl_document_insert (s->doc, kind, parent, NULL, NULL, s->error);
  return r;
}

/* A backlog or an item made in make_rows(), in the same order. */
static VlRecord *
take_made (Sample *s,
           VlKind  kind)
{
  VlRecord *r;

  if (*s->error != NULL || s->next_made >= s->made->len)
    return NULL;
  r = g_object_ref (g_ptr_array_index (s->made, s->next_made++));
  g_assert (vl_record_get_kind (r) == kind);
  return r;
}

/* ---- goals ------------------------------------------------------------- */

static VlRecord *
add_cycle (Sample *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (s->today_ms / 1000);
  int year = g_date_time_get_year (now);
  gboolean h2 = g_date_time_get_month (now) > 6;
  g_autofree char *name = g_strdup_printf ("%d %s", year, h2 ? "H2" : "H1");
  g_autofree char *start = g_strdup_printf ("%d-%s", year, h2 ? "07-01" : "01-01");
  g_autofree char *end = g_strdup_printf ("%d-%s", year, h2 ? "12-31" : "06-30");
  VlRecord *cycle = add (s, VL_KIND_CYCLE, NULL);

  if (cycle != NULL)
    g_object_set (cycle, "name", name, "start", start, "end", end, "cadence-weeks", 2, NULL);
  return cycle;
}

static void
add_checkins (Sample         *s,
              VlRecord       *kr,
              const SampleKeyResult *k,
              int             stop_days_ago)
{
  for (int i = 0; i < 6; i++)
    {
      int days = -(stop_days_ago + (5 - i) * 14);
      double t = (i + 1) / 6.0;
      double value = k->kind == VL_KR_KIND_MILESTONE ? (k->done && i == 5)
                     : k->baseline + (k->current - k->baseline) * t;
      double confidence = CLAMP (0.45 + 0.1 * g_rand_int_range (s->rand, 0, 5), 0.0, 1.0);
      g_autofree char *date = date_at (s, days);
      g_autoptr(VlRecord) c = add (s, VL_KIND_CHECKIN, NULL);
      const char *notes[] = {
        N_("On track after the September release."), N_("Slower than planned; two launches slipped."),
        N_("Holiday traffic will tell us more."), N_("Baseline re-measured with the new tracking."),
        N_("Confidence up: early cohorts look good."), N_("Blocked on the payments migration."),
      };

      if (c == NULL)
        return;
      g_object_set (c, "key-result", kr, "date", date, "value", round (value * 100) / 100,
                    "confidence", confidence, "note", _(notes[(i + k->objective) % 6]), NULL);
    }
}

static void
add_goals (Sample *s)
{
  g_autoptr(VlRecord) cycle = add_cycle (s);
  VlRecord *objectives[G_N_ELEMENTS (sample_objectives)] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (sample_objectives); i++)
    {
      const SampleObjective *o = &sample_objectives[i];

      objectives[i] = add (s, VL_KIND_OBJECTIVE, o->parent >= 0 ? objectives[o->parent] : NULL);
      if (objectives[i] != NULL)
        g_object_set (objectives[i], "cycle", cycle, "level", o->level, "title", _(o->title),
                      "owner", o->owner, "description", _(o->description), NULL);
    }
  for (guint i = 0; i < N_SAMPLE_KRS; i++)
    {
      const SampleKeyResult *k = &sample_key_results[i];
      VlRecord *kr = add (s, VL_KIND_KEY_RESULT, objectives[k->objective]);

      s->krs[i] = kr;
      if (kr == NULL)
        break;
      g_object_set (kr, "title", _(k->title), "owner", k->owner, "kind", k->kind,
                    "direction", k->direction, "unit", _(k->unit), "weight", k->weight,
                    "done", k->done, NULL);
      if (k->kind == VL_KR_KIND_METRIC)
        g_object_set (kr, "baseline", k->baseline, "target", k->target, "current", k->current,
                      NULL);
      /* Two key results have not been checked in for a month: due. */
      add_checkins (s, kr, k, i == KR_CAMPAIGN_MERCHANTS || i == KR_GATEWAY_INCIDENTS ? 33 : 4);
    }
  for (guint i = 0; i < G_N_ELEMENTS (objectives); i++)
    g_clear_object (&objectives[i]);
}

/* ---- planning periods and loops ---------------------------------------- */

static void
add_iterations (Sample *s)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (s->today_ms / 1000);
  g_autoptr(GDateTime) first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
  g_autoptr(GDateTime) monday = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));

  for (int m = 0; m < 3; m++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_months (first, m - 1);
      g_autoptr(GDateTime) next = g_date_time_add_months (start, 1);
      g_autoptr(GDateTime) end = g_date_time_add_days (next, -1);
      /* Translators: a month's iteration in the sample plan (strftime);
       * --lang may differ from the locale's, so spell the month in the
       * format if the locale's names would be in another language. */
      g_autofree char *name = g_date_time_format (start, C_("sample iteration", "%B %Y"));
      g_autofree char *a = g_date_time_format (start, "%Y-%m-%d");
      g_autofree char *b = g_date_time_format (end, "%Y-%m-%d");

      s->months[m] = add (s, VL_KIND_ITERATION, NULL);
      if (s->months[m] != NULL)
        g_object_set (s->months[m], "name", name, "kind", VL_ITERATION_KIND_MONTH,
                      "start", a, "end", b, NULL);
    }
  for (int w = 0; w < 8; w++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_weeks (monday, w - 3);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 6);
      g_autofree char *name = g_date_time_format (start, _("Week %V, %G"));
      g_autofree char *a = g_date_time_format (start, "%Y-%m-%d");
      g_autofree char *b = g_date_time_format (end, "%Y-%m-%d");
      int month = g_date_time_get_month (start) == g_date_time_get_month (today) ? 1
                  : g_date_time_compare (start, today) < 0 ? 0 : 2;

      s->weeks[w] = add (s, VL_KIND_ITERATION, NULL);
      if (s->weeks[w] != NULL)
        g_object_set (s->weeks[w], "name", name, "kind", VL_ITERATION_KIND_WEEK, "start", a,
                      "end", b, "parent", s->months[month], NULL);
    }
}

static void
add_loops (Sample *s)
{
  s->loops[0] = add (s, VL_KIND_VALUE_LOOP, NULL);
  s->loops[1] = add (s, VL_KIND_VALUE_LOOP, NULL);
  if (s->loops[1] == NULL)
    return;
  g_object_set (s->loops[0], "name", _("Mobile conversion loop"), "owner", "Mia Hoffmann",
                "hypothesis", _("If mobile shoppers reach a paid order in under a minute, "
                                "storefront conversion rises by half a point."),
                "description", _("Fashion and beauty stores, mobile traffic first."),
                "metric", _(sample_key_results[KR_CONVERSION].title), NULL);
  g_object_set (s->loops[1], "name", _("Win-back loop"), "owner", "Sara Lindqvist",
                "hypothesis", _("Merchants who automate win-back emails and loyalty rewards see "
                                "their 90-day repeat purchase rate rise by five points within "
                                "a quarter."),
                "description", _("Consumables and gift stores with 500+ customers."),
                "metric", _(sample_key_results[KR_REPEAT_RATE].title), NULL);
}

/* ---- backlogs ---------------------------------------------------------- */

static const char status_codes[] = "irpglvd";
static const int fib[] = { 1, 2, 3, 5, 8, 13 };

/* Walks the item through the statuses up to its own, with the wall clock
 * set to when each step happened, so transitions and launch dates are
 * dated as in a real history. */
static void
advance_status (Sample   *s,
                VlRecord *item,
                int       status,
                int       launched_days_ago)
{
  static const VlStatus path[] = { VL_STATUS_READY, VL_STATUS_PLANNED, VL_STATUS_IN_PROGRESS,
                                   VL_STATUS_LAUNCHED, VL_STATUS_REVIEWED };
  int start = launched_days_ago + 60;

  if (status == VL_STATUS_DROPPED)
    {
      s->now_ms = s->today_ms - (gint64) g_rand_int_range (s->rand, 5, 60) * DAY_MS;
      g_object_set (item, "status", VL_STATUS_DROPPED, NULL);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (path) && (int) path[i] <= status; i++)
    {
      int days_ago = path[i] == VL_STATUS_LAUNCHED ? launched_days_ago
                     : path[i] == VL_STATUS_REVIEWED ? launched_days_ago - 31
                     : path[i] == VL_STATUS_IN_PROGRESS ? launched_days_ago + 3 + (launched_days_ago * 13) % 35
                     : start - 20 * (int) i;

      s->now_ms = s->today_ms - (gint64) MAX (days_ago, 1) * DAY_MS;
      g_object_set (item, "status", path[i], NULL);
    }
}

static void
set_hypothesis (Sample         *s,
                VlRecord       *item,
                const SampleItem *it,
                int              status)
{
  const SampleKeyResult *k;
  double uplift, actual;
  int verdict;
  const char *notes[] = {
    N_("Lift held for four weeks across both cohorts."),
    N_("No measurable change; shoppers did not notice the feature."),
    N_("Positive but within noise; re-measure after the holiday peak."),
  };

  if (it->kr == KR_NONE || sample_key_results[it->kr].kind != VL_KR_KIND_METRIC)
    {
      /* No metric to measure: a qualitative review. */
      if (status == VL_STATUS_REVIEWED)
        g_object_set (item, "verdict", VL_VERDICT_VALIDATED,
                      "review-note", _("Shipped as promised; support tickets on the topic down."),
                      NULL);
      return;
    }
  k = &sample_key_results[it->kr];
  uplift = (k->target - k->baseline) * (0.05 + 0.05 * g_rand_int_range (s->rand, 0, 4));
  g_object_set (item, "metric", _(k->title), "baseline", k->baseline,
                "expected", round ((k->baseline + uplift) * 100) / 100, NULL);
  if (status != VL_STATUS_REVIEWED)
    return;
  verdict = g_rand_int_range (s->rand, 0, 10) < 6 ? VL_VERDICT_VALIDATED
            : g_rand_boolean (s->rand) ? VL_VERDICT_INVALIDATED : VL_VERDICT_INCONCLUSIVE;
  actual = k->baseline + uplift * (verdict == VL_VERDICT_VALIDATED ? 1.2
                                   : verdict == VL_VERDICT_INVALIDATED ? 0.05 : 0.5);
  g_object_set (item, "actual", round (actual * 100) / 100, "verdict", verdict,
                "review-note", _(notes[verdict - 1]), NULL);
}

static void
add_reading (Sample     *s,
             VlRecord   *item,
             int         days_ago,
             double      value,
             const char *note)
{
  g_autoptr(VlRecord) reading = add (s, VL_KIND_READING, NULL);
  g_autofree char *date = date_at (s, -days_ago);

  if (reading != NULL)
    g_object_set (reading, "item", item, "date", date, "value", round (value * 100) / 100, "note", note, NULL);
}

/* What a measured launch shows: a reading a week after it (a launched item
 * at least a week old), and at T+30 for a reviewed one, the latest being
 * its actual value. */
static void
add_readings (Sample   *s,
              VlRecord *item,
              int       status,
              int       launched_days_ago)
{
  double baseline = vl_record_get_number (item, "baseline");
  double expected = vl_record_get_number (item, "expected");
  double actual = vl_record_get_number (item, "actual");

  if (isnan (baseline) || isnan (expected) || launched_days_ago < 7)
    return;
  if (status == VL_STATUS_REVIEWED && !isnan (actual))
    {
      add_reading (s, item, launched_days_ago - 7, baseline + (actual - baseline) * 0.6, _("T+7, first week"));
      add_reading (s, item, launched_days_ago - 30, actual, _("T+30, for the review"));
    }
  else if (status == VL_STATUS_LAUNCHED)
    {
      double share = 0.2 * g_rand_int_range (s->rand, 1, 6);
      double value = round ((baseline + (expected - baseline) * share) * 100) / 100;

      add_reading (s, item, launched_days_ago - 7, value, _("T+7, first week"));
      g_object_set (item, "actual", value, NULL);
    }
}

static void
add_item (Sample           *s,
          VlRecord         *backlog,
          const SampleItem *it,
          const char       *owner,
          guint             index)
{
  g_autoptr(VlRecord) item = take_made (s, VL_KIND_ITEM);
  int status = (int) (strchr (status_codes, it->status) - status_codes);
  int moscow = status == VL_STATUS_DROPPED ? VL_MOSCOW_WONT : 1 + (int) (index * 7 % 11) % 3;
  int launched_days_ago = status == VL_STATUS_REVIEWED ? g_rand_int_range (s->rand, 62, 150)
                          : g_rand_int_range (s->rand, 10, 58);
  int loop = it->kr == KR_CONVERSION || it->kr == KR_MOBILE_COMPLETION ? 0
             : it->kr == KR_REPEAT_RATE || it->kr == KR_POINTS_REDEEMED ? 1 : -1;

  if (item == NULL)
    return;
  if (status == VL_STATUS_IDEA && index % 4 == 0)
    moscow = VL_MOSCOW_NONE;
  g_object_set (item, "title", _(it->title), "description", _(it->description),
                "owner", owner, "moscow", moscow, "aarrr", it->aarrr,
                "p1", index == 0 || it->kr == KR_PAY_LATER || it->kr == KR_ONEPAGE_GA,
                "user-value", fib[g_rand_int_range (s->rand, 0, 6)],
                "business-value", fib[g_rand_int_range (s->rand, 0, 6)],
                "cost", (double) fib[g_rand_int_range (s->rand, 0, 6)] * 2, NULL);
  if (it->kr != KR_NONE)
    g_object_set (item, "key-result", s->krs[it->kr], NULL);
  if (loop >= 0 && status != VL_STATUS_DROPPED)
    g_object_set (item, "value-loop", s->loops[loop], NULL);
  if (status == VL_STATUS_PLANNED)
    g_object_set (item, "iteration", s->weeks[4 + index % 4], NULL);
  else if (status == VL_STATUS_IN_PROGRESS)
    g_object_set (item, "iteration", s->weeks[3], NULL);
  else if (status == VL_STATUS_READY && index % 3 == 0)
    g_object_set (item, "iteration", s->months[2], NULL);
  set_hypothesis (s, item, it, status);
  advance_status (s, item, status, launched_days_ago);
  add_readings (s, item, status, launched_days_ago);
  g_hash_table_insert (s->items, g_strdup (_(it->title)), g_object_ref (item));
}

static VlRecord *
add_backlog (Sample           *s,
             const char       *name,
             int               kind,
             const char       *owner,
             const char       *description,
             const SampleItem *items,
             guint             n_items)
{
  VlRecord *backlog = take_made (s, VL_KIND_BACKLOG);
  const char *team[] = { owner, "Priya Nair", "Lukas Meyer", "Chen Jing", "Ana Costa" };

  if (backlog == NULL)
    return NULL;
  g_object_set (backlog, "name", name, "kind", kind, "owner", owner, "description", description,
                NULL);
  for (guint i = 0; i < n_items && *s->error == NULL; i++)
    add_item (s, backlog, &items[i], team[i % G_N_ELEMENTS (team)], i);
  return backlog;
}

/* The backlogs and their items are made first, their creation spread
 * from 260 to 120 days ago (the stamps only move forward, so this comes
 * before anything dated later): the reports' history starts with them. */
static void
make_rows (Sample *s)
{
  const guint sizes[] = { G_N_ELEMENTS (storefront_items), G_N_ELEMENTS (checkout_items),
                          G_N_ELEMENTS (growth_items), G_N_ELEMENTS (platform_items) };
  guint total = 0, k = 0;

  for (guint b = 0; b < G_N_ELEMENTS (sizes); b++)
    total += sizes[b];
  for (guint b = 0; b < G_N_ELEMENTS (sizes) && *s->error == NULL; b++)
    {
      VlRecord *backlog;

      s->now_ms = s->today_ms - (gint64) (260 - 140 * k / total) * DAY_MS;
      backlog = add (s, VL_KIND_BACKLOG, NULL);
      if (backlog == NULL)
        return;
      g_ptr_array_add (s->made, backlog);
      for (guint i = 0; i < sizes[b] && *s->error == NULL; i++, k++)
        {
          VlRecord *item;

          s->now_ms = s->today_ms - (gint64) (260 - 140 * k / total) * DAY_MS + i * 60000;
          item = add (s, VL_KIND_ITEM, backlog);
          if (item != NULL)
            g_ptr_array_add (s->made, item);
        }
    }
}

static void
add_backlogs (Sample *s)
{
  g_autoptr(VlRecord) storefront = NULL, checkout = NULL, growth = NULL, platform = NULL;

  storefront = add_backlog (s, _("Storefront"), VL_BACKLOG_KIND_PRODUCT_LINE, "Mia Hoffmann",
                            _("Themes, product pages, search and the path to the cart."),
                            storefront_items, G_N_ELEMENTS (storefront_items));
  checkout = add_backlog (s, _("Checkout & Payments"), VL_BACKLOG_KIND_PRODUCT_LINE,
                          "Daniel Okafor", _("Checkout, Shoplane Pay, payouts and risk."),
                          checkout_items, G_N_ELEMENTS (checkout_items));
  growth = add_backlog (s, _("Merchant Growth"), VL_BACKLOG_KIND_PRODUCT_LINE, "Sara Lindqvist",
                        _("Marketing, loyalty and channels that bring shoppers back."),
                        growth_items, G_N_ELEMENTS (growth_items));
  platform = add_backlog (s, _("Commerce Platform"), VL_BACKLOG_KIND_PLATFORM, "Wei Zhang",
                          _("Middle platform: payments core, checkout, customer and data "
                            "services shared by every product line."),
                          platform_items, G_N_ELEMENTS (platform_items));
  for (guint i = 0; i < G_N_ELEMENTS (sample_upstream) && *s->error == NULL; i++)
    {
      VlRecord *item = g_hash_table_lookup (s->items, _(platform_items[sample_upstream[i].platform].title));
      VlRecord *up = g_hash_table_lookup (s->items, _(sample_upstream[i].upstream));

      g_assert (item != NULL && up != NULL);
      g_object_set (item, "upstream", up, NULL);
    }
}

/* ---- maps -------------------------------------------------------------- */

static VlRecord *
add_node (Sample     *s,
          VlRecord   *map,
          VlRecord   *parent,
          int         kind,
          const char *title,
          double      x,
          double      y)
{
  VlRecord *node = add (s, VL_KIND_MAP_NODE, parent);

  if (node != NULL)
    g_object_set (node, "map", map, "kind", kind, "title", title, "x", x, "y", y, NULL);
  return node;
}

static void
add_impact_map (Sample *s)
{
  static const struct { const char *actor; const char *impacts[2]; const char *items[2][3]; } tree[] = {
    { N_("Mobile shoppers"),
      { N_("Finish checkout without creating an account"), N_("Trust the payment step") },
      { { N_("Guest checkout without account creation"), N_("Apple Pay and Google Pay on product pages"), N_("Address autocomplete in checkout") },
        { N_("Trust badges and return policy at payment step"), N_("3-D Secure 2 frictionless flow"), NULL } } },
    { N_("Merchants"),
      { N_("Switch on express payment methods themselves"), N_("Fix slow pages before shoppers leave") },
      { { N_("Apple Pay merchant domain auto-verify"), N_("Shoplane Pay onboarding in five minutes"), NULL },
        { N_("Page speed budget in theme editor"), N_("Faster product images with responsive sizes"), NULL } } },
    { N_("Support agents"),
      { N_("Answer payment questions in one contact"), NULL },
      { { N_("Checkout error analytics for merchants"), NULL, NULL }, { NULL } } },
  };
  g_autoptr(VlRecord) map = add (s, VL_KIND_MAP, NULL);
  g_autoptr(VlRecord) goal = NULL;
  double y = 0;

  if (map == NULL)
    return;
  g_object_set (map, "name", _("Mobile conversion impact map"), "kind", VL_MAP_KIND_IMPACT,
                "description", _("Workshop of the Storefront and Checkout teams."), NULL);
  goal = add_node (s, map, NULL, VL_NODE_KIND_GOAL, _("Storefront conversion from 2.1% to 2.8%"),
                   0, 260);
  if (goal != NULL)
    g_object_set (goal, "key-result", s->krs[KR_CONVERSION], NULL);
  for (guint a = 0; a < G_N_ELEMENTS (tree) && goal != NULL; a++)
    {
      g_autoptr(VlRecord) actor = add_node (s, map, goal, VL_NODE_KIND_ACTOR, _(tree[a].actor),
                                            320, y + 60);

      for (guint i = 0; i < 2 && tree[a].impacts[i] != NULL && actor != NULL; i++)
        {
          g_autoptr(VlRecord) impact = add_node (s, map, actor, VL_NODE_KIND_IMPACT,
                                                 _(tree[a].impacts[i]), 640, y);

          for (guint d = 0; d < 3 && tree[a].items[i][d] != NULL && impact != NULL; d++, y += 80)
            {
              VlRecord *item = g_hash_table_lookup (s->items, _(tree[a].items[i][d]));
              g_autoptr(VlRecord) node = add_node (s, map, impact, VL_NODE_KIND_DELIVERABLE,
                                                   vl_record_get_title (item), 960, y);

              if (node != NULL)
                g_object_set (node, "item", item, NULL);
            }
        }
    }
}

static void
add_story_map (Sample *s)
{
  static const struct { const char *activity; const char *steps[3]; } backbone[] = {
    { N_("Discover"), { N_("Search the store"), N_("Browse a collection"), NULL } },
    { N_("Choose"), { N_("Compare variants"), N_("Check delivery"), NULL } },
    { N_("Pay"), { N_("Enter address"), N_("Pay with a wallet or card"), NULL } },
    { N_("Come back"), { N_("Track the order"), N_("Reorder"), NULL } },
  };
  static const char *releases[] = { N_("Walking skeleton"), N_("Release 2"), N_("Release 3") };
  static const char *cards[][3] = {
    /* per step: one card per release */
    { N_("Search suggestions with product thumbnails"), N_("Zero-result search recovery"), NULL },
    { N_("Lazy-loaded collection pages"), N_("Quick view on collection pages"), NULL },
    { N_("Variant picker with swatches"), N_("Size guide overlay for apparel themes"), NULL },
    { N_("Shipping cost estimate on product pages"), N_("Delivery date promise in checkout"), NULL },
    { N_("Address autocomplete in checkout"), N_("One-page checkout: shipping and payment together"), NULL },
    { N_("Apple Pay and Google Pay on product pages"), N_("Saved cards at checkout"), N_("Pay Later in Germany") },
    { N_("Customer accounts with order history"), NULL, N_("WhatsApp order updates") },
    { N_("One-click reorder"), NULL, N_("Subscription billing for consumables") },
  };
  g_autoptr(VlRecord) map = add (s, VL_KIND_MAP, NULL);
  VlRecord *rel[G_N_ELEMENTS (releases)] = { NULL };
  guint step_index = 0;

  if (map == NULL)
    return;
  g_object_set (map, "name", _("Shopper buys on mobile"), "kind", VL_MAP_KIND_STORY,
                "description", _("Story map for the mobile conversion loop."), NULL);
  for (guint r = 0; r < G_N_ELEMENTS (releases); r++)
    rel[r] = add_node (s, map, NULL, VL_NODE_KIND_RELEASE, _(releases[r]), 0, 220 + 180 * r);
  for (guint a = 0; a < G_N_ELEMENTS (backbone); a++)
    {
      g_autoptr(VlRecord) activity = add_node (s, map, NULL, VL_NODE_KIND_ACTIVITY,
                                               _(backbone[a].activity), 520 * a, 0);

      for (guint st = 0; st < 2 && activity != NULL; st++, step_index++)
        {
          g_autoptr(VlRecord) step = add_node (s, map, activity, VL_NODE_KIND_STEP,
                                               _(backbone[a].steps[st]), 520 * a + 260 * st, 100);

          for (guint r = 0; r < G_N_ELEMENTS (releases) && step != NULL; r++)
            {
              const char *title = cards[step_index][r];
              g_autoptr(VlRecord) card = NULL;

              if (title == NULL)
                continue;
              card = add (s, VL_KIND_MAP_CARD, step);
              if (card != NULL)
                g_object_set (card, "map", map, "release", rel[r],
                              "item", g_hash_table_lookup (s->items, _(title)), NULL);
            }
        }
    }
  for (guint r = 0; r < G_N_ELEMENTS (releases); r++)
    g_clear_object (&rel[r]);
}

/**
 * vl_sample_fill:
 *
 * Fills an empty plan with the Shoplane sample, as one undoable action.
 */
gboolean
vl_sample_fill (VlDocument *document,
                GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) local = NULL;
  Sample s = { document, &local, g_rand_new_with_seed (2026) };
  gboolean ok;

  g_return_val_if_fail (VL_IS_DOCUMENT (document), FALSE);

  /* The wall clock walks back from now to date the history; the stamps
   * stay at or after it (the clock never goes back), never ahead of it. */
  s.today_ms = g_date_time_to_unix (now) * 1000;
  s.now_ms = s.today_ms;
  s.items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  vl_document_set_clock_func (document, sample_now, &s);

  s.made = g_ptr_array_new_with_free_func (g_object_unref);
  vl_document_begin (document, _("Add Sample Plan"));
  make_rows (&s);
  s.now_ms = s.today_ms;
  add_goals (&s);
  add_iterations (&s);
  add_loops (&s);
  add_backlogs (&s);
  add_impact_map (&s);
  add_story_map (&s);
  if (local == NULL)
    vl_document_set_title (document, _("Shoplane — value loops 2026"), &local);
  /* The team's WIP limits; more is in progress than they agreed to. */
  if (local == NULL)
    vl_document_set_wip_limit (document, VL_STATUS_PLANNED, 20, &local);
  if (local == NULL)
    vl_document_set_wip_limit (document, VL_STATUS_IN_PROGRESS, 15, &local);
  /* The strategy says acquisition and referral; the backlog says retention. */
  {
    static const double targets[] = { 0, 0.25, 0.25, 0.2, 0.2, 0.1 };

    for (int stage = VL_AARRR_ACQUISITION; stage <= VL_AARRR_REFERRAL && local == NULL; stage++)
      vl_document_set_aarrr_target (document, (VlAarrr) stage, targets[stage], &local);
  }
  ok = vl_document_commit (document, local == NULL ? error : NULL);

  vl_document_set_clock_func (document, NULL, NULL);
  for (guint i = 0; i < N_SAMPLE_KRS; i++)
    g_clear_object (&s.krs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (s.loops); i++)
    g_clear_object (&s.loops[i]);
  for (guint i = 0; i < G_N_ELEMENTS (s.months); i++)
    g_clear_object (&s.months[i]);
  for (guint i = 0; i < G_N_ELEMENTS (s.weeks); i++)
    g_clear_object (&s.weeks[i]);
  g_hash_table_unref (s.items);
  g_ptr_array_unref (s.made);
  g_rand_free (s.rand);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return ok;
}
