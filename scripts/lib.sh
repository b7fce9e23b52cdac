# Common settings for the harness scripts.  Sourced, not executed.
# shellcheck shell=bash
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
LINUX=${LINUX:-$BUILD/linux}
PATCHES=$TOP/patches
BASE_VERSION=6.12.117-1~deb12u1
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Patches of the series, in order (quilt-style series file).
series_patches() {
	local p
	[ -f "$PATCHES/series" ] || return 0
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		echo "$PATCHES/$p"
	done < "$PATCHES/series"
}

# Hash of what the series is made of: changes whenever a patch changes.
series_hash() {
	{ echo "$BASE_VERSION"; series_patches | xargs -r cat; } | sha256sum | cut -d' ' -f1
}

jobs() { nproc; }
