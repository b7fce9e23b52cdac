#!/usr/bin/env bash
# make tree: build/linux becomes a git tree: the pinned base as one commit
# (tag "base") and one commit per patch of patches/series.
#
#   tree.sh          create the tree, or bring it back to base + patches/
#                    (refuses if it has uncommitted changes)
#   tree.sh --sync   used by the build: (re)create the tree only if it is
#                    missing or was made from an older patches/ and carries
#                    no local commits; a tree with local work is built as is.
. "$(dirname "$0")/lib.sh"

stamp=$LINUX/.git/series-hash

create_base() {
	[ -f "$BASE_TARBALL" ] || die "$BASE_TARBALL missing: run scripts/deps.sh (linux-source-6.12=$BASE_VERSION)"
	log "extracting $BASE_TARBALL into $LINUX"
	rm -rf "$LINUX" "$LINUX.tmp"
	mkdir -p "$LINUX.tmp"
	tar -C "$LINUX.tmp" --strip-components=1 -xf "$BASE_TARBALL"
	# Debian's tarball ends .gitignore with a stanza that ignores everything
	# at the top level ("/*", "!/debian/"); it would hide every new file a
	# patch adds.  It only concerns git: drop it from the base commit.
	python3 - "$LINUX.tmp/.gitignore" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r'#\n# Debian packaging: ignore everything.*?!/debian/\n', '', s, flags=re.S)
open(p, 'w').write(s)
PY
	git -C "$LINUX.tmp" init -q -b master
	git -C "$LINUX.tmp" config user.name "numa-migration harness"
	git -C "$LINUX.tmp" config user.email "harness@localhost"
	git -C "$LINUX.tmp" config gc.auto 0
	# -f: the pristine tree is exactly the tarball; Debian's .gitignore
	# lacks the upstream "!.gitignore"-style exceptions for dotfiles.
	git -C "$LINUX.tmp" add -A -f
	git -C "$LINUX.tmp" commit -q -m "Debian linux-source-6.12 $BASE_VERSION"
	git -C "$LINUX.tmp" tag base
	# The series' commits (and fixups made in this tree) are the team's.
	git -C "$LINUX.tmp" config user.name "NUMA migration team"
	git -C "$LINUX.tmp" config user.email "numa-migration@example.org"
	mv "$LINUX.tmp" "$LINUX"
}

apply_series() {
	local p
	git -C "$LINUX" reset -q --hard base
	for p in $(series_patches); do
		[ -f "$p" ] || die "patches/series names a missing patch: $p"
		git -C "$LINUX" am -q --keep-cr "$p" || {
			git -C "$LINUX" am --abort || true
			die "$(basename "$p") does not apply"
		}
	done
	series_hash > "$stamp"
	git -C "$LINUX" rev-parse HEAD > "$LINUX/.git/series-head"
	log "build/linux: base + $(series_patches | wc -l) patches"
}

if [ ! -d "$LINUX/.git" ] || ! git -C "$LINUX" rev-parse -q --verify base >/dev/null; then
	create_base
	apply_series
	exit 0
fi

if [ "${1:-}" = --sync ]; then
	head=$(git -C "$LINUX" rev-parse HEAD)
	if [ "$(cat "$stamp" 2>/dev/null)" = "$(series_hash)" ]; then
		exit 0
	fi
	if [ "$head" != "$(cat "$LINUX/.git/series-head" 2>/dev/null)" ] ||
	   [ -n "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ]; then
		log "WARNING: build/linux has local work not in patches/; building it as is"
		log "         (run 'make export' to keep it, 'make tree' to drop it)"
		exit 0
	fi
	apply_series
	exit 0
fi

[ -z "$(git -C "$LINUX" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit or stash them first"
apply_series
