#!/usr/bin/env python3
"""image_fields.py SRCDIR: every member of ik_activity (src/model/content.h) that is or holds a
pointer has its line in the catalogue image's table (img_fields in src/load/content_image.c),
and no line names a member that is gone. A pointer the table misses would be written into the
image as an address of the process that made it. Members of a type this script does not know
are reported too: the image code must be taught what they hold."""
import re
import sys

src = sys.argv[1]
header = open(f"{src}/src/model/content.h", encoding="utf-8").read()
image = open(f"{src}/src/load/content_image.c", encoding="utf-8").read()

end = header.find("} ik_activity;")
start = header.rfind("typedef struct {", 0, end)
if end < 0 or start < 0:
    sys.exit("not ok: no ik_activity in content.h")
body = header[start + len("typedef struct {"):end]
enums = set(re.findall(r"typedef enum \{[^}]*\} (\w+);", header))
scalars = {"int", "unsigned", "bool", "uint64_t", "uint32_t", "uint16_t", "uint8_t", "int64_t",
           "int32_t", "double", "float", "char", "short", "long"} | enums
holds_pointers = {"ik_text"}  # structs of pointers, carried inline

text = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
members = {}  # name -> "pointer" | "text" | "scalar"
problems = []
for decl in text.split(";"):
    decl = " ".join(decl.split())
    if not decl:
        continue
    m = re.match(r"((?:const |unsigned |struct )*\w+)\s+(.*)", decl)
    if not m:
        problems.append(f"cannot read the member declaration '{decl}'")
        continue
    base = m.group(1).replace("const ", "").replace("struct ", "").strip()
    for d in m.group(2).split(","):
        d = d.strip()
        name = re.sub(r"[\s*]|\[.*\]", "", d)
        if "*" in d:
            members[name] = "pointer"
        elif base in holds_pointers:
            members[name] = "text"
        elif base in scalars or base.split()[-1] in scalars:
            members[name] = "scalar"
        else:
            problems.append(f"ik_activity.{name} is of type {base}, which the image does not know: "
                            "add what it holds to src/load/content_image.c and to this script")

table = re.search(r"const img_field img_fields\[\] = \{(.*?)\};", image, re.S)
if not table:
    sys.exit("not ok: no img_fields table in content_image.c")
listed = set(re.findall(r"\b[A-Z_]+\((\w+)", table.group(1)))

for name, kind in members.items():
    if kind != "scalar" and name not in listed:
        problems.append(f"ik_activity.{name} holds a pointer, but img_fields in src/load/content_image.c "
                        "has no line for it: add one (STR, TEXT, TEXT_PTR, STRS or ARRAY)")
for name in listed - set(members):
    problems.append(f"img_fields names '{name}', which ik_activity does not have")

for p in problems:
    print("not ok:", p)
if not problems:
    print(f"ok: the image carries all {sum(k != 'scalar' for k in members.values())} pointer members "
          f"of ik_activity ({len(members)} members)")
sys.exit(1 if problems else 0)
