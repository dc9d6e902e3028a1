/*
 * file.c — files export writes and import reads: read whole with a size
 * limit, and written in full or not at all (a 0600 temporary file in the
 * same folder, synced, then linked into place without replacing anything).
 */
#include "tend/port.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

tend_status tend_port_read_file(const char *path, size_t max, tend_buf *out, tend_error *err)
{
    tend_buf_reset(out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return tend_fail(err, e == ENOENT ? TEND_ENOTFOUND : TEND_EIO, "cannot open %s: %s",
                         path, strerror(e));
    }
    struct stat sb;
    tend_status st = TEND_OK;
    if (fstat(fd, &sb) != 0)
        st = tend_fail(err, TEND_EIO, "cannot read %s: %s", path, strerror(errno));
    else if (S_ISDIR(sb.st_mode))
        st = tend_fail(err, TEND_EINVAL, "%s is a folder, not a file", path);
    else if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max)
        st = tend_fail(err, TEND_EINVAL, "%s is larger than %zu bytes; tend will not read it",
                       path, max);
    char chunk[65536];
    while (st == TEND_OK) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = tend_fail(err, TEND_EIO, "cannot read %s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        if (out->len + (size_t)n > max)
            st = tend_fail(err, TEND_EINVAL, "%s is larger than %zu bytes; tend will not read it",
                           path, max);
        else if (tend_buf_append(out, chunk, (size_t)n) != TEND_OK)
            st = tend_fail(err, TEND_ENOMEM, "out of memory reading %s", path);
    }
    tend_wipe(chunk, sizeof chunk);
    close(fd);
    if (st != TEND_OK)
        tend_buf_free(out);
    return st;
}

/* The folder part of path ("." when there is none); caller frees. */
static char *S_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return tend_strdup(".");
    if (slash == path)
        return tend_strdup("/");
    return tend_strndup(path, (size_t)(slash - path));
}

/* Writes p[0..n) to fd, going on after EINTR. TEND_EIO (errno set) on
 * a failed or short write. */
static tend_status S_write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return TEND_EIO;
        p += w;
        n -= (size_t)w;
    }
    return TEND_OK;
}

/* Bytes a tend_port_file gathers before it writes them out. */
#define S_FILE_CHUNK 65536

struct tend_port_file {
    char *path;      /* where it goes */
    char *dir;       /* its folder */
    tend_buf tmp;    /* the temporary file's name */
    int fd;          /* the temporary file */
    int e;           /* first errno of a failed write, 0 when none */
    tend_buf pend;   /* bytes not yet written (plaintext: wiped) */
};

/* Closes f's temporary file, removes it when it is still there, and
 * frees f. */
static void S_file_free(tend_port_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp.data)
        unlink(f->tmp.data);
    free(f->path);
    free(f->dir);
    tend_buf_free(&f->tmp);
    tend_buf_free(&f->pend);
    free(f);
}

tend_status tend_port_file_begin(const char *path, tend_port_file **out, tend_error *err)
{
    struct stat sb;
    *out = NULL;
    if (!path || !*path)
        return tend_fail(err, TEND_EUSAGE, "no file name given");
    if (lstat(path, &sb) == 0)
        return tend_fail(err, TEND_EEXIST, "%s already exists; tend will not overwrite it; "
                         "choose a new name", path);
    tend_port_file *f = calloc(1, sizeof *f);
    if (!f)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    f->fd = -1;
    f->path = tend_strdup(path);
    f->dir = S_dir_of(path);
    if (!f->path || !f->dir ||
        tend_buf_printf(&f->tmp, "%s/.tend-export-XXXXXX", f->dir) != TEND_OK) {
        tend_buf_free(&f->tmp); /* no file was made: nothing to unlink */
        S_file_free(f);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    f->fd = mkstemp(f->tmp.data);
    if (f->fd < 0) {
        tend_status st = tend_fail(err, TEND_EIO, "cannot create a file in %s: %s", f->dir,
                                   strerror(errno));
        tend_buf_free(&f->tmp);
        S_file_free(f);
        return st;
    }
    if (fchmod(f->fd, 0600) != 0)
        f->e = errno ? errno : EIO;
    *out = f;
    return TEND_OK;
}

/* Writes out what f->pend holds and wipes it. */
static void S_file_flush(tend_port_file *f)
{
    if (!f->e && f->pend.len &&
        S_write_all(f->fd, (const unsigned char *)f->pend.data, f->pend.len) != TEND_OK)
        f->e = errno ? errno : EIO;
    tend_buf_clear(&f->pend);
}

/* Fails with TEND_EIO for f's first failed write. */
static tend_status S_file_failed(tend_port_file *f, tend_error *err)
{
    return tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind", f->path,
                     strerror(f->e));
}

tend_status tend_port_file_write(void *file, const void *data, size_t len, tend_error *err)
{
    tend_port_file *f = file;
    if (f->e)
        return S_file_failed(f, err);
    if (len >= S_FILE_CHUNK) {
        S_file_flush(f);
        if (!f->e && S_write_all(f->fd, data, len) != TEND_OK)
            f->e = errno ? errno : EIO;
    } else {
        if (f->pend.len + len > S_FILE_CHUNK)
            S_file_flush(f);
        if (!f->e && tend_buf_append(&f->pend, data, len) != TEND_OK)
            return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    return f->e ? S_file_failed(f, err) : TEND_OK;
}

void tend_port_file_abort(tend_port_file *f)
{
    if (f)
        S_file_free(f);
}

tend_status tend_port_file_commit(tend_port_file *f, tend_error *err)
{
    struct stat sb;
    S_file_flush(f);
    int e = f->e;
    if (!e && fsync(f->fd) != 0)
        e = errno ? errno : EIO;
    if (close(f->fd) != 0 && !e)
        e = errno;
    f->fd = -1;
    if (!e && link(f->tmp.data, f->path) != 0) {
        e = errno;
        /* Folders that cannot hold hard links: rename, after one more look. */
        if ((e == EPERM || e == EXDEV || e == ENOSYS || e == EOPNOTSUPP) &&
            lstat(f->path, &sb) != 0 && rename(f->tmp.data, f->path) == 0)
            e = 0;
    }
    tend_status st = TEND_OK;
    if (e == EEXIST)
        st = tend_fail(err, TEND_EEXIST, "%s already exists; tend will not overwrite it; "
                       "choose a new name", f->path);
    else if (e)
        st = tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind",
                       f->path, strerror(e));
    unlink(f->tmp.data); /* gone after a rename too: then this fails harmlessly */
    tend_buf_free(&f->tmp);
    if (st == TEND_OK) {
        int dfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0 || fsync(dfd) != 0) {
            e = errno;
            unlink(f->path);
            st = tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind",
                           f->path, strerror(e));
        }
        if (dfd >= 0)
            close(dfd);
    }
    S_file_free(f);
    return st;
}

tend_status tend_port_write_file(const char *path, const void *data, size_t len,
                                 tend_error *err)
{
    tend_port_file *f = NULL;
    tend_status st = tend_port_file_begin(path, &f, err);
    if (st != TEND_OK)
        return st;
    /* Straight to the file: no copy through the buffer. */
    if (len && S_write_all(f->fd, data, len) != TEND_OK)
        f->e = errno ? errno : EIO;
    return tend_port_file_commit(f, err);
}
