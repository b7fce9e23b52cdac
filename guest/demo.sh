#!/bin/sh
# make run: show a process's pages moving between NUMA nodes.
echo "== NUMA topology"
for n in /sys/devices/system/node/node[0-9]*; do
	printf '%s: cpus %s, %s MiB\n' "${n##*/}" "$(cat $n/cpulist)" \
		$(( $(awk '/MemTotal/ {print $4}' $n/meminfo) / 1024 ))
done
echo
echo "== move_pages demo (numa_demo: 64 pages on node 0, moved to node $(( $(ls -d /sys/devices/system/node/node[0-9]* | wc -l) - 1 )))"
numa_demo
