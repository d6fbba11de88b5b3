/* sam-test-util.h: helpers shared by the test programs.
 *
 * The store's tests run on both backends: meson runs each of them twice,
 * the second time with SAMORDNA_TEST_BACKEND=postgresql, and then
 * sam_test_new_location() and sam_test_open_new() give a fresh database
 * with the default plan on the throwaway cluster (sam-test-pg.h) in place
 * of a file in the test's folder; sam_test_remove_dir() drops it. */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

char      *sam_test_make_dir        (void);
void       sam_test_remove_dir      (const char  *dir);
gboolean   sam_test_on_server       (void);
char      *sam_test_new_location    (const char  *dir,
                                     const char  *name);
SamStore  *sam_test_open_new        (const char  *dir,
                                     const char  *name);
GBytes    *sam_test_read_file       (const char  *path);
char     **sam_test_list_dir        (const char  *dir);
SamRecord *sam_test_find            (SamStore    *store,
                                     SamKind      kind,
                                     const char  *field,
                                     const char  *value);
void       sam_test_sql             (const char  *location,
                                     const char  *sql);
void       sam_test_make_damaged    (const char  *path);
void       sam_test_make_good       (const char  *path);
gboolean   sam_test_same_file       (GBytes      *before,
                                     const char  *path);

/* One run of the samordna binary without a display. */
typedef struct
{
  int   status;     /* the exit status; 137 when it was killed as hanging */
  char *out;
  char *err;
  guint limit_s;
} SamTestRun;

void       sam_test_run_clear       (SamTestRun  *run);
void       sam_test_run_samordna    (SamTestRun  *run,
                                     const char  *const *args);
void       sam_test_run_samordna_limited (SamTestRun *run,
                                     guint        limit_s,
                                     const char  *const *args);
int        sam_test_run_exit_code   (SamTestRun  *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SamTestRun, sam_test_run_clear)

void       sam_test_limit_disk      (goffset      bytes);
void       sam_test_unlimit_disk    (void);

G_END_DECLS
