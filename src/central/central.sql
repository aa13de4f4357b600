-- central.sql: the central store of an infokaart network in PostgreSQL, schema 2: tables,
-- roles, grants and the functions through which sites write. Applied whole, in one
-- transaction, by `infokaart central init --to URL` (the program carries a copy, built in) as
-- the database's owner with the right to create roles; or by hand:
--     psql -v ON_ERROR_STOP=1 -1 -f /usr/share/infokaart/sql/central.sql URL
-- Safe to apply again, and it brings a schema 1 server (the first sync) up to schema 2: it
-- only adds what is missing, and rewrites the functions and the grants.
--
-- Who may do what. A kiosk is a shared machine, so assume a site's password gets stolen:
--  * infokaart_site: the group of the sites, one login role each (`central add-site`). A site
--    has no right on any table. It writes only through the push_* functions (SECURITY
--    DEFINER), which take the site from the login (session_user), never from what the caller
--    sends, and touch only that site's rows; it reads only its own site row (site_hello), its
--    erasures made by the coordinator, and the catalogue. It cannot read another site's
--    referrals, notes or name, overwrite or erase them, or publish a catalogue.
--  * infokaart_coordinator: reads the network's figures (every table, but of the referrals
--    neither the note nor the case code), publishes the catalogue, erases a case in the whole
--    network and applies the retention period to the notes (the functions below).
--  * infokaart_reader: for a BI tool (Metabase, Superset; `central add-reader`): reads the
--    label tables, the views and of the tables what the figures need, never a note or a case
--    code; writes nothing and calls no function.
--  * the owner (who ran init): owns everything; adds sites, coordinators and readers.
--
-- For BI tools: every table and view and every column of a table carries a COMMENT (shown by
-- Metabase, Superset and psql's \d+); the views referral_overview, referrals_per_month, outcomes_per_activity
-- and followups_due give the figures with names; the label_* tables name the ids (filled by
-- `catalogue publish` and `central init` from the content, so they may lag behind the sites:
-- nothing a site sends waits for a label). The labels, views and foreign keys to the sites
-- came later within schema 2: they change nothing a site calls, so sites of an older program
-- keep working; run `central init` again to add them.

SET LOCAL client_min_messages = warning;
SELECT pg_advisory_xact_lock(1768620033); -- two inits at once do not trip over each other

DO $$
DECLARE
  v int;
BEGIN
  IF to_regclass('infokaart.meta') IS NOT NULL THEN
    EXECUTE 'SELECT max(schema_version) FROM infokaart.meta' INTO v;
    IF v > 2 THEN
      RAISE EXCEPTION 'de centrale database is ingericht door een nieuwere versie van infokaart'
        USING ERRCODE = '55000';
    END IF;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'infokaart_site') THEN
    CREATE ROLE infokaart_site NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'infokaart_coordinator') THEN
    CREATE ROLE infokaart_coordinator NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'infokaart_reader') THEN
    CREATE ROLE infokaart_reader NOLOGIN;
  END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS infokaart;
REVOKE ALL ON SCHEMA infokaart FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- --- tables ---

CREATE TABLE IF NOT EXISTS infokaart.meta (schema_version int NOT NULL);

-- One row per site; role is the site's login. last_seen: the last sync attempt that reached
-- the server (a quiet kiosk is not a dead one); last_sync: the last changes received. max_rev
-- and generation tell a database restored from a backup (or a copied disk) from the one that
-- synced last (see site_hello).
CREATE TABLE IF NOT EXISTS infokaart.site (site_id uuid PRIMARY KEY,
  name text NOT NULL DEFAULT '', first_seen timestamptz NOT NULL DEFAULT now(),
  last_sync timestamptz);
ALTER TABLE infokaart.site ALTER COLUMN site_id SET DEFAULT gen_random_uuid();
ALTER TABLE infokaart.site ADD COLUMN IF NOT EXISTS role name UNIQUE;
ALTER TABLE infokaart.site ADD COLUMN IF NOT EXISTS last_seen timestamptz;
ALTER TABLE infokaart.site ADD COLUMN IF NOT EXISTS max_rev bigint NOT NULL DEFAULT 0;
ALTER TABLE infokaart.site ADD COLUMN IF NOT EXISTS generation uuid;

-- note_gone_upto: when a note was shredded, the time the shredded note was written; a note
-- written no later than that is the same (or an older) one and stays shredded.
CREATE TABLE IF NOT EXISTS infokaart.referral (id uuid PRIMARY KEY,
  site_id uuid NOT NULL, rev bigint NOT NULL, case_code text NOT NULL,
  created_at timestamptz NOT NULL, created_date date NOT NULL, role text, profile text,
  activity text, wijk text, age_group text, loneliness text, consent boolean NOT NULL,
  consent_how text, followup_date date, note text, note_set_at timestamptz,
  status text NOT NULL, closed_at timestamptz);
ALTER TABLE infokaart.referral ADD COLUMN IF NOT EXISTS note_gone_upto timestamptz;
CREATE INDEX IF NOT EXISTS referral_created_date ON infokaart.referral (created_date);
CREATE INDEX IF NOT EXISTS referral_site ON infokaart.referral (site_id);
CREATE INDEX IF NOT EXISTS referral_case_code ON infokaart.referral (case_code);
CREATE INDEX IF NOT EXISTS referral_note_age ON infokaart.referral
  (coalesce(note_set_at, created_at)) WHERE note IS NOT NULL;

