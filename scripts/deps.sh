#!/usr/bin/env bash
# Install from Debian's packages whatever the harness needs and is missing.
# The base kernel source is pinned: linux-source-6.12 at $BASE_VERSION.
. "$(dirname "$0")/lib.sh"

pkgs=(
	"linux-source-6.12=$BASE_VERSION"
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
	xz-utils rsync ccache python3 perl git
	qemu-system-x86 busybox-static e2fsprogs
	libnuma-dev libcap-dev pkg-config sparse python3-ply python3-git
	numactl dpkg-dev groff-base man-db
)

missing=()
for p in "${pkgs[@]}"; do
	name=${p%%=*}
	want=${p#*=}
	have=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
	case "$have" in
	"install ok installed"*)
		if [ "$name" != "$p" ] && [ "${have##* }" != "$want" ]; then
			missing+=("$p")
		fi ;;
	*) missing+=("$p") ;;
	esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] || die "missing packages (${missing[*]}) and not root: install them with apt-get"
log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || die "apt-get update failed"
# (capture first: with pipefail, grep -q closing the pipe early would fail it)
madison=$(apt-cache madison linux-source-6.12 2>/dev/null || true)
if ! grep -qF "| $BASE_VERSION |" <<<"$madison"; then
	die "linux-source-6.12=$BASE_VERSION is not available from the configured Debian archives (the series is pinned to it)"
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
	die "apt-get install failed for: ${missing[*]}"
