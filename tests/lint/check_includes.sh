#!/usr/bin/env bash
# Fails if SDL or GL headers are included outside src/platform/ and src/render/:
# the rest of painmap must build and run without them (DESIGN.md, Architecture).
set -u
root=${1:?usage: check_includes.sh SOURCE_DIR}
cd "$root" || exit 2
bad=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL|SDL2/|GL/|GLES[0-9]*/|EGL/|epoxy/)' \
        src tools tests --include='*.c' --include='*.h' 2>/dev/null |
      grep -vE '^src/(platform|render)/' |
      grep -vE '^tests/(render|platform|app)/')
if [ -n "$bad" ]; then
    echo "SDL or GL headers included outside src/platform and src/render:"
    echo "$bad"
    exit 1
fi
echo "include check: ok"
