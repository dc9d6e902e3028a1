/*
 * cmd_journal.c — the journal commands: init, add, show, passwd, rekey,
 * verify, backup (list is in cmd_list.c). Each finds the journal
 * (--journal, TEND_JOURNAL, or the default), reads the passphrase (terminal
 * or --passphrase-fd) and works through the journal API; nothing here sees
 * a key or a database.
 *
 * Output is plain and meant for scripts: show prints "key: value" lines, a
 * blank line, then the text exactly as stored. Errors are one line on stderr; exit codes are those of
 * tend(1): 0 ok, 1 error, 2 usage, 3 wrong passphrase, 4 damaged data.
 */
#include "tend/cli.h"
#include "tend/date.h"
#include "tend/journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef TEND_TEST_BUILD
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

int tend_cmd_init(const tend_globals *g, int argc, char **argv);
int tend_cmd_add(const tend_globals *g, int argc, char **argv);
int tend_cmd_show(const tend_globals *g, int argc, char **argv);
int tend_cmd_passwd(const tend_globals *g, int argc, char **argv);
int tend_cmd_rekey(const tend_globals *g, int argc, char **argv);
int tend_cmd_verify(const tend_globals *g, int argc, char **argv);
int tend_cmd_backup(const tend_globals *g, int argc, char **argv);

/* The journal's path (caller frees), or NULL after reporting. */
static char *S_path(const tend_globals *g, int *rc)
{
    tend_error err;
    tend_error_clear(&err);
    char *p = g->journal ? tend_strdup(g->journal) : tend_journal_default_path(&err);
    if (!p) {
        if (err.code == TEND_OK)
            tend_fail(&err, TEND_ENOMEM, "out of memory");
        *rc = tend_report(&err);
    }
    return p;
}

#ifdef TEND_TEST_BUILD
/* Test builds: with TEND_TEST_SELFCHECK=FILE, a command that has just
 * unlocked the journal writes "dumpable=D core=C" (PR_GET_DUMPABLE and the
 * RLIMIT_CORE soft limit) to FILE, so tests see the hardening of the
 * running binary at the moment it holds keys. */
static void S_selfcheck(void)
{
    const char *path = getenv("TEND_TEST_SELFCHECK");
    if (!path || !*path)
        return;
    struct rlimit rl;
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    if (getrlimit(RLIMIT_CORE, &rl) != 0)
        rl.rlim_cur = (rlim_t)-1;
    fprintf(f, "dumpable=%d core=%llu\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
            (unsigned long long)rl.rlim_cur);
    fclose(f);
}
#endif

/* Opens the journal with a passphrase asked for with prompt. Returns NULL
 * after reporting (and *rc set). The passphrase is wiped before return. */
static tend_journal *S_open(const tend_globals *g, const char *prompt, int *rc)
{
    char *path = S_path(g, rc);
    if (!path)
        return NULL;
    tend_error err;
    tend_error_clear(&err);
    tend_journal *j = NULL;
    struct stat sb;
    /* Do not ask for a passphrase for a journal that is not there. */
    if (stat(path, &sb) != 0 && errno == ENOENT) {
        tend_fail(&err, TEND_ENOTFOUND, "no journal at %s; create one with 'tend init'", path);
    } else {
        tend_passphrase pass;
        if (tend_passphrase_read(g, prompt, NULL, &pass, &err) == TEND_OK)
            tend_journal_open(path, pass.s, pass.len, &j, &err);
        tend_passphrase_free(&pass);
    }
    free(path);
    if (!j)
        *rc = tend_report(&err);
#ifdef TEND_TEST_BUILD
    else
        S_selfcheck();
#endif
    return j;
}

tend_journal *tend_cli_journal_open(const tend_globals *g, int *rc)
{
    return S_open(g, "Passphrase: ", rc);
}

/* Reads the arguments of a command without options: exactly one when want
 * (into *arg), else none. Returns false after printing a usage error. */
