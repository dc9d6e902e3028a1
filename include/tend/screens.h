/*
 * screens.h — the session, and the constructors of the screens in
 * src/screens/ (one file each; src/screens/frame_int.h says how a screen is
 * made). Each returns a new screen owned by the caller (normally handed
 * straight to tend_app_push), or NULL when out of memory.
 */
#ifndef TEND_SCREENS_H
#define TEND_SCREENS_H

#include "tend/ui.h"

/* ---- the session (src/screens/session.c) ----------------------------------
 * What every screen of the open program shares: the journal (NULL while
 * locked), the content, and the settings. It owns the journal and the
 * content; screens borrow them and must not keep pointers into journal
 * data past their own destroy. Locking (quick-hide, auto-lock, leaving)
 * destroys every screen first, then closes the journal. */
struct tend_content;
struct tend_journal;

typedef struct tend_session {
    char *journal_path;            /* owned */
    struct tend_content *content;  /* owned; NULL when it could not load */
    struct tend_journal *journal;  /* owned; NULL while locked */
    tend_app *app;                 /* borrowed, set by tend_session_attach */
    uint64_t generation_base;      /* writes of the journals closed so far, plus
                                    * one a close: with the open journal's writes,
                                    * the ui's generation (tend_app_hooks) */
    /* Settings: read from the encrypted settings record at unlock. They stay
     * in memory while locked (they are not journal text). */
    char region[32];               /* support-line region id; "" = not chosen */
    int autolock_min;              /* 0 = never; default 5 */
    bool color;                    /* colours on (NO_COLOR/--no-color win) */
    bool no_color_forced;          /* --no-color or NO_COLOR */
    /* Unlock: wrong tries in a row, and when a pause after five ends (ui
     * clock). Nothing is ever deleted for wrong tries. */
    int wrong_tries;
    int64_t pause_until;
    char start[16];                /* screen to open after unlock ("" = home) */
    char start_page[128];          /* with start "read": the page to open on top
                                    * of the Library ("" = the Library only) */
} tend_session;

/* A new session for the journal at journal_path (copied; NULL = the
 * default path) with content from content_dir (NULL = built in plus the
 * user folder). A content problem is not fatal: it is reported in *err
 * with TEND_EINVAL and the session still comes back. NULL only when out of
 * memory or no journal path can be found (*err says). Free with
 * tend_session_free. */
tend_session *tend_session_new(const char *journal_path, const char *content_dir,
                               bool no_color, tend_error *err);
/* Closes the journal (wiping keys) and frees the session. NULL allowed. */
void tend_session_free(tend_session *s);

/* Hooks the session into app (global keys, locking, auto-lock) and pushes
 * the first screen: set-up when there is no journal yet, else unlock.
 * start names the screen to open after unlock (NULL = home). */
void tend_session_attach(tend_session *s, tend_app *app, const char *start);

/* True when a journal file exists at the session's path. */
bool tend_session_has_journal(const tend_session *s);

/* Unlocks: opens the journal with the passphrase, reads the settings and
 * starts auto-lock. On a wrong passphrase counts the try (five in a row
 * start a 30-second pause); nothing is deleted. Statuses as
 * tend_journal_open. */
tend_status tend_session_unlock(tend_session *s, const char *pass, size_t len, tend_error *err);

/* Creates the journal (first run) with kdf (a tend_journal_kdf), keeps it
 * open, and saves the settings (region). TEND_EEXIST when one exists. */
tend_status tend_session_create(tend_session *s, const char *pass, size_t len, int kdf,
                                tend_error *err);

/* Writes the settings record (region, auto-lock minutes, colours). */
tend_status tend_session_save_settings(tend_session *s, tend_error *err);

/* Applies settings to the app (auto-lock, colours). */
void tend_session_apply(tend_session *s);

/* After a successful unlock or set-up: replaces the top screen with Home
 * (and opens the start screen over it once). */
void tend_session_home(tend_session *s);

/* Names of the screens that can be opened by name ("home", "checkin",
 * "write", "read", "history", "insights", "tools", "support", "settings"). */
bool tend_screen_name_known(const char *name);

/* A new screen by name; a screen that is not built yet gives the calm
 * placeholder. NULL when out of memory or the name is unknown. */
