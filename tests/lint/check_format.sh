#!/usr/bin/env bash
# Fails on any difference between our C sources and what clang-format makes of them.
set -u
root=${1:?usage: check_format.sh SOURCE_DIR}
cd "$root" || exit 2
fmt=$(command -v clang-format || command -v clang-format-14 || true)
if [ -z "$fmt" ]; then
    echo "clang-format is not installed (tools/test installs it)"
    exit 1
fi
files=$(git ls-files 'src/*.c' 'src/*.h' 'tools/*.c' 'tools/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null)
[ -n "$files" ] || files=$(find src tools tests -name '*.[ch]' | sort)
if ! out=$($fmt --dry-run --Werror $files 2>&1); then
    echo "$out" | grep -E '^[^ ].*error:' | sed 's/:[0-9]*:[0-9]*: error:.*//' | sort -u | sed 's/^/not formatted: /'
    echo "run: clang-format -i <file>"
    exit 1
fi
echo "format check: $(echo "$files" | wc -w) files ok"
