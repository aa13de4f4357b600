# synclib.sh: what the sync tests share, on top of pgtest.sh: the programs under test, the
# pinned clock, and comparisons of a local database with the central store. Sourced by the
# tests/pg/test_*.sh scripts, which take INFOKAART SEED PYTHON3 as arguments.

IK=$1 SEED=$2 PY=${3:-python3}
. "$(dirname "${BASH_SOURCE[0]}")/pgtest.sh" || { echo "FAIL: no pgtest.sh next to synclib.sh"; exit 1; }

[ -x "$IK" ] || die "no infokaart binary at '$IK'"
[ -x "$SEED" ] || die "no pg-seed binary at '$SEED'"
command -v sqlite3 >/dev/null || die "the sqlite3 command line tool is missing (apt-get install sqlite3)"
: "${INFOKAART_CONTENT:?set by tests/meson.build}"
export LC_ALL=C.UTF-8 INFOKAART_CONFIG=/dev/null TZ=UTC
unset LANGUAGE INFOKAART_DB INFOKAART_SYNC_BATCH

# The pinned clock: 2025-10-01 12:00 UTC. Records are seeded relative to it.
DAY=86400
T0=1759320000
export INFOKAART_NOW=$T0

# sqlite3 on a local database (read only: the checks never write behind the program's back
# unless a test says why).
lsq() { sqlite3 -batch -readonly "$1" "$2"; }
site_of() { lsq "$1" "SELECT site_id FROM sync_state"; }

# The rows of one site, as sorted lines with the same columns on both sides: referrals,
# status history, scores. Times as unix seconds; NULL spelled <null>.
local_rows() {
  case $2 in
  referral) lsq "$1" "SELECT uuid, case_code, created_at, role, profile, activity, wijk, age_group,
      loneliness, consent, consent_how, followup_date, coalesce(note, '<null>'), status,
      coalesce(closed_at, '<null>') FROM referral" ;;
  status) lsq "$1" "SELECT s.uuid, r.uuid, s.status, s.role, s.at
      FROM referral_status s JOIN referral r ON r.id = s.referral_id" ;;
  djg) lsq "$1" "SELECT d.uuid, r.uuid, d.at, coalesce(d.total, '<null>'),
      coalesce(d.emotional, '<null>'), coalesce(d.social, '<null>')
      FROM djg_score d JOIN referral r ON r.id = d.referral_id" ;;
  esac | LC_ALL=C sort
}
central_rows() {
  local w="site_id = '$1'"
  case $2 in
  referral) q "SELECT id, case_code, extract(epoch FROM created_at)::bigint, coalesce(role, ''),
      coalesce(profile, ''), coalesce(activity, ''), coalesce(wijk, ''), coalesce(age_group, ''),
      coalesce(loneliness, ''), consent::int, coalesce(consent_how, ''), followup_date::text,
      coalesce(note, '<null>'), status, coalesce(extract(epoch FROM closed_at)::bigint::text, '<null>')
      FROM infokaart.referral WHERE $w" ;;
  status) q "SELECT id, referral_id, status, coalesce(role, ''), extract(epoch FROM at)::bigint
      FROM infokaart.referral_status WHERE $w" ;;
  djg) q "SELECT id, referral_id, extract(epoch FROM at)::bigint, coalesce(total::text, '<null>'),
      coalesce(emotional::text, '<null>'), coalesce(social::text, '<null>')
      FROM infokaart.djg_score WHERE $w" ;;
  esac | LC_ALL=C sort
}

# Checks that the central store holds exactly the local database's rows for its site: every
# referral, status row and score once, field by field. $2 names the moment, for messages.
# Returns 0 when equal.
same_as_central() {
  local db=$1 what=$2 site t bad=0 n
  site=$(site_of "$db")
  [ -n "$site" ] || { say "$what: no site id in $db"; return 1; }
  for t in referral status djg; do
    local_rows "$db" $t >"$PGT_WORK/local.$t"
    central_rows "$site" $t >"$PGT_WORK/central.$t" || { say "$what: central query on $t failed"; bad=1; continue; }
    n=$(wc -l <"$PGT_WORK/local.$t")
    [ "$n" -gt 0 ] || { say "$what: the local database has no $t rows (test setup)"; bad=1; }
    if ! cmp -s "$PGT_WORK/local.$t" "$PGT_WORK/central.$t"; then
      say "$what: central $t rows differ from the local ones ($n local, $(wc -l <"$PGT_WORK/central.$t") central; < local, > central):"
      diff "$PGT_WORK/local.$t" "$PGT_WORK/central.$t" | head -8 | sed 's/^/    /'
      bad=1
    fi
  done
  return $bad
}

# Every central row with its row version (xmin): equal snapshots mean nothing was written.
central_snapshot() {
  q "SELECT 'referral', xmin, r::text FROM infokaart.referral r ORDER BY id;
     SELECT 'status', xmin, s::text FROM infokaart.referral_status s ORDER BY id;
     SELECT 'djg', xmin, d::text FROM infokaart.djg_score d ORDER BY id;
     SELECT 'erasure', xmin, e::text FROM infokaart.erasure e ORDER BY id;
     SELECT 'catalogue', xmin, c::text FROM infokaart.catalogue c ORDER BY version;
     SELECT 'sites', count(*) FROM infokaart.site;"
}

