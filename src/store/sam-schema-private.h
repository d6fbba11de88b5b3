/* sam-schema-private.h: the schema each version of a Samordna file must
 * have, made at build time (sam-schema-expected.py writes
 * sam-schema-expected.c from the migrations); sam-schema.c compares a
 * file's schema with it. */
#pragma once

#include <glib.h>

/* One table, index, view or trigger, as SQLite stores it. */
typedef struct
{
  const char *type;
  const char *name;
  const char *tbl_name;
  const char *sql;       /* as written; NULL for SQLite's own indexes */
} SamSchemaRow;

/* Per version 1 … SAM_SCHEMA_VERSION (the generated file checks that the
 * migrations build as many), its objects in a
 * NULL-terminated array; [0] is NULL. */
extern const SamSchemaRow *const *const sam_schema_expected[];
