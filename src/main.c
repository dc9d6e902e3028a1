/*
 * main.c — start-up: harden the process, set a UTF-8 locale, then hand the
 * command line to src/cli.
 */
#include "tend/cli.h"
#include "tend/core.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    tend_error err;
    tend_error_clear(&err);
    if (tend_process_init(&err) != TEND_OK)
        return tend_report(&err);
    if (!tend_locale_init())
        fputs("tend: no UTF-8 locale found; some characters may not show correctly\n", stderr);
    return tend_cli_main(argc, argv);
}
