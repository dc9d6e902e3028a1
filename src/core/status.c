/*
 * status.c — status codes, exit codes and error messages.
 */
#include "tend/core.h"

#include <stdio.h>
#include <string.h>

int tend_exit_code(tend_status st)
{
    switch (st) {
    case TEND_OK: return 0;
    case TEND_EUSAGE: return 2;
    case TEND_EPASS: return 3;
    case TEND_EDAMAGED: return 4;
    default: return 1;
    }
}

const char *tend_status_name(tend_status st)
{
    switch (st) {
    case TEND_OK: return "ok";
    case TEND_ERR: return "error";
    case TEND_EUSAGE: return "usage error";
    case TEND_EPASS: return "wrong passphrase";
    case TEND_EDAMAGED: return "damaged data";
    case TEND_ENOMEM: return "out of memory";
    case TEND_EIO: return "input/output error";
    case TEND_ENOTFOUND: return "not found";
    case TEND_EBUSY: return "busy";
    case TEND_EEXIST: return "already exists";
    case TEND_EINVAL: return "invalid input";
    case TEND_ECANCEL: return "cancelled";
    }
    return "error";
}

tend_status tend_fail(tend_error *err, tend_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        if (n < 0)
            snprintf(err->msg, sizeof err->msg, "%s", tend_status_name(code));
        err->code = code;
    }
    return code;
}

void tend_error_clear(tend_error *err)
{
    if (err) {
        err->code = TEND_OK;
        err->msg[0] = '\0';
    }
}