static bool S_args(int argc, char **argv, bool want, const char **arg)
{
    tend_optstate st = { 1, 0, NULL, false };
    *arg = NULL;
    int r;
    while ((r = tend_opt_next(&st, argc, argv, argv[0], NULL)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR)
            return false;
        if (!want || *arg) {
            tend_usage_error("%s: unexpected argument '%s'", argv[0], st.value);
            return false;
        }
        *arg = st.value;
    }
    if (want && !*arg) {
        tend_usage_error("%s: missing argument", argv[0]);
        return false;
    }
    return true;
}

/* Writes s with control characters (tabs, newlines, escapes) shown as
 * spaces, so one record stays one line and nothing reaches the terminal
 * as a command. */
static void S_put_line_safe(const char *s, FILE *out)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, out);
}

/* ---- init -------------------------------------------------------------------- */

int tend_cmd_init(const tend_globals *g, int argc, char **argv)
{
    static const tend_optspec spec[] = { { "kdf", true }, { NULL, false } };
    tend_kdf_level kdf = TEND_KDF_DEFAULT;
    tend_optstate st = { 1, 0, NULL, false };
    int r;
    while ((r = tend_opt_next(&st, argc, argv, "init", spec)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR)
            return 2;
        if (r == TEND_OPT_ARG)
            return tend_usage_error("init: unexpected argument '%s'", st.value);
        if (tend_kdf_level_parse(st.value, &kdf, NULL) != TEND_OK)
            return tend_usage_error("init: --kdf must be interactive, moderate or sensitive");
    }
    int rc = 1;
    char *path = S_path(g, &rc);
    if (!path)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    struct stat sb;
    if (lstat(path, &sb) == 0) {
        tend_fail(&err, TEND_EEXIST, "there is already a journal at %s; tend will not overwrite it",
                  path);
        free(path);
        return tend_report(&err);
    }
    tend_passphrase pass;
    tend_status s = tend_passphrase_read(g, "New passphrase: ", "Same passphrase again: ", &pass,
                                         &err);
    if (s == TEND_OK)
        s = tend_journal_create(path, pass.s, pass.len, kdf, NULL, &err);
    tend_passphrase_free(&pass);
    if (s == TEND_OK) {
        printf("created a journal at %s\n", path);
        printf("keep the passphrase safe: if it is forgotten, nothing can open the journal\n");
        rc = 0;
    } else {
        rc = tend_report(&err);
    }
    free(path);
    return rc;
}

/* ---- add ---------------------------------------------------------------------- */

/* Reads all of standard input into b. */
static tend_status S_read_stdin(tend_buf *b, tend_error *err)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            tend_wipe(chunk, sizeof chunk);
            return tend_fail(err, TEND_EIO, "could not read the text: %s", strerror(e));
        }
        if (n == 0)
            break;
        if (tend_buf_append(b, chunk, (size_t)n) != TEND_OK) {
            tend_wipe(chunk, sizeof chunk);
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        }
    }
    tend_wipe(chunk, sizeof chunk);
    return TEND_OK;
}

