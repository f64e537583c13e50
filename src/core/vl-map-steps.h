/* vl-map-steps.h — a map's projector steps, generated from the map itself
 *
 * No slides to build: a story map goes overview → each release slice →
 * each activity; an impact map goes overview → each goal → each actor
 * with its impacts → each impact with its deliverables. A step names the
 * boxes in full light (the rest dimmed) and the world area to show; steps
 * too big to read on a screen are split into parts. GTK-free: the
 * projector, the handout and the CLI use the same steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vl-document.h"
#include "vl-map-layout.h"

G_BEGIN_DECLS

typedef struct
{
  char   *title;    /* "Release: Walking skeleton" */
  VlRect  frame;    /* world area to show */
  GArray *lit;      /* guint box indices in full light; NULL: all */
  int     anchor;   /* the box the step is about; -1: the overview */
  guint   part;     /* 1-based, of n_parts when split to stay readable */
  guint   n_parts;
} VlMapStep;

void       vl_map_step_free          (VlMapStep   *step);
GPtrArray *vl_map_dup_steps          (VlRecord    *map,
                                      VlMapLayout *layout);
VlMapStep *vl_map_step_for_box       (VlRecord    *map,
                                      VlMapLayout *layout,
                                      int          box);
GPtrArray *vl_map_steps_split        (GPtrArray   *steps,
                                      VlMapLayout *layout,
                                      double       view_width,
                                      double       view_height,
                                      double       margin,
                                      double       min_zoom);
int        vl_map_steps_continue_at  (GPtrArray   *steps,
                                      int          box);
char      *vl_map_step_dup_label     (const VlMapStep *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlMapStep, vl_map_step_free)

G_END_DECLS
