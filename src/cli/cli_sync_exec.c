/* cli_sync_exec.c: sync, catalogue publish, central and stats --from, as the main program runs
 * them. They need libpq, which with its two dozen libraries every other start would load for
 * nothing (--version, the walk). So the main program hands such a command, exactly as it was
 * typed, to its helper infokaart-sync: the same program with the central store linked in
 * (cli_sync.c, cli_sync_catalogue.c, cli_central.c), found beside this binary (the build folder) or in LIBEXECDIR (meson.build sets
 * INFOKAART_SYNC_HELPER and the way there from the binary's folder). exec keeps the process,
 * its pid, its signals and its exit status: a caller cannot tell the difference. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "cli_sync.h"
#include "i18n.h"

/* The words this process was started with, from /proc/self/cmdline (NULL-terminated). */
static char **own_argv(void)
{
	int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
	strbuf b = {0};
	char chunk[4096];
	ssize_t n;
	while (fd >= 0 && ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			sb_appendn(&b, chunk, (size_t)n);
	if (fd >= 0)
		close(fd);
	if (!b.len)
		return NULL;
	int argc = 0;
	for (size_t i = 0; i < b.len; i++)
		argc += b.s[i] == '\0';
	char **argv = xcalloc((size_t)argc + 1, sizeof *argv);
	for (size_t i = 0, k = 0; i < b.len && (int)k < argc; i += strlen(b.s + i) + 1)
		argv[k++] = b.s + i; /* b.s is kept: argv lives until exec */
	return argv;
}

/* Where the helper is: beside this binary, or installed in LIBEXECDIR (also under a DESTDIR,
 * reached from the binary's own folder). */
static char *helper_path(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			const char *near[] = {"infokaart-sync", INFOKAART_SYNC_HELPER_FROM_BINDIR};
			for (size_t i = 0; i < ARRAY_LEN(near); i++) {
				char *p = xasprintf("%s/%s", exe, near[i]);
				if (near[i][0] && access(p, X_OK) == 0)
					return p;
				free(p);
			}
		}
	}
	return xstrdup(INFOKAART_SYNC_HELPER);
}

/* Execs the helper with this process's words; returns only when that fails, after saying so. */
static int hand_over(void)
{
	char *helper = helper_path();
	char **argv = own_argv();
	fflush(NULL);
	if (argv)
		execv(helper, argv);
	fprintf(stderr, _("infokaart: de synchronisatie kan niet starten: %s: %s\n"), helper,
		strerror(argv ? errno : ENOENT));
	free(helper);
	if (argv)
		free(argv[0]);
	free(argv);
	return EXIT_NONE;
}

int cli_sync(app *a, const cli_opts *o)
{
	return hand_over();
}

int cli_sync_catalogue(app *a, const cli_opts *o)
{
	return hand_over();
}

int cli_central(app *a, const cli_opts *o)
{
	return hand_over();
}

int cli_sync_central_stats(const char *url, const char *since, store_statistics *st)
{
	hand_over();
	return -1;
}
