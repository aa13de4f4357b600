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

/* Writes b to path (or stdout when NULL), as out_open and out_close. */
static int write_out(const char *path, const strbuf *b)
{
	out_file o;
	if (out_open(&o, path) != 0)
		return -1;
	return out_close(&o, out_write(&o, b->s, b->len) == 0);
}

/* A catalogue needs a human route (the NIZU infolijn, a buurtteam): when the import has none,
 * the ones of the catalogue in use are added, as `infokaart check` would otherwise refuse it.
 * Returns the new list (malloc'd) and its length in *n. */
static ik_activity *with_human_routes(const content *c, const hsds_import_result *r, int *n)
{
	ik_activity *v = xcalloc((size_t)r->n + (size_t)c->nactivities + 1, sizeof *v);
	memcpy(v, r->activities, (size_t)r->n * sizeof *v);
	*n = r->n;
	bool human = false;
	for (int i = 0; i < r->n; i++)
		human |= r->activities[i].human_route;
	if (human)
		return v;
	strbuf added = {0};
	for (int i = 0; i < c->nactivities; i++) {
		const ik_activity *h = &c->activities[i];
		bool taken = false;
		for (int k = 0; k < *n && !taken; k++)
			taken = strcmp(v[k].id, h->id) == 0;
		if (h->human_route && !taken) {
			v[(*n)++] = *h;
			sb_printf(&added, "%s%s", added.len ? ", " : "", h->id);
		}
	}
	if (added.len)
		fprintf(stderr, _("infokaart: geen van de diensten is een menselijke route (zoals de NIZU infolijn); "
				  "die uit de huidige catalogus zijn toegevoegd: %s\n"), added.s);
	sb_free(&added);
	return v;
}

/* Checks the JSON as `infokaart check` would, in a temporary activities.json. */
static int self_check(app *a, const strbuf *json)
{
	char dir[] = "/tmp/infokaart-import-XXXXXX";
	if (!mkdtemp(dir))
		return 0; /* cannot check here; `infokaart check` still can */
	char *path = xasprintf("%s/activities.json", dir);
	diags d = {0};
	int errors = 0;
	if (write_out(path, json) == 0)
		errors = content_check_path(path, a->content_dir, &d);
	if (errors) {
		fprintf(stderr, "%s\n", _("infokaart: het resultaat haalt 'infokaart check' niet (een fout in infokaart):"));
		diags_print(&d, stderr);
	}
	diags_free(&d);
	unlink(path);
	rmdir(dir);
	free(path);
	return errors ? -1 : 0;
}

int cli_hsds_import(app *a, const cli_opts *o)
{
	const char *from = o->arg[0], *out = o->out;
	if (cli_load_content(a) != 0)
		return 1;
	arena *ar = arena_new();
	hsds_import_result r;
	diags report = {0};
	int rc = hsds_import(a->c, from, a->today, ar, &r, &report) == 0 ? 0 : 1;
	diags_print(&report, stderr);
	strbuf json = {0};
	ik_activity *v = NULL;
	if (r.n == 0) { /* never a catalogue of nothing (or of only the human routes) */
		fprintf(stderr, _("infokaart: geen enkele dienst ingelezen uit %s; er is niets geschreven.\n"), from);
		rc = 1;
	} else {
		int nv;
		v = with_human_routes(a->c, &r, &nv);
		hsds_activities_json(a->c, v, nv, &json);
		if (self_check(a, &json) != 0 || write_out(out, &json) != 0)
			rc = 1;
	}
	fprintf(stderr, _("infokaart: %d dienst(en) gelezen, %d ingelezen, %d overgeslagen; %d opmerking(en).\n"),
		r.services, r.n, r.skipped, report.n);
	if (r.incomplete)
		fprintf(stderr, "%s\n", _("infokaart: let op, de lijst is niet compleet: er ontbreken pagina's (zie hierboven)."));
	sb_free(&json);
	free(v);
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
