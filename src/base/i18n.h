/* i18n.h: user-interface strings go through gettext; the source language is Dutch.
 * Content carries its own Dutch and English text (see content.h). */
#ifndef INFOKAART_I18N_H
#define INFOKAART_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) s /* bare: it also initialises char arrays (static const char what[] = N_("…")) */

/* The messages from now on in English (or Dutch, the source). gettext reads LANGUAGE only
 * outside the C locale, so under C or C.UTF-8 English needs an English locale for
 * LC_MESSAGES: en_US.UTF-8 when it is installed; without it the messages stay Dutch. */
void i18n_set_english(bool english);
/* v names the C (or POSIX) locale, where gettext translates nothing: "C", "C.UTF-8", "POSIX". */
bool i18n_c_locale(const char *v);

#endif
