#!/usr/bin/env bash
# The first start on a machine compiles the shaders, keeps them in the program cache and
# draws with a fresh GL context (so the GLSL compiler's memory goes back); later starts link
# from the cache. Both must draw exactly the same picture. Usage: first_start.sh PAINMAP_EXE
set -u
exe=${1:?usage: first_start.sh PAINMAP_EXE}
export SDL_VIDEODRIVER=offscreen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PAINMAP_CACHE_DIR="$tmp/cache"
fail() { echo "FAIL: $*"; exit 1; }

field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[-1])[sys.argv[1]])' "$1"; }

first=$("$exe" bench --frames 2 --json 2>/dev/null | grep '^{') || fail "bench (first start) failed"
[ "$(echo "$first" | field context_renewed)" = True ] || fail "first start did not renew: $first"
[ "$(echo "$first" | field programs_cached)" = 5 ] || fail "first start: $first"
later=$("$exe" bench --frames 2 --json 2>/dev/null | grep '^{') || fail "bench (later start) failed"
[ "$(echo "$later" | field context_renewed)" = False ] || fail "later start renewed: $later"
[ "$(echo "$later" | field programs_cached)" = 5 ] || fail "later start: $later"
n=$(ls "$PAINMAP_CACHE_DIR" | grep -c '\.bin$')
[ "$n" = 5 ] || fail "expected 5 cached programs, found $n"

# the same picture from a first start and from a later one
rm -rf "$PAINMAP_CACHE_DIR"
"$exe" render --size 320x400 --source piriformis_r -o "$tmp/first.png" 2>/dev/null ||
    fail "render (first start) failed"
"$exe" render --size 320x400 --source piriformis_r -o "$tmp/later.png" 2>/dev/null ||
    fail "render (later start) failed"
cmp -s "$tmp/first.png" "$tmp/later.png" || fail "the pictures differ"
share=$(python3 "$(dirname "$0")/../app/pngpix.py" "$tmp/first.png" body | cut -d' ' -f1)
python3 -c "import sys; sys.exit(0 if float('$share') > 0.05 else 1)" ||
    fail "the picture shows no body (share $share)"
echo "1 passed, 0 failed"
