/*
 * script.c — test builds only: the headless script terminal behind
 * TEND_SCRIPT (the script language is in ui.h). The terminal is an xterm
 * on /dev/null at 80x24; keys come from the script's lines; ":snapshot",
 * ":marks" and ":state" write what is on screen (or the frame's state) to
 * $TEND_SNAPSHOT_DIR; ":tick" drives a virtual clock; TEND_KEYTIME times
 * each key to the end of its redraw. It sits beside ui.c the way
 * src/store/fault.c sits beside store.c: release builds leave it out.
 */
#include "ui_int.h"

#ifdef TEND_TEST_BUILD

#include "tend/vec.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

struct ui_script {
    FILE *out, *in;        /* the headless terminal's streams */
    TEND_VEC(char *) lines; /* the script, one line each (owned) */
    size_t line;           /* the next line to do */
    uint32_t *pending;     /* characters still to type from a text line */
    size_t npending, ipending;
    unsigned ticks;        /* idle timeouts still to deliver from :tick */
    int64_t vclock;        /* virtual seconds */
    bool paste_ready;      /* app->paste holds a :paste to deliver */
    const char *snapdir;
    /* TEND_KEYTIME=FILE: microseconds from each key's arrival to the end of
     * the redraw it caused, summarised into FILE when the app ends. */
    const char *keytime;
    TEND_VEC(uint32_t) key_us;
    int64_t key_t0;        /* when the key being timed arrived, or -1 */
};

/* Reads the script at path into sc->lines. TEND_OK, or TEND_EIO /
 * TEND_ENOMEM with *err filled. */
static tend_status S_load(ui_script *sc, const char *path, tend_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tend_fail(err, TEND_EIO, "cannot read the UI script %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    tend_status st = TEND_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        char *copy = tend_strdup(line);
        if (!copy || tend_vec_push(&sc->lines, copy) != TEND_OK) {
            free(copy);
            st = TEND_ENOMEM;
            break;
        }
    }
    free(line);
    if (ferror(f) && st == TEND_OK)
        st = tend_fail(err, TEND_EIO, "error reading the UI script %s", path);
    fclose(f);
    if (st == TEND_ENOMEM)
        tend_fail(err, st, "out of memory reading the UI script");
    return st;
}

/* Contract in ui_int.h. */
tend_status ui_script_start(tend_app *app, const char *path, tend_error *err)
{
    ui_script *sc = calloc(1, sizeof *sc);
    if (!sc)
        return tend_fail(err, TEND_ENOMEM, "out of memory reading the UI script");
    app->script = sc;
    sc->key_t0 = -1;
    sc->keytime = getenv("TEND_KEYTIME");
    if (sc->keytime && !*sc->keytime)
        sc->keytime = NULL;
    sc->snapdir = getenv("TEND_SNAPSHOT_DIR");
    if (!sc->snapdir || !*sc->snapdir)
        sc->snapdir = ".";
    tend_status st = S_load(sc, path, err);
    if (st != TEND_OK)
        return st;
    sc->out = fopen("/dev/null", "w");
    sc->in = fopen("/dev/null", "r");
    if (!sc->out || !sc->in)
        return tend_fail(err, TEND_EIO, "cannot open /dev/null for the headless terminal");
    app->term = newterm("xterm-256color", sc->out, sc->in);
    app->tty = sc->out;
    return TEND_OK;
}

/* Contract in ui_int.h. */
void ui_script_free(tend_app *app)
{
    ui_script *sc = app->script;
    if (!sc)
        return;
    if (sc->out)
        fclose(sc->out);
    if (sc->in)
        fclose(sc->in);
    for (size_t i = 0; i < sc->lines.n; i++)
        free(sc->lines.v[i]);
    tend_vec_free(&sc->lines);
    tend_vec_free(&sc->key_us);
    free(sc->pending);
    free(sc);
    app->script = NULL;
}

