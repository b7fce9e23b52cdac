#!/usr/bin/env bash
# Configure and build bzImage from build/linux.
#   kernel.sh FLAVOUR [SRC]   FLAVOUR: run (base fragment), test (base+debug)
#                             or kasan (base+debug+kasan)
# Output: $BUILD/obj-FLAVOUR/arch/x86/boot/bzImage (O= build directory, ccache).
. "$(dirname "$0")/lib.sh"

flavour=${1:?flavour}
src=${2:-$LINUX}
obj=${OBJ:-$BUILD/obj-$flavour}
case "$flavour" in
run) frags=("$TOP/configs/base.config") ;;
test) frags=("$TOP/configs/base.config" "$TOP/configs/debug.config") ;;
kasan) frags=("$TOP/configs/base.config" "$TOP/configs/debug.config" "$TOP/configs/kasan.config") ;;
*) die "unknown flavour $flavour" ;;
esac
frags+=(${EXTRA_CONFIG:-})

mkdir -p "$obj"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
ccache -M 8G >/dev/null 2>&1 || true
mk=(make -C "$src" O="$obj" -j"$(($(nproc) + 1))" CC="ccache gcc" HOSTCC="ccache gcc"
    KBUILD_BUILD_TIMESTAMP="2025-01-01" KBUILD_BUILD_USER=harness KBUILD_BUILD_HOST=numa)

# Regenerate .config only when the fragments changed, so that a rebuild
# after editing a .c file is incremental.
cfghash=$(cat "${frags[@]}" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$obj/.config-hash" 2>/dev/null)" != "$cfghash" ] || [ ! -f "$obj/.config" ]; then
	log "configuring $flavour kernel (allnoconfig + ${frags[*]##*/})"
	"${mk[@]}" -s allnoconfig >/dev/null
	(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${frags[@]}" >/dev/null)
	"${mk[@]}" -s olddefconfig >/dev/null
	# Every option a fragment asks for must have survived olddefconfig.
	bad=0
	for f in "${frags[@]}"; do
		while IFS= read -r line; do
			case "$line" in CONFIG_*=*) ;; *) continue ;; esac
			opt=${line%%=*}; val=${line#*=}
			if [ "$val" = n ]; then
				grep -qx "$opt=y" "$obj/.config" && { echo "config: $opt=n requested, got y" >&2; bad=1; }
			else
				grep -qxF "$line" "$obj/.config" || { echo "config: $line requested, got: $(grep "^$opt=" "$obj/.config" || echo unset)" >&2; bad=1; }
			fi
		done < "$f"
	done
	[ $bad = 0 ] || die "kernel config does not match the fragments (missing dependency?)"
	echo "$cfghash" > "$obj/.config-hash"
fi

log "building $flavour kernel in ${obj#$TOP/}"
if ! "${mk[@]}" bzImage > "$obj/build.log" 2>&1; then
	grep -E -B2 -A8 'error:|Error [0-9]' "$obj/build.log" | head -60 >&2
	die "kernel build failed (log: ${obj#$TOP/}/build.log)"
fi
grep -E 'warning:' "$obj/build.log" >&2 || true
"${mk[@]}" -s headers >/dev/null
echo "$obj/arch/x86/boot/bzImage"
