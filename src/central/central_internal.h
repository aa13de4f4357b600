/* central_internal.h: what the central module's own files (central*.c) share: the handle and
 * the helpers for errors and statements. Nothing outside central*.c includes it. It names
 * libpq's types as incomplete structs instead of including libpq-fe.h, so the header itself
 * drags nothing in. */
#ifndef INFOKAART_CENTRAL_INTERNAL_H
#define INFOKAART_CENTRAL_INTERNAL_H

#include "central.h"

struct pg_conn;
struct pg_result;

struct central {
	struct pg_conn *pg; /* the one connection; central_ready mends it when it broke */
	bool stale;         /* answers were left unread: central_ready resets the connection */
};

/* central.sql, built in (embed.py): the schema, roles, grants and functions. The
 * advisory locks (schema, catalogue, a site's sync) are taken there too. */
extern const char central_sql[];

/* err: say (a Dutch sentence: what went wrong), what (may be NULL: what did not happen),
 * then the detail in brackets, on one line. err may be NULL. */
void central_err_say(central_err *err, const char *say, const char *what, const char *detail);
/* The detail of a failure: "PostgreSQL <SQLSTATE>: <the server's first line>" from res, or
 * the connection's own message when res is NULL or carries none. Never the server's DETAIL
 * (for a refused row it repeats the row, note included). */
void central_pg_detail(struct pg_conn *pg, const struct pg_result *res, char *buf, size_t n);
/* The connection is gone, or going: the server ends it with a FATAL of class 57P (shut down,
 * terminated) or 08 (connection exception) before libpq sees it close. res may be NULL. */
bool central_gone(struct pg_conn *pg, const struct pg_result *res);
/* err as central_err_say, with a sentence first when the connection is lost (by pg's state,
 * or by res: the server says so before it closes). res may be NULL. */
void central_err_conn(central_err *err, struct pg_conn *pg, const struct pg_result *res,
		      const char *what, const char *detail);
/* central_pg_detail, then central_err_conn. */
void central_err_pg(central_err *err, struct pg_conn *pg, const struct pg_result *res,
		    const char *what);

/* Replaces in buf (size n) every copy of a password url holds (as written, and as libpq
 * decodes it) by "***". Passwords under four bytes are left: hiding every "a" protects
 * nothing. */
void central_scrub(char *buf, size_t n, const char *url);

/* Makes sure the connection is usable before a call: a connection that broke (or is stale)
 * is reset once (the server may have restarted), and a transaction left open is rolled back.
 * 0, or -1 with err filled. */
int central_ready(central *c, central_err *err, const char *what);

/* Runs sql with text parameters (NULL for SQL NULL) and expects status ok (a libpq
 * ExecStatusType: PGRES_COMMAND_OK or PGRES_TUPLES_OK). Returns the result (PQclear it), or
 * NULL with err filled. */
struct pg_result *central_exec(central *c, const char *sql, int n, const char *const *params,
			       int ok, central_err *err, const char *what);
/* Sends labels (central_labels_json) to labels_publish, in the transaction the caller has
 * open. 0, or -1 with err filled (a server that has no labels yet: said so, with what to do). */
int central_labels_put(central *c, const char *labels, central_err *err, const char *what);
/* Ends a failed transaction, if the connection still lives and one is open. */
void central_rollback(central *c);

#endif
