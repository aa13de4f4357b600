#!/usr/bin/env python3
"""check_content_schema.py: checks the infokaart content files against their JSON Schemas
(content/schema/*.schema.json, draft 2020-12) and checks the references between them.

Usage: python3 tests/check_content_schema.py CONTENT_DIR

Also checks the training cases in CONTENT_DIR/training/*.json against training.schema.json and
the files they refer to. Prints one line per problem as `file: path: message`, then a closing
line. Exits 0 when all five files (and the cases) are fine, 1 on any problem, 2 on wrong
usage. The C loader (`infokaart check`) stays the authority on the format (content/SCHEMA.md);
this script is a second, independent reading of it, plus project rules for the bundled
catalogue (at least MIN_PER_PROFILE activities per profile, exactly HUMAN_ROUTES activities
with human_route).
"""
import datetime
import json
import os
import re
import sys

import jsonschema

FILES = ["infokaart", "crisis", "profiles", "activities", "djg6"]
TARGET_GROUPS = {"jongeren", "studenten", "65plus", "migranten", "mantelzorgers", "lhbti"}
FACET_TYPES = {"role": "single", "support": "single", "wijk": "single", "age": "single", "wish": "single",
               "capacity": "single", "living": "single", "mobility": "single", "loneliness": "multi",
               "barriers": "multi", "interests": "multi", "languages": "multi", "groups": "multi",
               "age_years": "number", "wishes": "text"}
MIN_PER_PROFILE = 5
HUMAN_ROUTES = 3
STALE_DAYS = 365
CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")


class Report:
    def __init__(self):
        self.errors = 0
        self.notes = []

    def error(self, fname, path, message):
        self.errors += 1
        print(f"{fname}: {path or '/'}: {message}")


def pointer(parts):
    return "".join(f"/{p}" for p in parts)


class DuplicateKey(Exception):
    pass


def load_json(path):
    def pairs(items):
        seen = {}
        for k, v in items:
            if k in seen:
                raise DuplicateKey(f"duplicate key '{k}'")
            seen[k] = v
        return seen
    with open(path, encoding="utf-8") as f:
        return json.loads(f.read(), object_pairs_hook=pairs)


def schema_dir(content_dir):
    own = os.path.join(content_dir, "schema")
    if os.path.isdir(own):
        return own
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content", "schema")


def check_strings(rep, fname, node, parts=(), in_text=False):
    """Printable text only: newlines inside bilingual texts, nothing else below U+0020."""
    if isinstance(node, dict):
        is_text = set(k for k in node if not k.startswith("_")) == {"nl", "en"}
        for k, v in node.items():
            if not k.startswith("_"):
                check_strings(rep, fname, v, parts + (k,), is_text)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_strings(rep, fname, v, parts + (i,), False)
    elif isinstance(node, str):
        if "\t" in node:
            rep.error(fname, pointer(parts), "tab character (not allowed)")
        elif "\n" in node and not in_text:
            rep.error(fname, pointer(parts), "newline outside a bilingual text")
        if CONTROL.search(node):
            rep.error(fname, pointer(parts), "control character")
        if in_text and not node.strip():
            rep.error(fname, pointer(parts), "empty text")


def options_of(q):
    return [o["id"] for o in q.get("options", [])]


def check_conditions(rep, fname, conds, parts, qindex, before):
    """Each condition names a question with options (earlier than `before`, if given)."""
    for i, c in enumerate(conds):
        qid = c["question"]
        where = pointer(parts + (i,))
        if qid not in qindex:
            rep.error(fname, where + "/question", f"no question has the id '{qid}'")
            continue
        pos, q = qindex[qid]
        if before is not None and pos >= before:
            rep.error(fname, where + "/question", f"'{qid}' does not come earlier in the walk-through")
        if "options" not in q:
            rep.error(fname, where + "/question", f"'{qid}' has no options")
            continue
        key = "any" if "any" in c else "none"
        for j, oid in enumerate(c[key]):
            if oid not in options_of(q):
                rep.error(fname, f"{where}/{key}/{j}", f"question '{qid}' has no option '{oid}'")


