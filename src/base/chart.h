/* chart.h: horizontal bar charts as lines of text, for the monitoring figures on the command
 * line and on screen. Pure: no curses, no SQLite, no content; widths come from text.h, so
 * labels with diacritics or wide characters line up. Needs a UTF-8 LC_CTYPE, like text.h. */
#ifndef INFOKAART_CHART_H
#define INFOKAART_CHART_H

#include <stdint.h>

/* The narrowest chart chart_bars draws; a smaller width is taken as this. */
#define CHART_MIN_WIDTH 20

/* One bar. */
typedef struct {
	const char *label; /* UTF-8; control characters are shown as U+FFFD */
	int64_t count;     /* >= 0; a negative count is drawn as 0 */
} chart_item;

/* Lays out items[0..n) as a bar chart, one line per item in the order given:
 *
 *     label<pad> ███████▍<pad> count
 *
 * Every line is exactly max(width, CHART_MIN_WIDTH) display columns: the labels in a column
 * as wide as the widest label but at most two fifths of the width (a longer label is cut at a
 * character boundary and ends in "…"), one space, the bar, one space, the count right-aligned
 * at the right edge. The bar of the largest count fills the bar column; the others are drawn
 * to the nearest eighth of a column with █ and ▏▎▍▌▋▊▉; a count above zero always gets at
 * least ▏, zero gets no bar. With n == 0 the one line says there is nothing to show.
 * Returns a malloc'd array of *nlines malloc'd lines (never NULL); free with text_lines_free
 * (text.h). */
char **chart_bars(const chart_item *items, int n, int width, int *nlines);

#endif
