#!/usr/bin/env bash
# make check: every patch applies in order onto the pinned base, and
# checkpatch.pl --strict is clean on each.  BUILD_EACH=1 also builds the
# kernel (test config) at each prefix of the series: bisectability.
. "$(dirname "$0")/lib.sh"
[ -d "$LINUX/.git" ] || "$TOP/scripts/tree.sh"
work=$BUILD/check
rm -rf "$work"
git -C "$LINUX" worktree prune
git -C "$LINUX" worktree add -q --detach "$work" base
trap 'git -C "$LINUX" worktree remove --force "$work" 2>/dev/null || true' EXIT
fail=0
i=0
for p in $(series_patches); do
	i=$((i + 1))
	name=$(basename "$p")
	if ! git -C "$work" am -q "$p"; then
		echo "not ok $i $name does not apply"
		git -C "$work" am --abort || true
		exit 1
	fi
	# Every check, the MAINTAINERS question included: a patch that adds
	# files lists them in the NUMA PAGE MIGRATION entry.
	# Debian's python3 (with python3-ply, python3-git) for spdxcheck.py.
	out=$(cd "$work" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict -q \
		"$p" 2>&1 || true)
	if [ -n "$out" ] && ! grep -q 'total: 0 errors, 0 warnings, 0 checks' <<<"$out"; then
		echo "not ok $i $name checkpatch"
		sed 's/^/# /' <<<"$out"
		fail=1
	else
		echo "ok $i $name applies, checkpatch --strict clean"
	fi
	if [ "${BUILD_EACH:-0}" = 1 ]; then
		if OBJ=$BUILD/obj-check "$TOP/scripts/kernel.sh" test "$work" >/dev/null; then
			echo "ok $i $name builds"
		else
			echo "not ok $i $name builds"; fail=1
		fi
	fi
done
[ $fail = 0 ] && echo "make check: all $i patches clean"
# The userspace side: man-page patches against Debian's manpages source
# apply and format without new groff/man warnings.
"$TOP/scripts/manpages.sh" || fail=1
[ ! -x "$TOP/scripts/hwloc.sh" ] || "$TOP/scripts/hwloc.sh" || fail=1
exit $fail