# Runs infokaart with stdout and stderr to $PGT_WORK/out and err; returns its exit status.
ik() { "$IK" "$@" >"$PGT_WORK/out" 2>"$PGT_WORK/err"; }
out() { cat "$PGT_WORK/out"; }
err() { cat "$PGT_WORK/err"; }

# Checks that a failed sync said why in one line "infokaart: …" on stderr, and nothing of $1
# (a password) anywhere.
one_clear_line() {
  local what=$1 secret=${2:-}
  local lines
  lines=$(grep -c . "$PGT_WORK/err")
  [ "$lines" -eq 1 ] || say "$what: stderr should be one line, is $lines: $(head -c 600 "$PGT_WORK/err")"
  grep -q '^infokaart: ' "$PGT_WORK/err" || say "$what: stderr does not start with 'infokaart: ': $(head -c 300 "$PGT_WORK/err")"
  if [ -n "$secret" ] && grep -q -F "$secret" "$PGT_WORK/out" "$PGT_WORK/err"; then
    say "$what: the password shows in the output: $(cat "$PGT_WORK/err")"
  fi
}

# The number in "Nog niet verstuurd: N" of `sync --status` for database $1.
unsent() {
  "$IK" --db "$1" sync --status 2>/dev/null | sed -n 's/^Nog niet verstuurd: \([0-9][0-9]*\).*/\1/p'
}

# Changes of database $1 not yet confirmed, counted from its rows (what `sync --status` should say).
local_pending() {
  lsq "$1" "SELECT (SELECT count(*) FROM referral WHERE rev > p) + (SELECT count(*) FROM referral_status WHERE rev > p)
    + (SELECT count(*) FROM djg_score WHERE rev > p) + (SELECT count(*) FROM erasure WHERE rev > p)
    FROM (SELECT pushed_rev AS p FROM sync_state)"
}

# A test-only trigger on the central server: an insert into infokaart.referral that leaves the
# table with $1 or more rows (in its own transaction's view) sleeps 60 s, so a sync hangs in
# the middle of a batch, at a known point, until the test kills something.
hang_install() {
  q "SET client_min_messages = warning;
     CREATE OR REPLACE FUNCTION public.pgtest_hang() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN
       IF (SELECT count(*) FROM infokaart.referral) >= $1 THEN PERFORM pg_sleep(60); END IF;
       RETURN NULL;
     END \$\$;
     DROP TRIGGER IF EXISTS pgtest_hang ON infokaart.referral;
     CREATE TRIGGER pgtest_hang AFTER INSERT ON infokaart.referral
       FOR EACH ROW EXECUTE FUNCTION public.pgtest_hang();" || die "could not install the test trigger"
}
hang_remove() { q "SET client_min_messages = warning; DROP TRIGGER IF EXISTS pgtest_hang ON infokaart.referral" || die "could not drop the test trigger"; }
# Waits (at most $1 s) until a backend sleeps in the trigger; 0 when one does, 1 when none
# does in time or process $2 (the sync) ended first.
hang_wait() {
  local deadline=$((SECONDS + ${1:-60}))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(q "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event = 'PgSleep'" 2>/dev/null)" = t ] && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# psql as role $1 (trust on loopback: the role name is all it takes, as a stolen password).
qas() { "$PGT_BIN/psql" -XAtq -v ON_ERROR_STOP=1 "postgresql://$1@127.0.0.1:$PG_PORT/central" -c "$2"; }

# The network as a coordinator sets it up: `central init` (as the database's owner), then
# `central add-site NAME` for each name given and one `central add-coordinator`. Sets ROLE_i,
# URL_i and PASS_i for the sites ($1, $2, …) in that order, and ROLE_C, URL_C for the
# coordinator, from what the commands print (sync_url and the ~/.pgpass line).
network_setup() {
  local i=0 name url role pass
  ik central init --to "$PG_URL" || die "central init failed: $(err)"
  for name in "$@" "Coördinator"; do
    i=$((i + 1))
    if [ $i -gt $# ]; then
      ik central add-coordinator "$name" --to "$PG_URL" || die "central add-coordinator failed: $(err)"
      i=C
    else
      ik central add-site "$name" --to "$PG_URL" || die "central add-site '$name' failed: $(err)"
    fi
    url=$(sed -n 's/^ *sync_url = //p' "$PGT_WORK/out")
    [ -n "$url" ] || die "central add-… printed no sync_url: $(out)"
    role=${url#postgresql://} role=${role%%@*}
    pass=$(grep -E "^ +[^ ]+:[0-9]+:[^:]+:$role:" "$PGT_WORK/out" | sed 's/.*://')
    [ -n "$pass" ] || die "central add-… printed no ~/.pgpass line for $role: $(out)"
    printf -v "URL_$i" '%s' "$url"
    printf -v "ROLE_$i" '%s' "$role"
    printf -v "PASS_$i" '%s' "$pass"
  done
}
