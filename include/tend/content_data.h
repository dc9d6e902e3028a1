/*
 * content_data.h — the content/ folder as compiled into the binary.
 *
 * The table is generated at build time (build/gen/content_data.c) from every
 * content/ **.md file except content/README.md. Paths are relative to content/,
 * e.g. "pages/start-here.md". Data is NUL-terminated; len excludes the NUL.
 * The table ends with an all-zero sentinel and is owned by the program.
 */
#ifndef TEND_CONTENT_DATA_H
#define TEND_CONTENT_DATA_H

#include <stddef.h>

typedef struct {
    const char *path;
    const char *data;
    size_t len;
} tend_embedded_file;

extern const tend_embedded_file tend_embedded_files[];
extern const size_t tend_embedded_count;

#endif
