/* cli_hsds.c: the HSDS commands (see cli_hsds.h): options, the import's report and its
 * self-check, writing the result. The mapping itself is in content_hsds*.c and
 * hsds_export.c. */
#include "cli_hsds.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hsds_export.h"
#include "hsds_import.h"
#include "i18n.h"

/* mkstemp makes files only their owner may read: a catalogue gets the mode any new file gets. */
static int plain_mode(const char *path)
{
	mode_t mask = umask(0);
	umask(mask);
	return chmod(path, 0666 & ~mask);
}

/* A file being written: path, or stdout when path is NULL. A file is written beside path
 * first and renamed over it when whole, so a failure leaves the old file whole; what is no
 * regular file (a pipe, /dev/null, /dev/stdout) is written to itself, never replaced. */
typedef struct {
	const char *path;
	char *tmp; /* the file beside path; NULL when path itself is written */
	FILE *f;
	const content *c;     /* export-hsds: the catalogue whose strings are let go as they are written */
	size_t since_release; /* bytes written since they last were */
} out_file;

/* An export lets the catalogue's strings go after this many bytes (about 1,600 services, whose
 * strings take 1.2 MB at 100,000 activities). */
enum { RELEASE_EVERY = 16 << 20 };

/* Opens o for path; says why not and returns -1 on failure. */
static int out_open(out_file *o, const char *path)
{
	*o = (out_file){.path = path};
	struct stat st;
	bool itself = path && stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
	o->tmp = path && !itself ? xasprintf("%s.new-XXXXXX", path) : NULL;
	int fd = o->tmp ? mkstemp(o->tmp) : itself ? open(path, O_WRONLY | O_CLOEXEC) : -1;
	o->f = !path ? stdout : fd >= 0 ? fdopen(fd, "w") : NULL;
	if (o->f)
		return 0;
	fprintf(stderr, _("infokaart: kan %s niet schrijven: %s\n"), path, strerror(errno));
	if (fd >= 0) {
		close(fd);
		if (o->tmp)
			unlink(o->tmp);
	}
	free(o->tmp);
	return -1;
}

/* Appends n bytes at s (an hsds_flush_fn); 0, or -1 when they could not be written. */
static int out_write(void *ctx, const char *s, size_t n)
{
	out_file *o = ctx;
	if (o->c && (o->since_release += n) >= RELEASE_EVERY) {
		content_release_strings(o->c); /* every string is read once: keep few of them */
		o->since_release = 0;
	}
	return fwrite(s, 1, n, o->f) == n ? 0 : -1;
}

/* Finishes o: on disk and renamed over path when ok and everything was written, else the
 * file beside path removed, saying why. Returns 0, or -1. */
static int out_close(out_file *o, bool ok)
{
	ok &= fflush(o->f) == 0 && !ferror(o->f);
	if (o->path && !o->tmp) {
		ok &= fclose(o->f) == 0;
	} else if (o->path) {
		ok &= fsync(fileno(o->f)) == 0;
		ok &= fclose(o->f) == 0;
		ok = ok && plain_mode(o->tmp) == 0 && rename(o->tmp, o->path) == 0;
		if (!ok)
			unlink(o->tmp);
	}
	if (!ok)
		fprintf(stderr, _("infokaart: kan %s niet schrijven: %s\n"), o->path ? o->path : "stdout", strerror(errno));
	free(o->tmp);
	return ok ? 0 : -1;
}

/* Where the import's entries go as they are made (an hsds_sink), so that memory does not grow
 * with the publication (100,000 services make 160 MB of catalogue): their text, one after
 * another, in a temporary file that begins as an activities.json does. When every entry was
 * put once and in order, that file only needs its end to be the catalogue; else (a fuller copy
 * of a service met later is put too, and its entry names that one) the catalogue is put
 * together from it in the entries' order. */