def check_infokaart(rep, doc):
    f = "infokaart.json"
    phase_ids = [p["id"] for p in doc["phases"]]
    for i, pid in enumerate(phase_ids):
        if pid in phase_ids[:i]:
            rep.error(f, f"/phases/{i}/id", f"phase id '{pid}' is used twice")
    qindex, facets, last_phase = {}, {}, -1
    for i, q in enumerate(doc["questions"]):
        at = f"/questions/{i}"
        if q["id"] in qindex:
            rep.error(f, at + "/id", f"question id '{q['id']}' is used twice")
        if q["phase"] not in phase_ids:
            rep.error(f, at + "/phase", f"no phase has the id '{q['phase']}'")
        else:
            ph = phase_ids.index(q["phase"])
            if ph < last_phase:
                rep.error(f, at + "/phase", "questions must be listed in the order of their phases")
            last_phase = max(last_phase, ph)
        if "when" in q:
            check_conditions(rep, f, q["when"], ("questions", i, "when"), qindex, i)
        qindex.setdefault(q["id"], (i, q))
        if "min" in q and "max" in q and q["min"] >= q["max"]:
            rep.error(f, at + "/min", "min must be below max")
        facet = q.get("facet")
        if facet:
            if facet in facets:
                rep.error(f, at + "/facet", f"facet '{facet}' is already on question '{facets[facet]['id']}'")
            else:
                facets[facet] = q
            want = FACET_TYPES[facet]
            if q["type"] != want:
                rep.error(f, at + "/facet", f"facet '{facet}' needs a {want} question")
        ids = options_of(q)
        for j, o in enumerate(q.get("options", [])):
            oat = f"{at}/options/{j}"
            if o["id"] in ids[:j]:
                rep.error(f, oat + "/id", f"option id '{o['id']}' is used twice in this question")
            if o.get("exclusive") and q["type"] != "multi":
                rep.error(f, oat + "/exclusive", "'exclusive' only makes sense in a multi question")
            has_age = any(k in o for k in ("min_age", "max_age"))
            if facet == "age":
                if "min_age" not in o or "max_age" not in o:
                    rep.error(f, oat, "options of the age question need min_age and max_age")
                elif o["min_age"] > o["max_age"]:
                    rep.error(f, oat + "/min_age", "min_age is above max_age")
            elif has_age:
                rep.error(f, oat, "min_age and max_age belong on options of the age question only")
            if "groups" in o and facet not in ("age", None):
                rep.error(f, oat, "'groups' belongs on options of the age question or of a question without a facet")
            if "barrier" in o and facet not in ("barriers", None):
                rep.error(f, oat + "/barrier", "'barrier' belongs on options of the barriers question or of a question without a facet")
            if "elements" in o and facet is not None:
                rep.error(f, oat + "/elements", "'elements' belongs on options of a question without a facet")
            if "words" in o and facet != "interests":
                rep.error(f, oat + "/words", "'words' belongs on options of the interests question only")
            if facet == "barriers" and "barrier" not in o and not o.get("exclusive"):
                rep.error(f, oat, "options of the barriers question carry a 'barrier' (or are exclusive)")
            if facet == "groups" and o["id"] not in TARGET_GROUPS:
                rep.error(f, oat + "/id", f"'{o['id']}' is not a target group ({', '.join(sorted(TARGET_GROUPS))})")
            if facet == "languages" and not re.fullmatch("[a-z]{2,3}", o["id"]):
                rep.error(f, oat + "/id", f"'{o['id']}' is not an ISO 639-1 (or 639-3) code")
            if facet == "wijk" and o["id"] == "stad":
                rep.error(f, oat + "/id", "'stad' is reserved for activities that serve the whole city")
        if facet == "support" and all("ends" in o for o in q.get("options", [])):
            rep.error(f, at + "/options", "the support question needs an option without 'ends'")
    for needed in ("role", "support"):
        if needed not in facets:
            rep.error(f, "/questions", f"a question with facet '{needed}' is required")
    guide = doc["guide"]
    pids = [p["id"] for p in guide["principles"]]
    for i, pid in enumerate(pids):
        if pid in pids[:i]:
            rep.error(f, f"/guide/principles/{i}/id", f"principle id '{pid}' is used twice")
    roles = options_of(facets["role"]) if "role" in facets else []
    seen = []
    for i, o in enumerate(guide["openers"]):
        if o["role"] not in roles:
            rep.error(f, f"/guide/openers/{i}/role", f"the role question has no option '{o['role']}'")
        if o["role"] in seen:
            rep.error(f, f"/guide/openers/{i}/role", f"openers for role '{o['role']}' are given twice")
        seen.append(o["role"])
    for r in roles:
        if r not in seen:
            rep.error(f, "/guide/openers", f"no openers for role '{r}'")
    places = set(phase_ids) | set(qindex) | {"suggesties", "einde"}
    tids = []
    for i, t in enumerate(doc.get("tips", [])):
        if t["id"] in tids:
            rep.error(f, f"/tips/{i}/id", f"tip id '{t['id']}' is used twice")
        tids.append(t["id"])
        if t["at"] not in places:
            rep.error(f, f"/tips/{i}/at", f"no phase or question has the id '{t['at']}' (or use \"suggesties\" or \"einde\")")
        if "when" in t:
            check_conditions(rep, f, t["when"], ("tips", i, "when"), qindex, None)
    return qindex, facets