/* Contract in ui_int.h. */
int64_t ui_script_clock(const tend_app *app)
{
    return app->script ? app->script->vclock : 0;
}

/* ---- what is on screen ------------------------------------------------- */

/* Opens $TEND_SNAPSHOT_DIR/NAME.screen for writing; NULL (said on stderr)
 * when it cannot. */
static FILE *S_open_snap(const ui_script *sc, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.screen", sc->snapdir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "tend: cannot write snapshot %s\n", path);
    return f;
}

/* Closes a snapshot file, saying on stderr when the write failed. */
static void S_close_snap(FILE *f, const char *name)
{
    if (fclose(f) != 0)
        fprintf(stderr, "tend: error writing snapshot %s\n", name);
}

/* Writes the screen as text, one line per row, trailing spaces cut. */
static void S_snapshot(ui_script *sc, const char *name)
{
    FILE *f = S_open_snap(sc, name);
    if (!f)
        return;
    wchar_t *row = calloc((size_t)COLS + 1, sizeof *row);
    char *out = malloc((size_t)COLS * 4 + 1);
    if (row && out) {
        for (int y = 0; y < LINES; y++) {
            int n = mvwinnwstr(stdscr, y, 0, row, COLS);
            size_t o = 0;
            for (int i = 0; i < n && row[i]; i++)
                o += tend_utf8_encode((uint32_t)row[i], out + o);
            while (o > 0 && out[o - 1] == ' ')
                o--;
            out[o] = '\0';
            fprintf(f, "%s\n", out);
        }
    }
    free(row);
    free(out);
    S_close_snap(f, name);
}

/* Like S_snapshot, but every run of cells drawn in ST_MATCH's attributes
 * (bold and reverse together, which no other style uses) is written
 * between ⟦ and ⟧, so a test can see what a search highlighted. */
static void S_marks(ui_script *sc, const char *name)
{
    FILE *f = S_open_snap(sc, name);
    if (!f)
        return;
    char *out = malloc((size_t)COLS * 10 + 8);
    for (int y = 0; out && y < LINES; y++) {
        size_t o = 0, keep = 0;
        bool in = false;
        for (int x = 0; x < COLS; x++) {
            cchar_t c;
            wchar_t wch[CCHARW_MAX + 1] = { 0 };
            attr_t at = 0;
            short pair = 0;
            if (mvwin_wch(stdscr, y, x, &c) == ERR || getcchar(&c, wch, &at, &pair, NULL) == ERR)
                break;
            bool m = (at & (A_BOLD | A_REVERSE)) == (A_BOLD | A_REVERSE);
            if (m != in) {
                o += tend_utf8_encode(m ? 0x27E6u : 0x27E7u, out + o);
                in = m;
                keep = o;
            }
            uint32_t cp = wch[0] ? (uint32_t)wch[0] : ' ';
            o += tend_utf8_encode(cp, out + o);
            if (cp != ' ')
                keep = o;
            int wd = wcwidth((wchar_t)cp);
            if (wd > 1)
                x += wd - 1;
        }
        if (in) {
            o = keep;
            o += tend_utf8_encode(0x27E7u, out + o);
            keep = o;
        }
        out[keep] = '\0';
        fprintf(f, "%s\n", out);
    }
    free(out);
    S_close_snap(f, name);
}

/* Writes the frame's description of its state to NAME.screen. */
static void S_state(tend_app *app, const char *name)
{
    tend_buf b = TEND_BUF_INIT;
    if (app->hooks.describe)
        app->hooks.describe(app, &b, app->hooks.ctx);
    FILE *f = S_open_snap(app->script, name);
    if (f) {
        if (b.len)
            fwrite(b.data, 1, b.len, f);
        S_close_snap(f, name);
    }
    tend_buf_free(&b);
}

/* ---- keys ---------------------------------------------------------------- */

