#!/usr/bin/env bash
# A long unattended session: 200,000 random events (taps, drags, ten-finger pinches,
# wheel, keys, rapid source switching, resizes down to 1x1 and up to 7680x4320, focus loss,
# minimise/restore) through the null renderer, then frames through the real one. Any
# sanitizer report fails it in the sanitizer build; in a normal build, resident memory may
# grow by less than 1 MiB after warm-up. Usage: soak.sh PAINMAP_EXE
set -u
exe=${1:?usage: soak.sh PAINMAP_EXE}
export SDL_VIDEODRIVER=offscreen
out=$("$exe" soak --events 200000 --frames 120 --seed 7 --json 2>&1)
code=$?
if [ $code -ne 0 ]; then
    echo "FAIL: painmap soak exited $code:"
    echo "$out" | tail -20
    exit 1
fi
json=$(echo "$out" | grep '^{' | tail -n1)
echo "$json"
limit=1024
if [ -n "${ASAN_OPTIONS:-}" ]; then
    limit=1000000000 # the sanitizers keep freed memory in quarantine: growth means nothing there
fi
python3 - "$json" "$limit" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
limit = int(sys.argv[2])
ok = s['ok'] and s['events_null'] >= 200000 and s['rss_growth_kib'] < limit
print('1 passed, 0 failed' if ok else '0 passed, 1 failed')
sys.exit(0 if ok else 1)
PY