def check_crisis(rep, doc, facets):
    roles = set(options_of(facets["role"])) if facets and "role" in facets else None
    ids = [line["id"] for line in doc["lines"]]
    for i, lid in enumerate(ids):
        if lid in ids[:i]:
            rep.error("crisis.json", f"/lines/{i}/id", f"line id '{lid}' is used twice")
    for i, line in enumerate(doc["lines"]):
        for j, p in enumerate(line["phones"]):
            n = sum(ch.isdigit() for ch in p)
            if not 3 <= n <= 15:
                rep.error("crisis.json", f"/lines/{i}/phones/{j}", f"'{p}' has {n} digits (3 to 15 expected)")
        for j, r in enumerate(line.get("not_for_roles", [])):
            if roles is not None and r not in roles:
                rep.error("crisis.json", f"/lines/{i}/not_for_roles/{j}", f"the role question has no option '{r}'")


def check_profiles(rep, doc, qindex):
    f = "profiles.json"
    ids = [p["id"] for p in doc["profiles"]]
    for i, p in enumerate(doc["profiles"]):
        if p["id"] in ids[:i]:
            rep.error(f, f"/profiles/{i}/id", f"profile id '{p['id']}' is used twice")
        check_conditions(rep, f, p["rules"], ("profiles", i, "rules"), qindex, None)
    return ids


def check_activities(rep, doc, facets, profile_ids, today):
    f = "activities.json"
    wijken = set(options_of(facets["wijk"])) if "wijk" in facets else set()
    interests = set(options_of(facets["interests"])) if "interests" in facets else set()
    per_profile = {p: 0 for p in profile_ids}
    roles = set(options_of(facets["role"])) if "role" in facets else set()
    ids, human, stale = [], [], 0
    for i, a in enumerate(doc["activities"]):
        at = f"/activities/{i}"
        if a["id"] in ids:
            rep.error(f, at + "/id", f"activity id '{a['id']}' is used twice")
        ids.append(a["id"])
        for j, w in enumerate(a["service_area"]):
            if w != "stad" and w not in wijken:
                rep.error(f, f"{at}/service_area/{j}", f"unknown wijk '{w}' (use a wijk option id or 'stad')")
        for j, x in enumerate(a["interests"]):
            if x not in interests:
                rep.error(f, f"{at}/interests/{j}", f"unknown interest '{x}'")
        for j, p in enumerate(a["profiles"]):
            if p not in per_profile:
                rep.error(f, f"{at}/profiles/{j}", f"unknown profile '{p}'")
            else:
                per_profile[p] += 1
        lo, hi = a["minimum_age"], a["maximum_age"]
        if lo is not None and hi is not None and lo > hi:
            rep.error(f, at + "/minimum_age", "minimum_age is above maximum_age")
        try:
            if a["assured_date"] is None:  # the source did not say: shown as unknown and stale
                raise LookupError
            d = datetime.date.fromisoformat(a["assured_date"])
            if d > today:
                rep.error(f, at + "/assured_date", f"{a['assured_date']} lies in the future")
            elif (today - d).days > STALE_DAYS and (a["phones"] or a["email"] or a["schedule"]):
                stale += 1
        except LookupError:
            stale += 1
        except ValueError:
            rep.error(f, at + "/assured_date", f"'{a['assured_date']}' is not a date in the calendar")
        for j, s in enumerate(a["schedule"]):
            if s["opens_at"] >= s["closes_at"]:
                rep.error(f, f"{at}/schedule/{j}", "closes_at must be later than opens_at")
        for j, p in enumerate(a["phones"]):
            n = sum(ch.isdigit() for ch in p)
            if not 3 <= n <= 15:
                rep.error(f, f"{at}/phones/{j}", f"'{p}' has {n} digits (3 to 15 expected)")
        if a.get("human_route"):
            human.append(a["id"])
        for key in ("for_roles", "not_for_roles"):
            for j, r in enumerate(a.get(key, [])):
                if r not in roles:
                    rep.error(f, f"{at}/{key}/{j}", f"the role question has no option '{r}'")
        if set(a.get("for_roles", [])) & set(a.get("not_for_roles", [])):
            rep.error(f, at + "/not_for_roles", "a role is in both for_roles and not_for_roles")
    for p, n in per_profile.items():
        if n < MIN_PER_PROFILE:
            rep.error(f, "/activities", f"profile '{p}' has {n} activities ({MIN_PER_PROFILE} or more expected)")
    if len(human) != HUMAN_ROUTES:
        rep.error(f, "/activities", f"{len(human)} activities with human_route ({HUMAN_ROUTES} expected): {', '.join(human)}")
    if stale:
        rep.notes.append(f"note: activities.json: {stale} of {len(ids)} activities have a phone, e-mail or "
                         f"schedule checked more than {STALE_DAYS} days ago (the program shows them with a warning)")
    rep.notes.append("note: activities per profile: " + ", ".join(f"{p} {n}" for p, n in per_profile.items()))


