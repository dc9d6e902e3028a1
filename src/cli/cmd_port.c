/*
 * cmd_port.c — `tend export` and `tend import`: the journal's records out
 * as tend-json, jrnl's JSON, Markdown (also for a therapist, without what
 * is marked private) or an encrypted bundle; and tend-json, jrnl JSON or a
 * bundle in, all or nothing. docs/EXPORT.md describes the formats.
 *
 * Plaintext never leaves without a yes: on a terminal tend asks; without
 * one it needs --yes, and refuses otherwise. Files are made 0600, written
 * whole or not at all, and never replace anything. stderr says plainly
 * that what was written is not encrypted.
 *
 * Passphrases, with --passphrase-fd N, are lines of fd N in this order:
 * the journal's, then the bundle's (export --encrypted, import of a
 * bundle). On a terminal the bundle's passphrase for export is asked twice.
 */
#include "tend/cli.h"
#include "tend/date.h"
#include "tend/journal.h"
#include "tend/port.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tend_cmd_export(const tend_globals *g, int argc, char **argv);
int tend_cmd_import(const tend_globals *g, int argc, char **argv);

/* Asks question on the terminal (standard input); true for y/yes. */
static bool S_confirm(const char *question)
{
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    char line[16];
    if (!fgets(line, sizeof line, stdin))
        return false;
    return strcmp(line, "y\n") == 0 || strcmp(line, "Y\n") == 0 || strcmp(line, "yes\n") == 0;
}

/* ---- export ----------------------------------------------------------------------- */

enum { O_FORMAT, O_OUTPUT, O_SINCE, O_UNTIL, O_KIND, O_YES, O_PLAINTEXT_OK, O_ENCRYPTED, O_KDF,
       O_THERAPIST };

typedef struct {
    const char *format, *output, *kdf;
    bool yes, encrypted, therapist;
    tend_filter filter;
    bool kind_given;
} export_options;

/* Parses export's options into *a; returns -1 to go on, else an exit code. */
static int S_export_args_parse(int argc, char **argv, export_options *a)
{
    static const tend_optspec spec[] = {
        [O_FORMAT] = { "format", true },        [O_OUTPUT] = { "output", true },
        [O_SINCE] = { "since", true },          [O_UNTIL] = { "until", true },
        [O_KIND] = { "kind", true },            [O_YES] = { "yes", false },
        [O_PLAINTEXT_OK] = { "plaintext-ok", false },
        [O_ENCRYPTED] = { "encrypted", false }, [O_KDF] = { "kdf", true },
        [O_THERAPIST] = { "for-therapist", false }, { NULL, false }
    };
    tend_filter f0 = TEND_FILTER_INIT;
    memset(a, 0, sizeof *a);
    a->filter = f0;
    /* "-o FILE" is the short form of "--output FILE". */
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fputs("tend: out of memory\n", stderr);
        return 1;
    }
    static char output_opt[] = "--output";
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "-o") == 0 ? output_opt : argv[i];
    int64_t now = tend_now();
    int32_t off = tend_local_offset(now);
    tend_error err;
    tend_optstate st = { 1, 0, NULL, false };
    int r, rc = -1;
    while (rc < 0 && (r = tend_opt_next(&st, argc, args, "export", spec)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR) {
            rc = 2;
            break;
        }
        if (r == TEND_OPT_ARG) {
            rc = tend_usage_error("export: unexpected argument '%s'", st.value);
            break;
        }
        int64_t t;
        switch (st.which) {
        case O_FORMAT: a->format = st.value; break;
        case O_OUTPUT: a->output = st.value; break;
        case O_SINCE:
        case O_UNTIL:
            if (tend_parse_date(st.value, now, off, &t, &err) != TEND_OK)
                rc = tend_usage_error("export: %s", err.msg);
            else if (st.which == O_SINCE)
                a->filter.since = t;
            else
                a->filter.until = t + 86400; /* --until D includes the day D */
            break;
        case O_KIND:
            a->kind_given = true;
            if (strcmp(st.value, "all") == 0)
                a->filter.all_kinds = true;
            else if (!(a->filter.kind = tend_kind_parse(st.value)))
                rc = tend_usage_error("export: --kind must be entry, checkin or all");
            break;
        case O_YES:
        case O_PLAINTEXT_OK: a->yes = true; break;
        case O_ENCRYPTED: a->encrypted = true; break;
        case O_KDF: a->kdf = st.value; break;
        case O_THERAPIST: a->therapist = true; break;
        }
    }
    free(args);
    if (rc >= 0)
        return rc;
    if (a->therapist && !a->format)
        a->format = "markdown";
    if (!a->format)
        a->format = "json";
    if (strcmp(a->format, "json") != 0 && strcmp(a->format, "markdown") != 0 &&
        strcmp(a->format, "jrnl-json") != 0)
        return tend_usage_error("export: --format must be json, markdown or jrnl-json");
    if (a->encrypted) {
        if (strcmp(a->format, "json") != 0 || a->therapist)
            return tend_usage_error("export: --encrypted writes a tend bundle; it takes no "
                                    "--format or --for-therapist");
        if (!a->output)
            return tend_usage_error("export: --encrypted needs -o FILE");
        if (!a->kind_given)
            a->filter.all_kinds = true; /* a bundle carries the whole journal */
    } else if (a->kdf) {
        return tend_usage_error("export: --kdf is for --encrypted");
    }
    if (a->therapist && strcmp(a->format, "markdown") != 0)
        return tend_usage_error("export: --for-therapist writes Markdown");
    if (a->therapist && a->filter.all_kinds)
        return tend_usage_error("export: --for-therapist shares entries and check-ins only");
    if (strcmp(a->format, "jrnl-json") == 0) {
        if (a->kind_given && a->filter.kind != TEND_KIND_ENTRY)
            return tend_usage_error("export: jrnl has entries only; --kind must be entry");
        a->filter.kind = TEND_KIND_ENTRY;
    }
    return -1;
}

