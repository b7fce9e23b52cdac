#!/usr/bin/env bash
# Build hwloc statically (Debian's hwloc source + userspace/hwloc/*.patch)
# and the guest programs that use it: guest/hwloc/*.c, hwloc-bind,
# hwloc-info and lstopo-no-graphics, all statically linked.
#   hwloc.sh [OUTDIR]          programs go to OUTDIR (default build/hwloc/bin)
# The library is rebuilt only when this script or the patches change, the
# programs when their source changes too (stamps in build/hwloc/).
# Needs only build-essential (no libxml2, cairo, pci, udev, autotools).
. "$(dirname "$0")/lib.sh"

HWLOC_DEB=2.9.0-1
out=$(realpath -m "${1:-$BUILD/hwloc/bin}")
hw=$BUILD/hwloc
src=$hw/src
inst=$hw/install
bin=$hw/bin
log_file=$hw/build.log

patches=("$TOP"/userspace/hwloc/*.patch)
[ -e "${patches[0]}" ] || patches=()
progs_c=("$TOP"/guest/hwloc/*.c)
[ -e "${progs_c[0]}" ] || progs_c=()
utils=(hwloc-bind hwloc-info lstopo-no-graphics)

# What the library and the hwloc utilities are made of, and the programs.
lib_hash=$({ echo "$HWLOC_DEB"; cat "$0"; for p in "${patches[@]}"; do echo "${p##*/}"; cat "$p"; done; } |
	sha256sum | cut -d' ' -f1)
all_hash=$({ echo "$lib_hash"; for c in "${progs_c[@]}"; do echo "${c##*/}"; cat "$c"; done; } |
	sha256sum | cut -d' ' -f1)
programs=("${utils[@]}")
for c in "${progs_c[@]}"; do programs+=("$(basename "${c%.c}")"); done

have_all() { local p; for p in "${programs[@]}"; do [ -x "$bin/$p" ] || return 1; done; }
deliver() {
	[ "$out" = "$bin" ] && return 0
	mkdir -p "$out"
	local p
	for p in "${programs[@]}"; do cp "$bin/$p" "$out/"; done
}

if [ "$(cat "$hw/.stamp" 2>/dev/null)" = "$all_hash" ] && have_all; then
	deliver
	exit 0
fi

fail() { tail -n 30 "$log_file" >&2; die "$* (log: ${log_file#"$TOP"/})"; }

have_lib() {
	local u
	[ "$(cat "$hw/.lib-stamp" 2>/dev/null)" = "$lib_hash" ] && [ -f "$inst/lib/libhwloc.a" ] || return 1
	for u in "${utils[@]}"; do [ -x "$bin/$u" ] || return 1; done
}
if ! have_lib; then
	dir=$("$TOP/scripts/debsrc.sh" hwloc "$HWLOC_DEB")
	rm -rf "$src" "$inst" "$bin" "$hw/.stamp" "$hw/.lib-stamp"
	mkdir -p "$hw" "$bin"
	: > "$log_file"
	# cp -a keeps the timestamps, so that make never wants autotools.
	cp -a "$dir" "$src"
	for p in "${patches[@]}"; do
		patch -d "$src" -p1 -N --batch --no-backup-if-mismatch < "$p" >> "$log_file" 2>&1 ||
			fail "userspace/hwloc/${p##*/} does not apply to hwloc $HWLOC_DEB"
	done
	log "hwloc $HWLOC_DEB: ${#patches[@]} patch(es) applied, configuring (static, no optional dependencies)"
	# Everything optional off: no I/O discovery (PCI, GPUs, ...), no XML
	# library (hwloc's own minimal XML support stays), no plugins, no docs.
	(cd "$src" && ./configure --prefix="$inst" --enable-static --disable-shared \
		--disable-dependency-tracking --disable-silent-rules \
		--disable-libxml2 --disable-cairo --without-x \
		--disable-io --disable-pci --disable-opencl --disable-cuda --disable-nvml \
		--disable-rsmi --disable-levelzero --disable-gl --disable-libudev \
		--disable-plugin-dlopen --disable-plugin-ltdl --disable-netloc \
		--disable-doxygen --disable-readme \
		CFLAGS="-O2" ) >> "$log_file" 2>&1 || fail "hwloc configure failed"
	# lstopo uses a termcap library when configure finds one (it has no
	# option against it): not in a static program, whatever the host has.
	sed -i -e 's|^#define HWLOC_HAVE_LIBTERMCAP .*|/* #undef HWLOC_HAVE_LIBTERMCAP */|' \
		-e 's|^#define HWLOC_USE_NCURSES .*|/* #undef HWLOC_USE_NCURSES */|' \
		"$src/include/private/autogen/config.h"
	log "building libhwloc.a and ${utils[*]}"
	# Only the library, its headers and the few utilities the guest uses:
	# not the tests, the other utilities or the documentation.
	make -C "$src/hwloc" -j"$(jobs)" >> "$log_file" 2>&1 || fail "libhwloc build failed"
	for d in hwloc include; do
		make -C "$src/$d" install >> "$log_file" 2>&1 || fail "hwloc install ($d) failed"
	done
	install -D -m 644 "$src/hwloc.pc" "$inst/lib/pkgconfig/hwloc.pc"
	# libtool's -all-static: link the utilities with gcc -static.
	make -C "$src/utils/hwloc" -j"$(jobs)" LDFLAGS=-all-static hwloc-bind hwloc-info libutils_common.la \
		>> "$log_file" 2>&1 || fail "hwloc utilities build failed"
	make -C "$src/utils/lstopo" -j"$(jobs)" LDFLAGS=-all-static HWLOC_TERMCAP_LIBS= lstopo-no-graphics \
		>> "$log_file" 2>&1 || fail "lstopo-no-graphics build failed"
	cp "$src/utils/hwloc/hwloc-bind" "$src/utils/hwloc/hwloc-info" \
		"$src/utils/lstopo/lstopo-no-graphics" "$bin/"
	echo "$lib_hash" > "$hw/.lib-stamp"
fi

# The guest programs, against the static library.
export PKG_CONFIG_PATH=$inst/lib/pkgconfig
cflags=$(pkg-config --cflags hwloc) || die "pkg-config cannot find the hwloc just installed"
libs=$(pkg-config --static --libs hwloc)
for c in "${progs_c[@]}"; do
	p=$(basename "${c%.c}")
	# shellcheck disable=SC2086
	gcc -O2 -Wall -Wextra -static $cflags -o "$bin/$p" "$c" $libs -lpthread ||
		die "cannot build ${c#"$TOP"/}"
done
# The guest has no shared libraries: everything must be linked statically.
for p in "${programs[@]}"; do
	h=$(readelf -l "$bin/$p") || die "cannot read $bin/$p"
	! grep -q 'program interpreter' <<<"$h" || die "$p is not statically linked"
done
echo "$all_hash" > "$hw/.stamp"
log "hwloc programs: ${programs[*]}"
deliver