-- No foreign key: in one push a status row may come before its referral's newest rev.
CREATE TABLE IF NOT EXISTS infokaart.referral_status (id uuid PRIMARY KEY,
  referral_id uuid NOT NULL, site_id uuid NOT NULL, status text NOT NULL,
  role text NOT NULL DEFAULT '', at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS referral_status_referral
  ON infokaart.referral_status (referral_id);

CREATE TABLE IF NOT EXISTS infokaart.djg_score (id uuid PRIMARY KEY,
  referral_id uuid NOT NULL, site_id uuid NOT NULL, at timestamptz NOT NULL,
  total smallint, emotional smallint, social smallint);
CREATE INDEX IF NOT EXISTS djg_score_referral ON infokaart.djg_score (referral_id);

-- An erased referral's UUID, kept so nothing brings it back. by_coordinator: erased for the
-- whole network. A site deletes its copy at its next sync (site_erasures, by seq).
CREATE TABLE IF NOT EXISTS infokaart.erasure (id uuid NOT NULL,
  site_id uuid NOT NULL, erased_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (id, site_id));
DO $$
BEGIN -- schema 1 keyed erasures by id alone: then one site's could block another's
  IF (SELECT array_length(conkey, 1) FROM pg_catalog.pg_constraint
      WHERE conrelid = 'infokaart.erasure'::regclass AND contype = 'p') = 1 THEN
    ALTER TABLE infokaart.erasure DROP CONSTRAINT erasure_pkey;
    ALTER TABLE infokaart.erasure ADD PRIMARY KEY (id, site_id);
  END IF;
END $$;
ALTER TABLE infokaart.erasure ADD COLUMN IF NOT EXISTS seq bigserial;
ALTER TABLE infokaart.erasure ADD COLUMN IF NOT EXISTS by_coordinator boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS erasure_site_seq ON infokaart.erasure (site_id, seq);

CREATE TABLE IF NOT EXISTS infokaart.catalogue (version bigserial PRIMARY KEY,
  published_at timestamptz NOT NULL DEFAULT now(), published_by text NOT NULL DEFAULT '',
  activities text NOT NULL);

-- Every row names a site the store knows. Added NOT VALID: a server of schema 1 may hold rows
-- of sites that were never added; new rows are checked all the same, and init validates the
-- old ones once none of those is left. There is deliberately no foreign key from a history row or a score
-- to its referral (in one push a status row may come before its referral's newest rev, and a
-- refused referral keeps its history), nor from a referral to the labels below (labels may lag
-- behind the sites: a push never fails because a name is missing).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referral', 'referral_status', 'djg_score', 'erasure'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint WHERE conname = t || '_site_fkey'
                   AND conrelid = ('infokaart.' || t)::regclass) THEN
      EXECUTE format('ALTER TABLE infokaart.%I ADD CONSTRAINT %I FOREIGN KEY (site_id)'
                     ' REFERENCES infokaart.site (site_id) NOT VALID', t, t || '_site_fkey');
    END IF;
    BEGIN
      EXECUTE format('ALTER TABLE infokaart.%I VALIDATE CONSTRAINT %I', t, t || '_site_fkey');
    EXCEPTION WHEN foreign_key_violation THEN
      NULL; -- rows of a site that was never added (schema 1): they stay, unvalidated
    END;
  END LOOP;
END $$;

