#!/usr/bin/env bash
# Installs the Debian 12 packages painmap needs, only those missing. Sourced or run by
# tools/run and tools/test; safe to run again.
set -euo pipefail

PAINMAP_PACKAGES=(
    cmake pkg-config gcc make git
    libsdl2-dev libsdl2-ttf-dev libcglm-dev libepoxy-dev libcjson-dev libcmocka-dev
    libstb-dev libmeshoptimizer-dev libcairo2-dev libsodium-dev fonts-dejavu-core
    libgl1-mesa-dri libegl-mesa0 libgles2 xvfb xauth mesa-utils xdotool
    clang clang-format libclang-rt-14-dev nodejs npm
    valgrind appstream desktop-file-utils groff-base strace
)

painmap_missing_packages() {
    local missing=()
    for p in "${PAINMAP_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    echo "${missing[@]:-}"
}

painmap_install_deps() {
    local missing
    missing=$(painmap_missing_packages)
    # node and npm may come from outside Debian; accept any working ones.
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        missing=$(echo "$missing" | tr ' ' '\n' | { grep -vxE 'nodejs|npm' || true; } | tr '\n' ' ')
    fi
    missing=$(echo "$missing" | xargs)
    if [ -z "$missing" ]; then
        return 0
    fi
    echo "painmap: installing Debian packages: $missing"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "painmap: error: these packages are missing and I am not root (no sudo): $missing" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    painmap_install_deps
fi
