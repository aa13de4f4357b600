/* stats_text.h: the monitoring figures put into words. */
#ifndef INFOKAART_STATS_TEXT_H
#define INFOKAART_STATS_TEXT_H

#include "content.h"
#include "store.h"
#include "util.h"

/* Appends the figures as text: a headline (with "since" when not NULL) and a bar chart per
 * series, `width` columns wide, with names from c (NULL: ids stand in) in lang. */
void report_stats_text(strbuf *b, const content *c, ik_lang lang, const store_statistics *st,
		       const char *since, int width);

#endif