def check_djg6(rep, doc):
    f = "djg6.json"
    answers = [a["id"] for a in doc["answers"]]
    if sorted(answers) != sorted(["ja", "min_of_meer", "nee"]):
        rep.error(f, "/answers", "the answers must be exactly ja, min_of_meer and nee")
    ids, per = [], {"emotioneel": 0, "sociaal": 0}
    for i, it in enumerate(doc["items"]):
        if it["id"] in ids:
            rep.error(f, f"/items/{i}/id", f"item id '{it['id']}' is used twice")
        ids.append(it["id"])
        per[it["subscale"]] += 1
    if per != {"emotioneel": 3, "sociaal": 3}:
        rep.error(f, "/items", f"three items per subscale expected (emotioneel {per['emotioneel']}, sociaal {per['sociaal']})")


def check_training(rep, content_dir, sdir, docs):
    """content/training/*.json: the schema, then the ids each case names and the rules of its
    reference (profile null exactly when an answer ends the walk; else the profile the rules
    give). Returns the number of cases read."""
    tdir = os.path.join(content_dir, "training")
    names = sorted(n for n in os.listdir(tdir) if n.endswith(".json")) if os.path.isdir(tdir) else []
    if not names:
        return 0
    try:
        validator = jsonschema.Draft202012Validator(load_json(os.path.join(sdir, "training.schema.json")))
    except (OSError, ValueError, DuplicateKey) as e:
        rep.error("training.schema.json", "/", f"cannot use the schema: {e}")
        return 0
    qs = {q["id"]: q for q in docs.get("infokaart", {}).get("questions", [])}
    rules = {p["id"]: p["rules"] for p in docs.get("profiles", {}).get("profiles", [])}
    acts = {a["id"] for a in docs.get("activities", {}).get("activities", [])}
    for name in names:
        fname = "training/" + name
        try:
            doc = load_json(os.path.join(tdir, name))
        except (ValueError, DuplicateKey) as e:
            rep.error(fname, "/", f"not valid JSON: {e}")
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        for err in errors:
            report_schema_error(rep, fname, err)
        check_strings(rep, fname, doc)
        if errors or not qs:
            continue
        if doc["id"] != name[:-5]:
            rep.error(fname, "/id", f"'{doc['id']}' is not the file name without .json")
        chosen, ends = {}, False
        for qid, v in doc["answers"].items():
            if qid.startswith("_"):
                continue
            if qid not in qs:
                rep.error(fname, f"/answers/{qid}", f"no question has the id '{qid}'")
                continue
            opts = {o["id"]: o for o in qs[qid].get("options", [])}
            vals = v if isinstance(v, list) else [v]
            if opts and not all(isinstance(x, str) and x in opts for x in vals):
                rep.error(fname, f"/answers/{qid}", f"question '{qid}' has no such option: {v!r}")
            chosen[qid] = set(vals) if opts else set()
            ends |= qs[qid]["type"] == "single" and "ends" in opts.get(v, {})
        ref = doc["reference"]
        if ends != (ref["profile"] is None) or ends != (not ref["activities"]):
            rep.error(fname, "/reference", "profile null and no activities exactly when an answer ends the walk")
        held = [p for p, rs in rules.items()
                if all(bool(chosen.get(r["question"], set()) & set(r.get("any", r.get("none", [])))) == ("any" in r) for r in rs)]
        if ref["profile"] is not None and ref["profile"] not in rules:
            rep.error(fname, "/reference/profile", f"no profile has the id '{ref['profile']}'")
        elif ref["profile"] is not None and not ends and ref["profile"] not in held:
            rep.error(fname, "/reference/profile", f"the rules in profiles.json give {held or 'no profile'}, not '{ref['profile']}'")
        for i, a in enumerate(ref["activities"]):
            if a not in acts:
                rep.error(fname, f"/reference/activities/{i}", f"no activity has the id '{a}'")
    return len(names)


