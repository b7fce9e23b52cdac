#!/usr/bin/env bash
# Unpack a Debian source package, pinned to a version, into build/src/:
#   debsrc.sh PACKAGE VERSION      prints the unpacked directory
# apt-get source needs a deb-src entry; the harness adds one of its own
# (/etc/apt/sources.list.d/numa-harness-src.sources) for the archives the
# machine already uses for binary packages, and touches nothing else.
. "$(dirname "$0")/lib.sh"

pkg=${1:?package}
ver=${2:?version}
src=$BUILD/src
upver=${ver#*:}; upver=${upver%-*}
dir=$src/$pkg-$upver
if [ -f "$dir/.harness-unpacked-$ver" ]; then
	echo "$dir"
	exit 0
fi

entry=/etc/apt/sources.list.d/numa-harness-src.sources
# (capture first: with pipefail, grep -q closing the pipe early would fail it)
have_src() {
	local v
	v=$(apt-cache showsrc "$pkg" 2>/dev/null || true)
	grep -qx "Version: $ver" <<<"$v"
}
if ! have_src; then
	[ "$(id -u)" = 0 ] || die "need Debian's source of $pkg $ver and not root: add a deb-src entry and run apt-get update"
	if [ ! -f "$entry" ]; then
		# deb-src twins of the deb822 entries and one-line entries in use.
		{
			for f in /etc/apt/sources.list.d/*.sources; do
				[ -f "$f" ] && [ "$f" != "$entry" ] || continue
				awk 'BEGIN { RS = ""; ORS = "\n\n" }
				     /(^|\n)Types:[^\n]*deb([ \n]|$)/ && /URIs:[^\n]*debian/ {
					sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
			done
			for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
				[ -f "$f" ] || continue
				sed -n 's/^deb \(.*debian.*\)$/# from '"${f//\//\\/}"'\ndeb-src \1/p' "$f"
			done
		} > "$entry.tmp"
		grep -q 'deb-src' "$entry.tmp" || { rm -f "$entry.tmp"; die "no Debian archive configured to take a deb-src entry from"; }
		# One-line entries cannot go in a .sources file.
		if grep -q '^deb-src ' "$entry.tmp"; then
			grep -v '^deb-src \|^# from' "$entry.tmp" > "$entry" || true
			grep '^deb-src ' "$entry.tmp" > "${entry%.sources}.list"
		else
			mv "$entry.tmp" "$entry"
		fi
		rm -f "$entry.tmp"
		log "added deb-src entries: $entry"
	fi
	apt-get update -qq >/dev/null || die "apt-get update failed"
	have_src || die "Debian source package $pkg $ver is not in the configured archives"
fi

mkdir -p "$src"
rm -rf "$dir"
log "fetching Debian source package $pkg $ver"
if ! (cd "$src" && apt-get source -qq "$pkg=$ver" >/dev/null 2>&1); then
	# The archive this machine reaches may hold the upstream tarball of a
	# version but not its Debian packaging: then the source is that
	# tarball as Debian ships it (the harness needs the upstream files).
	orig=$(ls "$src/${pkg}_$upver.orig.tar."* 2>/dev/null | head -1)
	[ -n "$orig" ] || (cd "$src" && apt-get source -qq --tar-only "$pkg=$ver" >/dev/null 2>&1) || true
	orig=$(ls "$src/${pkg}_$upver.orig.tar."* 2>/dev/null | head -1)
	[ -n "$orig" ] || die "apt-get source $pkg=$ver failed"
	log "$pkg $ver: Debian's packaging is not in the archive; using its upstream tarball $(basename "$orig")"
	rm -rf "$dir" "$src/.unpack"
	mkdir -p "$src/.unpack"
	tar -xf "$orig" -C "$src/.unpack"
	mv "$src/.unpack"/* "$dir"
	rmdir "$src/.unpack"
fi
[ -d "$dir" ] || die "apt-get source $pkg=$ver did not unpack into ${dir#$TOP/}"
touch "$dir/.harness-unpacked-$ver"
echo "$dir"
