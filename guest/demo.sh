#!/bin/sh
# make run: show a process's pages moving between NUMA nodes.
echo "== NUMA topology"
for n in /sys/devices/system/node/node[0-9]*; do
	printf '%s: cpus %s, %s MiB\n' "${n##*/}" "$(cat $n/cpulist)" \
		$(( $(awk '/MemTotal/ {print $4}' $n/meminfo) / 1024 ))
done
# Memory tiers (a lower number is faster): the node without CPUs is the
# slow tier the harness describes in the ACPI HMAT (TIER_MB).
for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
	[ -e "$t/nodelist" ] && printf '%s: nodes %s\n' "${t##*/}" "$(cat $t/nodelist)"
done
echo
echo "== move_pages demo (numa_demo: 64 pages on node 0, moved to node $(( $(ls -d /sys/devices/system/node/node[0-9]* | wc -l) - 1 )))"
numa_demo
