/* fuzz_common.c: the temporary folder and file writing the fuzz targets share (see
 * fuzz_common.h). */
#include "fuzz_common.h"
#include "load.h"
#include "text.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static char tmpdir[256];

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	remove(path);
	return 0;
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_tmpdir(void)
{
	if (tmpdir[0])
		return tmpdir;
	struct stat st;
	const char *env = getenv("TMPDIR");
	const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
	                           ? "/dev/shm"
	                           : env && *env ? env : "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/infokaart-fuzz-XXXXXX", base);
	if (!mkdtemp(tmpdir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_tmpdir);
	return tmpdir;
}

void fuzz_write(const char *path, const uint8_t *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);
		if (w <= 0) {
			perror(path);
			abort();
		}
		done += (size_t)w;
	}
	close(fd);
}

const char *fuzz_content_dir(void)
{
	const char *env = getenv("INFOKAART_CONTENT");
	return env && *env ? env : INFOKAART_TEST_CONTENT;
}

content *fuzz_content(void)
{
	content *c = NULL;
	diags d = {0};
	if (content_load(fuzz_content_dir(), &c, &d) != 0) {
		diags_print(&d, stderr);
		abort();
	}
	diags_free(&d);
	return c;
}

void fuzz_check_messages(const diags *d, const char *who)
{
	for (int i = 0; i < d->n; i++) {
		const diag *e = &d->v[i];
		const char *m = e->msg;
		if (!e->file || e->line < 0 || e->col < 0 || !m || !text_utf8_valid(m, strlen(m), NULL)) {
			fprintf(stderr, "%s: message %d has no place or is not UTF-8\n", who, i);
			abort();
		}
		char *safe = text_sanitize(m, false);
		if (strcmp(safe, m) != 0) {
			fprintf(stderr, "%s: a message with a control character: %s\n", who, safe);
			abort();
		}
		free(safe);
	}
}