/* Whether -o names a folder for one Markdown file per day. */
static bool S_is_dir_target(const char *out)
{
    struct stat sb;
    size_t n = strlen(out);
    return (n && out[n - 1] == '/') || (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode));
}

/* Writes one Markdown file per day into dir; on failure removes every file
 * it made. *nfiles gets the number written. */
static tend_status S_write_days(const char *dir, const tend_record_set *set, bool therapist,
                                int64_t now, size_t *nfiles, tend_error *err)
{
    *nfiles = 0;
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (errno != ENOENT || mkdir(dir, 0700) != 0)
            return tend_fail(err, TEND_EIO, "cannot make the folder %s: %s", dir,
                             strerror(errno));
    }
    char (*days)[TEND_DATE_MAX] = NULL;
    size_t ndays = 0;
    tend_status st = tend_port_days(set, &days, &ndays, err);
    tend_buf path = TEND_BUF_INIT, md = TEND_BUF_INIT;
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    /* Refuse before writing anything when a day's file is already there. */
    for (size_t i = 0; st == TEND_OK && i < ndays; i++) {
        tend_buf_reset(&path);
        if (tend_buf_printf(&path, "%s%s%s.md", dir, sep, days[i]) != TEND_OK)
            st = tend_fail(err, TEND_ENOMEM, "out of memory");
        else if (lstat(path.data, &sb) == 0)
            st = tend_fail(err, TEND_EEXIST, "%s already exists; tend will not overwrite it; "
                           "choose an empty folder", path.data);
    }
    size_t done = 0;
    for (; st == TEND_OK && done < ndays; done++) {
        tend_markdown_opts mo = { days[done], therapist, now };
        tend_buf_reset(&path);
        tend_buf_reset(&md);
        if (tend_buf_printf(&path, "%s%s%s.md", dir, sep, days[done]) != TEND_OK)
            st = tend_fail(err, TEND_ENOMEM, "out of memory");
        if (st == TEND_OK)
            st = tend_export_markdown(set, &mo, &md, err);
        if (st == TEND_OK)
            st = tend_port_write_file(path.data, md.data ? md.data : "", md.len, err);
        if (st != TEND_OK)
            break;
    }
    if (st != TEND_OK) {
        for (size_t i = 0; i < done; i++) {
            tend_buf_reset(&path);
            if (tend_buf_printf(&path, "%s%s%s.md", dir, sep, days[i]) == TEND_OK)
                unlink(path.data);
        }
    } else {
        *nfiles = ndays;
    }
    free(days);
    tend_buf_free(&path);
    tend_buf_free(&md);
    return st;
}

