/* content_cache.c: reading the activities file. It is streamed (content_read.c) into a
 * catalogue image (content_image.h) in memory, or into a cache file that later starts map
 * instead of reading activities.json again, for as long as the content files and the program
 * are the same ones. A file that holds a mistake is read again whole, which says what and
 * where; nothing is ever half-loaded, and a cache never outlives what it was made from. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "content_image.h"
#include "content_internal.h"

/* Where an image is being written, so that a second reading can start it afresh. */
typedef struct {
	int fd;      /* -1: no image (the arena, or a check only) */
	size_t hint; /* the activities file's size */
} image_file;

static void restart(act_out *out, const image_file *f, content *c)
{
	c->activities = NULL;
	c->nactivities = 0;
	if (!out->image)
		return;
	img_writer_free(out->image);
	out->image = ftruncate(f->fd, 0) == 0 ? img_writer_new(f->fd, f->hint) : NULL;
	out->keep = !out->image; /* the file cannot be emptied: the arena instead */
}

/* Reads the activities at path into out: streamed when it can be; else (a file with a
 * mistake, or one the streaming reader does not take) whole, which reports every mistake with
 * its place. True when there was none. */
static bool read_activities(const char *path, content *c, diags *d, act_out *out, const image_file *f,
			    const load_opts *o)
{
	ld L;
	int before = d->n;
	out->split_at = o->split_at;
	out->parts = o->parts;
	bool ok = !o->whole && ld_open_stream(&L, path, d, c->arena) == 0 && content_load_activities(&L, c, out);
	if (!o->whole)
		ld_close(&L);
	if (o->streamed)
		*o->streamed = ok;
	if (ok)
		return true;
	diags_truncate(d, before); /* a quiet reading reports nothing, but be sure */
	restart(out, f, c);
	ok = ld_open(&L, path, d, c->arena) == 0 && content_load_activities(&L, c, out);
	ld_close(&L);
	return ok;
}

/* The image is done (whole: to be mapped again later): the activities move into it. False
 * when it could not be finished. */
static bool finish(act_out *out, const img_key *key, bool whole, content *c)
{
	img_writer *w = out->image;
	out->image = NULL;
	return img_writer_finish(w, key, whole, c) == 0;
}

/* Below this size an image in memory costs more to make (a memfd, mappings, fresh pages: about
 * a millisecond for the bundled catalogue) than it saves. */
enum { IMAGE_MIN = 1 << 20 };

/* A catalogue that is not cached: in an image in memory (a memfd) when it is big, else (and
 * where there is no memfd, or the image cannot be made) in the arena. */
static void load_in_memory(const char *path, content *c, diags *d, const load_opts *o, const img_key *key, size_t size)
{
	bool image = o->in_image || (!o->in_arena && size >= IMAGE_MIN);
	image_file f = {image ? memfd_create("infokaart-catalogue", MFD_CLOEXEC) : -1, size};
	act_out out = {.keep = f.fd < 0};
	if (f.fd >= 0)
		out.image = img_writer_new(f.fd, size);
	if (read_activities(path, c, d, &out, &f, o) && out.image && !finish(&out, key, false, c)) {
		c->activities = NULL; /* out of memory for the memfd: read it again into the arena */
		act_out kept = {.keep = true};
		read_activities(path, c, d, &kept, &(image_file){-1, 0}, o);
	}
	img_writer_free(out.image);
	if (f.fd >= 0)
		close(f.fd);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Room for an image of a file of size bytes with a margin: a cache must never take the space
 * the records need. */
static bool room_for(int fd, off_t size)
{
	struct statvfs vfs;
	return fstatvfs(fd, &vfs) == 0 &&
	       (unsigned long long)vfs.f_bavail * vfs.f_frsize >= 2ULL * (unsigned long long)size + (64ULL << 20);
}

/* Removes what builds of this cache left when they were cut off (a crash, a power cut): files
 * "<cache>.XXXXXX" untouched for ten minutes (a younger one may still be in the making). */
static void remove_stale_builds(const char *cache)
{
	char *dir = xstrdup(cache), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : cache;
	if (slash)
		*slash = '\0';
	DIR *dp = opendir(slash ? (dir[0] ? dir : "/") : ".");
	size_t n = strlen(base);
	time_t now = time(NULL);
	for (struct dirent *e; dp && (e = readdir(dp));) {
		struct stat st;
		char *p = xasprintf("%s/%s", slash ? dir : ".", e->d_name);
		if (strncmp(e->d_name, base, n) == 0 && e->d_name[n] == '.' && strlen(e->d_name + n + 1) == 6 &&
		    lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 600)
			unlink(p);
		free(p);
	}
	if (dp)
		closedir(dp);
	free(dir);
}

/* Builds the image into a new file beside cache and, when the activities load without a
 * mistake and their file did not change meanwhile, puts it in cache's place. 0 when done (c
 * loaded, or the mistakes reported), -1 when no file could be made there. */
static int build_cache(const char *path, const load_opts *o, const img_key *key, const struct stat *st, content *c,
		       diags *d)
{
	const char *cache = o->cache;
	remove_stale_builds(cache);
	char *tmp = xasprintf("%s.XXXXXX", cache);
	image_file f = {mkostemp(tmp, O_CLOEXEC), (size_t)st->st_size};
	int rc = -1;
	if (f.fd < 0 || !room_for(f.fd, st->st_size))
		goto out;
	act_out img = {.image = img_writer_new(f.fd, f.hint)};
	if (!read_activities(path, c, d, &img, &f, o)) {
		rc = 0;
	} else if (finish(&img, key, true, c)) {
		struct stat now;
		if (stat(path, &now) == 0 && same_file(st, &now) && rename(tmp, cache) == 0)
			tmp[0] = '\0';
		rc = 0;
	}
	img_writer_free(img.image);
out:
	if (f.fd >= 0) {
		if (tmp[0])
			unlink(tmp);
		close(f.fd);
	}
	free(tmp);
	return rc;
}

static bool map_cache(const char *cache, const img_key *key, content *c)
{
	int fd = open(cache, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = img_map(fd, key, true, c) == 0;
	close(fd);
	return ok;
}

void content_activities_file(const char *path, content *c, diags *d, const load_opts *o, const uint64_t text_hash[2])
{
	if (o->check_only) {
		act_out none = {0};
		read_activities(path, c, d, &none, &(image_file){-1, 0}, o);
		return;
	}
	struct stat st;
	img_key key;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		memset(&st, 0, sizeof st); /* the reading says why */
	img_key_make(&key, text_hash, &st);
	if (o->cache && !o->whole && !o->in_arena && S_ISREG(st.st_mode) && (size_t)st.st_size >= o->cache_min) {
		if (map_cache(o->cache, &key, c)) {
			if (o->from_cache)
				*o->from_cache = true;
			return;
		}
		if (build_cache(path, o, &key, &st, c, d) == 0)
			return;
	}
	load_in_memory(path, c, d, o, &key, (size_t)st.st_size);
}
