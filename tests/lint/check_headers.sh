#!/usr/bin/env bash
# Every public header compiles on its own (STYLE.md habit 7). Headers of the core
# modules get no SDL or GL include path, so an SDL/GL dependency there fails too.
set -u
root=${1:?usage: check_headers.sh SOURCE_DIR CC}
cc=${2:-cc}
cd "$root" || exit 2
extra=$(pkg-config --cflags cglm libcjson 2>/dev/null)
app_extra=$(pkg-config --cflags sdl2 epoxy 2>/dev/null)
fail=0
n=0
for h in $(find src -name '*.h' | sort); do
    flags="-std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -Isrc $extra"
    case "$h" in
        src/platform/*|src/render/*|src/app/*) flags="$flags $app_extra" ;;
    esac
    if ! out=$(printf '#include "%s"\n#include "%s"\n' "${h#src/}" "${h#src/}" |
               $cc $flags -x c - 2>&1); then
        echo "$h does not compile on its own (or twice):"
        echo "$out" | head -20
        fail=1
    fi
    n=$((n + 1))
done
[ $fail -eq 0 ] && echo "header check: $n headers ok"
exit $fail
