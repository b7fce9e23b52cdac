#!/bin/sh
# make test, inside the guest: run every test, print TAP (one test point per
# program run; a program's own output follows as "# " diagnostics).
# Upstream tests are run the way tools/testing/selftests/mm/run_vmtests.sh
# runs them (same arguments, same hugepage and sysctl set-up).
cd /harness/bin || exit 1
export HARNESS_DISK=${HARNESS_DISK:-/tmp}

n=0
list=""
# name|timeout(s)|command -- in the order they run
add() { list="$list$1|$2|$3
"; }

# Upstream kselftests that exercise migration and what it builds on.
add migration 900 "./migration"
add mkdirty 300 "./mkdirty"
add "ksm_tests -N -m 1" 300 "./ksm_tests -N -m 1"
add "ksm_tests -N -m 0" 300 "./ksm_tests -N -m 0"
add compaction_test 900 "with_compaction_setup ./compaction_test"
add hugetlb-soft-offline 300 "with_soft_offline_setup ./hugetlb-soft-offline"
add cow 1200 "./cow"
add uffd-unit-tests 1500 "./uffd-unit-tests"
add mremap_test 600 "./mremap_test"
add split_huge_page_test 1500 "./split_huge_page_test"
add khugepaged 900 "with_zram_swap failures_exit ./khugepaged"
add "khugepaged -s 2" 900 "with_zram_swap failures_exit ./khugepaged -s 2"
add "transhuge-stress -d 20" 120 "./transhuge-stress -d 20"
add hmm-tests 900 "./hmm-tests"
# The series' own tests (kselftest_harness programs).
# The torture test and the ABI fuzzer run for a time: a short round in
# make test, HARNESS_DURATION seconds in all with make stress (two thirds
# torture, the rest three fuzzer rounds of a tenth each plus a short one).
dur=${HARNESS_DURATION:-0}
if [ "$dur" -gt 0 ]; then
	torture=$((dur * 2 / 3)); fuzz=$((dur / 10))
else
	torture=60; fuzz=20
fi
for t in $(cat ours.list 2>/dev/null); do
	case $t in
	numa_torture)
		add "$t" $((torture + 900)) "NUMA_TORTURE_SECONDS=$torture NUMA_TORTURE_DIR=$HARNESS_DISK ./$t" ;;
	numa_abi_fuzz)
		add "$t" $((fuzz * 3 + 900)) "NUMA_FUZZ_SECONDS=$fuzz ./$t" ;;
	numa_pgtable_migrate)
		# its swap_entries case needs swap
		add "$t" 1200 "with_zram_swap ./$t" ;;
	*)
		add "$t" 1200 "./$t" ;;
	esac
done
# The series as an admin meets it: Debian's numactl tools, unchanged.
add numactl_migratepages 600 "sh /harness/numactl-test.sh"
# hwloc's next-touch (HWLOC_MEMBIND_NEXTTOUCH) with the series' hwloc patch.
add hwloc_nexttouch 600 "./hwloc_nexttouch --require"
# HARNESS_ARGS (make test TESTS="a b") restricts the run to tests whose
# name starts with one of the words.
if [ -n "$HARNESS_ARGS" ]; then
	keep=""
	IFS='
'
	for l in $list; do
		unset IFS
		for w in $HARNESS_ARGS; do
			case "${l%%|*}" in "$w"*) keep="$keep$l
"; break ;; esac
		done
		IFS='
'
	done
	unset IFS
	list=$keep
fi

# run_vmtests.sh reserves 256 MiB of hugetlb pages for the whole run.
echo 128 > /proc/sys/vm/nr_hugepages

# The full output of every test goes to $full, on the ext4 virtio disk,
# synced after each test (the host reads it back with debugfs); the serial
# port, slow under TCG, carries only the TAP lines and the tail of failures.
full=$HARNESS_DISK/test.tap
total=$(printf '%s' "$list" | grep -c '|')
both() { echo "$@"; echo "$@" >> "$full"; }
: > "$full"
both "TAP version 13"
both "1..$total"
# Run $cmd with time-out $tmo; its output (also appended to $full) in
# /tmp/.out, its exit status in $rc (/tmp/.rc missing: it timed out).
run_test() {
	t0=$(date +%s)
	rm -f /tmp/.rc
	sh -c ". /harness/test-lib.sh; $cmd; echo \$? > /tmp/.rc" > /tmp/.out 2>&1 < /dev/null &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		if [ $(( $(date +%s) - t0 )) -ge "$tmo" ]; then
			# Kill the test and anything it left behind (all but init and us).
			kill -KILL -1 2>/dev/null
			break
		fi
		sleep 1
	done
	wait $pid 2>/dev/null
	sed 's/^/# /' /tmp/.out >> "$full"
	rc=$(cat /tmp/.rc 2>/dev/null || echo 255)
}

# Upstream tests with a known intermittent failure under TCG that the
# series does not cause (README, "Known intermittent failures"): a failure
# (not a time-out) gets one more run, and the TAP says so.  Never our tests.
retry_once="uffd-unit-tests|ksm_tests -N -m 1"

IFS='
'
for l in $list; do
	unset IFS
	name=${l%%|*}; rest=${l#*|}
	tmo=${rest%%|*}; cmd=${rest#*|}
	n=$((n + 1))
	retried=""
	both "# ===== $n/$total $name (time-out ${tmo}s)"
	echo "harness: start $name" > /dev/kmsg
	start=$(date +%s)
	run_test
	if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ -f /tmp/.rc ] &&
	   case "|$retry_once|" in *"|$name|"*) true ;; *) false ;; esac; then
		both "# $name: exit=$rc; a known intermittent upstream failure (README): running it once more; the test point says if it passed then"
		run_test
		[ "$rc" = 0 ] && retried=" (passed on its second run)"
	fi
	secs=$(( $(date +%s) - start ))
	echo "harness: end $name rc=$rc" > /dev/kmsg
	if [ "$rc" = 0 ]; then
		both "ok $n $name # time=${secs}s$retried"
	elif [ "$rc" = 4 ]; then
		both "ok $n $name # SKIP (exit 4) time=${secs}s"
	else
		tail -n 40 /tmp/.out | sed 's/^/# /'
		if [ ! -f /tmp/.rc ]; then
			both "not ok $n $name # TIMEOUT after ${secs}s"
		else
			both "not ok $n $name # exit=$rc time=${secs}s"
		fi
	fi
	sync
	IFS='
'
done
unset IFS
