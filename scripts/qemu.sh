#!/usr/bin/env bash
# Boot a kernel + initramfs on an emulated NUMA machine.
#   qemu.sh MODE BZIMAGE INITRAMFS
# MODE: shell (interactive root shell on this terminal) or test|demo|bench|
# stress (harness output, ttyS1, on stdout; kernel log, ttyS0, in
# $CONSOLE_LOG).  Exit status 124 when the guest had to be killed (TIMEOUT).
#
# Topology (environment): NODES=4 CPUS_PER_NODE=1 MEM_PER_NODE=1024 (MiB),
# HOTPLUG_MB=512: a pc-dimm on node 1 onlined as ZONE_MOVABLE (0: none),
# TIER_MB=768: one more node, node $NODES, without CPUs and described by
# ACPI HMAT as 4x the latency and 1/4 the bandwidth of local memory, which
# the kernel puts in a lower memory tier (0: none).
. "$(dirname "$0")/lib.sh"

mode=${1:?mode}; kernel=${2:?bzImage}; initrd=${3:?initramfs}
NODES=${NODES:-4}
CPUS_PER_NODE=${CPUS_PER_NODE:-1}
MEM_PER_NODE=${MEM_PER_NODE:-1024}
HOTPLUG_MB=${HOTPLUG_MB:-512}
TIER_MB=${TIER_MB:-768}
TIMEOUT=${TIMEOUT:-3000}
CONSOLE_LOG=${CONSOLE_LOG:-$BUILD/console.log}
DISK=${DISK:-$BUILD/disk.img}

# Hardware virtualisation only if it really runs a guest: this kind of host
# exposes /dev/kvm although nested KVM does not work, and a broken KVM can
# hang rather than fail.  Probe once (bounded), remember the answer.
accel=${ACCEL:-}
if [ -z "$accel" ]; then
	accel=$(cat "$BUILD/.accel" 2>/dev/null || true)
	if [ -z "$accel" ]; then
		accel=tcg
		if [ -w /dev/kvm ]; then
			out=$(timeout -k 2 20 qemu-system-x86_64 -accel kvm -cpu host -m 256 \
				-nodefaults -display none -serial stdio -no-reboot \
				-kernel "$kernel" -append "console=ttyS0 panic=-1 rdinit=/nonexistent" \
				2>/dev/null | head -c 100000 || true)
			case "$out" in *"Linux version"*) accel=kvm ;; esac
		fi
		echo "$accel" > "$BUILD/.accel"
		log "accelerator: $accel"
	fi
fi
if [ "$accel" = kvm ]; then
	accel_args=(-accel kvm -cpu host)
else
	accel_args=(-accel tcg,thread=multi -cpu max)
fi

ncpus=$((NODES * CPUS_PER_NODE))
mem=$((NODES * MEM_PER_NODE))
numa=()
for ((i = 0; i < NODES; i++)); do
	first=$((i * CPUS_PER_NODE)); last=$((first + CPUS_PER_NODE - 1))
	numa+=(-object "memory-backend-ram,id=m$i,size=${MEM_PER_NODE}M"
	       -numa "node,nodeid=$i,cpus=$first-$last,memdev=m$i")
done
# The slow tier: a memory-only node, and an HMAT in which every initiator
# (node with CPUs) sees its own node at 100 ns and 16 GB/s, the other nodes
# with CPUs at 200 ns and 8 GB/s, the slow node at 400 ns and 4 GB/s.  The
# kernel ranks a node by its best initiator's figures, which must be alike
# for all default-tier (CPU) nodes.
if [ "$TIER_MB" -gt 0 ]; then
	numa+=(-object "memory-backend-ram,id=m$NODES,size=${TIER_MB}M"
	       -numa "node,nodeid=$NODES,memdev=m$NODES,initiator=0")
	for ((i = 0; i < NODES; i++)); do
		for ((t = 0; t <= NODES; t++)); do
			lat=200 bw=8G
			[ "$t" = "$i" ] && lat=100 bw=16G
			[ "$t" = "$NODES" ] && lat=400 bw=4G
			numa+=(-numa "hmat-lb,initiator=$i,target=$t,hierarchy=memory,data-type=access-latency,latency=$lat"
			       -numa "hmat-lb,initiator=$i,target=$t,hierarchy=memory,data-type=access-bandwidth,bandwidth=$bw")
		done
	done
	mem=$((mem + TIER_MB))
fi
memopt="${mem}M"
if [ "$HOTPLUG_MB" -gt 0 ] && [ "$NODES" -gt 1 ]; then
	memopt="${mem}M,slots=2,maxmem=$((mem + HOTPLUG_MB + 1024))M"
	numa+=(-object "memory-backend-ram,id=hp0,size=${HOTPLUG_MB}M"
	       -device "pc-dimm,id=dimm0,memdev=hp0,node=1")
fi

if [ ! -f "$DISK" ]; then
	truncate -s 1G "$DISK"
	mkfs.ext4 -q -F -L harness "$DISK"
fi

cmdline="console=ttyS0,115200 harness.mode=$mode ${HARNESS_ARGS:+harness.args=${HARNESS_ARGS// /,}}"
cmdline+="${HARNESS_DURATION:+ harness.duration=$HARNESS_DURATION}"
# ZONE_MOVABLE for the hot-plugged DIMM: memory offline must be able to
# empty it.  Keep 4-level paging (no5lvl): it is what x86-64 machines run.
cmdline+=" memhp_default_state=online_movable no5lvl panic=-1 printk.devkmsg=on"
# TCG runs 4 vCPUs on a 2-core host: give the lockup detectors room, real
# hangs are caught by the harness time-outs.
cmdline+=" watchdog_thresh=30 rcupdate.rcu_cpu_stall_timeout=60 no_hash_pointers"
# make bench times each access with clock_gettime().  Under TCG the kernel
# finds the vCPUs' TSCs unsynchronized and falls back to the HPET, so every
# clock read becomes a system call with an emulated MMIO read: 29-43 % of
# the profiled kernel ticks of a bench_numab sample (counted as the task's
# CPU), and a no-fault p99 of 0.75 us (0.11 us with the TSC; 2026-12-03).
# The benchmarks time intervals on one pinned CPU: let them read the TSC
# in the vDSO.  The tests keep the kernel's own choice.
if [ "$mode" = bench ]; then cmdline+=" tsc=reliable"; fi
cmdline+=" ${KERNEL_CMDLINE:-}"
[ -n "${HARNESS_CMD:-}" ] && cmdline+=" harness.cmd=\"$HARNESS_CMD\""

# One socket per node: CPUs of a socket share an LLC, and the scheduler
# warns (topology_sane) when LLC siblings sit on different nodes.
smp="$ncpus,sockets=$NODES,cores=$CPUS_PER_NODE,threads=1"
machine=pc
[ "$TIER_MB" -gt 0 ] && machine=pc,hmat=on
args=("${accel_args[@]}" -machine "$machine" -smp "$smp" -m "$memopt" "${numa[@]}"
      -kernel "$kernel" -initrd "$initrd" -append "$cmdline"
      -drive "file=$DISK,if=virtio,format=raw" -nodefaults -no-reboot
      -display none -net none)

if [ "$mode" = shell ]; then
	exec qemu-system-x86_64 "${args[@]}" -serial mon:stdio -serial null
fi

rc=0
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" \
	-serial "file:$CONSOLE_LOG" -serial stdio -monitor none < /dev/null | sed -u 's/\r$//' || rc=${PIPESTATUS[0]}
exit "$rc"
