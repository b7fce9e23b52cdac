#!/bin/sh
# make run: show a process's pages and page tables moving between NUMA nodes,
# with the tools an admin uses (Debian's numactl, migratepages, numastat,
# busybox's taskset) and, for next-touch, hwloc's API.
last=$(( $(ls -d /sys/devices/system/node/node[0-9]* | wc -l) - 1 ))
say() { echo; echo "\$ $*"; }
echo "== NUMA topology"
say numactl --hardware
numactl --hardware
# Memory tiers (a lower number is faster): the node without CPUs is the
# slow tier the harness describes in the ACPI HMAT (TIER_MB).
for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
	[ -e "$t/nodelist" ] && printf '%s: nodes %s\n' "${t##*/}" "$(cat $t/nodelist)"
done

# Start numa_workload (64 MiB) with the given numactl options; sets $pid.
start() {
	rm -f /tmp/wl.out
	say numactl "$@" &
	numactl "$@" > /tmp/wl.out 2>&1 &
	i=0
	while ! grep -q ready /tmp/wl.out 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.2; i=$((i + 1))
	done
	pid=$(sed -n 's/^ready //p' /tmp/wl.out)
	echo "(pid $pid)"
}
show() {
	say numastat -p "$pid"
	numastat -p "$pid"
	say cat /proc/"$pid"/pgtable_numa
	cat /proc/"$pid"/pgtable_numa
}
finish() {
	kill -TERM "$pid"
	wait "$pid" && echo "(workload: its data checked intact)" ||
		echo "(workload: DATA CHANGED)"
}

echo
echo "== migratepages: data and page tables move together"
start --membind=0 numa_workload 64
show
say migratepages "$pid" 0 2
migratepages "$pid" 0 2
show
finish

echo
echo "== cgroup v2 cpuset: a job's data and page tables follow cpuset.mems"
cg=/sys/fs/cgroup
say "mount -t cgroup2 none $cg; echo +cpuset > $cg/cgroup.subtree_control; mkdir $cg/job"
mount -t cgroup2 none $cg && echo +cpuset > $cg/cgroup.subtree_control &&
	mkdir $cg/job
start --membind=0 numa_workload 64
say "echo 0 > $cg/job/cpuset.mems; echo $pid > $cg/job/cgroup.procs"
echo 0 > $cg/job/cpuset.mems
echo "$pid" > $cg/job/cgroup.procs
show
# What "systemctl set-property job.scope AllowedMemoryNodes=1" does:
say "echo 1 > $cg/job/cpuset.mems"
echo 1 > $cg/job/cpuset.mems
show
finish
rmdir $cg/job
echo -cpuset > $cg/cgroup.subtree_control
umount $cg

echo
echo "== NUMA balancing with kmigrated: move the task, its memory follows"
kn=/sys/kernel/mm/kmigrated
say "echo 1 > /proc/sys/kernel/numa_balancing; echo 1 > $kn/enabled"
echo 1 > /proc/sys/kernel/numa_balancing
echo 1 > $kn/enabled
# The guest has one CPU per node: by default a fault then migrates itself
# (counted as kmigrated_busy); share_cpu=1 hands the work to kmigrated anyway.
say "echo 1 > $kn/share_cpu"
echo 1 > $kn/share_cpu
start --cpunodebind=0 numa_workload -t 64
show
cpu=$(cut -d, -f1 /sys/devices/system/node/node1/cpulist | cut -d- -f1)
say taskset -p "$(printf '%x' $((1 << cpu)))" "$pid"
taskset -p "$(printf '%x' $((1 << cpu)))" "$pid"
for s in 5 10 15 20 25 30; do
	sleep 5
	echo "after ${s}s: $(numastat -p "$pid" | grep '^Total')"
done
show
say grep kmigrated /proc/vmstat
grep kmigrated /proc/vmstat
finish
echo 0 > $kn/share_cpu
echo 0 > $kn/enabled
echo 0 > /proc/sys/kernel/numa_balancing

if [ -x /harness/bin/hwloc_nexttouch ]; then
	echo
	echo "== hwloc next-touch (HWLOC_MEMBIND_NEXTTOUCH, mbind(MPOL_MF_LAZY))"
	hwloc_nexttouch --demo
fi

echo
echo "== move_pages and lazy mbind (numa_demo: 64 pages on node 0, moved to node $last)"
numa_demo
