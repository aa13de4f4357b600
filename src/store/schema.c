/* schema.c: the database schema as a list of migrations, all in one place. Migration i brings
 * PRAGMA user_version i to i + 1; store_open runs the missing ones in one transaction. Append
 * only: a shipped step never changes, because databases out there were made by it. */
#include "store_internal.h"

#include "util.h"

/* The counter: every change takes the next number. */
#define NEXT_REV "UPDATE sync_state SET rev = rev + 1;"
#define CUR_REV "(SELECT rev FROM sync_state)"
#define MAX_ID(t) "(SELECT coalesce(max(id), 0) FROM " t ")"

/* v4: UUIDs, revs and the site id for the sync with a central store (store_sync.c). Existing rows get distinct revs in id order, so a first
 * sync sends them in batches like any other change. */
static const char migration_v4[] =
	"ALTER TABLE referral ADD COLUMN uuid TEXT;"
	"ALTER TABLE referral ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE referral_status ADD COLUMN uuid TEXT;"
	"ALTER TABLE referral_status ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE djg_score ADD COLUMN uuid TEXT;"
	"ALTER TABLE djg_score ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
	"UPDATE referral SET uuid = " STORE_SQL_UUID ", rev = id;"
	"UPDATE referral_status SET uuid = " STORE_SQL_UUID ", rev = " MAX_ID("referral") " + id;"
	"UPDATE djg_score SET uuid = " STORE_SQL_UUID ", rev = " MAX_ID("referral") " + "
	MAX_ID("referral_status") " + id;"
	"CREATE UNIQUE INDEX referral_uuid ON referral(uuid);"
	"CREATE UNIQUE INDEX referral_status_uuid ON referral_status(uuid);"
	"CREATE UNIQUE INDEX djg_score_uuid ON djg_score(uuid);"
	"CREATE INDEX referral_rev ON referral(rev);"
	"CREATE INDEX referral_status_rev ON referral_status(rev);"
	"CREATE INDEX djg_score_rev ON djg_score(rev);"
	/* What an erasure leaves to tell the central store: the UUID, nothing about the person.
	 * Dropped once the central store has it. */
	"CREATE TABLE erasure ("
	" uuid TEXT PRIMARY KEY NOT NULL,"
	" at INTEGER NOT NULL,"
	" rev INTEGER NOT NULL) STRICT;"
	"CREATE INDEX erasure_rev ON erasure(rev);"
	"CREATE TABLE sync_state ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" site_id TEXT NOT NULL,"
	" rev INTEGER NOT NULL,"
	" pushed_rev INTEGER NOT NULL DEFAULT 0,"
	" last_ok_at INTEGER,"
	" last_try_at INTEGER,"
	" last_sent INTEGER,"
	" last_error TEXT,"
	" catalogue_version INTEGER NOT NULL DEFAULT 0,"
	" catalogue_published_at INTEGER) STRICT;"
	"INSERT INTO sync_state (id, site_id, rev) VALUES (1, " STORE_SQL_UUID ", " MAX_ID("referral")
	" + " MAX_ID("referral_status") " + " MAX_ID("djg_score") ");"
	/* A new referral takes a UUID (unless it brought one) and the next rev; any later change
	 * takes the next rev again. The trigger's own UPDATE changes rev, so the WHEN keeps it
	 * from counting itself. */
	"CREATE TRIGGER referral_sync_new AFTER INSERT ON referral BEGIN " NEXT_REV
	" UPDATE referral SET uuid = coalesce(NEW.uuid, " STORE_SQL_UUID "), rev = " CUR_REV
	" WHERE id = NEW.id; END;"
	"CREATE TRIGGER referral_sync_changed AFTER UPDATE ON referral"
	" WHEN NEW.rev IS OLD.rev BEGIN " NEXT_REV
	" UPDATE referral SET rev = " CUR_REV " WHERE id = NEW.id; END;"
	"CREATE TRIGGER referral_sync_erased AFTER DELETE ON referral BEGIN " NEXT_REV
	" INSERT OR REPLACE INTO erasure (uuid, at, rev) VALUES"
	" (OLD.uuid, CAST(strftime('%s', 'now') AS INTEGER), " CUR_REV "); END;"
	/* History and scores are append-only: inserted once, never changed. */
	"CREATE TRIGGER referral_status_sync_new AFTER INSERT ON referral_status BEGIN " NEXT_REV
	" UPDATE referral_status SET uuid = coalesce(NEW.uuid, " STORE_SQL_UUID "), rev = " CUR_REV
	" WHERE id = NEW.id; END;"
	"CREATE TRIGGER referral_status_append_only BEFORE UPDATE ON referral_status"
	" WHEN NEW.rev IS OLD.rev BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;"
	"CREATE TRIGGER djg_score_sync_new AFTER INSERT ON djg_score BEGIN " NEXT_REV
	" UPDATE djg_score SET uuid = coalesce(NEW.uuid, " STORE_SQL_UUID "), rev = " CUR_REV
	" WHERE id = NEW.id; END;"
	"CREATE TRIGGER djg_score_append_only BEFORE UPDATE ON djg_score"
	" WHEN NEW.rev IS OLD.rev BEGIN SELECT RAISE(ABORT, 'scores are append-only'); END;"
	"PRAGMA user_version = 4;";

