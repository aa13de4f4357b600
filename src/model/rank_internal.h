/* rank_internal.h: what the ranking's files share (rank.c scores and orders, rank_person.c
 * reads the person from the answers, rank_fit.c weighs the newer factors). Not for other
 * modules: they use rank.h. */
#ifndef INFOKAART_RANK_INTERNAL_H
#define INFOKAART_RANK_INTERNAL_H

#include "rank.h"

/* How far the person can go to an activity. */
typedef enum { REACH_ANY, REACH_WITH_HELP, REACH_HOME } rank_reach;

/* What the ranking knows of the person, read once from the answers. */
typedef struct {
	int age_lo, age_hi;   /* -1: unknown; equal when the age in years is known */
	bool age_exact;       /* the age in years was given */
	int wijk;             /* option index, -1 unknown */
	int role;             /* option index of the role question, -1 unknown */
	unsigned lonely;      /* ik_lonely bits */
	unsigned barriers;    /* bit per ik_barrier (answered, or implied by a signal) */
	uint64_t interests;   /* option bits of the interests question, as answered */
	uint64_t named;       /* interests named in the wishes text and not answered */
	unsigned groups;      /* ik_group bits the person belongs to */
	unsigned not_groups;  /* ik_group bits the person is known not to belong to */
	uint64_t langs;       /* option bits of the languages question */
	bool foreign_only;    /* speaks languages, none of them Dutch */
	bool dutch;           /* speaks Dutch well */
	ik_means wish;        /* MEANS_MORE_CONTACT, MEANS_NOT_NOW or MEANS_NONE */
	rank_reach reach;
	bool alone;           /* lives alone */
	unsigned elements;    /* active elements the signals ask for */
	int element_q[7], element_o[7]; /* per element: the signal (question, option) asking for it */
} rank_person;

void rank_read_person(const content *c, const answers *as, rank_person *p);

/* Adds weight w to s with a reason (kept while there is room). */
void rank_add(suggestion *s, int w, rank_reason_kind k, long long arg);

/* Whether activity a is out of the question for p: it has ended by today, is the signaller's
 * own service, or is for an age or an age group the person is known not to have. */
bool rank_excluded(const rank_person *p, const ik_activity *a, int today);

/* The factors of rank_fit.c, each adding its weight and reason to s. */
void rank_fit_age_and_groups(const rank_person *p, const ik_activity *a, suggestion *s);
void rank_fit_wish(const rank_person *p, const ik_activity *a, suggestion *s);
void rank_fit_reach(const rank_person *p, const ik_activity *a, bool own_wijk, suggestion *s);
void rank_fit_language(const content *c, const rank_person *p, const ik_activity *a, suggestion *s);
void rank_fit_interests(const rank_person *p, const ik_activity *a, suggestion *s);
void rank_fit_situation(const rank_person *p, const ik_activity *a, suggestion *s);

/* The newer reasons in words (rank_reason_text hands them on). */
void rank_fit_reason_text(const content *c, const rank_reason *r, ik_lang lang, char *buf, size_t n);

#endif
