/*
 * ui_int.h — shared between the files of src/ui only: the bottom bar and the
 * help overlay, both generated from the keymap table (keymap.c) and drawn
 * by the main loop (ui.c).
 */
#ifndef TEND_UI_INT_H
#define TEND_UI_INT_H

#include "tend/ui.h"

/* Draws the bottom bar on row y, cols wide: the global actions' keys and
 * labels, shortened and then thinned (least needed first) to fit. */
void tend_ui_bar_draw(tend_app *app, int y, int cols);

/* Draws the help overlay for screen s into rows 0 .. rows-1: this screen's
 * keys, then the keys that work everywhere. *scroll is clamped to what can
 * scroll. */
void tend_ui_help_draw(tend_app *app, const tend_screen *s, int rows, int cols, int *scroll);

#endif
