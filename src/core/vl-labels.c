/* vl-labels.c — how the enums read (status, MoSCoW, AARRR, verdict; level,
 * key result kind and direction)
 *
 * One table for every view; value 0 of MoSCoW, AARRR and verdict is "not
 * set", which each view words its own way (a dash, nothing, "Not set").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vl-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vl-labels.h"

static const char *status_labels[] = {
  N_("Idea"), N_("Ready"), N_("Planned"), N_("In Progress"), N_("Launched"), N_("Reviewed"),
  N_("Dropped"),
};
static const char *moscow_labels[] = { NULL, N_("Must"), N_("Should"), N_("Could"), N_("Won’t") };
static const char *aarrr_labels[] = {
  NULL, N_("Acquisition"), N_("Activation"), N_("Retention"), N_("Revenue"), N_("Referral"),
};
static const char *verdict_labels[] = { NULL, N_("Validated"), N_("Invalidated"), N_("Inconclusive") };
static const char *level_labels[] = { N_("Company"), N_("Business Line"), N_("Project") };
static const char *kr_kind_labels[] = { N_("Metric"), N_("Milestone") };
static const char *direction_labels[] = {
  N_("Increase"), N_("Decrease"), N_("Stay Above"), N_("Stay Below"),
};

static const char **
table (const char *field,
       guint      *n)
{
  if (g_str_equal (field, "status") || g_str_equal (field, "from") || g_str_equal (field, "to"))
    return (*n = G_N_ELEMENTS (status_labels), status_labels);
  if (g_str_equal (field, "moscow"))
    return (*n = G_N_ELEMENTS (moscow_labels), moscow_labels);
  if (g_str_equal (field, "aarrr"))
    return (*n = G_N_ELEMENTS (aarrr_labels), aarrr_labels);
  if (g_str_equal (field, "level"))
    return (*n = G_N_ELEMENTS (level_labels), level_labels);
  if (g_str_equal (field, "kind"))   /* the kind of a key result */
    return (*n = G_N_ELEMENTS (kr_kind_labels), kr_kind_labels);
  if (g_str_equal (field, "direction"))
    return (*n = G_N_ELEMENTS (direction_labels), direction_labels);
  g_assert (g_str_equal (field, "verdict"));
  return (*n = G_N_ELEMENTS (verdict_labels), verdict_labels);
}

/* The translated label of @value of @field, or %NULL when it means "not
 * set". */
const char *
vl_enum_label (const char *field,
               int         value)
{
  guint n;
  const char **labels = table (field, &n);

  g_return_val_if_fail (value >= 0 && (guint) value < n, NULL);
  return labels[value] != NULL ? _(labels[value]) : NULL;
}

guint
vl_enum_n_values (const char *field)
{
  guint n;

  table (field, &n);
  return n;
}
