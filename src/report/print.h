/* print.h: the referral slip on paper. Sends plain text to a printer through CUPS' `lp`
 * (started directly with an argument list, never through a shell), and builds the slip of a
 * referral that was recorded earlier. No third-party headers; no curses. */
#ifndef INFOKAART_PRINT_H
#define INFOKAART_PRINT_H

#include <stddef.h>

#include "content.h"
#include "store.h"

/* Seconds print_text waits for lp before it stops it and says so. */
#define PRINT_TIMEOUT_SECONDS 30

/* Prints text (UTF-8, newlines) with `lp -t infokaart [-d printer]`, the text on lp's
 * standard input. printer is a CUPS printer name, or "" (or NULL) for the default printer.
 * Returns 0 with msg set to a Dutch sentence such as "Afgedrukt op de standaardprinter
 * (opdracht kantoor-12)."; -1 with msg saying in plain Dutch why not: lp is not installed
 * (PATH holds no lp), lp failed (the first line it wrote), or it did not answer in time.
 * msg is always NUL-terminated (n > 0). */
int print_text(const char *text, const char *printer, char *msg, size_t n);

/* The slip for a recorded referral r, as summary_slip gives it right after the walk: the
 * chosen activity (its name, how to sign up, contact), the follow-up date, the case code and
 * the crisis numbers, from content c. An activity that is no longer in c is named by its id.
 * No note, no name. malloc'd. */
char *print_slip_text(const content *c, const store_referral *r, ik_lang lang);

#endif
