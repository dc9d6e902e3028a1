/*
 * session.c — the frame: what the open program shares (journal, content,
 * settings), the hooks the ui calls (global keys, locking, auto-lock, the
 * journal's generation that tells screens to load again), and the table of
 * screens by name, so that parts built later plug in with one line here.
 */
#include "frame_int.h"

#include "tend/date.h"
#include "tend/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WRONG_TRIES_BEFORE_PAUSE 5
#define PAUSE_SECONDS 30
#define AUTOLOCK_DEFAULT_MIN 5

/* ---- screens by name ---------------------------------------------------------
 * make NULL = not built yet: the placeholder says so. To plug a screen in,
 * put its constructor here. */
static const struct {
    const char *name;
    const char *title;
    tend_screen *(*make)(tend_session *s);
} S_screens[] = {
    { "home", "Home", tend_screen_home },
    { "checkin", "Check in", tend_screen_checkin },
    { "write", "Write", tend_screen_write },
    { "read", "Library", tend_screen_library },
    { "history", "History", tend_screen_history },
    { "insights", "Insights", tend_screen_insights },
    { "tools", "Tools", tend_screen_tools },
    { "support", "Support", tend_screen_support },
    { "settings", "Settings", tend_screen_settings },
};
#define N_SCREENS (sizeof S_screens / sizeof S_screens[0])

/* Contract in screens.h. */
bool tend_screen_name_known(const char *name)
{
    for (size_t i = 0; i < N_SCREENS; i++)
        if (strcmp(S_screens[i].name, name) == 0)
            return true;
    return false;
}

/* Contract in screens.h. */
tend_screen *tend_screen_by_name(tend_session *s, const char *name)
{
    for (size_t i = 0; i < N_SCREENS; i++) {
        if (strcmp(S_screens[i].name, name) != 0)
            continue;
        if (S_screens[i].make)
            return S_screens[i].make(s);
        return tend_screen_placeholder(s, S_screens[i].title);
    }
    return NULL;
}

/* ---- life of a session ------------------------------------------------------- */

/* Contract in screens.h. */
tend_session *tend_session_new(const char *journal_path, const char *content_dir,
                               bool no_color, tend_error *err)
{
    tend_session *s = calloc(1, sizeof *s);
    if (!s) {
        tend_fail(err, TEND_ENOMEM, "out of memory starting tend");
        return NULL;
    }
    s->autolock_min = AUTOLOCK_DEFAULT_MIN;
    s->no_color_forced = no_color;
    s->color = !no_color;
    if (journal_path) {
        s->journal_path = tend_strdup(journal_path);
    } else {
        s->journal_path = tend_journal_default_path(err);
    }
    if (!s->journal_path) {
        if (journal_path)
            tend_fail(err, TEND_ENOMEM, "out of memory starting tend");
        free(s);
        return NULL;
    }
    tend_error cerr;
    tend_error_clear(&cerr);
    tend_status st = tend_content_load_default(content_dir, &s->content, &cerr);
    if (st == TEND_ENOMEM) {
        tend_session_free(s);
        tend_fail(err, TEND_ENOMEM, "out of memory loading the built-in pages");
        return NULL;
    }
    if (st != TEND_OK && err)
        *err = cerr;
    return s;
}

/* Contract in screens.h. */
void tend_session_free(tend_session *s)
{
    if (!s)
        return;
    if (s->journal)
        tend_journal_close(s->journal);
    s->journal = NULL;
    tend_content_free(s->content);
    free(s->journal_path);
    free(s);
}

/* Contract in screens.h. */
bool tend_session_has_journal(const tend_session *s)
{
    struct stat sb;
    return stat(s->journal_path, &sb) == 0;
}

#ifdef TEND_TEST_BUILD
static void S_describe(tend_app *app, tend_buf *out, void *ctx);
/* Test builds: TEND_TEST_STATE=FILE gets the state after every lock and
 * unlock, so a tmux test can see that the journal is locked. */
