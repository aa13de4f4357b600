/* i18n.c: switching the language of the messages (see i18n.h). */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

bool i18n_c_locale(const char *v)
{
	return strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0;
}

void i18n_set_english(bool english)
{
	setenv("LANGUAGE", english ? "en" : "nl", 1);
	const char *now = setlocale(LC_MESSAGES, "");
	if (english && (!now || i18n_c_locale(now)))
		setlocale(LC_MESSAGES, "en_US.UTF-8");
}