def report_schema_error(rep, fname, err):
    """Reports one schema error in plain words where jsonschema's own are obscure."""
    at = pointer(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = set(err.schema.get("properties", {}))
        for k in err.instance:
            if k not in known and not k.startswith("_"):
                rep.error(fname, f"{at}/{k}", f"unknown key '{k}' (notes go in keys starting with '_')")
        return
    if err.validator == "required":
        rep.error(fname, at, err.message.replace("is a required property", "is missing").replace("'", "key '", 1)
                  if err.message.endswith("is a required property") else err.message)
        return
    if err.context:
        err = jsonschema.exceptions.best_match(err.context)
        at = pointer(err.absolute_path)
    path = list(err.absolute_path)
    if path and path[-1] in ("nl", "en") and err.validator in ("pattern", "minLength"):
        return  # check_strings reports empty texts and stray characters in plain words
    if err.validator == "pattern" and err.schema.get("description"):
        rep.error(fname, at, f"{err.instance!r} does not fit: {err.schema['description']}")
        return
    msg = err.message if len(err.message) <= 200 else err.message[:197] + "..."
    rep.error(fname, at, msg)


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: python3 tests/check_content_schema.py CONTENT_DIR", file=sys.stderr)
        return 2
    content_dir = argv[1]
    rep = Report()
    sdir = schema_dir(content_dir)
    docs = {}
    for name in FILES:
        fname = name + ".json"
        path = os.path.join(content_dir, fname)
        try:
            schema = load_json(os.path.join(sdir, name + ".schema.json"))
            jsonschema.Draft202012Validator.check_schema(schema)
        except (OSError, ValueError, DuplicateKey, jsonschema.SchemaError) as e:
            rep.error(name + ".schema.json", "/", f"cannot use the schema: {e}")
            continue
        try:
            doc = load_json(path)
        except OSError as e:
            rep.error(fname, "/", f"cannot read the file: {e.strerror}")
            continue
        except (ValueError, DuplicateKey) as e:
            rep.error(fname, "/", f"not valid JSON: {e}")
            continue
        validator = jsonschema.Draft202012Validator(schema)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            report_schema_error(rep, fname, err)
        check_strings(rep, fname, doc)
        docs[name] = doc

    # References are checked even where the schema found errors, so that a coordinator sees
    # everything at once; a part too broken to follow is skipped with a note.
    today = datetime.date.today()
    qindex = facets = profile_ids = None

    def guarded(fname, fn, *args):
        try:
            return fn(*args)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError):
            rep.notes.append(f"note: {fname}: references not fully checked because of the errors above")
            return None

    if "infokaart" in docs:
        r = guarded("infokaart.json", check_infokaart, rep, docs["infokaart"])
        if r:
            qindex, facets = r
    if "crisis" in docs:
        guarded("crisis.json", check_crisis, rep, docs["crisis"], facets)
    if "profiles" in docs and qindex is not None:
        profile_ids = guarded("profiles.json", check_profiles, rep, docs["profiles"], qindex)
    if "activities" in docs and facets is not None and profile_ids is not None:
        guarded("activities.json", check_activities, rep, docs["activities"], facets, profile_ids, today)
    if "djg6" in docs:
        guarded("djg6.json", check_djg6, rep, docs["djg6"])
    for n, ready in (("profiles", qindex is not None), ("activities", facets is not None and profile_ids is not None)):
        if n in docs and not ready:
            rep.notes.append(f"note: {n}.json: references not checked: a file it refers to has errors")

    ncases = check_training(rep, content_dir, sdir, docs)

    for note in rep.notes:
        print(note)
    if rep.errors:
        print(f"content: {rep.errors} error{'s' if rep.errors != 1 else ''}")
        return 1
    print(f"content: {len(FILES)} files and {ncases} training cases ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