static void S_write_state(tend_session *s)
{
    const char *path = getenv("TEND_TEST_STATE");
    if (!path || !*path || !s->app)
        return;
    tend_buf b = TEND_BUF_INIT;
    S_describe(s->app, &b, s);
    FILE *f = fopen(path, "w");
    if (f) {
        if (b.len)
            fwrite(b.data, 1, b.len, f);
        fclose(f);
    }
    tend_buf_free(&b);
}
#else
#define S_write_state(s) ((void)(s))
#endif

/* Closes the journal (wiping keys). Its writes are added to the
 * generation base, plus one, so the generation never comes back to a value
 * a screen saw with another journal handle (or none). */
static void S_close_journal(tend_session *s)
{
    s->generation_base += tend_journal_changes(s->journal) + 1;
    if (s->journal)
        tend_journal_close(s->journal);
    s->journal = NULL;
}

/* ---- hooks the ui calls ------------------------------------------------------- */

/* The ui's global hook: opens Support or Tools (unless on top already). */
static void S_global(tend_app *app, tend_action a, void *ctx)
{
    tend_session *s = ctx;
    const char *name = a == TA_SUPPORT ? "support" : a == TA_TOOLS ? "tools" : NULL;
    if (!name)
        return;
    tend_screen *top = tend_app_top(app);
    if (top && strcmp(top->ops->name, name) == 0)
        return;
    tend_app_push(app, tend_screen_by_name(s, name));
}

/* The ui's lock hook: closes the journal; unless leaving, the neutral
 * screen. */
static void S_lock(tend_app *app, bool leaving, void *ctx)
{
    tend_session *s = ctx;
    S_close_journal(s);
    tend_app_set_autolock(app, 0);
    if (!leaving)
        tend_app_push(app, tend_screen_neutral(s));
    S_write_state(s);
}

/* The ui's generation hook: changes with every write, lock and unlock. */
static uint64_t S_generation(void *ctx)
{
    const tend_session *s = ctx;
    return s->generation_base + tend_journal_changes(s->journal);
}

#ifdef TEND_TEST_BUILD
/* The ui's read-count hook (test builds): the journal's reads so far. */
static uint64_t S_reads(void *ctx)
{
    (void)ctx;
    return tend_journal_test_reads();
}
#endif

/* The ui's describe hook (":state", test builds): journal, top screen,
 * settings, and whether closing wiped the keys. */
static void S_describe(tend_app *app, tend_buf *out, void *ctx)
{
    tend_session *s = ctx;
    tend_screen *top = tend_app_top(app);
    tend_buf_printf(out, "journal: %s\n", s->journal ? "unlocked" : "locked");
    tend_buf_printf(out, "top screen: %s\n", top ? top->ops->name : "(none)");
    tend_buf_printf(out, "region: %s\n", s->region[0] ? s->region : "(none)");
    tend_buf_printf(out, "auto-lock minutes: %d\n", s->autolock_min);
    tend_buf_printf(out, "colour: %s\n", tend_app_color(app) ? "on" : "off");
#ifdef TEND_TEST_BUILD
    /* Once a journal was closed: did closing leave its keys all zero, and
     * is any journal still open anywhere in the process? */
    int wiped = tend_journal_test_last_close_wiped();
    if (!s->journal && wiped >= 0) {
        tend_buf_printf(out, "keys wiped at close: %s\n", wiped ? "yes" : "no");
        tend_buf_printf(out, "journals open: %d\n", tend_journal_test_open_count());
    }
#endif
}

/* Contract in screens.h. */
void tend_session_attach(tend_session *s, tend_app *app, const char *start)
{
    s->app = app;
    snprintf(s->start, sizeof s->start, "%s", start ? start : "");
    tend_app_hooks h = { s, S_global, S_lock, S_describe, S_generation, NULL };
#ifdef TEND_TEST_BUILD
    h.reads = S_reads;
#endif
    tend_app_set_hooks(app, &h);
    tend_session_apply(s);
    tend_app_set_autolock(app, 0);
    if (tend_session_has_journal(s))
        tend_app_push(app, tend_screen_unlock(s));
    else
        tend_app_push(app, tend_screen_setup(s));
}

