#define G_LOG_DOMAIN "sam-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sam-report-private.h"

/* The output file. A report is written to a hidden temporary file beside
 * its target, ".NAME.xlsx.XXXXXX", and renamed into place when complete.
 * The report holds a lock on that file while it writes, so that when a
 * report is killed midway, the next report to the folder can tell its
 * file from one another report is writing at the same moment, and remove
 * it. */

/* How old an unlocked temporary file must be before it counts as left
 * behind: older than the moment between making one and locking it. */
#define STALE_AFTER_S 60

/* Refuses @path when it is the database of @store or a file SQLite keeps
 * beside it, whatever path or link leads there. */
gboolean
sam_report_output_check (SamStore    *store,
                         const char  *path,
                         GError     **error)
{
  if (!sam_store_is_own_file (store, path))
    return TRUE;
  g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_DATABASE,
               _("“%s” is the database the report is made from, or a file kept beside it; writing the report there would destroy the plan. Choose another name for the report."),
               path);
  return FALSE;
}

/* Whether @name is one a report's temporary file gets: ".NAME.xlsx."
 * and the six letters or digits g_mkstemp() puts in. */
static gboolean
is_temporary_name (const char *name)
{
  gsize n = strlen (name);

  if (name[0] != '.' || n < strlen (".x.xlsx.XXXXXX"))
    return FALSE;
  for (gsize i = n - 6; i < n; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return memcmp (name + n - 12, ".xlsx.", 6) == 0;
}

/* Whether the open file @fd is one a report left: a regular file of this
 * user, untouched for a while, empty or the start of a workbook, and not
 * locked by a report writing it. */
static gboolean
is_left_behind (int fd)
{
  struct stat st;
  char head[4] = { 0 };

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ()
      || time (NULL) - st.st_mtime < STALE_AFTER_S)
    return FALSE;
  if (st.st_size > 0 && (read (fd, head, sizeof head) != sizeof head || memcmp (head, "PK\3\4", 4) != 0))
    return FALSE;
  return flock (fd, LOCK_EX | LOCK_NB) == 0;
}

/* Removes from @folder the temporary files of reports that were killed
 * before they finished (see is_left_behind()). */
static void
remove_left_behind (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      int fd;

      if (!is_temporary_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if ((fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
        continue;
      if (is_left_behind (fd) && g_unlink (path) == 0)
        g_debug ("Removed %s, left by a report that did not finish", path);
      close (fd);
    }
}

/* Says what is wrong with @path as a report's target, if anything. */
static gboolean
check_target (const char   *path,
              const char   *folder,
              struct stat  *target,
              gboolean     *exists,
              GError      **error)
{
  struct stat st;

  *exists = g_stat (path, target) == 0;
  if (*exists && !S_ISREG (target->st_mode))
    {
      g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_NOT_A_FILE,
                   _("“%s” is a folder or a device, not a file. Choose a file name for the report."), path);
      return FALSE;
    }
  if (g_stat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Create it first, or choose another folder for the report."),
                   folder);
      return FALSE;
    }
  /* A file without any write bit was made read-only on purpose, even for
   * root, whom access() lets through: a spreadsheet program would not
   * replace it either. */
  if (*exists && ((target->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || access (path, W_OK) != 0))
    {
      g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_NOT_WRITABLE,
                   _("“%s” is read-only. Make it writable, or choose another name for the report."), path);
      return FALSE;
    }
  return TRUE;
}

/* Creates an empty temporary file beside @path, locked through *@lock
 * (close it once the file is renamed or removed), with the permissions of
 * the file it will replace, and returns its name; or NULL with a
 * SamReportError that says what is wrong with the target. Removes the
 * files reports killed midway left in the folder first. */
char *
sam_report_output_create (const char  *path,
                          int         *lock,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temporary = g_build_filename (folder, name, NULL);
  struct stat target;
  gboolean exists;
  int fd;

  *lock = -1;
  if (!check_target (path, folder, &target, &exists, error))
    return NULL;
  remove_left_behind (folder);
  if ((fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0666)) < 0)
    {
      int saved = errno;
      g_set_error (error, SAM_REPORT_ERROR,
                   saved == EACCES || saved == EPERM || saved == EROFS ? SAM_REPORT_ERROR_NOT_WRITABLE : SAM_REPORT_ERROR_WRITE,
                   _("The report cannot be written in the folder “%s”: %s. Choose a folder you can write to."),
                   folder, g_strerror (saved));
      return NULL;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("Could not lock %s: %s", temporary, g_strerror (errno));
  if (exists && fchmod (fd, target.st_mode & 07777) != 0)
    g_debug ("Could not give %s the permissions of %s: %s", temporary, path, g_strerror (errno));
  *lock = fd;
  return g_steal_pointer (&temporary);
}

/* Flushes @temporary to disk and renames it to @path, replacing what was
 * there only now that the new file is complete. */
gboolean
sam_report_output_finish (const char  *temporary,
                          const char  *path,
                          GError     **error)
{
  int fd = g_open (temporary, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0 || close (fd) != 0 || g_rename (temporary, path) != 0)
    {
      int saved = errno;
      g_set_error (error, SAM_REPORT_ERROR, SAM_REPORT_ERROR_WRITE,
                   _("Could not save the report as “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
