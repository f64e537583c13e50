/* test-search.c — VlItemSearch, the fast search and filters of the backlog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vl-enums.h"
#include "vl-item-search.h"
#include "vl-sample.h"
#include "vl-test-util.h"

typedef struct { guint position, removed, added; } Change;

static void
changed_cb (GListModel *model, guint position, guint removed, guint added, GArray *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static gboolean
matches (VlRecord *r, const char *needle, int status, gboolean p1)
{
  g_autofree char *t = g_utf8_casefold (vl_record_get_title (r), -1);
  g_autofree char *d = g_utf8_casefold (vl_record_get_string (r, "description"), -1);

  return (strstr (t, needle) || strstr (d, needle)) &&
         (status < 0 || vl_record_get_int (r, "status") == status) &&
         (!p1 || vl_record_get_int (r, "p1"));
}

static guint
brute (GListModel *items, const char *needle, int status, gboolean p1)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (items, i);

      n += matches (r, needle, status, p1);
    }
  return n;
}

/* The sample plan, one backlog's items and a search over them. */
typedef struct
{
  VlDocument   *doc;
  VlRecord     *backlog;
  GListModel   *items;
  VlItemSearch *search;
} Sample;

static void
sample_open (Sample *s, const char *file_name, const char *backlog)
{
  g_autoptr(GFile) file = vl_test_file (file_name);
  g_autoptr(GError) error = NULL;

  s->doc = vl_document_create (file, "", &error);
  g_assert_no_error (error);
  g_assert_true (vl_sample_fill (s->doc, &error));
  s->backlog = vl_document_find (s->doc, VL_KIND_BACKLOG, backlog);
  s->items = vl_document_list (s->doc, VL_KIND_ITEM, "backlog", s->backlog);
  s->search = vl_item_search_new (s->doc, s->items);
}

static void
sample_close (Sample *s)
{
  g_clear_object (&s->search);
  g_clear_object (&s->items);
  g_clear_object (&s->backlog);
  g_clear_object (&s->doc);
}

static void
test_search (void)
{
  Sample sample;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) first = NULL, added = NULL;
  VlRecord *backlog;
  VlDocument *doc;
  GListModel *items;
  VlItemSearch *search;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *shown;
  guint n;

  sample_open (&sample, "search.valueloop", "Storefront");
  doc = sample.doc;
  backlog = sample.backlog;
  items = sample.items;
  search = sample.search;
  shown = G_LIST_MODEL (search);
  g_signal_connect (shown, "items-changed", G_CALLBACK (changed_cb), changes);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);

  /* Case- and accent-folded, title and description. */
  vl_item_search_set_text (search, "CHECKOUT");
  n = brute (items, "checkout", -1, FALSE);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (shown, i);

      g_assert_true (matches (r, "checkout", -1, FALSE));
    }
  /* The rank of a matching row is its place in the whole backlog. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (items, i);

      g_assert_cmpuint (vl_item_search_get_rank (search, r), ==, i + 1);
    }
  vl_item_search_set_enum (search, "status", VL_STATUS_IN_PROGRESS);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, brute (items, "checkout", VL_STATUS_IN_PROGRESS, FALSE));
  vl_item_search_set_p1_only (search, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, brute (items, "checkout", VL_STATUS_IN_PROGRESS, TRUE));
  vl_item_search_set_p1_only (search, FALSE);
  vl_item_search_set_enum (search, "status", -1);

  /* Editing a matching row so it still matches emits nothing (the view
   * keeps its selection); editing it out of the search removes it. */
  first = g_list_model_get_item (shown, 0);
  g_array_set_size (changes, 0);
  g_object_set (first, "title", "Guest checkout, faster", NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  g_object_set (first, "title", "Guest purchase, faster", NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n - 1);

  /* Without a search, the source's exact changes pass through. */
  vl_item_search_set_text (search, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_array_set_size (changes, 0);
  added = vl_document_insert (doc, VL_KIND_ITEM, backlog, NULL, NULL, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 40);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 41);
  sample_close (&sample);
}

static guint
count_ref (GListModel *items, const char *field, gint64 id, const char *field2, gint64 id2)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VlRecord) r = g_list_model_get_item (items, i);

      n += vl_record_get_ref_id (r, field) == id && (field2 == NULL || vl_record_get_ref_id (r, field2) == id2);
    }
  return n;
}