/* Prints to stderr what a set holds ("WHAT: N entries, N check-ins..."). */
static void S_print_summary(const tend_port_summary *s, const char *what)
{
    fprintf(stderr, "%s: %zu entr%s, %zu check-in%s", what, s->entries,
            s->entries == 1 ? "y" : "ies", s->checkins, s->checkins == 1 ? "" : "s");
    if (s->others)
        fprintf(stderr, ", %zu other record%s", s->others, s->others == 1 ? "" : "s");
    if (s->first[0])
        fprintf(stderr, "; from %s to %s", s->first, s->last);
    fputc('\n', stderr);
}

/* export --encrypted: asks for the bundle's passphrase (twice on a
 * terminal) and writes set as a bundle to -o FILE. Returns the exit code. */
static int S_export_encrypted(const tend_globals *g, const export_options *a,
                              const tend_record_set *set)
{
    tend_error err;
    tend_error_clear(&err);
    tend_kdf_level level = TEND_KDF_DEFAULT;
    if (a->kdf && tend_kdf_level_parse(a->kdf, &level, &err) != TEND_OK)
        return tend_report(&err);
    tend_passphrase pass = { NULL, 0 };
    tend_status st = tend_passphrase_read(g, "Passphrase for the bundle: ",
                                          "Same passphrase again: ", &pass, &err);
    if (st == TEND_OK)
        st = tend_port_bundle_write(set, tend_now(), pass.s, pass.len, level, a->output, &err);
    tend_passphrase_free(&pass);
    if (st != TEND_OK)
        return tend_report(&err);
    fprintf(stderr, "wrote %zu record%s to %s, encrypted under the bundle's passphrase\n",
            set->n, set->n == 1 ? "" : "s", a->output);
    return 0;
}

/* Tells on stderr that n damaged records were left out. */
static void S_print_damaged(size_t n)
{
    fprintf(stderr, "tend: %zu damaged record%s left out; run 'tend verify'\n", n,
            n == 1 ? " is" : "s are");
}

/* A plaintext export written straight from the journal (tend_export_journal):
 * what the person is asked before anything is written, and where it goes. */
typedef struct {
    const export_options *a;
    const char *where;
    size_t damaged_told;    /* damaged records already reported */
    tend_port_file *file;   /* -o FILE: made at the first byte */
} plain_export;

/* A tend_export_ready_fn: reports damage and the summary, and asks before
 * plaintext is written (TEND_ECANCEL when the person says no). */
static tend_status S_plain_ready(void *ctx, size_t n, const tend_port_summary *sum,
                                 size_t ndamaged, tend_error *err)
{
    plain_export *p = ctx;
    if (ndamaged)
        S_print_damaged(ndamaged);
    p->damaged_told = ndamaged;
    if (p->a->therapist)
        S_print_summary(sum, "to share");
    if (!p->a->yes) {
        char q[600];
        snprintf(q, sizeof q, "Write %zu record%s to %s as plaintext (NOT encrypted)?", n,
                 n == 1 ? "" : "s", p->where);
        if (!S_confirm(q))
            return tend_fail(err, TEND_ECANCEL, "nothing was written");
    }
    return TEND_OK;
}

/* A tend_port_write_fn: the piece to -o FILE (made at the first piece) or
 * to standard output. TEND_EIO, or the file's status. */
static tend_status S_plain_write(void *ctx, const void *data, size_t len, tend_error *err)
{
    plain_export *p = ctx;
    if (p->a->output) {
        if (!p->file) {
            tend_status st = tend_port_file_begin(p->a->output, &p->file, err);
            if (st != TEND_OK)
                return st;
        }
        return tend_port_file_write(p->file, data, len, err);
    }
    if (fwrite(data, 1, len, stdout) != len)
        return tend_fail(err, TEND_EIO, "could not write to standard output");
    return TEND_OK;
}