/* v5: binding to a site and copies of the database (store_sync_state.c). bound: the site id
 * came from the central store (until then it is this database's own random one). generation:
 * which copy of the database pushed; a sync draws generation_next, the central store notes it
 * with each batch, and the confirmed batch makes it the database's. A copy restored from a
 * backup still has an older one, so the next sync sees that another copy pushed since. */
static const char migration_v5[] =
	"ALTER TABLE sync_state ADD COLUMN bound INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sync_state ADD COLUMN generation TEXT;"
	"ALTER TABLE sync_state ADD COLUMN generation_next TEXT;"
	"ALTER TABLE sync_state ADD COLUMN erasure_seq INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sync_state ADD COLUMN catalogue_refused INTEGER NOT NULL DEFAULT 0;"
	/* What the central store did not take, and why: shown by sync --status. */
	"CREATE TABLE sync_refused ("
	" uuid TEXT PRIMARY KEY NOT NULL,"
	" kind INTEGER NOT NULL,"
	" rev INTEGER NOT NULL,"
	" why TEXT NOT NULL,"
	" at INTEGER NOT NULL) STRICT;"
	"PRAGMA user_version = 5;";

/* Migration i brings user_version i to i + 1 and sets that version itself, inside the same
 * transaction, so no SQL is ever assembled. Append only: a shipped step never changes. */
static const char *const migrations[] = {
	"CREATE TABLE referral ("
	" id INTEGER PRIMARY KEY,"
	" case_code TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" role TEXT NOT NULL DEFAULT '',"
	" profile TEXT NOT NULL DEFAULT '',"
	" activity TEXT NOT NULL DEFAULT '',"
	" wijk TEXT NOT NULL DEFAULT '',"
	" age_group TEXT NOT NULL DEFAULT '',"
	" loneliness TEXT NOT NULL DEFAULT '',"
	" consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
	" consent_how TEXT NOT NULL DEFAULT '',"
	" followup_date TEXT NOT NULL"
	"  CHECK (followup_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" note TEXT,"
	" status TEXT NOT NULL) STRICT;"
	"CREATE TABLE referral_status ("
	" id INTEGER PRIMARY KEY,"
	" referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,"
	" status TEXT NOT NULL,"
	" at INTEGER NOT NULL) STRICT;"
	"CREATE INDEX referral_case_code ON referral(case_code);"
	"CREATE INDEX referral_followup_date ON referral(followup_date);"
	/* Without it every cascade from a deleted referral scans the whole history. */
	"CREATE INDEX referral_status_referral ON referral_status(referral_id);"
	"PRAGMA application_id = 1229673044;"
	"PRAGMA user_version = 1;",

	/* v2: the follow-up loop. Who set a status (as a role id); when a referral closed; when
	 * its note was written, so retention can delete it. The first history row of a v1
	 * referral was written by its signaller, and its note on the day it was recorded. */
	"ALTER TABLE referral ADD COLUMN closed_at INTEGER;"
	"ALTER TABLE referral ADD COLUMN note_set_at INTEGER;"
	"ALTER TABLE referral_status ADD COLUMN role TEXT NOT NULL DEFAULT '';"
	"UPDATE referral_status SET role ="
	" (SELECT r.role FROM referral r WHERE r.id = referral_status.referral_id);"
	"UPDATE referral SET note_set_at = created_at WHERE note IS NOT NULL;"
	/* De Jong Gierveld scores at follow-up: the scores only, never the answers. NULL is a
	 * missing (sub)score. */
	"CREATE TABLE djg_score ("
	" id INTEGER PRIMARY KEY,"
	" referral_id INTEGER NOT NULL REFERENCES referral(id) ON DELETE CASCADE,"
	" at INTEGER NOT NULL,"
	" total INTEGER CHECK (total BETWEEN 0 AND 6),"
	" emotional INTEGER CHECK (emotional BETWEEN 0 AND 3),"
	" social INTEGER CHECK (social BETWEEN 0 AND 3)) STRICT;"
	"CREATE INDEX djg_score_referral ON djg_score(referral_id);"
	/* Retention runs on every start: it must find expired notes without reading every row. */
	"CREATE INDEX referral_note_age ON referral(coalesce(note_set_at, created_at))"
	" WHERE note IS NOT NULL;"
	"PRAGMA user_version = 2;",

	/* v3: the half-finished walk of a program that was stopped (SIGTERM, SIGHUP): at most one,
	 * offered on the next start and deleted when taken; answers in the answers-file form. */
	"CREATE TABLE draft ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" saved_at INTEGER NOT NULL,"
	" data TEXT NOT NULL) STRICT;"
	"PRAGMA user_version = 3;",

	migration_v4,
	migration_v5,
};

int store_schema_version(void)
{
	return (int)ARRAY_LEN(migrations);
}

const char *store_migration(int from_version)
{
	return migrations[from_version];
}
