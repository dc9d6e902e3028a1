/*
 * process.c — start-up hardening and locale.
 */
#include "tend/core.h"

#include <langinfo.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

tend_status tend_process_init(tend_error *err)
{
    umask(077);
    struct rlimit rl = { 0, 0 };
    if (setrlimit(RLIMIT_CORE, &rl) != 0)
        return tend_fail(err, TEND_ERR, "could not turn core dumps off; refusing to open the journal");
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return tend_fail(err, TEND_ERR, "could not mark the process undumpable; refusing to open the journal");
    if (sodium_init() < 0)
        return tend_fail(err, TEND_ERR, "the cryptography library (libsodium) failed to start");
    return TEND_OK;
}

/* True when the current LC_CTYPE's codeset is UTF-8. */
static bool S_codeset_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool tend_locale_init(void)
{
    if (setlocale(LC_CTYPE, "") && S_codeset_is_utf8())
        return true;
    static const char *const fallbacks[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
        if (setlocale(LC_CTYPE, fallbacks[i]) && S_codeset_is_utf8())
            return true;
    return false;
}
