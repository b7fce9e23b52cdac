#!/bin/sh
# make test's numactl_migratepages: what an admin types, checked.  A 64 MiB
# workload started with "numactl --membind=0" is moved with
# "migratepages PID 0 2"; numastat -p and /proc/PID/pgtable_numa must show
# its data and its PTE tables on node 2 afterwards, and its data intact.
# Debian's numactl tools, unchanged (scripts/initramfs.sh).
fail=0
n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); echo "not ok $n $*"; fail=1; }
[ -d /sys/devices/system/node/node2 ] || { echo "# needs 3 NUMA nodes"; exit 4; }
for t in numactl migratepages numastat memhog; do
	command -v $t > /dev/null || { echo "# $t missing"; exit 1; }
done

# Total MB of $pid on node $1, from numastat -p.
node_mb() {
	numastat -p "$pid" | awk -v col=$(($1 + 2)) '/^Total/ { print int($col) }'
}
# PTE tables of $pid on node $1, from pgtable_numa.
node_pte() {
	awk -v key="N$1" '$1 == "pte" { for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] == key) print a[2] } }' \
		/proc/"$pid"/pgtable_numa | grep . || echo 0
}

numactl --membind=0 ./numa_workload 64 > /tmp/wl.out 2>&1 &
i=0
while ! grep -q ready /tmp/wl.out && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
pid=$(sed -n 's/^ready //p' /tmp/wl.out)
[ -n "$pid" ] || { echo "# workload did not start"; cat /tmp/wl.out; exit 1; }
numastat -p "$pid" | sed 's/^/# /'
sed 's/^/# before: /' /proc/"$pid"/pgtable_numa
b0=$(node_mb 0); t0=$(node_pte 0)
[ "$b0" -ge 64 ] && ok "numactl --membind=0: ${b0} MB on node 0" ||
	notok "numactl --membind=0: ${b0} MB on node 0, want >= 64"
[ "$t0" -ge 32 ] && ok "numactl --membind=0: $t0 PTE tables on node 0" ||
	notok "numactl --membind=0: $t0 PTE tables on node 0, want >= 32"

if migratepages "$pid" 0 2; then ok "migratepages $pid 0 2"; else notok "migratepages $pid 0 2: exit $?"; fi
numastat -p "$pid" | sed 's/^/# /'
sed 's/^/# after: /' /proc/"$pid"/pgtable_numa
a0=$(node_mb 0); a2=$(node_mb 2); p2=$(node_pte 2)
[ "$a2" -ge 64 ] && [ "$a0" -lt 2 ] && ok "after migratepages: $a2 MB on node 2, $a0 MB on node 0" ||
	notok "after migratepages: $a2 MB on node 2 (want >= 64), $a0 MB on node 0 (want < 2)"
[ "$p2" -ge 32 ] && ok "after migratepages: $p2 PTE tables on node 2" ||
	notok "after migratepages: $p2 PTE tables on node 2, want >= 32"

kill -TERM "$pid"
if wait "$pid"; then ok "workload data intact"; else notok "workload data changed"; cat /tmp/wl.out; fi

# memhog under a policy: allocates and touches, exits 0.
if numactl --membind=1 memhog 16M > /tmp/mh.out 2>&1; then ok "numactl --membind=1 memhog 16M"; else notok "memhog: $(cat /tmp/mh.out)"; fi
echo "1..$n"
exit $fail
