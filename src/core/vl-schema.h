/* vl-schema.h — the kinds of rows, their fields and registers
 *
 * One table describes every kind of row. Properties, SQL statements, JSON,
 * the CLI and the merge are all driven from it, so a field is declared once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VL_APPLICATION_ID 0x564C4F50 /* "VLOP" */
#define VL_SCHEMA_VERSION 7

typedef enum {
  VL_KIND_CYCLE,
  VL_KIND_OBJECTIVE,
  VL_KIND_KEY_RESULT,
  VL_KIND_CHECKIN,
  VL_KIND_BACKLOG,
  VL_KIND_ITERATION,
  VL_KIND_VALUE_LOOP,
  VL_KIND_ITEM,
  VL_KIND_TRANSITION,
  VL_KIND_MAP,
  VL_KIND_MAP_NODE,
  VL_KIND_MAP_CARD,
  VL_KIND_READING,     /* v5: a measurement of a launched item's metric */
  VL_KIND_VIEW,        /* v7: a saved view of a backlog */
  VL_N_KINDS
} VlKind;

typedef enum {
  VL_FIELD_STRING,
  VL_FIELD_INT,
  VL_FIELD_NUMBER,     /* double; NaN is "not set" and NULL in SQL */
  VL_FIELD_BOOL,
  VL_FIELD_ENUM,
  VL_FIELD_DATE,       /* "YYYY-MM-DD" or NULL */
  VL_FIELD_TIMESTAMP,  /* milliseconds since the epoch, UTC */
  VL_FIELD_REF,        /* rowid of another row; 0 is "none" */
} VlFieldType;

/* Register 0 of every kind is the `deleted` register. Its column holds
 * VL_ROW_LIVE, VL_ROW_DELETED, or VL_ROW_REVIVED: deleted, but a later edit
 * of the row beat the delete (DESIGN §4), so it is shown. The register's
 * value is (column != 0); the row is hidden when the column is 1. */
#define VL_REG_DELETED 0
#define VL_ROW_LIVE    0
#define VL_ROW_DELETED 1
#define VL_ROW_REVIVED 2

typedef struct
{
  const char  *name;     /* property name and JSON key: "key-result" */
  const char  *column;   /* SQL column: "key_result" */
  VlFieldType  type;
  guint8       reg;      /* fields sharing a register are written together */
  VlKind       ref_kind; /* VL_FIELD_REF only */
  GType      (*enum_type) (void);
  gint64       def;      /* default for INT, BOOL, ENUM */
} VlField;

typedef struct
{
  VlKind         kind;
  const char    *name;        /* table name and JSON key */
  const char    *label;       /* for messages: "item" */
  const char    *title_field; /* field shown to people: "title" or "name" */
  gboolean       append_only; /* rows never change after creation */
  int            parent;      /* index of the placement parent field, or -1 */
  int            rank;        /* index of the placement rank field, or -1 */
  const VlField *fields;
  guint          n_fields;
  guint          n_regs;      /* including VL_REG_DELETED */
} VlKindInfo;

const VlKindInfo *vl_kind_info          (VlKind      kind);
gboolean          vl_kind_from_name     (const char *name,
                                         VlKind     *kind);
int               vl_kind_find_field    (VlKind      kind,
                                         const char *name);
GType             vl_kind_get_gtype     (VlKind      kind);
char             *vl_kind_column_list   (VlKind      kind,
                                         const char *prefix);

const char *const *vl_schema_migrations (guint *n_versions);

G_END_DECLS
