#!/usr/bin/env bash
# make export: the commits of build/linux on top of "base" become
# patches/NNNN-*.patch and patches/series.  patches/0000-cover-letter is
# kept (edit it by hand).
. "$(dirname "$0")/lib.sh"
[ -d "$LINUX/.git" ] || die "no build/linux: run 'make tree' first"
[ -z "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes: commit them first"
count=$(git -C "$LINUX" rev-list --count base..HEAD)
tmp=$(mktemp -d)
git -C "$LINUX" -c core.abbrev=9 format-patch -q -N --zero-commit --no-signature \
	--start-number 1 -o "$tmp" base..HEAD
find "$PATCHES" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
mkdir -p "$PATCHES"
: > "$PATCHES/series"
for p in "$tmp"/*.patch; do
	[ -e "$p" ] || continue
	mv "$p" "$PATCHES/"
	basename "$p" >> "$PATCHES/series"
done
rmdir "$tmp"
# The tree now is what patches/ describes.
series_hash > "$LINUX/.git/series-hash"
git -C "$LINUX" rev-parse HEAD > "$LINUX/.git/series-head"
log "exported $count patches to patches/"