typedef struct {
	const content *c;
	char *dir;    /* a folder of its own (mkdtemp), or NULL: f is a tmpfile() */
	FILE *f;      /* <dir>/entries */
	off_t *at;    /* per text: where it starts in f */
	size_t *len;  /* and its length */
	long n, cap;
	off_t end;
	strbuf one;   /* the text being made */
	int failed;   /* errno of a text that could not be written, else 0 */
} spool;

/* Where in s->dir: "entries" or "activities.json" (malloc'd). */
static char *spool_path(const spool *s, const char *name)
{
	return xasprintf("%s/%s", s->dir, name);
}

static int spool_open(spool *s, const content *c)
{
	*s = (spool){.c = c};
	char dir[] = "/tmp/infokaart-import-XXXXXX";
	if (mkdtemp(dir)) {
		s->dir = xstrdup(dir);
		char *path = spool_path(s, "entries");
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		s->f = fd >= 0 ? fdopen(fd, "w+") : NULL;
		free(path);
	} else {
		s->f = tmpfile();
	}
	if (!s->f || fputs(HSDS_ACTIVITIES_HEAD, s->f) < 0)
		return -1;
	s->end = (off_t)strlen(HSDS_ACTIVITIES_HEAD);
	return 0;
}

static long spool_put(void *ctx, const ik_activity *a)
{
	spool *s = ctx;
	size_t sep = s->n ? strlen(HSDS_ACTIVITIES_SEP) : 0;
	s->one.len = 0;
	sb_append(&s->one, s->n ? HSDS_ACTIVITIES_SEP : "");
	hsds_activity_json(s->c, a, &s->one);
	if (s->failed || fwrite(s->one.s, 1, s->one.len, s->f) != s->one.len) {
		s->failed = s->failed ? s->failed : errno ? errno : EIO;
		return -1;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->at = xrealloc(s->at, (size_t)s->cap * sizeof *s->at);
		s->len = xrealloc(s->len, (size_t)s->cap * sizeof *s->len);
	}
	s->at[s->n] = s->end + (off_t)sep;
	s->len[s->n] = s->one.len - sep;
	s->end += (off_t)s->one.len;
	return s->n++;
}

static void spool_free(spool *s)
{
	if (s->f)
		fclose(s->f);
	if (s->dir) {
		char *path = spool_path(s, "entries");
		unlink(path);
		free(path);
		rmdir(s->dir);
	}
	free(s->dir);
	free(s->at);
	free(s->len);
	sb_free(&s->one);
}

/* A catalogue needs a human route (the NIZU infolijn, a buurtteam): when the import has none,
 * the ones of the catalogue in use are added, as `infokaart check` would otherwise refuse it.
 * Returns those (malloc'd; NULL when none) and their number in *n. */
static const ik_activity **human_routes(const content *c, const hsds_import_result *r, int *n)
{
	*n = 0;
	for (int i = 0; i < r->n; i++)
		if (r->entries[i].human_route)
			return NULL;
	const ik_activity **v = xcalloc((size_t)c->nactivities + 1, sizeof *v);
	strbuf added = {0};
	for (int i = 0; i < c->nactivities; i++) {
		const ik_activity *h = &c->activities[i];
		bool taken = false;
		if (!h->human_route) /* first: the other activities' strings stay unread */
			continue;
		for (int k = 0; k < r->n && !taken; k++)
			taken = strcmp(r->entries[k].id, h->id) == 0;
		for (int k = 0; k < *n && !taken; k++)
			taken = strcmp(v[k]->id, h->id) == 0;
		if (!taken) {
			v[(*n)++] = h;
			sb_printf(&added, "%s%s", added.len ? ", " : "", h->id);
		}
	}
	if (added.len)
		fprintf(stderr, _("infokaart: geen van de diensten is een menselijke route (zoals de NIZU infolijn); "
				  "die uit de huidige catalogus zijn toegevoegd: %s\n"), added.s);
	sb_free(&added);
	return v;
}

