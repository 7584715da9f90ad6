#!/usr/bin/env python3
"""Every UI string the C code asks for by key must exist in the English ui.json, and no
English words may hide in widget labels: the viewer's words live in per-locale files.

Checks src/app/*.c for screens_tr / TRID / screens_text / content_ui calls and fails on a
key missing from assets/content/en/ui.json. It also fails on a string literal passed
straight to a text widget (ui_button, ui_label, ui_text, ui_toggle, ui_panel_begin...),
which would show English whatever the language."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
ui = json.loads((root / "assets/content/en/ui.json").read_text(encoding="utf-8"))["strings"]
problems = []
key_call = re.compile(r'\b(?:screens_tr|TRID|screens_trid|screens_text|content_ui)\(\s*[^,]+,\s*"([a-z0-9_]+)"')
# a literal with at least one letter, passed as the text of a widget
literal_widget = re.compile(
    r'\bui_(?:button|button_ex|button_size|button_size_ex|label|text|toggle|panel_begin|list_item|callout)'
    r'\(\s*[a-z_>-]+,\s*"([^"]*[A-Za-z][^"]*)"')
for path in sorted((root / "src/app").glob("*.c")):
    text = path.read_text(encoding="utf-8")
    for m in key_call.finditer(text):
        if m.group(1) not in ui:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{path.relative_to(root)}:{line}: ui key '{m.group(1)}' is not in en/ui.json")
    for m in literal_widget.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{path.relative_to(root)}:{line}: English text in code: \"{m.group(1)}\" (put it in ui.json)")
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f"ui keys: {len(ui)} in en/ui.json, every key used by src/app exists")