/* Filters on what an item is aligned to: a key result, a value loop, an
 * iteration, or none; combined with each other, and kept up to date. */
static void
test_alignment_filters (void)
{
  Sample sample;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) some = NULL;
  GListModel *items;
  VlItemSearch *search;
  GListModel *shown;
  gint64 kr, loop, iteration;
  guint n;

  sample_open (&sample, "search-refs.valueloop", "Merchant Growth");
  items = sample.items;
  search = sample.search;
  shown = G_LIST_MODEL (search);

  /* An item aligned to all three. */
  for (guint i = 0; some == NULL && i < g_list_model_get_n_items (items); i++)
    {
      VlRecord *r = g_list_model_get_item (items, i);

      if (vl_record_get_ref_id (r, "key-result") != 0 && vl_record_get_ref_id (r, "iteration") != 0 &&
          vl_record_get_ref_id (r, "value-loop") != 0)
        some = r;
      else
        g_object_unref (r);
    }
  g_assert_nonnull (some);
  kr = vl_record_get_ref_id (some, "key-result");
  iteration = vl_record_get_ref_id (some, "iteration");
  loop = vl_record_get_ref_id (some, "value-loop");

  vl_item_search_set_ref (search, "key-result", kr);
  n = count_ref (items, "key-result", kr, NULL, 0);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  vl_item_search_set_ref (search, "iteration", iteration);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    count_ref (items, "key-result", kr, "iteration", iteration));
  vl_item_search_set_ref (search, "iteration", -1);
  vl_item_search_set_ref (search, "key-result", -1);

  /* "Not set": items serving no key result. */
  vl_item_search_set_ref (search, "key-result", 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_ref (items, "key-result", 0, NULL, 0));
  vl_item_search_set_ref (search, "key-result", -1);

  vl_item_search_set_ref (search, "value-loop", loop);
  n = count_ref (items, "value-loop", loop, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  /* Unlinking a shown item from the loop takes it out of the list. */
  g_object_set (some, "value-loop", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n - 1);
  vl_item_search_set_ref (search, "value-loop", -1);
  g_assert_false (vl_item_search_get_active (search));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (items));
  sample_close (&sample);
}

/* Sorting in the index: by collation keys for text, numbers as numbers,
 * rows without a value last, ties in rank order; with filters; and kept
 * sorted as rows change. */