/* The catalogue the import made. */
typedef struct {
	const content *c;
	spool *s;
	const hsds_import_result *r;
	const ik_activity **added; /* the human routes added after the entries */
	int nadded;
} made;

/* Whether the spool holds the entries once each and in order: then it is the catalogue but for
 * the human routes added and its end. */
static bool made_in_order(const made *x)
{
	for (int i = 0; i < x->r->n; i++)
		if (x->r->entries[i].handle != i)
			return false;
	return x->s->n == x->r->n;
}

/* Writes the catalogue with put(ctx, …) (an hsds_flush_fn), from entry `from` on (0: from the
 * head): the entries' texts from the spool, in order, then the human routes added, and the
 * end. Returns 0, or -1 when something could not be read or written. */
static int made_write(const made *x, int from, hsds_flush_fn put, void *ctx)
{
	int rc = from ? 0 : put(ctx, HSDS_ACTIVITIES_HEAD, strlen(HSDS_ACTIVITIES_HEAD)), total = x->r->n + x->nadded;
	strbuf one = {0};
	fflush(x->s->f);
	for (int i = from; i < total && rc == 0; i++) {
		one.len = 0;
		sb_append(&one, i ? HSDS_ACTIVITIES_SEP : "");
		if (i < x->r->n) {
			long h = x->r->entries[i].handle;
			char *p = xmalloc(x->s->len[h] + 1);
			if (pread(fileno(x->s->f), p, x->s->len[h], x->s->at[h]) != (ssize_t)x->s->len[h])
				rc = -1;
			sb_appendn(&one, p, x->s->len[h]);
			free(p);
		} else {
			hsds_activity_json(x->c, x->added[i - x->r->n], &one);
			if ((i - x->r->n) % 64 == 63) /* each one's strings are read once */
				content_release_strings(x->c);
		}
		rc |= put(ctx, one.s, one.len);
	}
	sb_free(&one);
	rc |= put(ctx, "\n", 1);
	return rc | put(ctx, HSDS_ACTIVITIES_TAIL, strlen(HSDS_ACTIVITIES_TAIL));
}

static int file_put(void *ctx, const char *s, size_t n)
{
	return fwrite(s, 1, n, ctx) == n ? 0 : -1;
}

/* Writes the catalogue to path (stdout when NULL), as out_open and out_close. */
static int made_write_to(const char *path, const made *x)
{
	out_file o;
	if (out_open(&o, path) != 0)
		return -1;
	return out_close(&o, made_write(x, 0, out_write, &o) == 0);
}

/* Makes the catalogue <dir>/activities.json beside the spool, for the check (a temporary
 * file: not synced); from the spool itself when it holds the entries in order. Returns its
 * path (malloc'd), or NULL after saying why not. */
