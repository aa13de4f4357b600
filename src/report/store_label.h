/* store_label.h: names for what the store keeps as ids, for people to read: profile and
 * activity names, the wijk and role option texts, status labels, and series titles. The
 * store itself knows only ids; this joins them to the loaded content. No SQLite here. */
#ifndef INFOKAART_STORE_LABEL_H
#define INFOKAART_STORE_LABEL_H

#include "content.h"
#include "store.h"

/* The name to show for `key` in series `by`: for profiles and activities their names, for
 * wijken and roles the option text (in lang), for statuses store_status_label, months as
 * they are. "" gives "(onbekend)"; a key the content (c may be NULL) does not know is shown
 * as the key itself. The pointer is into c, a static string or key: do not free. */
const char *store_label(const content *c, ik_lang lang, store_by by, const char *key);

/* The text (in lang) of option `key` of the question that carries facet; "(onbekend)" for "",
 * the key itself when the content (c may be NULL) does not know it. */
const char *store_label_option(const content *c, ik_lang lang, ik_facet facet, const char *key);

/* The name to show for count n of series by: the name it came with (a site's), else
 * store_label's. */
const char *store_count_name(const content *c, ik_lang lang, store_by by, const store_count *n);

/* Whether series by belongs in st's figures: the sites only in the network's. */
bool store_by_shown(const store_statistics *st, store_by by);

/* The heading of a series: "Per maand", "Per profiel", … (gettext). */
const char *store_by_title(store_by by);

#endif
