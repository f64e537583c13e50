/* vl-shares-dialog.h — percentages the plan is set to: the AARRR target
 * shares of cost, or the rule a review's suggested verdict follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vl-document.h"

G_BEGIN_DECLS

#define VL_TYPE_SHARES_DIALOG (vl_shares_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VlSharesDialog, vl_shares_dialog, VL, SHARES_DIALOG, AdwMessageDialog)

typedef enum {
  VL_SHARES_TARGETS,   /* the share of cost meant for each AARRR stage */
  VL_SHARES_RULE,      /* where Validated starts and Invalidated ends */
} VlShares;

GtkWidget *vl_shares_dialog_new (GtkWidget  *for_widget,
                                 VlDocument *document,
                                 VlShares    shares);

G_END_DECLS
