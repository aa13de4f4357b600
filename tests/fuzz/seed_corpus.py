#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/) from the project's own
files: the bundled content (its catalogue cut to five activities), the small content sets and
broken cases in tests/data, the answers files of the scenarios and the training cases. Each
input starts with the byte that picks the kind of file (see fuzz_content.c, fuzz_answers.c).
Run it from anywhere after the content changes; libFuzzer adds what it finds on top."""
import hashlib, json, os, pathlib

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
kinds = ["infokaart.json", "crisis.json", "profiles.json", "activities.json", "djg6.json"]

def put(target, kind, data):
    blob = bytes([kind]) + data
    out = here / "corpus" / target / hashlib.sha1(blob).hexdigest()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)

for p in sorted((root / "content").glob("*.json")):
    data = p.read_bytes()
    if p.name == "activities.json":
        doc = json.loads(data)
        doc["activities"] = doc["activities"][:5]
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode()
    put("content", kinds.index(p.name), data)
for p in sorted((root / "tests" / "data").glob("*/*.json")) + sorted(
        (root / "tests" / "data" / "broken").glob("*/*.json")):
    if p.name in kinds and p.stat().st_size < 20000:
        put("content", kinds.index(p.name), p.read_bytes())
for p in sorted((root / "tests" / "data" / "scenarios").glob("*.json")):
    put("answers", 0, p.read_bytes())
for p in sorted((root / "content" / "training").glob("*.json")) + sorted(
        (root / "tests" / "data" / "training_broken").glob("*/*.json")):
    put("answers", 1, p.read_bytes())
# drafts as flow_draft_text writes them (kind 2)
first = json.loads((root / "content" / "activities.json").read_bytes())["activities"][0]["id"]
for d in [
    {"role": "huisarts", "signals_contact": ["somber_boos"], "wants_support": "ja", "onset": "recent",
     "_step": 9, "_consent": 0, "_consent_how": -1, "_followup": "2026-12-07", "_profile": None,
     "_activity": None, "_note": None},
    {"role": "wijkagent", "signals_outside": ["gordijnen_dicht"], "wants_support": "ja", "onset": "lang",
     "wish": "niet_nu", "capacity": "met_hulp", "loneliness_kind": ["sociaal"], "age_group": "age_28_54",
     "wijk": "overvecht", "languages": ["nl"], "contact_satisfaction": 1, "_step": 40, "_consent": 1,
     "_consent_how": 1, "_followup": "2026-12-14", "_profile": "vangnet", "_activity": first,
     "_note": "belt maandag"},
    {"role": "vrijwilliger", "_step": 2, "_consent": 2, "_consent_how": 0, "_followup": "2027-01-01",
     "_profile": None, "_activity": None, "_note": ""},
]:
    put("answers", 2, json.dumps(d, ensure_ascii=False).encode())
# HSDS as publishers make it (fuzz_hsds takes the whole input as one file, no kind byte): a
# top-level list, NDJSON, a page of a list
hsds = root / "tests" / "data" / "hsds"
for p in [hsds / "ndjson" / "diensten.ndjson", hsds / "pages" / "pagina-1.json", hsds / "oruk" / "organization.json"]:
    data = p.read_bytes()
    out = here / "corpus" / "hsds" / hashlib.sha1(data).hexdigest()
    out.write_bytes(data)
# CSV (fuzz_csv): kind 0 a table, kind 1 services.csv, NUL, phones.csv of a tabular package
tables = hsds / "spec31" / "csv"
for p in sorted(tables.glob("*.csv")):
    put("csv", 0, p.read_bytes())
put("csv", 0, b'a,b,c\r\n1,"x, y","say ""hi""\r\nnext"\r\n\r\n2,,\n')
put("csv", 0, b'\xef\xbb\xbfnaam,wijk\n\xc3\x89\xc3\xa9n,Oost\n"open\n')
put("csv", 1, (tables / "services.csv").read_bytes() + b"\0" + (tables / "phones.csv").read_bytes())
put("csv", 1, b"id,name,status,minimum_age,url\n1,Koor,active,60,www.example.org\n2,,defunct,x,\n")