int tend_cmd_add(const tend_globals *g, int argc, char **argv)
{
    static const tend_optspec spec[] = { { "title", true }, { "tag", true }, { NULL, false } };
    tend_record rec = TEND_RECORD_INIT;
    rec.head.kind = TEND_KIND_ENTRY;
    tend_optstate st = { 1, 0, NULL, false };
    int r, rc = 1;
    tend_error err;
    tend_error_clear(&err);
    while ((r = tend_opt_next(&st, argc, argv, "add", spec)) != TEND_OPT_END) {
        tend_status s = TEND_OK;
        if (r == TEND_OPT_ERROR) {
            rc = 2;
            goto out;
        }
        if (r == TEND_OPT_ARG) {
            rc = tend_usage_error("add: the text comes from standard input, not the command line");
            goto out;
        }
        const char *v = st.value;
        if (!tend_utf8_valid(v, strlen(v))) {
            rc = tend_usage_error("add: --%s is not valid UTF-8", spec[st.which].name);
            goto out;
        }
        if (st.which == 0) {
            s = tend_head_set_title(&rec.head, v);
        } else {
            if (!*v) {
                rc = tend_usage_error("add: --tag needs a word");
                goto out;
            }
            s = tend_head_add_tag(&rec.head, v);
        }
        if (s != TEND_OK) {
            fputs("tend: out of memory\n", stderr);
            goto out;
        }
    }
    if (!rec.head.title && tend_head_set_title(&rec.head, "") != TEND_OK) {
        fputs("tend: out of memory\n", stderr);
        goto out;
    }
    /* Unlock first, so a wrong passphrase is known before the text is
     * written; the journal stays locked to this tend while the text comes. */
    tend_journal *j = S_open(g, "Passphrase: ", &rc);
    if (!j)
        goto out;
    if (isatty(STDIN_FILENO))
        fputs("Write the entry; end it with Ctrl-D on a line of its own.\n", stderr);
    tend_buf text = TEND_BUF_INIT;
    tend_status s = S_read_stdin(&text, &err);
    if (s == TEND_OK && !tend_utf8_valid(text.data ? text.data : "", text.len))
        s = tend_fail(&err, TEND_EINVAL, "the text is not valid UTF-8; nothing was added");
    if (s == TEND_OK && text.len == 0 && !rec.head.title[0])
        s = tend_fail(&err, TEND_EINVAL, "nothing to add: no text and no title");
    if (s == TEND_OK)
        s = tend_record_set_body(&rec, text.data ? text.data : "", text.len);
    tend_buf_free(&text);
    if (s == TEND_OK)
        s = tend_journal_add(j, &rec, &err);
    char sid[TEND_UUID_HEX + 1];
    if (s == TEND_OK && tend_journal_short_id(j, &rec.head.uuid, sid, &err) != TEND_OK) {
        tend_uuid_hex(&rec.head.uuid, sid); /* added all the same */
        sid[TEND_SHORT_ID_MIN] = '\0';
    }
    tend_journal_close(j);
    if (s == TEND_OK) {
        printf("%s\n", sid);
        rc = 0;
    } else {
        rc = tend_report(&err);
    }
out:
    tend_record_clear(&rec);
    return rc;
}

/* ---- show ---------------------------------------------------------------------- */

int tend_cmd_show(const tend_globals *g, int argc, char **argv)
{
    const char *id;
    if (!S_args(argc, argv, true, &id))
        return 2;
    int rc = 1;
    tend_journal *j = S_open(g, "Passphrase: ", &rc);
    if (!j)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    tend_uuid u;
    tend_record rec = TEND_RECORD_INIT;
    char sid[TEND_UUID_HEX + 1];
    tend_status s = tend_journal_find(j, id, &u, &err);
    if (s == TEND_OK)
        s = tend_journal_get(j, &u, &rec, &err);
    if (s == TEND_OK)
        s = tend_journal_short_id(j, &u, sid, &err);
    tend_journal_close(j);
    if (s != TEND_OK) {
        tend_record_clear(&rec);
        return tend_report(&err);
    }
    const tend_head *h = &rec.head;
    char when[TEND_DATETIME_MAX];
    printf("id: %s\n", sid);
    tend_format_datetime(h->created, h->utc_offset, when);
    printf("date: %s\n", when);
    if (h->updated != h->created) {
        tend_format_datetime(h->updated, h->utc_offset, when);
        printf("updated: %s\n", when);
    }
    const char *kind = tend_kind_name(h->kind);
    if (kind)
        printf("kind: %s\n", kind);
    else
        printf("kind: kind-%u\n", (unsigned)h->kind);
    fputs("title: ", stdout);
    S_put_line_safe(h->title, stdout);
    fputs("\ntags:", stdout);
    for (size_t i = 0; i < h->ntags; i++) {
        fputs(" #", stdout);
        S_put_line_safe(h->tags[i], stdout);
    }
    putchar('\n');
    if (h->flags & TEND_FLAG_STARRED)
        puts("starred: yes");
    if (h->flags & TEND_FLAG_PRIVATE)
        puts("private: yes");
    for (size_t i = 0; i < h->nfields; i++) {
        fputs("field: ", stdout);
        S_put_line_safe(h->fields[i].key, stdout);
        fputs(" = ", stdout);
        S_put_line_safe(h->fields[i].value, stdout);
        putchar('\n');
    }
    putchar('\n');
    if (rec.body) {
        /* The text exactly as stored; on a terminal, control characters
         * other than newline and tab are shown as spaces. */
        bool tty = isatty(STDOUT_FILENO);
        for (size_t i = 0; i < rec.body_len; i++) {
            unsigned char c = (unsigned char)rec.body[i];
            if (tty && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f))
                c = ' ';
            putchar(c);
        }
        if (tty && rec.body_len && rec.body[rec.body_len - 1] != '\n')
            putchar('\n');
    }
    tend_record_clear(&rec);
    return 0;
}

