#!/usr/bin/env bash
# Turn the guest's TAP and the kernel log into a verdict.
#   judge.sh GUEST_OUTPUT CONSOLE_LOG QEMU_RC TAP_OUT
# Adds two test points of its own: the guest ran to the end (no hang, no
# panic), and the kernel log is clean (no BUG, WARN, lockdep, KASAN,
# "Bad page", soft lockup, RCU stall, hung task).  Prints the TAP and a last
# line "N passed, N failed, N skipped"; exit 1 on any failure.
. "$(dirname "$0")/lib.sh"
out=${1:?}; console=${2:?}; qrc=${3:?}; tap=${4:?}

splats='BUG:|WARNING:|------------\[ cut here \]|Oops|Kernel panic|kernel BUG at|'\
'general protection fault|possible circular locking|possible recursive locking|'\
'inconsistent lock state|suspicious RCU usage|lockdep_|DEBUG_LOCKS_WARN|KASAN:|UBSAN:|'\
'Bad page|'\
'bad pmd|bad pte|soft lockup|hard LOCKUP|detected stalls|blocked for more than|'\
'list_add corruption|list_del corruption|page dumped because|Unable to handle'

# Memory offline (do_migrate_range() in mm/memory_hotplug.c) dumps the pages
# it could not isolate or migrate on one pass and tries again: diagnostics of
# an offline in progress, which the torture test causes on purpose, not a
# kernel bug.  Only those two dump_page() reasons are exempt.
benign='page dumped because: (isolation failed|migration failure)'
checked=$(mktemp)
trap 'rm -f "$checked"' EXIT
grep -vE "$benign" "$console" > "$checked" || true

{
	grep -v -e '^HARNESS-DONE' -e '^1\.\.' -e '^TAP version' "$out" || true
} > "$tap.body"
n=$(grep -cE '^(not )?ok ' "$tap.body" || true)
bodylines=$(grep -c '' "$tap.body" || true)

done_line=$(grep -m1 '^HARNESS-DONE' "$out" || true)
{
	echo "TAP version 13"
	echo "1..$((n + 2))"
	cat "$tap.body"
	n=$((n + 1))
	if [ -n "$done_line" ]; then
		echo "ok $n guest ran to completion"
	else
		echo "not ok $n guest ran to completion # qemu rc=$qrc (124: time-out/hang), see ${console#$TOP/}"
		tail -30 "$console" | sed 's/^/# console: /'
	fi
	n=$((n + 1))
	if grep -qE "$splats" "$checked"; then
		echo "not ok $n kernel log clean (BUG/WARN/lockdep/KASAN/Bad page/lockup)"
		{ grep -nE -B3 -A25 "$splats" "$checked" || true; } | head -150 | sed "s/^/# console: /" || true
		# Which test was running when it happened.
		awk -v re="$splats" '/harness: start /{t=$0} $0 ~ re {print "# during: " t; exit}' "$checked"
	else
		echo "ok $n kernel log clean"
	fi
} > "$tap"
rm -f "$tap.body"

pass=$(grep -cE '^ok ' "$tap" | tr -d ' ' || true)
skip=$(grep -cE '^ok .*# SKIP' "$tap" || true)
fail=$(grep -cE '^not ok ' "$tap" || true)
pass=$((pass - skip))
# The guest's output was shown live; show only what the judge added.
tail -n +"$((bodylines + 3))" "$tap"
grep -E '^not ok ' "$tap" | sed 's/^/FAILED: /' || true
# CI shows only the end of the output: repeat, for each failed program,
# its failed sub-tests and the assertions that failed in them.
awk '/^# ===== [0-9]+\//{ split($3, a, "/"); cur = a[1]; nd = 0 }
	/^not ok [0-9]+ /{ fail[$3] = 1 }
	/^# .*(not ok [0-9]|:Expected |MISMATCH|Bail out)/ && nd < 20 {
		detail[cur] = detail[cur] "FAILED-DETAIL: " $0 "\n"; nd++ }
	END { for (t in fail) printf "%s", detail[t] }' "$tap" || true
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
