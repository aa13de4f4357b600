/* kill_check.h: what the kill, concurrency and fault tests check in the database afterwards,
 * opened read-write as the next run of the program would (so a write-ahead log left by a
 * killed program is recovered first): PRAGMA integrity_check and foreign_key_check pass,
 * every referral has its first status row, and every case code the program reported as
 * recorded is there exactly once. Fails the running test otherwise. */
#ifndef INFOKAART_E2E_KILL_CHECK_H
#define INFOKAART_E2E_KILL_CHECK_H

/* Returns the number of referrals in db (0 when the file does not exist). */
int kill_check_db(const char *db, char (*codes)[16], int ncodes);

#endif
