/*
 * commands.c — the table of commands. `tend --help` is generated from it, so
 * a command appears there only once it is built and added here.
 */
#include "tend/cli.h"

int tend_cmd_content_check(const tend_globals *g, int argc, char **argv); /* cmd_content.c */

/* cmd_journal.c */
int tend_cmd_init(const tend_globals *g, int argc, char **argv);
int tend_cmd_add(const tend_globals *g, int argc, char **argv);
int tend_cmd_list(const tend_globals *g, int argc, char **argv);
int tend_cmd_show(const tend_globals *g, int argc, char **argv);
int tend_cmd_passwd(const tend_globals *g, int argc, char **argv);
int tend_cmd_rekey(const tend_globals *g, int argc, char **argv);
int tend_cmd_verify(const tend_globals *g, int argc, char **argv);
int tend_cmd_backup(const tend_globals *g, int argc, char **argv);

/* open.c */
int tend_cmd_checkin(const tend_globals *g, int argc, char **argv);
int tend_cmd_write(const tend_globals *g, int argc, char **argv);
int tend_cmd_read(const tend_globals *g, int argc, char **argv);
int tend_cmd_tools(const tend_globals *g, int argc, char **argv);
int tend_cmd_support(const tend_globals *g, int argc, char **argv);

/* cmd_looking.c */
int tend_cmd_history(const tend_globals *g, int argc, char **argv);
int tend_cmd_insights(const tend_globals *g, int argc, char **argv);

/* cmd_port.c */
int tend_cmd_export(const tend_globals *g, int argc, char **argv);
int tend_cmd_import(const tend_globals *g, int argc, char **argv);

const tend_command tend_commands[] = {
    { "init", "[--kdf interactive|moderate|sensitive]", "create a new, encrypted journal", tend_cmd_init },
    { "add", "[--title T] [--tag T]...", "add an entry; its text comes from standard input", tend_cmd_add },
    { "list", "[--since D] [--until D] [--tag T] [--kind K] [--search TEXT] [--format text|json]", "list entries and check-ins, newest first", tend_cmd_list },
    { "show", "ID", "print one record", tend_cmd_show },
    { "export", "[--format json|markdown|jrnl-json] [-o|--output FILE|DIR] [--since D] [--until D] [--kind K] [--for-therapist] [--yes|--plaintext-ok] [--encrypted [--kdf K]]", "write records out (plaintext asks first)", tend_cmd_export },
    { "import", "[--format tend-json|jrnl-json|tend-encrypted] FILE", "add records from an export or from jrnl, all or nothing", tend_cmd_import },
    { "passwd", "", "change the passphrase", tend_cmd_passwd },
    { "rekey", "", "seal every record again under a new key", tend_cmd_rekey },
    { "verify", "", "check every record; name any that are damaged", tend_cmd_verify },
    { "backup", "FILE", "write an encrypted copy of the journal to FILE", tend_cmd_backup },
    { "content-check", "[DIR]", "check content: DIR, else ./content, else built-in", tend_cmd_content_check },
    { "checkin", "", "open straight into a check-in", tend_cmd_checkin },
    { "write", "", "open straight into writing: a new entry, prompts, your entries", tend_cmd_write },
    { "read", "[PAGE]", "open the Library, or PAGE where you left it", tend_cmd_read },
    { "tools", "", "open at the grounding and breathing exercises", tend_cmd_tools },
    { "support", "", "open at the support lines and your own people", tend_cmd_support },
    { "history", "", "open at your entries and check-ins by day, with search", tend_cmd_history },
    { "insights", "", "open at your check-in answers over time", tend_cmd_insights },
    { NULL, NULL, NULL, NULL }
};