/* The key a ":key NAME" line names; TK_NONE (said on stderr) when none. */
static tend_key S_named_key(const char *name)
{
    static const struct { const char *name; tend_key_kind kind; uint32_t ch; } names[] = {
        { "Enter", TK_ENTER, 0 }, { "Tab", TK_TAB, 0 }, { "BTab", TK_BTAB, 0 },
        { "Esc", TK_ESC, 0 }, { "Up", TK_UP, 0 }, { "Down", TK_DOWN, 0 },
        { "Left", TK_LEFT, 0 }, { "Right", TK_RIGHT, 0 }, { "Home", TK_HOME, 0 },
        { "End", TK_END, 0 }, { "PgUp", TK_PGUP, 0 }, { "PgDn", TK_PGDN, 0 },
        { "Backspace", TK_BACKSPACE, 0 }, { "Delete", TK_DELETE, 0 },
        { "Space", TK_CHAR, ' ' }, { "C-Left", TK_WORD_LEFT, 0 },
        { "C-Right", TK_WORD_RIGHT, 0 },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return ui_key(names[i].kind, names[i].ch);
    if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]
        && ((name[2] >= 'a' && name[2] <= 'z') || strchr("\\]^_", name[2])))
        return ui_key(TK_CTRL, (uint32_t)name[2]);
    if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12)
        return ui_key(TK_FN, (uint32_t)atoi(name + 1));
    fprintf(stderr, "tend: unknown key name in UI script: %s\n", name);
    return ui_key(TK_NONE, 0);
}

/* Fills app->paste from a ":paste TEXT" or ":pastefile PATH" line, as the
 * terminal would (line ends as "\n"). TEND_OK, or TEND_EIO / TEND_ENOMEM
 * with app->paste emptied. */
