/* pin.c: PIN hashing and storage (see pin.h). */
#include "pin.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *pin_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/infokaart/pin", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/infokaart/pin", home && *home ? home : ".");
}

bool pin_acceptable(const char *pin)
{
	size_t n = strlen(pin);
	if (n < PIN_MIN_LEN || n > PIN_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < 0x21 || pin[i] > 0x7E)
			return false;
	return true;
}

int pin_hash(const char *pin, char *out, size_t n)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt))
		return -1;
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	const char *h = crypt_r(pin, salt, cd);
	int rc = -1;
	if (h && h[0] == '$' && strlen(h) < n) {
		strcpy(out, h);
		rc = 0;
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return rc;
}

bool pin_verify(const char *pin, const char *hash)
{
	if (!hash || hash[0] != '$')
		return false;
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	const char *h = crypt_r(pin, hash, cd);
	bool ok = false;
	if (h && h[0] == '$' && strlen(h) == strlen(hash)) {
		unsigned char diff = 0;
		for (size_t i = 0; hash[i]; i++)
			diff |= (unsigned char)(h[i] ^ hash[i]);
		ok = diff == 0;
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

static int mkdirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(dir, 0700);
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int pin_write(const char *path, const char *hash)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = -1;
	char *tmp = xasprintf("%s.tmp", path);
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdirs(dir) != 0)
			goto out;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	size_t len = strlen(hash);
	bool ok = fchmod(fd, 0600) == 0 && write(fd, hash, len) == (ssize_t)len && write(fd, "\n", 1) == 1 &&
		  fsync(fd) == 0;
	if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(dir);
	return rc;
}

char *pin_read(const char *path)
{
	size_t len;
	char *s = read_file(path, &len);
	if (!s)
		return NULL;
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	if (!len || s[0] != '$') {
		free(s);
		return NULL;
	}
	return s;
}
