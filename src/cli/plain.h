/* plain.h: the line front end (`infokaart --plain`): the same walk-through as numbered
 * prompts on plain text streams, for screen readers, braille displays and scripts. End of
 * input before the record step records nothing. */
#ifndef INFOKAART_PLAIN_H
#define INFOKAART_PLAIN_H

#include <stdio.h>

#include "app.h"

/* Runs one walk-through. Returns 0 when a referral was recorded or the walk ended with
 * information only, 1 when input ended or the user quit before anything was recorded
 * (also after a failed database write that the user did not retry). */
int plain_run(app *a, FILE *in, FILE *out);

#endif