/* tend export of plaintext to one file or standard output. */
static int S_export_plain(tend_journal *j, const export_options *a)
{
    tend_error err;
    tend_error_clear(&err);
    plain_export p = { a, a->output ? a->output : "standard output", 0, NULL };
    tend_export_opts o;
    memset(&o, 0, sizeof o);
    o.format = strcmp(a->format, "json") == 0        ? TEND_EXPORT_JSON
               : strcmp(a->format, "jrnl-json") == 0 ? TEND_EXPORT_JRNL
                                                     : TEND_EXPORT_MARKDOWN;
    o.filter = &a->filter;
    o.skip_private = a->therapist;
    o.therapist = a->therapist;
    o.exported = tend_now();
    o.ready = S_plain_ready;
    o.ready_ctx = &p;
    tend_export_report rep;
    tend_status st = tend_export_journal(j, &o, S_plain_write, &p, &rep, &err);
    if (st == TEND_OK && a->output) {
        if (!p.file) /* nothing written at all cannot happen, but be whole */
            st = tend_port_file_begin(a->output, &p.file, &err);
        if (st == TEND_OK) {
            st = tend_port_file_commit(p.file, &err);
            p.file = NULL;
        }
    } else if (st == TEND_OK && fflush(stdout) != 0) {
        st = tend_fail(&err, TEND_EIO, "could not write to standard output");
    }
    tend_port_file_abort(p.file);
    tend_journal_close(j);
    if (rep.ndamaged > p.damaged_told)
        S_print_damaged(rep.ndamaged);
    if (st == TEND_ECANCEL) {
        fputs("tend: nothing was written\n", stderr);
        return 1;
    }
    if (st != TEND_OK)
        return tend_report(&err);
    size_t n = rep.n - rep.skipped;
    fprintf(stderr, "wrote %zu record%s to %s\n", n, n == 1 ? "" : "s", p.where);
    fputs("tend: this export is plaintext and NOT encrypted; keep it somewhere safe and delete "
          "it when you no longer need it\n", stderr);
    return 0;
}

int tend_cmd_export(const tend_globals *g, int argc, char **argv)
{
    export_options a;
    int rc = S_export_args_parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    bool to_dir = a.output && !a.encrypted && S_is_dir_target(a.output);
    if (to_dir && strcmp(a.format, "markdown") != 0)
        return tend_usage_error("export: -o DIR (one file per day) is for --format markdown");
    bool tty = isatty(STDIN_FILENO);
    if (!a.encrypted && !a.yes && !tty) {
        fputs("tend: export writes your journal out as plaintext, which is not encrypted; tend "
              "asks first on a terminal. To go ahead from a script, add --yes.\n", stderr);
        return 2;
    }
    struct stat sb;
    if (a.output && !to_dir && lstat(a.output, &sb) == 0) {
        fprintf(stderr, "tend: %s already exists; tend will not overwrite it; choose a new "
                "name\n", a.output);
        return 1;
    }
    tend_journal *j = tend_cli_journal_open(g, &rc);
    if (!j)
        return rc;
    if (!a.encrypted && !to_dir)
        return S_export_plain(j, &a); /* streamed: never the whole journal in memory */
    tend_error err;
    tend_error_clear(&err);
    tend_record_set set = TEND_RECORD_SET_INIT;
    tend_status st = tend_port_collect(j, &a.filter, a.therapist, &set, &err);
    if (st != TEND_OK) {
        tend_journal_close(j);
        return tend_report(&err);
    }
    if (set.ndamaged)
        S_print_damaged(set.ndamaged);
    tend_journal_close(j);
    if (a.encrypted) {
        rc = S_export_encrypted(g, &a, &set);
        tend_record_set_free(&set);
        return rc;
    }
    tend_port_summary sum;
    tend_port_summarize(&set, &sum);
    const char *where = a.output;
    if (a.therapist)
        S_print_summary(&sum, "to share");
    if (!a.yes) {
        char q[600];
        snprintf(q, sizeof q, "Write %zu record%s to %s as plaintext (NOT encrypted)?", set.n,
                 set.n == 1 ? "" : "s", where);
        if (!S_confirm(q)) {
            tend_record_set_free(&set);
            fputs("tend: nothing was written\n", stderr);
            return 1;
        }
    }
    size_t nfiles = 0;
    st = S_write_days(a.output, &set, a.therapist, tend_now(), &nfiles, &err);
    size_t n = set.n;
    tend_record_set_free(&set);
    if (st != TEND_OK)
        return tend_report(&err);
    fprintf(stderr, "wrote %zu record%s to %zu file%s in %s\n", n, n == 1 ? "" : "s", nfiles,
            nfiles == 1 ? "" : "s", a.output);
    fputs("tend: this export is plaintext and NOT encrypted; keep it somewhere safe and delete "
          "it when you no longer need it\n", stderr);
    return 0;
}