/* The row ids shown, in order. */
static GArray *
shown_ids (VlItemSearch *search)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (search)); i++)
    {
      gint64 id = vl_item_search_get_rowid (search, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_same_ids (GArray       *expected,
                 VlItemSearch *search)
{
  g_autoptr(GArray) ids = shown_ids (search);

  g_assert_cmpuint (ids->len, ==, expected->len);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
}

static void
test_sorting (void)
{
  Sample sample;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlRecord) last = NULL;
  g_autoptr(GArray) ascending = NULL, descending = NULL;
  GListModel *items;
  VlItemSearch *search;
  GListModel *shown;
  guint n;

  sample_open (&sample, "search-sort.valueloop", "Storefront");
  items = sample.items;
  search = sample.search;
  shown = G_LIST_MODEL (search);
  n = g_list_model_get_n_items (items);

  /* Two items share a title: they keep their rank order either way. */
  {
    g_autoptr(VlRecord) a = g_list_model_get_item (items, 3);
    g_autoptr(VlRecord) b = g_list_model_get_item (items, 9);

    g_object_set (a, "title", "Wishlist sharing", NULL);
    g_object_set (b, "title", "Wishlist sharing", NULL);
  }
  /* By title, first with keys made when asked (as right after the index is
   * built), then with every row's place worked out by the thread: the same
   * order both ways. */
  vl_item_search_set_sort (search, "title", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  ascending = shown_ids (search);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(VlRecord) a = g_list_model_get_item (shown, i);
      g_autoptr(VlRecord) b = g_list_model_get_item (shown, i + 1);
      int order = g_utf8_collate (vl_record_get_title (a), vl_record_get_title (b));

      g_assert_cmpint (order, <=, 0);
      if (order == 0)
        g_assert_cmpuint (vl_item_search_get_rank (search, a), <, vl_item_search_get_rank (search, b));
    }
  vl_item_search_set_sort (search, "title", TRUE);
  descending = shown_ids (search);
  {
    g_autoptr(VlRecord) a = g_list_model_get_item (shown, 0);
    g_autoptr(VlRecord) b = g_list_model_get_item (shown, n - 1);

    g_assert_cmpint (g_utf8_collate (vl_record_get_title (a), vl_record_get_title (b)), >, 0);
  }
  vl_item_search_set_sort (search, NULL, FALSE);
  _vl_item_search_wait_title_order (search);
  vl_item_search_set_sort (search, "title", FALSE);
  assert_same_ids (ascending, search);
  vl_item_search_set_sort (search, "title", TRUE);
  assert_same_ids (descending, search);

  /* Cost: ascending, items without a cost at the end, ties by rank. */
  last = g_list_model_get_item (items, n - 1);
  g_assert_true (vl_record_set_from_text (last, "cost", "", &error));
  g_assert_true (isnan (vl_record_get_number (last, "cost")));
  vl_item_search_set_sort (search, "cost", FALSE);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(VlRecord) a = g_list_model_get_item (shown, i);
      g_autoptr(VlRecord) b = g_list_model_get_item (shown, i + 1);
      double ca = vl_record_get_number (a, "cost"), cb = vl_record_get_number (b, "cost");

      g_assert_false (isnan (ca) && !isnan (cb));
      if (!isnan (ca) && !isnan (cb))
        {
          g_assert_cmpfloat (ca, <=, cb);
          if (ca == cb)
            g_assert_cmpuint (vl_item_search_get_rank (search, a), <, vl_item_search_get_rank (search, b));
        }
    }
  {
    g_autoptr(VlRecord) end = g_list_model_get_item (shown, n - 1);

    g_assert_true (isnan (vl_record_get_number (end, "cost")));
  }
  /* A cheaper cost moves the item to the front, at once. */
  g_object_set (last, "cost", 0.25, NULL);
  {
    g_autoptr(VlRecord) front = g_list_model_get_item (shown, 0);

    g_assert_true (front == last);
  }

  /* Sorted and filtered together; back to rank order. */
  vl_item_search_set_enum (search, "status", VL_STATUS_IDEA);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n);
  vl_item_search_set_enum (search, "status", -1);
  vl_item_search_set_sort (search, NULL, FALSE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlRecord) a = g_list_model_get_item (shown, i);
      g_autoptr(VlRecord) b = g_list_model_get_item (items, i);

      g_assert_true (a == b);
    }
  sample_close (&sample);
}

/* Puts the same search, filter and sort on @search. */
static void
set_view (VlItemSearch *search, guint view)
{
  static const char *const needles[] = { "", "check", "e", "pay" };
  static const char *const sorts[] = { NULL, "title", "cost", "status", "key-result" };

  vl_item_search_set_text (search, needles[view % G_N_ELEMENTS (needles)]);
  vl_item_search_set_enum (search, "status", view % 3 == 1 ? VL_STATUS_IDEA : -1);
  vl_item_search_set_sort (search, sorts[view % G_N_ELEMENTS (sorts)], view % 2 == 1);
}

/* What a search built from scratch shows must be what the one that
 * followed every change shows. */
static void
assert_like_new (Sample *s, guint view)
{
  g_autoptr(VlItemSearch) fresh = vl_item_search_new (s->doc, s->items);
  g_autoptr(GArray) expected = NULL;

  set_view (fresh, view);
  expected = shown_ids (fresh);
  assert_same_ids (expected, s->search);
}

static VlRecord *
random_item (Sample *s, GRand *rand)
{
  guint n = g_list_model_get_n_items (s->items);

  return n > 0 ? g_list_model_get_item (s->items, (guint) g_rand_int_range (rand, 0, (gint32) n)) : NULL;
}

/* Random edits, inserts, moves, deletes and undos, each view of the search
 * followed row by row (the index is no longer built again for each). */
