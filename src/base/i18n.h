/* i18n.h: user-interface strings go through gettext; the source language is Dutch.
 * Content carries its own Dutch and English text (see content.h). */
#ifndef INFOKAART_I18N_H
#define INFOKAART_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s /* bare: it also initialises char arrays (static const char what[] = N_("…")) */

#endif