/* ---- import ----------------------------------------------------------------------- */

static void S_print_report(const tend_import_report *r)
{
    printf("imported %zu entr%s, %zu check-in%s", r->entries, r->entries == 1 ? "y" : "ies",
           r->checkins, r->checkins == 1 ? "" : "s");
    if (r->others)
        printf(", %zu other record%s", r->others, r->others == 1 ? "" : "s");
    printf("; skipped %zu duplicate%s", r->duplicates, r->duplicates == 1 ? "" : "s");
    if (r->kept)
        printf("; kept %zu single record%s the journal already had (settings, safety plan, ...)",
               r->kept, r->kept == 1 ? "" : "s");
    putchar('\n');
}

int tend_cmd_import(const tend_globals *g, int argc, char **argv)
{
    static const tend_optspec spec[] = { { "format", true }, { NULL, false } };
    tend_import_format fmt = TEND_IMPORT_AUTO;
    const char *file = NULL;
    tend_optstate os = { 1, 0, NULL, false };
    int r;
    while ((r = tend_opt_next(&os, argc, argv, "import", spec)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR)
            return 2;
        if (r == TEND_OPT_ARG) {
            if (file)
                return tend_usage_error("import: one file at a time");
            file = os.value;
        } else if (!tend_import_format_parse(os.value, &fmt)) {
            return tend_usage_error("import: --format must be tend-json, jrnl-json or "
                                    "tend-encrypted");
        }
    }
    if (!file)
        return tend_usage_error("import: which file? (tend import FILE)");
    tend_error err;
    tend_error_clear(&err);
    tend_buf data = TEND_BUF_INIT;
    tend_record_set set = TEND_RECORD_SET_INIT;
    tend_journal *j = NULL;
    int rc = 1;
    tend_status st = tend_port_read_file(file, TEND_IMPORT_MAX, &data, &err);
    if (st != TEND_OK)
        goto fail;
    const char *bytes = data.data ? data.data : "";
    bool damaged = false;
    if (fmt == TEND_IMPORT_AUTO && tend_import_detect(bytes, data.len, &damaged) ==
                                       TEND_IMPORT_BUNDLE)
        fmt = TEND_IMPORT_BUNDLE;
    if (fmt == TEND_IMPORT_BUNDLE) {
        /* Damage shows before any passphrase is asked for. */
        st = tend_port_bundle_check(bytes, data.len, &err);
        if (st != TEND_OK)
            goto fail;
        if (!(j = tend_cli_journal_open(g, &rc)))
            goto out;
        tend_passphrase pass;
        st = tend_passphrase_read(g, "Passphrase of the bundle: ", NULL, &pass, &err);
        if (st == TEND_OK)
            st = tend_port_bundle_read(bytes, data.len, pass.s, pass.len, &set, &err);
        tend_passphrase_free(&pass);
        if (st != TEND_OK)
            goto fail;
    } else {
        st = tend_import_parse(bytes, data.len, fmt, &set, &err);
        if (st != TEND_OK)
            goto fail;
        if (!(j = tend_cli_journal_open(g, &rc)))
            goto out;
    }
    tend_import_report rep;
    st = tend_import_records(j, &set, &rep, &err);
    if (st != TEND_OK)
        goto fail;
    S_print_report(&rep);
    rc = 0;
    goto out;
fail:
    if (err.code == TEND_EINVAL || err.code == TEND_EDAMAGED || err.code == TEND_EPASS) {
        fprintf(stderr, "tend: %s: %s; nothing was imported\n", file, err.msg);
        rc = tend_exit_code(err.code);
    } else {
        rc = tend_report(&err);
    }
out:
    tend_journal_close(j);
    tend_record_set_free(&set);
    tend_buf_free(&data);
    return rc;
}