/* ---- passwd, rekey ---------------------------------------------------------------- */

int tend_cmd_passwd(const tend_globals *g, int argc, char **argv)
{
    const char *none;
    if (!S_args(argc, argv, false, &none))
        return 2;
    int rc = 1;
    tend_journal *j = S_open(g, "Current passphrase: ", &rc);
    if (!j)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    tend_passphrase np;
    tend_status s = tend_passphrase_read(g, "New passphrase: ", "Same passphrase again: ", &np,
                                         &err);
    if (s == TEND_OK)
        s = tend_journal_passwd(j, np.s, np.len, &err);
    tend_passphrase_free(&np);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    puts("the passphrase is changed; the old one no longer opens the journal");
    return 0;
}

int tend_cmd_rekey(const tend_globals *g, int argc, char **argv)
{
    const char *none;
    if (!S_args(argc, argv, false, &none))
        return 2;
    int rc = 1;
    tend_journal *j = S_open(g, "Passphrase: ", &rc);
    if (!j)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    size_t n = 0;
    tend_status s = tend_journal_rekey(j, &err);
    if (s == TEND_OK)
        s = tend_journal_count(j, &n, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    printf("%zu record%s sealed again under a new key\n", n, n == 1 ? "" : "s");
    return 0;
}

/* ---- verify --------------------------------------------------------------------- */

static void S_damaged(void *ctx, const tend_uuid *id, const char *sid, const char *what)
{
    (void)ctx;
    (void)id;
    printf("damaged\t%s\t%s\n", sid, what);
}

int tend_cmd_verify(const tend_globals *g, int argc, char **argv)
{
    const char *none;
    if (!S_args(argc, argv, false, &none))
        return 2;
    int rc = 1;
    tend_journal *j = S_open(g, "Passphrase: ", &rc);
    if (!j)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    size_t bad = 0, n = 0;
    tend_status s = tend_journal_verify(j, S_damaged, NULL, &bad, &err);
    if (s == TEND_OK || s == TEND_EDAMAGED) {
        tend_error e2;
        if (tend_journal_count(j, &n, &e2) != TEND_OK)
            n = 0;
    }
    tend_journal_close(j);
    if (s == TEND_OK) {
        printf("%zu record%s, all sound\n", n, n == 1 ? "" : "s");
        return 0;
    }
    if (s == TEND_EDAMAGED && bad)
        fprintf(stderr, "tend: %zu of %zu records are damaged or were tampered with; the others "
                        "are sound\n", bad, n);
    else
        tend_report(&err);
    return tend_exit_code(s);
}

/* ---- backup --------------------------------------------------------------------- */

int tend_cmd_backup(const tend_globals *g, int argc, char **argv)
{
    const char *dest;
    if (!S_args(argc, argv, true, &dest))
        return 2;
    int rc = 1;
    tend_journal *j = S_open(g, "Passphrase: ", &rc);
    if (!j)
        return rc;
    tend_error err;
    tend_error_clear(&err);
    tend_status s = tend_journal_backup(j, dest, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    printf("backup written to %s (encrypted; it opens with the same passphrase)\n", dest);
    return 0;
}
