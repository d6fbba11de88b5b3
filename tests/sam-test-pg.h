/* sam-test-pg.h: the throwaway PostgreSQL cluster of the tests.
 *
 * build-aux/dev.sh test starts one cluster for the suite and names it in
 * SAMORDNA_TEST_PG; a test run without it starts one of its own through
 * build-aux/pg-cluster.sh --for-pid (SAMORDNA_PG_CLUSTER), which is
 * removed when the test ends. A test that needs PostgreSQL never skips:
 * when no cluster can start, it fails.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

const char *sam_test_pg_server          (void);
char       *sam_test_pg_new_database    (void);
char       *sam_test_pg_new_plan        (void);
char       *sam_test_pg_new_database_on (const char  *server);
char       *sam_test_pg_own_server      (char       **dir);
void        sam_test_pg_ctl             (const char  *dir,
                                         const char  *action);
void        sam_test_pg_drop_database   (const char  *address);
char       *sam_test_pg_address_with    (const char  *address,
                                         const char  *keyword,
                                         const char  *value);
PGconn     *sam_test_pg_connect         (const char  *address);
void        sam_test_pg_exec            (PGconn      *conn,
                                         const char  *sql);
char       *sam_test_pg_value           (PGconn      *conn,
                                         const char  *sql);
void        sam_test_pg_reset_identities (PGconn     *conn);
char       *sam_test_pg_error           (PGconn      *conn,
                                         const char  *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

G_END_DECLS
