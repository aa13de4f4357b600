/* stats_text.c: the monitoring figures as text with bar charts, as `infokaart stats` prints
 * them and the figures screen (F7) shows them. */
#include "stats_text.h"

#include <stdlib.h>

#include "chart.h"
#include "i18n.h"
#include "store_label.h"
#include "text.h"

static int percent(int64_t part, int64_t whole)
{
	return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

void report_stats_text(strbuf *b, const content *c, ik_lang lang, const store_statistics *st, const char *since,
		       int width)
{
	if (since)
		sb_printf(b, _("Verwijzingen sinds %s: %lld"), since, (long long)st->total);
	else
		sb_printf(b, _("Verwijzingen: %lld"), (long long)st->total);
	sb_printf(b, _(", waarvan %lld gestart (%d%%) en %lld nog open.\n"), (long long)st->started,
		  percent(st->started, st->total), (long long)st->open);
	for (int by = 0; by < STORE_BY_N; by++) {
		const store_counts *n = &st->by[by];
		if (!store_by_shown(st, by))
			continue;
		chart_item *items = xcalloc((size_t)n->n + 1, sizeof *items);
		for (int i = 0; i < n->n; i++)
			items[i] = (chart_item){store_count_name(c, lang, by, &n->v[i]), n->v[i].count};
		int nlines;
		char **lines = chart_bars(items, n->n, width, &nlines);
		sb_printf(b, "\n%s\n", store_by_title(by));
		for (int i = 0; i < nlines; i++)
			sb_printf(b, "%s\n", lines[i]);
		text_lines_free(lines, nlines);
		free(items);
	}
}

