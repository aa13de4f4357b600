/* tui.h: the ncurses front end. */
#ifndef INFOKAART_TUI_H
#define INFOKAART_TUI_H

#include "app.h"

/* Runs the screens until the user quits. Returns the exit code: 0 normally, 2 when there is
 * no usable terminal (the message says to use --plain). The terminal is always restored. */
int tui_run(app *a);

#endif
