#!/usr/bin/env bash
# painmap opens no network connection, ever: a replayed kiosk session (where it hurts, a
# drawing, the staff PIN) and a viewer session that saves a drawing and writes its handout
# run under strace, and any AF_INET or AF_INET6 socket fails the test. Local sockets
# (AF_UNIX, e.g. to a display server or D-Bus) are allowed.
# Usage: no_network.sh PAINMAP_EXE
set -u
exe=${1:?usage: no_network.sh PAINMAP_EXE}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
# LeakSanitizer cannot run under ptrace (strace): the sanitizer build checks leaks elsewhere
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export PAINMAP_USER_DIR="$tmp/user/"
mkdir -p "$PAINMAP_USER_DIR"
if ! command -v strace >/dev/null 2>&1; then
    echo "FAIL: strace is not installed (tools/lib/deps.sh installs it)"
    exit 1
fi
# the check itself must be able to fail: a program that does open an internet socket is seen
strace -f -e trace=socket,connect -o "$tmp/self.log" \
    python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM)" 2>/dev/null
if ! grep -q 'AF_INET' "$tmp/self.log"; then
    echo "FAIL: strace did not report a known AF_INET socket; the check would see nothing"
    exit 1
fi
fails=0
run() { # NAME ARGS...
    local name=$1
    shift
    strace -f -e trace=socket,connect -o "$tmp/$name.log" "$exe" "$@" >"$tmp/$name.out" 2>&1
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: $name: painmap exited $rc"
        sed 's/^/    /' "$tmp/$name.out" | tail -5
        fails=$((fails + 1))
    fi
    if grep -E 'AF_INET6?' "$tmp/$name.log" >/dev/null; then
        echo "FAIL: $name: painmap opened an internet socket:"
        grep -E 'AF_INET6?' "$tmp/$name.log" | sed 's/^/    /' | head -5
        fails=$((fails + 1))
    fi
}
printf '2468\n2468\n' | "$exe" --set-pin >/dev/null 2>&1
run kiosk --replay "$here/replays/kiosk_where_then_idle.jsonl" --kiosk
run kiosk_pin --replay "$here/replays/kiosk_pin_right.jsonl" --kiosk
run draw_save --replay "$here/replays/draw_save.jsonl" -o "$tmp/draw.png"
run handout render --drawing "$(ls "$PAINMAP_USER_DIR"/drawings/*.json | head -1)" -o "$tmp/h.pdf"
if [ $fails -ne 0 ]; then
    exit 1
fi
echo "no internet socket in 4 sessions"
