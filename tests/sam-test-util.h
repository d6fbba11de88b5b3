/* sam-test-util.h: helpers shared by the test programs. */
#pragma once

#include "store/sam-store.h"

G_BEGIN_DECLS

char      *sam_test_make_dir        (void);
void       sam_test_remove_dir      (const char  *dir);
SamStore  *sam_test_open_new        (const char  *dir,
                                     const char  *name);
GBytes    *sam_test_read_file       (const char  *path);
char     **sam_test_list_dir        (const char  *dir);
SamRecord *sam_test_find            (SamStore    *store,
                                     SamKind      kind,
                                     const char  *field,
                                     const char  *value);
void       sam_test_sql             (const char  *path,
                                     const char  *sql);
void       sam_test_make_damaged    (const char  *path);

G_END_DECLS
