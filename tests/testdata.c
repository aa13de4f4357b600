/* testdata.c: listing a folder of test cases (see testdata.h). */
#include "testdata.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The name the entry is listed by, or NULL when it is not one of the wanted kind. */
static char *wanted(const char *dir, const char *name, bool dirs, const char *suffix)
{
	if (name[0] == '.')
		return NULL;
	if (dirs) {
		char *p = xasprintf("%s/%s", dir, name);
		struct stat st;
		bool is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
		free(p);
		return is_dir ? xstrdup(name) : NULL; /* README.md and the like are not cases */
	}
	size_t l = strlen(name), s = strlen(suffix);
	if (l <= s || strcmp(name + l - s, suffix) != 0)
		return NULL;
	return xstrndup(name, l - s);
}

char **testdata_list(const char *sub, bool dirs, const char *suffix, int *n)
{
	const char *data = getenv("INFOKAART_TEST_DATA");
	*n = 0;
	if (!data)
		return NULL;
	char *dir = xasprintf("%s/%s", data, sub);
	DIR *dp = opendir(dir);
	char **v = NULL;
	int cap = 0;
	for (struct dirent *e; dp && (e = readdir(dp));) {
		char *name = wanted(dir, e->d_name, dirs, suffix ? suffix : "");
		if (!name)
			continue;
		if (*n == cap)
			v = xrealloc(v, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *v);
		v[(*n)++] = name;
	}
	if (dp)
		closedir(dp);
	free(dir);
	if (*n)
		qsort(v, (size_t)*n, sizeof *v, cmp_str);
	return v;
}
