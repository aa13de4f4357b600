/* chart.c: horizontal bar charts as text (see chart.h). Integer arithmetic in eighths of a
 * column, so a bar's length is exact and the same on every run; no floating point. */
#include "chart.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

/* Index k: a bar k eighths of a column wide (U+258F … U+2589); [8] is the full block. */
static const char *const eighths[9] = {"",    "\u258f", "\u258e", "\u258d", "\u258c",
				       "\u258b", "\u258a", "\u2589", "\u2588"};
static const char ellipsis[] = "\u2026";

typedef struct {
	int label, bar, count; /* column widths */
	int64_t max;           /* the largest count */
} layout;

static int digits(int64_t v)
{
	int d = 1;
	for (; v >= 10; v /= 10)
		d++;
	return d;
}

static layout lay_out(const chart_item *items, int n, char **labels, int width)
{
	layout l = {0, 0, 1, 0};
	int widest = 1;
	for (int i = 0; i < n; i++) {
		int64_t c = items[i].count > 0 ? items[i].count : 0;
		l.max = c > l.max ? c : l.max;
		int w = text_width(labels[i]);
		widest = w > widest ? w : widest;
	}
	l.count = digits(l.max);
	l.label = widest < width * 2 / 5 ? widest : width * 2 / 5;
	l.bar = width - l.label - l.count - 2;
	if (l.bar < 1) { /* only for counts with more digits than the chart is wide */
		l.label += l.bar - 1;
		l.label = l.label < 1 ? 1 : l.label;
		l.bar = 1;
	}
	return l;
}

/* The bar's length in eighths of a column: count / max of the bar column, rounded to the
 * nearest eighth (halves up), and never less than one eighth for a count above zero. */
static int64_t bar_eighths(int64_t count, const layout *l)
{
	if (count <= 0 || l->max <= 0)
		return 0;
	int64_t full = (int64_t)l->bar * 8, e;
	if (l->max <= INT64_MAX / (2 * full))
		e = (2 * count * full + l->max) / (2 * l->max);
	else /* only counts near 2^63 get here */
		e = (int64_t)((long double)count * (long double)full / (long double)l->max + 0.5L);
	return e > 0 ? e : 1;
}

static void pad(strbuf *b, int n)
{
	for (int i = 0; i < n; i++)
		sb_appendc(b, ' ');
}

static char *line(const char *label, int64_t count, const layout *l)
{
	strbuf b = {0};
	int w = text_width(label);
	if (w <= l->label) {
		sb_append(&b, label);
		pad(&b, l->label - w);
	} else {
		size_t fit = text_fit(label, l->label - 1);
		sb_appendn(&b, label, fit);
		sb_append(&b, ellipsis);
		pad(&b, l->label - text_width(b.s)); /* a wide character may leave a gap */
	}
	sb_appendc(&b, ' ');
	int64_t e = bar_eighths(count, l);
	int cells = (int)(e / 8) + (e % 8 != 0);
	for (int64_t i = 0; i < e / 8; i++)
		sb_append(&b, eighths[8]);
	sb_append(&b, eighths[e % 8]);
	pad(&b, l->bar - cells);
	sb_printf(&b, " %*lld", l->count, (long long)(count > 0 ? count : 0));
	return sb_take(&b);
}

char **chart_bars(const chart_item *items, int n, int width, int *nlines)
{
	if (n <= 0) {
		char **lines = xcalloc(1, sizeof *lines);
		lines[0] = xstrdup(_("Geen gegevens om te tonen."));
		*nlines = 1;
		return lines;
	}
	width = width < CHART_MIN_WIDTH ? CHART_MIN_WIDTH : width;
	char **labels = xcalloc((size_t)n, sizeof *labels);
	for (int i = 0; i < n; i++)
		labels[i] = text_sanitize(items[i].label ? items[i].label : "", false);
	layout l = lay_out(items, n, labels, width);
	char **lines = xcalloc((size_t)n, sizeof *lines);
	for (int i = 0; i < n; i++)
		lines[i] = line(labels[i], items[i].count, &l);
	text_lines_free(labels, n);
	*nlines = n;
	return lines;
}
