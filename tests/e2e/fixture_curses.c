/* fixture_curses.c: a tiny ncursesw program for the e2e harness' self-test, standing in for
 * infokaart. It shows its size (LINESxCOLS), words in reverse, bold, underline and colour, some
 * non-ASCII text and the name of the last key; it redraws on KEY_RESIZE; 'q' exits with status
 * 3 (4 if input ends). Row 6 is drawn last, so "漢字|" on screen means a whole frame. Keep it
 * tiny: it tests the harness, not curses. */
#include <curses.h>
#include <locale.h>

static void draw(int last_key)
{
	erase();
	mvprintw(0, 0, "%dx%d", LINES, COLS);
	attron(A_REVERSE);
	mvaddstr(2, 4, "SELECTED");
	attroff(A_REVERSE);
	attron(A_BOLD);
	mvaddstr(2, 14, "BOLD");
	attroff(A_BOLD);
	attron(A_UNDERLINE);
	mvaddstr(2, 20, "UNDER");
	attroff(A_UNDERLINE);
	attron(COLOR_PAIR(1));
	mvaddstr(2, 27, "GREEN");
	attroff(COLOR_PAIR(1));
	mvprintw(4, 0, "key:[%s]", last_key < 0 ? "none" : keyname(last_key));
	mvaddstr(6, 0, "Één ĳs 漢字|");
	refresh();
}

int main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_GREEN, -1);
	}
	int last = -1, status = 3;
	for (;;) {
		draw(last);
		int ch = getch();
		if (ch == 'q')
			break;
		if (ch == ERR) {
			status = 4;
			break;
		}
		if (ch != KEY_RESIZE) /* on a resize, LINES and COLS are new: just draw again */
			last = ch;
	}
	endwin();
	return status;
}