/* Contract in screens.h. */
void tend_session_apply(tend_session *s)
{
    if (!s->app)
        return;
    tend_app_set_color(s->app, s->color && !s->no_color_forced);
    if (s->journal)
        tend_app_set_autolock(s->app, (int64_t)s->autolock_min * 60);
}

/* ---- settings ------------------------------------------------------------------- */

/* Reads the stored settings over the session's (a missing or bad value
 * keeps the session's; nothing stored keeps them all). */
static void S_load_settings(tend_session *s)
{
    _Static_assert(sizeof s->region == TEND_SETTINGS_REGION_MAX + 1, "region sizes differ");
    tend_settings st;
    tend_settings_init(&st);
    memcpy(st.region, s->region, sizeof st.region);
    st.autolock_min = s->autolock_min;
    st.color = s->color;
    if (tend_settings_load(s->journal, &st, NULL) != TEND_OK)
        return;
    memcpy(s->region, st.region, sizeof s->region);
    s->autolock_min = st.autolock_min;
    s->color = st.color;
}

tend_status tend_session_save_settings(tend_session *s, tend_error *err)
{
    if (!s->journal)
        return tend_fail(err, TEND_ERR, "the journal is locked; unlock it to change settings");
    tend_settings st;
    tend_settings_init(&st);
    snprintf(st.region, sizeof st.region, "%s", s->region);
    st.autolock_min = s->autolock_min;
    st.color = s->color;
    return tend_settings_store(s->journal, &st, err);
}

/* ---- unlock and create -------------------------------------------------------- */

/* After an unlock or set-up: the tries forgotten, the settings read and
 * applied, the state written. */
static void S_unlocked(tend_session *s)
{
    s->wrong_tries = 0;
    s->pause_until = 0;
    S_load_settings(s);
    tend_session_apply(s);
    S_write_state(s);
}

/* Contract in screens.h. */
tend_status tend_session_unlock(tend_session *s, const char *pass, size_t len, tend_error *err)
{
    S_close_journal(s);
    tend_status st = tend_journal_open(s->journal_path, pass, len, &s->journal, err);
    if (st == TEND_EPASS) {
        s->journal = NULL;
        if (++s->wrong_tries >= WRONG_TRIES_BEFORE_PAUSE) {
            s->wrong_tries = 0;
            s->pause_until = tend_app_now(s->app) + PAUSE_SECONDS;
        }
        return st;
    }
    if (st != TEND_OK) {
        s->journal = NULL;
        return st;
    }
    S_unlocked(s);
    return TEND_OK;
}

/* Contract in screens.h. */
tend_status tend_session_create(tend_session *s, const char *pass, size_t len, int kdf,
                                tend_error *err)
{
    S_close_journal(s);
    tend_status st = tend_journal_create(s->journal_path, pass, len, (tend_journal_kdf)kdf,
                                         &s->journal, err);
    if (st != TEND_OK) {
        s->journal = NULL;
        return st;
    }
    tend_error serr;
    char region[sizeof s->region];
    memcpy(region, s->region, sizeof region);
    S_unlocked(s);
    /* The choices made during set-up win over the (empty) stored ones. */
    memcpy(s->region, region, sizeof region);
    tend_session_save_settings(s, &serr); /* not fatal: defaults apply */
    return TEND_OK;
}

/* Contract in screens.h. */
void tend_session_home(tend_session *s)
{
    tend_app_replace(s->app, tend_screen_home(s));
    if (s->start[0] && strcmp(s->start, "home") != 0)
        tend_app_push(s->app, tend_screen_by_name(s, s->start));
    if (strcmp(s->start, "read") == 0 && s->start_page[0])
        tend_app_push(s->app, tend_screen_reader(s, s->start_page));
    s->start[0] = '\0';
    s->start_page[0] = '\0';
}