static char *made_file(const made *x)
{
	char *path = spool_path(x->s, "activities.json");
	bool ok;
	if (made_in_order(x)) {
		ok = made_write(x, x->r->n, file_put, x->s->f) == 0 && fflush(x->s->f) == 0;
		char *entries = spool_path(x->s, "entries");
		ok = ok && rename(entries, path) == 0;
		free(entries);
	} else {
		FILE *f = fopen(path, "w");
		ok = f && made_write(x, 0, file_put, f) == 0;
		ok = f && fclose(f) == 0 && ok;
	}
	if (!ok) {
		fprintf(stderr, _("infokaart: kan %s niet schrijven: %s\n"), path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Copies the file at from to path (stdout when NULL), as out_open and out_close. */
static int copy_to(const char *path, const char *from)
{
	FILE *f = fopen(from, "rb");
	out_file o;
	if (!f || out_open(&o, path) != 0) {
		if (f)
			fclose(f);
		return -1;
	}
	enum { CHUNK = 256 * 1024 };
	char *buf = xmalloc(CHUNK);
	size_t got;
	int rc = 0;
	while (rc == 0 && (got = fread(buf, 1, CHUNK, f)) > 0)
		rc = out_write(&o, buf, got);
	rc |= ferror(f) ? -1 : 0;
	fclose(f);
	free(buf);
	return out_close(&o, rc == 0);
}

/* Writes the catalogue to out after checking it as `infokaart check` would, as an
 * activities.json in the spool's folder (where that cannot be made, it is written unchecked:
 * `infokaart check` still can). Once that file is made, the import's entries (the spool's
 * offsets, *ar) are freed and *ar set to NULL. Returns 0, or -1 when it failed the check or
 * could not be written. */
static int write_checked(app *a, const char *out, made *x, arena **ar)
{
	char *path = x->s->dir ? made_file(x) : NULL;
	if (!path)
		return made_write_to(out, x);
	/* all of it is in the file now: the entries (and their strings) go before the check */
	free(x->s->at);
	free(x->s->len);
	x->s->at = NULL;
	x->s->len = NULL;
	arena_free(*ar);
	*ar = NULL;
	diags d = {0};
	int errors = content_check_path(path, a->content_dir, &d);
	if (errors) {
		fprintf(stderr, "%s\n", _("infokaart: het resultaat haalt 'infokaart check' niet (een fout in infokaart):"));
		diags_print(&d, stderr);
	}
	int rc = errors ? -1 : copy_to(out, path);
	diags_free(&d);
	unlink(path);
	free(path);
	return rc;
}

int cli_hsds_import(app *a, const cli_opts *o)
{
	const char *from = o->arg[0], *out = o->out;
	if (cli_load_content(a) != 0)
		return 1;
	spool s;
	if (spool_open(&s, a->c) != 0) {
		fprintf(stderr, _("infokaart: kan geen tijdelijk bestand schrijven: %s\n"), strerror(errno));
		spool_free(&s);
		return 1;
	}
	arena *ar = arena_new();
	hsds_import_result r;
	diags report = {0};
	hsds_sink sink = {spool_put, &s, stderr};
	int rc = hsds_import_to(a->c, from, a->today, &sink, ar, &r, &report) == 0 ? 0 : 1;
	diags_print(&report, stderr);
	made x = {.c = a->c, .s = &s, .r = &r};
	if (s.failed) {
		fprintf(stderr, _("infokaart: kan geen tijdelijk bestand schrijven: %s\n"), strerror(s.failed));
		rc = 1;
	} else if (r.n == 0) { /* never a catalogue of nothing (or of only the human routes) */
		fprintf(stderr, _("infokaart: geen enkele dienst ingelezen uit %s; er is niets geschreven.\n"), from);
		rc = 1;
	} else {
		x.added = human_routes(a->c, &r, &x.nadded);
		if (write_checked(a, out, &x, &ar) != 0)
			rc = 1;
	}
	fprintf(stderr, _("infokaart: %d dienst(en) gelezen, %d ingelezen, %d overgeslagen; %d opmerking(en).\n"),
		r.services, r.n, r.skipped, r.printed + report.n);
	if (r.incomplete)
		fprintf(stderr, "%s\n", _("infokaart: let op, de lijst is niet compleet: er ontbreken pagina's (zie hierboven)."));
	free(x.added);
	spool_free(&s);
	diags_free(&report);
	arena_free(ar);
	return rc;
}

int cli_hsds_export(app *a, const cli_opts *o)
{
	if (cli_load_content(a) != 0)
		return 1;
	out_file f;
	if (out_open(&f, o->out) != 0)
		return 1;
	f.c = a->c;
	strbuf chunk = {0}; /* written a chunk at a time: at 100,000 activities it is over 1 GB */
	int rc = out_close(&f, hsds_export_to(a->c, &chunk, out_write, &f) == 0) == 0 ? 0 : 1;
	sb_free(&chunk);
	return rc;
}