-- Labels: the names of the ids the referrals carry, from the content of whoever last ran
-- `catalogue publish` or `central init` (labels_publish). An id the content no longer has
-- keeps its row (older referrals still name it), with position NULL.
CREATE TABLE IF NOT EXISTS infokaart.label_profile (id text PRIMARY KEY, name text NOT NULL,
  name_en text, position int, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS infokaart.label_wijk (LIKE infokaart.label_profile INCLUDING ALL);
CREATE TABLE IF NOT EXISTS infokaart.label_role (LIKE infokaart.label_profile INCLUDING ALL);
CREATE TABLE IF NOT EXISTS infokaart.label_status (LIKE infokaart.label_profile INCLUDING ALL);
ALTER TABLE infokaart.label_status ADD COLUMN IF NOT EXISTS final boolean NOT NULL DEFAULT false;
CREATE TABLE IF NOT EXISTS infokaart.label_activity (LIKE infokaart.label_profile INCLUDING ALL);
ALTER TABLE infokaart.label_activity ADD COLUMN IF NOT EXISTS organization text;

-- --- checks the functions share (they raise 22023 with a sentence for a value that can
-- never be stored; a site's program checks the same before it sends) ---
-- The sentences here and the refusals the push functions return are Dutch, whatever the
-- site's language: the site keeps them as they came and shows them in the language of its run
-- (central_refusal_say, src/central/central_push.c, lists every one for the catalogue: a new
-- phrase here goes there too, and the i18n test fails until it does).

CREATE OR REPLACE FUNCTION infokaart.limits(OUT max_text int, OUT max_note int,
  OUT max_catalogue int)
LANGUAGE sql IMMUTABLE AS $$ SELECT 256, 8192, 4194304 $$;

CREATE OR REPLACE FUNCTION infokaart.need(ok boolean, what text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', what USING ERRCODE = '22023';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION infokaart.as_uuid(v text) RETURNS uuid
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM infokaart.need(v ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
                         'geen geldige uuid');
  RETURN v::uuid;
END $$;

-- Unix seconds between 1970 and 2200, or NULL.
CREATE OR REPLACE FUNCTION infokaart.as_time(v text) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF v IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM infokaart.need(v ~ '^[0-9]{1,10}$' AND v::bigint <= 7258118400, 'geen geldig tijdstip');
  RETURN to_timestamp(v::bigint);
END $$;

-- YYYY-MM-DD that exists in the calendar (1900-2999), or NULL.
CREATE OR REPLACE FUNCTION infokaart.as_date(v text) RETURNS date
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  y int; m int; d int;
BEGIN
  IF v IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM infokaart.need(v ~ '^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$', 'geen geldige datum');
  y := substr(v, 1, 4)::int; m := substr(v, 6, 2)::int; d := substr(v, 9, 2)::int;
  PERFORM infokaart.need(m BETWEEN 1 AND 12 AND d >= 1 AND d <= extract(day FROM
    make_date(y, m, 1) + interval '1 month - 1 day'), 'geen geldige datum');
  RETURN make_date(y, m, d);
END $$;

CREATE OR REPLACE FUNCTION infokaart.as_text(v text, max int) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM infokaart.need(v IS NULL OR octet_length(v) <= max,
                         format('een waarde is langer dan %s bytes', max));
  RETURN v;
END $$;

CREATE OR REPLACE FUNCTION infokaart.as_score(v text, max int) RETURNS smallint
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF v IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM infokaart.need(v ~ '^[0-9]$' AND v::int <= max, 'geen geldige score');
  RETURN v::smallint;
END $$;

-- --- the site: who is calling ---

-- The site of the login; raises when the login is no site of this network.
CREATE OR REPLACE FUNCTION infokaart.caller_site() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid;
BEGIN
  SELECT t.site_id INTO s FROM infokaart.site t WHERE t.role = session_user;
  IF s IS NULL OR NOT pg_has_role(session_user, 'infokaart_site', 'MEMBER') THEN
    RAISE EXCEPTION 'de gebruiker % is geen site van dit netwerk', session_user
      USING ERRCODE = '42501',
            HINT = 'De coördinator maakt een site aan met: infokaart central add-site NAAM';
  END IF;
  RETURN s;
END $$;

-- The schema on the server: what a program checks before anything else.
CREATE OR REPLACE FUNCTION infokaart.schema_version() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT max(schema_version) FROM infokaart.meta
$$;

-- The start of a site's sync. Waits while another sync of the same site runs (two syncs of a
-- database at once), and holds that lock until the connection ends. Notes the attempt and,
-- when given (not NULL or empty), the site's name. Returns the site's id, the highest rev it
-- ever pushed and the generation of the database that pushed last: a database whose own
-- generation is another one was restored from a backup or copied, and must give its pending
-- changes revs above max_rev.
CREATE OR REPLACE FUNCTION infokaart.site_hello(p_name text,
  OUT site_id uuid, OUT max_rev bigint, OUT generation uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp SET lock_timeout = '10min' AS $$
DECLARE
  s uuid := infokaart.caller_site();
  v_name text := infokaart.as_text(nullif(p_name, ''), 200);
BEGIN
  PERFORM pg_advisory_lock(26987, hashtext(s::text));
  UPDATE infokaart.site t SET last_seen = now(), name = coalesce(v_name, t.name)
   WHERE t.site_id = s
  RETURNING t.site_id, t.max_rev, t.generation INTO site_hello.site_id, site_hello.max_rev,
    site_hello.generation;
END $$;

-- The end of a batch, in its transaction: the highest rev in it, and the generation of the
-- database that sent it.
CREATE OR REPLACE FUNCTION infokaart.site_pushed(p_max_rev text, p_generation text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
BEGIN
  PERFORM infokaart.need(p_max_rev ~ '^[0-9]{1,18}$', 'geen geldige rev');
  UPDATE infokaart.site t SET max_rev = greatest(t.max_rev, p_max_rev::bigint),
    generation = infokaart.as_uuid(p_generation), last_sync = now()
   WHERE t.site_id = s;
END $$;

-- Whose is this referral, for site p_site? 'ander' when the central store has it for another
-- site; 'gewist' when this site erased it (or the coordinator did): then nothing of it is
-- stored again; else NULL.
CREATE OR REPLACE FUNCTION infokaart.owner_of(p_id uuid, p_site uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM infokaart.referral r WHERE r.id = p_id AND r.site_id <> p_site)
      THEN 'ander'
    WHEN EXISTS (SELECT 1 FROM infokaart.erasure e WHERE e.id = p_id AND e.site_id = p_site)
      THEN 'gewist'
    END
$$;

-- The same for a history row or a score (p_kind 'status' or 'djg') with id p_id of referral
-- p_ref: also 'ander' when a row with this id is another site's.
CREATE OR REPLACE FUNCTION infokaart.child_owner(p_kind text, p_id uuid, p_ref uuid,
  p_site uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN p_kind = 'status' AND EXISTS (SELECT 1 FROM infokaart.referral_status h
                                        WHERE h.id = p_id AND h.site_id <> p_site)
      THEN 'ander'
    WHEN p_kind = 'djg' AND EXISTS (SELECT 1 FROM infokaart.djg_score d
                                     WHERE d.id = p_id AND d.site_id <> p_site)
      THEN 'ander'
    ELSE infokaart.owner_of(p_ref, p_site)
    END
$$;

-- Each push_* returns NULL when the change is stored (or the central store already has it, or
-- something newer), else why it was refused: a change aimed at another site's referral is
-- refused, and nothing of that site is read or changed. A value that can never be stored
-- raises 22023.
CREATE OR REPLACE FUNCTION infokaart.push_referral(p_id text, p_rev text, p_case_code text,
  p_created_at text, p_created_date text, p_role text, p_profile text, p_activity text,
  p_wijk text, p_age_group text, p_loneliness text, p_consent text, p_consent_how text,
  p_followup_date text, p_note text, p_note_set_at text, p_status text, p_closed_at text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
  mt int := (infokaart.limits()).max_text;
  v_id uuid := infokaart.as_uuid(p_id);
  v_owner text := infokaart.owner_of(v_id, s);
BEGIN
  PERFORM infokaart.need(p_rev ~ '^[0-9]{1,18}$', 'geen geldige rev');
  PERFORM infokaart.need(p_consent IN ('true', 'false'), 'geen geldige toestemming');
  PERFORM infokaart.need(p_case_code IS NOT NULL AND p_status IS NOT NULL, 'code of status ontbreekt');
  IF v_owner = 'ander' THEN
    RETURN 'deze verwijzing hoort bij een andere site';
  ELSIF v_owner = 'gewist' THEN
    RETURN NULL;
  END IF;
  INSERT INTO infokaart.referral AS t (id, site_id, rev, case_code, created_at, created_date,
    role, profile, activity, wijk, age_group, loneliness, consent, consent_how, followup_date,
    note, note_set_at, status, closed_at)
  VALUES (v_id, s, p_rev::bigint, infokaart.as_text(p_case_code, 32),
    infokaart.as_time(p_created_at), infokaart.as_date(p_created_date),
    infokaart.as_text(p_role, mt), infokaart.as_text(p_profile, mt),
    infokaart.as_text(p_activity, mt), infokaart.as_text(p_wijk, mt),
    infokaart.as_text(p_age_group, mt), infokaart.as_text(p_loneliness, mt),
    p_consent::boolean, infokaart.as_text(p_consent_how, mt),
    infokaart.as_date(p_followup_date), infokaart.as_text(p_note, (infokaart.limits()).max_note),
    infokaart.as_time(p_note_set_at), infokaart.as_text(p_status, mt),
    infokaart.as_time(p_closed_at))
  ON CONFLICT (id) DO UPDATE SET rev = EXCLUDED.rev, case_code = EXCLUDED.case_code,
    created_at = EXCLUDED.created_at, created_date = EXCLUDED.created_date,
    role = EXCLUDED.role, profile = EXCLUDED.profile, activity = EXCLUDED.activity,
    wijk = EXCLUDED.wijk, age_group = EXCLUDED.age_group, loneliness = EXCLUDED.loneliness,
    consent = EXCLUDED.consent, consent_how = EXCLUDED.consent_how,
    followup_date = EXCLUDED.followup_date, status = EXCLUDED.status,
    closed_at = EXCLUDED.closed_at,
    -- A shredded note never comes back from an older copy; a note written later does.
    note = CASE WHEN t.note_gone_upto IS NOT NULL AND EXCLUDED.note_set_at <= t.note_gone_upto
      THEN NULL ELSE EXCLUDED.note END,
    note_set_at = CASE WHEN t.note_gone_upto IS NOT NULL
      AND EXCLUDED.note_set_at <= t.note_gone_upto THEN NULL ELSE EXCLUDED.note_set_at END,
    note_gone_upto = CASE WHEN EXCLUDED.note IS NULL AND t.note IS NOT NULL
      THEN greatest(t.note_gone_upto, coalesce(t.note_set_at, t.created_at))
      ELSE t.note_gone_upto END
  WHERE t.rev < EXCLUDED.rev AND t.site_id = s;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION infokaart.push_status(p_id text, p_referral text, p_status text,
  p_role text, p_at text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
  v_id uuid := infokaart.as_uuid(p_id);
  v_ref uuid := infokaart.as_uuid(p_referral);
  v_owner text := infokaart.child_owner('status', v_id, v_ref, s);
BEGIN
  PERFORM infokaart.need(p_status IS NOT NULL AND p_at IS NOT NULL, 'status of tijd ontbreekt');
  IF v_owner = 'ander' THEN
    RETURN 'deze statusregel hoort bij een andere site';
  ELSIF v_owner = 'gewist' THEN
    RETURN NULL;
  END IF;
  INSERT INTO infokaart.referral_status (id, referral_id, site_id, status, role, at)
  VALUES (v_id, v_ref, s, infokaart.as_text(p_status, 64),
    coalesce(infokaart.as_text(p_role, (infokaart.limits()).max_text), ''),
    infokaart.as_time(p_at))
  ON CONFLICT (id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION infokaart.push_djg(p_id text, p_referral text, p_at text,
  p_total text, p_emotional text, p_social text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
  v_id uuid := infokaart.as_uuid(p_id);
  v_ref uuid := infokaart.as_uuid(p_referral);
  v_owner text := infokaart.child_owner('djg', v_id, v_ref, s);
BEGIN
  PERFORM infokaart.need(p_at IS NOT NULL, 'tijd ontbreekt');
  IF v_owner = 'ander' THEN
    RETURN 'deze score hoort bij een andere site';
  ELSIF v_owner = 'gewist' THEN
    RETURN NULL;
  END IF;
  INSERT INTO infokaart.djg_score (id, referral_id, site_id, at, total, emotional, social)
  VALUES (v_id, v_ref, s, infokaart.as_time(p_at), infokaart.as_score(p_total, 6),
    infokaart.as_score(p_emotional, 3), infokaart.as_score(p_social, 3))
  ON CONFLICT (id) DO NOTHING;
  RETURN NULL;
END $$;

-- An erasure deletes the site's own referral with its rows, and is remembered first.
CREATE OR REPLACE FUNCTION infokaart.push_erasure(p_id text, p_at text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
  v_id uuid := infokaart.as_uuid(p_id);
BEGIN
  IF infokaart.owner_of(v_id, s) = 'ander' THEN
    RETURN 'deze verwijzing hoort bij een andere site';
  END IF;
  INSERT INTO infokaart.erasure (id, site_id, erased_at)
  VALUES (v_id, s, coalesce(infokaart.as_time(p_at), now())) ON CONFLICT (id, site_id) DO NOTHING;
  DELETE FROM infokaart.referral_status WHERE referral_id = v_id AND site_id = s;
  DELETE FROM infokaart.djg_score WHERE referral_id = v_id AND site_id = s;
  DELETE FROM infokaart.referral WHERE id = v_id AND site_id = s;
  RETURN NULL;
END $$;

-- The erasures of this site's referrals after seq p_after, oldest first: the coordinator's,
-- and the site's own (a copy restored from a backup erases again what it had erased since).
CREATE OR REPLACE FUNCTION infokaart.site_erasures(p_after text)
RETURNS TABLE (seq bigint, id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid := infokaart.caller_site();
BEGIN
  PERFORM infokaart.need(p_after ~ '^[0-9]{1,18}$', 'geen geldig volgnummer');
  RETURN QUERY SELECT e.seq, e.id FROM infokaart.erasure e
   WHERE e.site_id = s AND e.seq > p_after::bigint ORDER BY e.seq;
END $$;

-- --- the catalogue ---

-- The newest version after p_after: its size, and its text only when it is at most p_max
-- bytes (a site fetches nothing it would refuse). No row when there is none newer.
CREATE OR REPLACE FUNCTION infokaart.catalogue_latest(p_after bigint, p_max int,
  OUT version bigint, OUT published_at bigint, OUT bytes int, OUT activities text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT c.version, floor(extract(epoch FROM c.published_at))::bigint,
    octet_length(c.activities),
    CASE WHEN octet_length(c.activities) <= p_max THEN c.activities END
  FROM infokaart.catalogue c WHERE c.version > p_after ORDER BY c.version DESC LIMIT 1
$$;

-- A new version, unless the newest has this text. Who published is the login.
CREATE OR REPLACE FUNCTION infokaart.catalogue_publish(p_body text,
  OUT version bigint, OUT is_new boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM infokaart.need(p_body IS NOT NULL
    AND octet_length(p_body) <= (infokaart.limits()).max_catalogue,
    format('de catalogus is groter dan %s bytes', (infokaart.limits()).max_catalogue));
  PERFORM pg_advisory_xact_lock(1768620034);
  SELECT c.version, false INTO version, is_new FROM infokaart.catalogue c
   WHERE c.activities = p_body AND c.version = (SELECT max(x.version) FROM infokaart.catalogue x);
  IF NOT FOUND THEN
    INSERT INTO infokaart.catalogue (activities, published_by) VALUES (p_body, session_user)
    RETURNING catalogue.version, true INTO version, is_new;
  END IF;
END $$;

-- --- the coordinator ---

-- Erases every referral with case code p_code in the whole network, with its history and
-- scores, and remembers each UUID (for its site, which deletes its own copy at its next sync).
CREATE OR REPLACE FUNCTION infokaart.erase_case(p_code text,
  OUT referrals bigint, OUT history bigint, OUT scores bigint, OUT sites bigint)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH r AS (SELECT t.id, t.site_id FROM infokaart.referral t WHERE t.case_code = p_code
             FOR UPDATE),
  e AS (INSERT INTO infokaart.erasure (id, site_id, erased_at, by_coordinator)
        SELECT r.id, r.site_id, now(), true FROM r
        ON CONFLICT (id, site_id) DO UPDATE SET by_coordinator = true,
          seq = nextval(pg_get_serial_sequence('infokaart.erasure', 'seq'))),
  h AS (DELETE FROM infokaart.referral_status h USING r WHERE h.referral_id = r.id RETURNING 1),
  d AS (DELETE FROM infokaart.djg_score d USING r WHERE d.referral_id = r.id RETURNING 1),
  x AS (DELETE FROM infokaart.referral t USING r WHERE t.id = r.id RETURNING t.site_id)
  SELECT (SELECT count(*) FROM x), (SELECT count(*) FROM h), (SELECT count(*) FROM d),
    (SELECT count(DISTINCT x.site_id) FROM x)
$$;

-- Retention for the central copy: notes written (or, without that time, recorded) more than
-- p_days before p_now (unix seconds) are deleted, as each site does with its own. Returns how
-- many. A later push of the same note from an old copy does not bring it back.
CREATE OR REPLACE FUNCTION infokaart.purge_notes(p_now bigint, p_days int) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM infokaart.need(p_days BETWEEN 1 AND 36600, 'geen geldige bewaartermijn');
  UPDATE infokaart.referral r SET note = NULL, note_set_at = NULL,
    note_gone_upto = greatest(r.note_gone_upto, coalesce(r.note_set_at, r.created_at))
   WHERE r.note IS NOT NULL
     AND coalesce(r.note_set_at, r.created_at) < to_timestamp(p_now) - make_interval(days => p_days);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- The labels of one kind from p_rows, a JSON array of {"id", "nl", "en"} in the content's
-- order (a status also has "final", an activity "organization"): upserted with their position
-- in it; a row whose id is not in p_rows keeps its names and loses its position. An update
-- that changes nothing writes nothing. Called by labels_publish.
CREATE OR REPLACE FUNCTION infokaart.labels_put(p_kind text, p_rows jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  mt int := (infokaart.limits()).max_text;
  tbl text := 'label_' || p_kind;
BEGIN
  PERFORM infokaart.need(jsonb_typeof(p_rows) = 'array', format('labels %s: geen lijst', p_kind));
  EXECUTE format($q$
    UPDATE infokaart.%1$I t SET position = NULL, updated_at = now()
     WHERE t.position IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements($1) e WHERE e ->> 'id' = t.id)$q$, tbl)
  USING p_rows;
  EXECUTE format($q$
    INSERT INTO infokaart.%1$I AS t (id, name, name_en, position)
    SELECT DISTINCT ON (e ->> 'id') infokaart.as_text(e ->> 'id', $2),
      infokaart.as_text(coalesce(e ->> 'nl', e ->> 'id'), 4 * $2),
      infokaart.as_text(e ->> 'en', 4 * $2), x.n::int
      FROM jsonb_array_elements($1) WITH ORDINALITY AS x(e, n)
     WHERE coalesce(e ->> 'id', '') <> '' ORDER BY e ->> 'id', x.n
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,
      position = EXCLUDED.position, updated_at = now()
    WHERE (t.name, t.name_en, t.position)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.position)$q$, tbl)
  USING p_rows, mt;
  IF p_kind = 'status' THEN
    UPDATE infokaart.label_status t SET final = coalesce((e ->> 'final')::boolean, false),
      updated_at = now()
      FROM jsonb_array_elements(p_rows) e
     WHERE t.id = e ->> 'id' AND t.final IS DISTINCT FROM coalesce((e ->> 'final')::boolean, false);
  ELSIF p_kind = 'activity' THEN
    UPDATE infokaart.label_activity t SET organization = infokaart.as_text(e ->> 'organization', 4 * mt),
      updated_at = now()
      FROM jsonb_array_elements(p_rows) e
     WHERE t.id = e ->> 'id' AND t.organization IS DISTINCT FROM e ->> 'organization';
  END IF;
END $$;

-- Names for the ids the referrals carry, from the publisher's content: p_labels is a JSON
-- object with up to five lists, each in the content's order: "profile", "wijk", "role",
-- "status" and "activity" (see labels_put). A list that is absent leaves its table as it is.
-- Run by `catalogue publish` and `central init`; nothing a site sends depends on it.
CREATE OR REPLACE FUNCTION infokaart.labels_publish(p_labels text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  j jsonb;
  k text;
BEGIN
  PERFORM infokaart.need(octet_length(p_labels) <= 2 * (infokaart.limits()).max_catalogue,
    format('de labels zijn groter dan %s bytes', 2 * (infokaart.limits()).max_catalogue));
  BEGIN
    j := p_labels::jsonb;
  EXCEPTION WHEN invalid_text_representation THEN
    j := NULL;
  END;
  PERFORM infokaart.need(jsonb_typeof(j) = 'object', 'de labels zijn geen JSON-object');
  PERFORM pg_advisory_xact_lock(1768620035); -- two publishers at once: one after the other
  FOREACH k IN ARRAY ARRAY['profile', 'wijk', 'role', 'status', 'activity'] LOOP
    IF j ? k THEN
      PERFORM infokaart.labels_put(k, j -> k);
    END IF;
  END LOOP;
END $$;

-- Run by the owner (central add-site, add-coordinator): a login role in the group, with a
-- password verifier (never the password itself), and for a site its row. Returns the site id
-- (NULL for a coordinator).
CREATE OR REPLACE FUNCTION infokaart.add_member(p_role text, p_site_name text,
  p_verifier text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s uuid;
BEGIN
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_role, p_verifier,
    CASE WHEN p_site_name IS NULL THEN 'infokaart_coordinator' ELSE 'infokaart_site' END);
  IF p_site_name IS NOT NULL THEN
    INSERT INTO infokaart.site (role, name, first_seen) VALUES (p_role, p_site_name, now())
    RETURNING site_id INTO s;
  END IF;
  RETURN s;
END $$;

-- Run by the owner (central add-reader): a login role for a BI tool (Metabase, Superset), in
-- the group infokaart_reader, with a password verifier as add_member.
CREATE OR REPLACE FUNCTION infokaart.add_reader(p_role text, p_verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE infokaart_reader', p_role, p_verifier);
END $$;

-- --- views: the figures as a BI tool reads them (no note, no case code) ---

-- One row per referral with the names of its ids (Dutch, and English where the content has
-- it; the id itself when no label has it yet, as `stats` shows it) and its site's name.
CREATE OR REPLACE VIEW infokaart.referral_overview AS
SELECT r.id AS referral_id, r.site_id,
  coalesce(nullif(s.name, ''), s.role::text, r.site_id::text) AS site_name,
  r.created_date, date_trunc('month', r.created_date)::date AS month,
  nullif(r.role, '') AS role, coalesce(lr.name, nullif(r.role, '')) AS role_name,
  coalesce(lr.name_en, lr.name, nullif(r.role, '')) AS role_name_en,
  nullif(r.profile, '') AS profile, coalesce(lp.name, nullif(r.profile, '')) AS profile_name,
  coalesce(lp.name_en, lp.name, nullif(r.profile, '')) AS profile_name_en,
  nullif(r.activity, '') AS activity, coalesce(la.name, nullif(r.activity, '')) AS activity_name,
  la.organization AS activity_organization,
  nullif(r.wijk, '') AS wijk, coalesce(lw.name, nullif(r.wijk, '')) AS wijk_name,
  coalesce(lw.name_en, lw.name, nullif(r.wijk, '')) AS wijk_name_en,
  nullif(r.age_group, '') AS age_group, nullif(r.loneliness, '') AS loneliness, r.consent,
  nullif(r.consent_how, '') AS consent_how, r.followup_date,
  r.status, coalesce(ls.name, r.status) AS status_name,
  coalesce(ls.name_en, ls.name, r.status) AS status_name_en, ls.final AS status_final,
  r.closed_at, r.closed_at IS NULL AS open,
  EXISTS (SELECT 1 FROM infokaart.referral_status h WHERE h.referral_id = r.id
          AND h.site_id = r.site_id AND h.status IN ('gestart', 'afgerond')) AS started
FROM infokaart.referral r
LEFT JOIN infokaart.site s ON s.site_id = r.site_id
LEFT JOIN infokaart.label_role lr ON lr.id = r.role
LEFT JOIN infokaart.label_profile lp ON lp.id = r.profile
LEFT JOIN infokaart.label_activity la ON la.id = r.activity
LEFT JOIN infokaart.label_wijk lw ON lw.id = r.wijk
LEFT JOIN infokaart.label_status ls ON ls.id = r.status;

-- Referrals per month (of created_date, the date at the site) per site.
CREATE OR REPLACE VIEW infokaart.referrals_per_month AS
SELECT o.month, to_char(o.month, 'YYYY-MM') AS month_text, o.site_id, o.site_name,
  count(*) AS referrals, count(*) FILTER (WHERE o.started) AS started,
  count(*) FILTER (WHERE o.open) AS open
FROM infokaart.referral_overview o
GROUP BY o.month, o.site_id, o.site_name;

-- Per activity, how its referrals stand now: one row per activity and current status.
CREATE OR REPLACE VIEW infokaart.outcomes_per_activity AS
SELECT o.activity, o.activity_name, o.activity_organization, o.status, o.status_name,
  o.status_name_en, o.status_final, count(*) AS referrals,
  count(*) FILTER (WHERE o.started) AS started
FROM infokaart.referral_overview o
GROUP BY o.activity, o.activity_name, o.activity_organization, o.status, o.status_name,
  o.status_name_en, o.status_final;

-- Open referrals whose follow-up date has come (today by the server's clock), per site; as
-- `followups` lists them on each machine, without the case code.
CREATE OR REPLACE VIEW infokaart.followups_due AS
SELECT o.referral_id, o.site_id, o.site_name, o.created_date, o.followup_date,
  current_date - o.followup_date AS days_overdue, o.status, o.status_name, o.status_name_en,
  o.activity, o.activity_name, o.profile, o.profile_name, o.role, o.role_name, o.wijk,
  o.wijk_name
FROM infokaart.referral_overview o
WHERE o.open AND o.followup_date <= current_date;

-- --- grants: nothing but what is listed here ---

REVOKE ALL ON ALL TABLES IN SCHEMA infokaart
  FROM PUBLIC, infokaart_site, infokaart_coordinator, infokaart_reader;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA infokaart
  FROM PUBLIC, infokaart_site, infokaart_coordinator, infokaart_reader;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA infokaart
  FROM PUBLIC, infokaart_site, infokaart_coordinator, infokaart_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA infokaart REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA infokaart TO infokaart_site, infokaart_coordinator;

GRANT EXECUTE ON FUNCTION infokaart.schema_version(),
  infokaart.catalogue_latest(bigint, int) TO infokaart_site, infokaart_coordinator;
GRANT EXECUTE ON FUNCTION infokaart.site_hello(text), infokaart.site_pushed(text, text),
  infokaart.push_referral(text, text, text, text, text, text, text, text, text, text, text,
    text, text, text, text, text, text, text),
  infokaart.push_status(text, text, text, text, text),
  infokaart.push_djg(text, text, text, text, text, text),
  infokaart.push_erasure(text, text), infokaart.site_erasures(text) TO infokaart_site;
GRANT EXECUTE ON FUNCTION infokaart.catalogue_publish(text), infokaart.erase_case(text),
  infokaart.purge_notes(bigint, int) TO infokaart_coordinator;

GRANT SELECT ON infokaart.meta, infokaart.site, infokaart.referral_status, infokaart.djg_score,
  infokaart.erasure, infokaart.catalogue TO infokaart_coordinator;
GRANT SELECT (id, site_id, rev, created_at, created_date, role, profile, activity, wijk,
  age_group, loneliness, consent, consent_how, followup_date, status, closed_at)
  ON infokaart.referral TO infokaart_coordinator;
GRANT EXECUTE ON FUNCTION infokaart.labels_publish(text) TO infokaart_coordinator;

-- The reader (a BI tool): the labels, the views, and of the tables what the figures need;
-- never a note (nor when it was written), a case code, an erasure or the catalogue's text.
GRANT USAGE ON SCHEMA infokaart TO infokaart_reader;
GRANT SELECT ON infokaart.label_profile, infokaart.label_wijk, infokaart.label_role,
  infokaart.label_status, infokaart.label_activity, infokaart.referral_overview,
  infokaart.referrals_per_month, infokaart.outcomes_per_activity, infokaart.followups_due
  TO infokaart_coordinator, infokaart_reader;
GRANT SELECT ON infokaart.referral_status, infokaart.djg_score TO infokaart_reader;
GRANT SELECT (site_id, name, first_seen, last_seen, last_sync) ON infokaart.site
  TO infokaart_reader;
GRANT SELECT (id, site_id, created_at, created_date, role, profile, activity, wijk, age_group,
  loneliness, consent, consent_how, followup_date, status, closed_at)
  ON infokaart.referral TO infokaart_reader;

-- --- documentation: what a BI tool (and psql's \d+) shows for each object ---

COMMENT ON SCHEMA infokaart IS 'infokaart: the referrals of every site of the network (pseudonymous: a case code, never a name), their follow-up, the published catalogue, and names for the ids. For BI tools: the views referral_overview, referrals_per_month, outcomes_per_activity and followups_due, and the label_* tables. Written by the sites only through the push_* functions.';
COMMENT ON TABLE infokaart.meta IS 'The schema version central.sql set up (a program checks it before anything else).';
COMMENT ON TABLE infokaart.site IS 'One row per site (a kiosk, a desk, a laptop), each with its own login role.';
COMMENT ON COLUMN infokaart.site.site_id IS 'The site''s id; every referral, history row, score and erasure names it.';
COMMENT ON COLUMN infokaart.site.name IS 'The site''s name as its settings give it (site_name), e.g. Kiosk Overvecht.';
COMMENT ON COLUMN infokaart.site.role IS 'The site''s login role (ik_site_...).';
COMMENT ON COLUMN infokaart.site.first_seen IS 'When the site was added.';
COMMENT ON COLUMN infokaart.site.last_seen IS 'The last sync attempt that reached the server, also with nothing to send.';
COMMENT ON COLUMN infokaart.site.last_sync IS 'When the site''s changes last arrived.';
COMMENT ON COLUMN infokaart.site.max_rev IS 'The highest change number the site ever sent (to tell a restored backup).';
COMMENT ON COLUMN infokaart.site.generation IS 'Which copy of the site''s database sent last (to tell a restored backup or a copied disk).';
COMMENT ON TABLE infokaart.referral IS 'One row per referral a site recorded: who signalled (a role), the profile, the activity, the follow-up. The ids are those of the content; the label_* tables name them.';
COMMENT ON COLUMN infokaart.referral.id IS 'The referral''s UUID, made by the site.';
COMMENT ON COLUMN infokaart.referral.rev IS 'The site''s change number of this version of the row.';
COMMENT ON COLUMN infokaart.referral.case_code IS 'The pseudonymous case code the person got on a slip (never a name). Not readable by the coordinator or the reader.';
COMMENT ON COLUMN infokaart.referral.created_at IS 'When it was recorded.';
COMMENT ON COLUMN infokaart.referral.created_date IS 'The date it was recorded, at the site (months and --since count by it).';
COMMENT ON COLUMN infokaart.referral.role IS 'The signaller''s role (label_role.id): huisarts, wijkagent, ...';
COMMENT ON COLUMN infokaart.referral.profile IS 'The intervention profile chosen (label_profile.id).';
COMMENT ON COLUMN infokaart.referral.activity IS 'The activity referred to (label_activity.id, from the catalogue).';
COMMENT ON COLUMN infokaart.referral.wijk IS 'The wijk (district) of the person (label_wijk.id); empty when not known.';
COMMENT ON COLUMN infokaart.referral.age_group IS 'The age group answered (an option id of the question age_group); empty when not known.';
COMMENT ON COLUMN infokaart.referral.loneliness IS 'The kinds of loneliness answered, comma-separated option ids.';
COMMENT ON COLUMN infokaart.referral.consent IS 'The person agreed to be referred.';
COMMENT ON COLUMN infokaart.referral.consent_how IS 'How consent was given (mondeling, schriftelijk, ...).';
COMMENT ON COLUMN infokaart.referral.followup_date IS 'When the signaller follows up.';
COMMENT ON COLUMN infokaart.referral.note IS 'Optional free text, deleted after the retention period. Not readable by the coordinator or the reader.';
COMMENT ON COLUMN infokaart.referral.note_set_at IS 'When the note was written (its retention period starts then).';
COMMENT ON COLUMN infokaart.referral.note_gone_upto IS 'When a note was shredded: the time the shredded note was written (an older copy does not bring it back).';
COMMENT ON COLUMN infokaart.referral.status IS 'The current status (label_status.id).';
COMMENT ON COLUMN infokaart.referral.closed_at IS 'When a final status closed it; NULL while open.';
COMMENT ON TABLE infokaart.referral_status IS 'The status history of the referrals, append-only: what, who (a role), when. referral_id names referral.id (no foreign key: a history row may arrive before its referral''s newest version).';
COMMENT ON COLUMN infokaart.referral_status.id IS 'The history row''s UUID, made by the site.';
COMMENT ON COLUMN infokaart.referral_status.referral_id IS 'The referral (referral.id).';
COMMENT ON COLUMN infokaart.referral_status.status IS 'The status set (label_status.id).';
COMMENT ON COLUMN infokaart.referral_status.role IS 'The role of who set it (label_role.id); empty when unknown.';
COMMENT ON COLUMN infokaart.referral_status.at IS 'When it was set.';
COMMENT ON TABLE infokaart.djg_score IS 'De Jong Gierveld loneliness scores (6-item scale) measured at follow-up: the scores only, never the answers. referral_id names referral.id.';
COMMENT ON COLUMN infokaart.djg_score.id IS 'The score''s UUID, made by the site.';
COMMENT ON COLUMN infokaart.djg_score.referral_id IS 'The referral (referral.id).';
COMMENT ON COLUMN infokaart.djg_score.at IS 'When it was measured.';
COMMENT ON COLUMN infokaart.djg_score.total IS 'Total 0-6 (higher: lonelier); NULL when more than one item was not answered.';
COMMENT ON COLUMN infokaart.djg_score.emotional IS 'Emotional loneliness 0-3; NULL when not answered.';
COMMENT ON COLUMN infokaart.djg_score.social IS 'Social loneliness 0-3; NULL when not answered.';
COMMENT ON COLUMN infokaart.meta.schema_version IS 'The version of central.sql the store was set up with.';
COMMENT ON TABLE infokaart.erasure IS 'The UUIDs of erased referrals, kept so nothing brings them back; by_coordinator: erased for the whole network (the site deletes its copy at its next sync).';
COMMENT ON TABLE infokaart.catalogue IS 'The published versions of the catalogue (activities.json); the sites fetch the newest.';
COMMENT ON COLUMN infokaart.erasure.id IS 'The erased referral''s UUID.';
COMMENT ON COLUMN infokaart.erasure.site_id IS 'The site whose referral it was.';
COMMENT ON COLUMN infokaart.erasure.erased_at IS 'When it was erased.';
COMMENT ON COLUMN infokaart.erasure.received_at IS 'When the central store learnt of it.';
COMMENT ON COLUMN infokaart.erasure.seq IS 'Order of the erasures; a site asks for those after the last it saw.';
COMMENT ON COLUMN infokaart.erasure.by_coordinator IS 'Erased by the coordinator for the whole network (central erase).';
COMMENT ON COLUMN infokaart.catalogue.version IS 'The version; a site takes a higher one than it has.';
COMMENT ON COLUMN infokaart.catalogue.published_at IS 'When it was published.';
COMMENT ON COLUMN infokaart.catalogue.published_by IS 'The login that published it.';
COMMENT ON COLUMN infokaart.catalogue.activities IS 'The text of activities.json.';
COMMENT ON TABLE infokaart.label_profile IS 'Names of the intervention profiles (referral.profile), from the content''s profiles.json.';
COMMENT ON TABLE infokaart.label_wijk IS 'Names of the wijken (referral.wijk), the options of the content''s question wijk.';
COMMENT ON TABLE infokaart.label_role IS 'Names of the signallers'' roles (referral.role, referral_status.role), the options of the content''s question role.';
COMMENT ON TABLE infokaart.label_status IS 'Names of the follow-up statuses (referral.status, referral_status.status), as the program shows them.';
COMMENT ON COLUMN infokaart.label_status.final IS 'A final status closes the referral.';
COMMENT ON TABLE infokaart.label_activity IS 'Names of the activities (referral.activity), from the published catalogue. name_en is empty: an activity has one name.';
COMMENT ON COLUMN infokaart.label_activity.organization IS 'Who offers the activity.';
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referral', 'referral_status', 'djg_score'] LOOP
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.site_id IS %L', t,
                   'The site that recorded it (site.site_id).');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['label_profile', 'label_wijk', 'label_role', 'label_status',
                           'label_activity'] LOOP
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.id IS %L', t, 'The id as the referrals carry it.');
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.name IS %L', t, 'The name in Dutch.');
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.name_en IS %L', t, 'The name in English; NULL when there is none.');
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.position IS %L', t,
                   'Its place in the content (1 first), for sorting; NULL when the content no longer has it (older referrals may still name it).');
    EXECUTE format('COMMENT ON COLUMN infokaart.%I.updated_at IS %L', t, 'When a publication last changed the row.');
  END LOOP;
END $$;
COMMENT ON VIEW infokaart.referral_overview IS 'One row per referral with the names of its ids (Dutch, and _en English) and its site''s name; without case code or note. An id no label names yet stands for its own name, as stats shows it.';
COMMENT ON COLUMN infokaart.referral_overview.month IS 'The first day of the month it was recorded in (created_date).';
COMMENT ON COLUMN infokaart.referral_overview.open IS 'Not closed by a final status.';
COMMENT ON COLUMN infokaart.referral_overview.started IS 'Its history reached gestart (or afgerond: what is completed has started), as stats counts started.';
COMMENT ON VIEW infokaart.referrals_per_month IS 'Referrals per month and site, with how many started and how many are open now (stats --from per month, split by site).';
COMMENT ON COLUMN infokaart.referrals_per_month.month_text IS 'The month as YYYY-MM, as stats prints it.';
COMMENT ON VIEW infokaart.outcomes_per_activity IS 'Per activity and current status: how many referrals, and how many of those ever started.';
COMMENT ON VIEW infokaart.followups_due IS 'Open referrals whose follow-up date is today (the server''s date) or past, with days_overdue; per site, without case code.';
COMMENT ON COLUMN infokaart.followups_due.days_overdue IS 'Days since the follow-up date (0: today).';

INSERT INTO infokaart.meta (schema_version)
SELECT 2 WHERE NOT EXISTS (SELECT 1 FROM infokaart.meta WHERE schema_version >= 2);