tend_screen *tend_screen_by_name(tend_session *s, const char *name);

/* ---- the frame's screens ----------------------------------------------------- */

/* Home: today at a glance, recent entries, and the menu. */
tend_screen *tend_screen_home(tend_session *s);
/* First-run set-up. */
tend_screen *tend_screen_setup(tend_session *s);
/* Asks for the passphrase. */
tend_screen *tend_screen_unlock(tend_session *s);
/* The neutral screen shown after quick-hide; any key goes to unlock. */
tend_screen *tend_screen_neutral(tend_session *s);
/* "Not built yet": title names the part. */
tend_screen *tend_screen_placeholder(tend_session *s, const char *title);
/* Support lines of the region, the person's own people, the safety plan. */
tend_screen *tend_screen_support(tend_session *s);
/* Grounding and breathing exercises. */
tend_screen *tend_screen_tools(tend_session *s);
/* Settings: region, auto-lock, colours, passphrase. */
tend_screen *tend_screen_settings(tend_session *s);

/* ---- the library (src/screens/library.c, reader.c) ------------------------ */

/* The library: pages by section, with summaries and read marks. */
tend_screen *tend_screen_library(tend_session *s);
/* The reader at the page whose file name is page ("attachment.md" or
 * "attachment"), where the person left it. NULL when out of memory or no
 * loaded page has that name. */
tend_screen *tend_screen_reader(tend_session *s, const char *page);

/* ---- writing (src/screens/write.c, write_menu.c, prompts.c, entries.c) -------- */

/* The Write menu: continue the unfinished entry (when there is one), a new
 * entry, today's prompt, the prompt for the last check-in, the prompt list,
 * a timed session, the entries. */
tend_screen *tend_screen_write(tend_session *s);
/* The editor for a new entry with prompt (copied; NULL = none) shown above
 * the text, e.g. after a check-in. NULL when out of memory or locked. */
tend_screen *tend_screen_write_prompt(tend_session *s, const char *prompt);
/* Every prompt, by theme; choosing one opens the editor with it. */
tend_screen *tend_screen_prompts(tend_session *s);
/* The entries, newest first; Enter opens one (tend_screen_record). */
tend_screen *tend_screen_entries(tend_session *s);
/* The editor holding the entry uuid (its 16 bytes, copied), to change it:
 * saving keeps the created time and sets the changed time. NULL when out
 * of memory, locked, or the entry cannot be read. */
tend_screen *tend_screen_entry_edit(tend_session *s, const unsigned char uuid[16]);

/* ---- looking back (src/screens/history*.c, record_view.c, insights.c) --------- */

/* History: entries and check-ins newest first, grouped by day, with a
 * month calendar, filters (kind, tag, trigger, dates), search over all
 * text (/), open, edit and delete. Only heads are decrypted until a record
 * is opened or searched. */
tend_screen *tend_screen_history(tend_session *s);
/* One record (uuid: its 16 bytes, copied), scrolling. An entry: its title,
 * date, tags, prompt and text; e edits it (the created time is kept, the
 * changed time set). A check-in, read-only: its answers by the labels of
 * its definition when known, else by item id, then its note. d deletes
 * either after a confirmation and goes back. */
tend_screen *tend_screen_record(tend_session *s, const unsigned char uuid[16]);
/* Insights: per check-in item a sparkline over 14, 30 or 90 days, trigger
 * counts, with/without comparisons, a year heatmap of distress. */
tend_screen *tend_screen_insights(tend_session *s);

/* ---- check-ins and the safety plan (src/screens/checkin.c, safety.c) ------------ */

/* The check-in: says how many sections and what time it asks about, then
 * one section at a time; offers to go on with a half-done one. On save, a
 * safety item above zero replaces it with tend_screen_safety; otherwise one
 * reflection prompt with Write and Not now. NULL when out of memory. */
tend_screen *tend_screen_checkin(tend_session *s);
/* The calm answer to a safety item above zero: a short message, the
 * region's support lines and the person's safety plan; Esc goes back. */
tend_screen *tend_screen_safety(tend_session *s);
/* The safety plan, seven parts, each a list the person writes and can
 * change at any time (stored encrypted as the safety-plan record). */
tend_screen *tend_screen_safety_plan(tend_session *s);

#endif