static tend_status S_paste(tend_app *app, const char *l)
{
    tend_buf_reset(&app->paste);
    tend_buf raw = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    if (strncmp(l, ":pastefile ", 11) == 0) {
        FILE *f = fopen(l + 11, "rb");
        if (!f)
            return TEND_EIO;
        char chunk[65536];
        size_t n;
        while (st == TEND_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            st = tend_buf_append(&raw, chunk, n);
        if (ferror(f))
            st = TEND_EIO;
        fclose(f);
    } else {
        for (const char *p = l + 7; *p && st == TEND_OK; p++) {
            char c = *p;
            if (c == '\\' && (p[1] == 'n' || p[1] == '\\'))
                c = *++p == 'n' ? '\n' : '\\';
            st = tend_buf_putc(&raw, c);
        }
    }
    for (size_t i = 0; st == TEND_OK && i < raw.len; i++) {
        char c = raw.data[i];
        if (c == '\r') {
            if (i + 1 < raw.len && raw.data[i + 1] == '\n')
                continue;
            c = '\n';
        }
        st = tend_buf_putc(&app->paste, c);
    }
    tend_buf_free(&raw);
    if (st != TEND_OK)
        tend_buf_reset(&app->paste);
    return st;
}

/* Queues the characters of a text line to be typed one by one. False when
 * out of memory. */
static bool S_type(ui_script *sc, const char *l)
{
    size_t len = strlen(l), i = 0;
    free(sc->pending);
    sc->pending = calloc(len + 1, sizeof *sc->pending);
    sc->npending = sc->ipending = 0;
    if (!sc->pending)
        return false;
    while (i < len) {
        uint32_t cp;
        i += tend_utf8_decode(l + i, len - i, &cp);
        sc->pending[sc->npending++] = cp;
    }
    return true;
}

/* Contract in ui_int.h. */
tend_key ui_script_key(tend_app *app)
{
    ui_script *sc = app->script;
    for (;;) {
        if (sc->ticks > 0) {
            sc->ticks--;
            sc->vclock++;
            return ui_key(TK_TIMEOUT, 0);
        }
        if (sc->ipending < sc->npending)
            return ui_key(TK_CHAR, sc->pending[sc->ipending++]);
        if (sc->paste_ready) {
            sc->paste_ready = false;
            return ui_key(TK_PASTE, 0);
        }
        if (sc->line >= sc->lines.n)
            return ui_key(TK_EOF, 0);
        const char *l = sc->lines.v[sc->line++];
        if (l[0] == '#' || l[0] == '\0')
            continue;
        if (strncmp(l, ":snapshot ", 10) == 0) {
            S_snapshot(sc, l + 10);
        } else if (strncmp(l, ":state ", 7) == 0) {
            S_state(app, l + 7);
        } else if (strncmp(l, ":marks ", 7) == 0) {
            S_marks(sc, l + 7);
        } else if (strncmp(l, ":resize ", 8) == 0) {
            int c = 0, r = 0;
            if (sscanf(l + 8, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
                resizeterm(r, c);
                return ui_key(TK_RESIZE, 0);
            }
            fprintf(stderr, "tend: bad :resize line in UI script: %s\n", l);
        } else if (strncmp(l, ":paste ", 7) == 0 || strncmp(l, ":pastefile ", 11) == 0) {
            if (S_paste(app, l) == TEND_OK) {
                sc->paste_ready = true;
                continue;
            }
            fprintf(stderr, "tend: cannot make the paste in UI script: %s\n", l);
        } else if (strncmp(l, ":key ", 5) == 0) {
            return S_named_key(l + 5);
        } else if (strcmp(l, ":keytime-reset") == 0) {
            sc->key_us.n = 0; /* keys so far (unlock, a big paste) do not count */
        } else if (strncmp(l, ":tick", 5) == 0) {
            int n = atoi(l + 5);
            sc->ticks = n > 0 ? (unsigned)n : 1;
        } else {
            if (l[0] == ':' && l[1] == ':')
                l++;
            if (!S_type(sc, l))
                return ui_key(TK_EOF, 0);
        }
    }
}

/* ---- key times (TEND_KEYTIME) --------------------------------------------- */

/* Microseconds on the monotonic clock. */
static int64_t S_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Contract in ui_int.h. */
void ui_keytime_key(tend_app *app, const tend_key *k)
{
    ui_script *sc = app->script;
    if (sc && sc->keytime && k->kind != TK_TIMEOUT && k->kind != TK_EOF && k->kind != TK_RESIZE)
        sc->key_t0 = S_mono_us();
}

/* Contract in ui_int.h. */
void ui_keytime_drawn(tend_app *app)
{
    ui_script *sc = app->script;
    if (!sc || sc->key_t0 < 0)
        return;
    int64_t us = S_mono_us() - sc->key_t0;
    sc->key_t0 = -1;
    /* Out of memory loses a sample; the report says how many were kept. */
    (void)tend_vec_push(&sc->key_us,
                        us < 0 ? 0 : us > UINT32_MAX ? UINT32_MAX : (uint32_t)us);
}

/* qsort order of two uint32_t. */
static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Contract in ui_int.h. */
void ui_keytime_report(tend_app *app)
{
    ui_script *sc = app->script;
    if (!sc || !sc->keytime || sc->key_us.n == 0)
        return;
    qsort(sc->key_us.v, sc->key_us.n, sizeof *sc->key_us.v, S_cmp_u32);
    size_t n = sc->key_us.n;
    FILE *f = fopen(sc->keytime, "w");
    if (!f) {
        fprintf(stderr, "tend: cannot write %s\n", sc->keytime);
        return;
    }
    fprintf(f, "keys %zu median_us %u p99_us %u worst_us %u\n", n, sc->key_us.v[n / 2],
            sc->key_us.v[(n * 99) / 100], sc->key_us.v[n - 1]);
    if (fclose(f) != 0)
        fprintf(stderr, "tend: error writing %s\n", sc->keytime);
}

#else

/* ISO C wants a translation unit to declare something. */
typedef int ui_script_release_build;

#endif
