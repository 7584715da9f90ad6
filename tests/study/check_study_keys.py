#!/usr/bin/env python3
"""Every study string the C code asks for by key must be in the English study.json and
in study_text's list of required keys (which the unit test checks against the file).
Scans src/study/*.c and src/app/screens_study.c for T(x, "key") calls and for the keys
listed in arrays of prompts and explanations."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
strings = json.loads((root / "assets/content/en/study.json").read_text(encoding="utf-8"))["strings"]
required_src = (root / "src/study/study_text.c").read_text(encoding="utf-8")
required = set(re.findall(r'^\s+"([a-z0-9_]+)",$', required_src, re.M))
call = re.compile(r'\bT\(\s*\w+,\s*"([a-z0-9_]+)"\)')
listed = re.compile(r'"((?:prompt|explain|kind|role)_[a-z0-9_]+)"')
problems = []
files = sorted((root / "src/study").glob("*.c")) + [root / "src/app/screens_study.c"]
for path in files:
    text = path.read_text(encoding="utf-8")
    for rx in (call, listed):
        for m in rx.finditer(text):
            key = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(root)}:{line}"
            if key not in strings:
                problems.append(f"{where}: study key '{key}' is not in en/study.json")
            if key not in required:
                problems.append(f"{where}: study key '{key}' is not in study_text's required keys")
for p in problems:
    print(p)
print(f"study keys: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
