/*
 * safety_int.h — shared by the safety screens (not public): the safety plan
 * in memory, read from and written to its record (safety.c), used by the
 * plan screen (safety_plan.c) and the safety answer (safety.c).
 *
 * The plan follows the Stanley-Brown structure, in tend's own words: seven
 * parts, each a short list the person writes. It is stored encrypted as the
 * safety-plan record (a singleton) by src/kinds/safety_plan.c.
 */
#ifndef TEND_SAFETY_INT_H
#define TEND_SAFETY_INT_H

#include "frame_int.h"

#define PLAN_PARTS 7
#define PLAN_LINE_MAX 300

/* The plan in memory: plaintext lines per part, wiped on free. A zeroed
 * struct is an empty plan. */
typedef struct {
    char **lines[PLAN_PARTS];
    size_t n[PLAN_PARTS];
} safety_plan;

/* Part i's title and its one-line help (static text; i < PLAN_PARTS). */
const char *safety_part_title(int i);
const char *safety_part_help(int i);

/* Wipes and frees every line; p is an empty plan after. */
void safety_plan_free(safety_plan *p);

/* The lines of the whole plan. */
size_t safety_plan_count(const safety_plan *p);

/* Inserts a copy of text as line at of part i. False when out of memory. */
bool safety_plan_insert(safety_plan *p, int i, size_t at, const char *text);

/* Removes (wiping) line at of part i. */
void safety_plan_remove(safety_plan *p, int i, size_t at);

/* Reads the stored plan into p (emptied first; nothing when locked or none
 * is stored), through the safety-plan module (tend/safety_plan.h): fields
 * of parts this build does not know stay in the stored record, which a
 * save writes on top of. */
void safety_plan_load(tend_session *s, safety_plan *p);

/* Writes p (only read) as the safety-plan record. The module's or the
 * journal's status; TEND_ERR when locked. */
tend_status safety_plan_save(tend_session *s, const safety_plan *p);

#endif
