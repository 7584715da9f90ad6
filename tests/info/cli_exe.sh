#!/usr/bin/env bash
# The painmap executable's info commands end to end: check-content on the shipped assets,
# exit codes 0/1/2 for list and query, and --json output that parses.
# Usage: cli_exe.sh PAINMAP_EXE
set -u
exe=${1:?usage: cli_exe.sh PAINMAP_EXE}
fails=0
n=0

. "$(cd "$(dirname "$0")/.." && pwd)/lib/expect.sh"

expect 0 "content OK" check-content
expect 0 "content OK" check-content "$PAINMAP_ASSETS_DIR"
expect 1 "not a folder" check-content /nonexistent/painmap-assets
expect 0 "piriformis_r" list structures
expect 0 "key_s4_5_l" list landmarks
expect 0 "lee_2008" list maps
expect 2 "unknown list 'organs'" list organs
expect 0 "TS2" query source piriformis_r
expect 2 "closest: piriformis_l" query source piriformis_x
expect 0 "piriformis_r" query where --zone zone_buttock_r
expect 0 "derm_l4_l" query dermatome --landmark key_l4_l --map keegan_garrett
expect 2 "unknown dermatome map" query dermatome --landmark key_l4_l --map foerster
expect 2 "expected X,Y,Z" query where --point 1,2
expect 1 "does not exist" list structures --assets-dir /nonexistent/painmap-assets

# translations: each locale folder is checked over English; a missing text is a warning
# (exit 0), a changed fact an error (exit 2)
expect 0 "translations checked: es" check-content
expect 0 "translations checked: es" check-content --locale es
expect 0 "content OK" check-content --locale en
expect 2 "unknown locale 'fr'" check-content --locale fr
expect 0 "Piriforme" query source piriformis_r --locale es
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$PAINMAP_ASSETS_DIR/." "$tmp/"
python3 - "$tmp/content/es" <<'PY'
import json, sys
d = sys.argv[1]
ui = json.load(open(d + "/ui.json"))
del ui["strings"]["play"]
json.dump(ui, open(d + "/ui.json", "w"), ensure_ascii=False)
PY
rm -f "$tmp/content/es/zones.json"
expect 0 "es/ui.json:strings.play: warning: not translated; English is used" check-content "$tmp"
expect 0 "es/zones.json: warning: no translation file; English is used" check-content "$tmp"
expect 0 "text(s) fall back to English" check-content "$tmp" --locale es
python3 - "$tmp/content/es" <<'PY'
import json, sys
d = sys.argv[1]
s = json.load(open(d + "/structures.json"))
s["structures"][0]["kind"] = "muscle"
json.dump(s, open(d + "/structures.json", "w"), ensure_ascii=False)
PY
expect 2 "es/structures.json:structures[0].kind: differs from the English file" check-content "$tmp"
n=$((n + 1))
if ! "$exe" check-content --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["ok"] and "es" in j["locales"] and j["warnings"] == [], j
' 2>/dev/null; then
    echo "FAIL: painmap check-content --json does not list es as a complete locale"
    fails=$((fails + 1))
fi

for cmd in "list sources --json" "query source si_joint_l --json" "query redflags --json" \
    "query where --landmark key_s3_r --json" "query dermatome --point -30,-815,4 --json"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! "$exe" $cmd | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null; then
        echo "FAIL: painmap $cmd does not print valid JSON"
        fails=$((fails + 1))
    fi
done

echo "$((n - fails))/$n info command checks passed"
[ "$fails" -eq 0 ]