static void
test_follows_changes (void)
{
  Sample s;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  static const char *const titles[] = { "Checkout in one step", "apple pay", "Apple Pay", "Ézé cards",
                                        "zebra", "Pay later", NULL };

  sample_open (&s, "search-follow.valueloop", "Storefront");
  for (guint view = 0; view < 10; view++)
    {
      set_view (s.search, view);
      for (guint step = 0; step < 30; step++)
        {
          g_autoptr(VlRecord) item = NULL, other = NULL;
          g_autoptr(GError) error = NULL;

          /* Sorted by title, half the steps start with the order the
           * thread worked out (sorting sorts places then), half without. */
          if (view % 5 == 1 && g_rand_boolean (rand))
            {
              _vl_item_search_wait_title_order (s.search);
              set_view (s.search, view + 1);
              set_view (s.search, view);
            }
          item = random_item (&s, rand);
          other = random_item (&s, rand);

          /* Once per view, more rows in one action than are followed one
           * by one (the lists and the index are loaded again). */
          if (step == 13)
            {
              vl_document_begin (s.doc, "Hundreds");
              for (guint k = 0; k < 600; k++)
                {
                  g_autoptr(VlRecord) added = vl_document_insert (s.doc, VL_KIND_ITEM, s.backlog, NULL, NULL, NULL);

                  g_object_set (added, "title", titles[k % 6], "status", (int) (k % 3), NULL);
                }
              g_assert_true (vl_document_commit (s.doc, &error));
              assert_like_new (&s, view);
              continue;
            }
          switch (g_rand_int_range (rand, 0, 7))
            {
            case 0:
              g_object_set (item, "title", titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))], NULL);
              break;
            case 1:
              g_object_set (item, "status", g_rand_int_range (rand, 0, 3), "cost", g_rand_double (rand) * 8, NULL);
              break;
            case 2:
              {
                g_autoptr(VlRecord) added = vl_document_insert (s.doc, VL_KIND_ITEM, s.backlog, other, NULL, &error);

                g_assert_no_error (error);
                g_object_set (added, "title", titles[step % 6], NULL);
              }
              break;
            case 3:
              if (item != other)
                g_assert_true (vl_document_move (s.doc, item, s.backlog, NULL, other, &error));
              break;
            case 4:
              g_assert_true (vl_document_delete (s.doc, item, &error));
              break;
            case 5:
              vl_document_begin (s.doc, "Many");
              for (guint k = 0; k < 3; k++)
                {
                  g_autoptr(VlRecord) one = random_item (&s, rand);

                  g_object_set (one, "title", titles[(step + k) % 6], "status", (int) k, NULL);
                }
              g_assert_true (vl_document_commit (s.doc, &error));
              break;
            default:
              if (vl_document_can_undo (s.doc))
                g_assert_true (vl_document_undo (s.doc, &error));
              break;
            }
          g_assert_no_error (error);
          assert_like_new (&s, view);
        }
    }
  sample_close (&s);
}

/* Case, accents written either way and compatibility forms (full-width
 * letters) fold alike, for plain ASCII titles and others. */
static void
test_folding (void)
{
  Sample s;
  /* Precomposed, decomposed (combining accents) and full-width. */
  static const char *const titles[] = { "Zebra CHECKOUT lane", "Crème brûlée promo",
                                        "CRE\xcc\x80" "ME BRU\xcc\x82" "LE\xcc\x81" "E",
                                        "\xef\xbc\xa6\xef\xbc\xb5\xef\xbc\xac\xef\xbc\xac width", NULL };
  static const struct { const char *needle; guint n; } finds[] = {
    { "zebra checkout", 1 }, { "CRÈME", 2 }, { "brûlée", 2 }, { "full width", 1 }, { "brûlée promo", 1 },
  };

  sample_open (&s, "search-fold.valueloop", "Storefront");
  vl_item_search_set_text (s.search, "zz-none");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s.search)), ==, 0);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autoptr(VlRecord) item = vl_document_insert (s.doc, VL_KIND_ITEM, s.backlog, NULL, NULL, NULL);

      g_object_set (item, "title", titles[i], "description", "", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (finds); i++)
    {
      vl_item_search_set_text (s.search, finds[i].needle);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s.search)), ==, finds[i].n);
    }
  sample_close (&s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/text-filters-and-changes", test_search);
  g_test_add_func ("/search/alignment-filters", test_alignment_filters);
  g_test_add_func ("/search/sorting", test_sorting);
  g_test_add_func ("/search/follows-changes", test_follows_changes);
  g_test_add_func ("/search/folding", test_folding);
  return g_test_run ();
}
