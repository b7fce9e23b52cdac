#!/usr/bin/env bash
# make test: build the debug kernel with the series, boot it on the NUMA
# guest, run every test, judge.  TESTS="a b" runs only tests whose names
# start with those words.  Leaves build/bzImage and build/test.tap.
# make stress (STRESS=1 DURATION=s): the torture test and the fuzzer only.
. "$(dirname "$0")/lib.sh"
start=$(date +%s)
# KASAN=1: the same tests on the debug kernel with KASAN (configs/kasan.config),
# built in build/obj-kasan beside the usual one.
flavour=test
if [ "${KASAN:-0}" = 1 ]; then
	flavour=kasan
	export TIMEOUT=${TIMEOUT:-6000}	# KASAN under TCG: about twice the time
fi
prep=$("$TOP/scripts/prepare.sh" "$flavour") || die "build failed (see above)"
read -r bz initrd <<<"$(tail -1 <<<"$prep")"
cp "$bz" "$BUILD/bzImage"
log "booting the test kernel on a ${NODES:-4}-node guest$([ "${TIER_MB:-768}" = 0 ] || echo " and a slow-tier node")"
qrc=0
rm -f "$BUILD/disk.img"  # a fresh ext4 for every run
# make stress DURATION=s: the torture test and the ABI fuzzer only, for that
# long in all (see guest/test.sh), on the same debug kernel.
if [ -n "${STRESS:-}" ]; then
	export HARNESS_DURATION=${DURATION:-600}
	TESTS=${TESTS:-numa_torture numa_abi_fuzz}
	export TIMEOUT=$((HARNESS_DURATION * 2 + 1800))
fi
HARNESS_ARGS=${TESTS:-} CONSOLE_LOG=$BUILD/console.log \
	"$TOP/scripts/qemu.sh" test "$bz" "$initrd" | tee "$BUILD/test.out" || qrc=$?
# The guest's full TAP (every test's output) is on the ext4 disk.
rm -f "$BUILD/test.guest"
debugfs -R "dump /test.tap $BUILD/test.guest" "$BUILD/disk.img" >/dev/null 2>&1 || true
if [ -s "$BUILD/test.guest" ]; then
	grep '^HARNESS-DONE' "$BUILD/test.out" >> "$BUILD/test.guest" || true
else
	cp "$BUILD/test.out" "$BUILD/test.guest"
fi
rc=0
"$TOP/scripts/judge.sh" "$BUILD/test.guest" "$BUILD/console.log" "$qrc" "$BUILD/test.tap" || rc=$?
log "make test: $(( $(date +%s) - start )) s in all; TAP in build/test.tap, kernel log in build/console.log"
exit $rc
