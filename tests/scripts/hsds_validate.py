#!/usr/bin/env python3
"""hsds_validate.py: checks that `infokaart export-hsds` writes valid Open Referral HSDS 3.0.

Usage: python3 tests/hsds_validate.py SCHEMA EXPORT.json [EXAMPLE.json ...]

SCHEMA is HSDS's compiled service_with_definitions.json (vendored in tests/data/hsds/schema/,
CC BY-SA 4.0). EXPORT.json is the export: a one-page list ({"total_items", ..., "contents"}),
and every service in it must validate against SCHEMA, formats included (uuid, email, uri, as
far as this jsonschema can check them). Our own fields must be attributes of the taxonomy
"infokaart", and every service must carry its infokaart id. The EXAMPLE files (Open Referral's
own services) must validate too, and a service broken on purpose must not: proof that the
validator really checks. Prints one line per problem, then "N services valid"; exits 0 when all
is well, 1 on a problem, 2 on wrong usage.
"""
import copy
import json
import sys

import jsonschema

TERMS = {"id", "profiles", "loneliness", "active_elements", "target_groups", "interests", "mobility",
         "helps_with", "human_route", "cost", "description_en", "application_process_en",
         "accessibility_en", "ends_on", "for_roles", "not_for_roles"}
PAGE_KEYS = {"total_items": int, "total_pages": int, "page_number": int, "size": int,
             "first_page": bool, "last_page": bool, "empty": bool, "contents": list}


def validator(schema):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def errors_of(v, service):
    return sorted(v.iter_errors(service), key=lambda e: list(e.absolute_path))


def check_ours(i, service, problems):
    ids = []
    for a in service.get("attributes", []):
        term = a.get("taxonomy_term", {})
        if term.get("taxonomy") != "infokaart":
            problems.append(f"contents[{i}]: attribute {a.get('id')} is not of the taxonomy infokaart")
        elif term.get("code") not in TERMS:
            problems.append(f"contents[{i}]: attribute term {term.get('code')!r} is not one of ours")
        elif a.get("link_id") != service["id"] or a.get("taxonomy_term_id") != term.get("id"):
            problems.append(f"contents[{i}]: attribute {a.get('id')} does not link its service and term")
        if term.get("code") == "id":
            ids.append(a.get("value"))
    if len(ids) != 1:
        problems.append(f"contents[{i}] ({service.get('name')}): {len(ids)} infokaart ids, expected 1")
    return ids[0] if ids else None


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        v = validator(json.load(f))
    with open(argv[2], encoding="utf-8") as f:
        page = json.load(f)
    problems = []
    for key, kind in PAGE_KEYS.items():
        if not isinstance(page.get(key), kind):
            problems.append(f"top level: {key} missing or not {kind.__name__}")
    contents = page.get("contents") or []
    if page.get("total_items") != len(contents) or page.get("size") != len(contents):
        problems.append("top level: total_items and size must equal the number of services")
    ids = set()
    for i, service in enumerate(contents):
        for e in errors_of(v, service):
            where = "/".join(str(p) for p in e.absolute_path)
            problems.append(f"contents[{i}]/{where}: {e.message[:200]}")
        our_id = check_ours(i, service, problems)
        if our_id in ids:
            problems.append(f"contents[{i}]: infokaart id {our_id!r} twice")
        ids.add(our_id)
    all_ids = [x["id"] for s in contents for x in [s] + s.get("schedules", []) + s.get("phones", [])]
    if len(all_ids) != len(set(all_ids)):
        problems.append("ids of services, schedules and phones are not unique")

    for path in argv[3:]:
        with open(path, encoding="utf-8") as f:
            ex = json.load(f)
        for j, s in enumerate(ex["contents"] if "contents" in ex else [ex]):
            for e in errors_of(v, s):
                problems.append(f"{path}: example {j}: {e.message[:200]}")
    if contents:
        broken = copy.deepcopy(contents[0])
        del broken["status"]
        broken["id"] = "not-a-uuid"
        if len(errors_of(v, broken)) < 2:
            problems.append("the validator accepted a service without status and with a bad id")

    for p in problems:
        print(p)
    print(f"{len(contents)} services valid" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
