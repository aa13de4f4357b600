#!/usr/bin/env python3
"""embed.py SQL C NAME: writes C, a C file defining `const char NAME[]` with the text of SQL,
so the program carries src/central/central.sql and never reads a build-tree path at run time."""
import sys

src, out, name = sys.argv[1:4]
data = open(src, "rb").read()
lines = []
for line in data.split(b"\n"):
    s = []
    for b in line:
        c = chr(b)
        if c in '"\\':
            s.append("\\" + c)
        elif 32 <= b < 127 and c != "?":  # "?" too: no trigraphs
            s.append(c)
        else:
            s.append("\\%03o" % b)
    lines.append('\t"' + "".join(s) + '\\n"')
with open(out, "w", encoding="ascii") as f:
    f.write("/* Generated from %s by src/central/embed.py at build time: do not edit. */\n" % src.split("/")[-1])
    f.write("extern const char %s[];\n" % name)
    f.write("const char %s[] =\n%s;\n" % (name, "\n".join(lines)))
