# Set-up helpers for guest/test.sh, sourced by each test's shell.

# run_vmtests.sh reserves 256 MiB of hugetlb pages for the whole run; these
# tests want something else for their own duration.
with_nr_hugepages() {
	want=$1; shift
	old=$(cat /proc/sys/vm/nr_hugepages)
	echo "$want" > /proc/sys/vm/nr_hugepages
	"$@"; rc=$?
	echo "$old" > /proc/sys/vm/nr_hugepages
	return $rc
}
# compaction_test wants the hugetlb pool empty and lots of free memory.
with_compaction_setup() { with_nr_hugepages 0 "$@"; }
# hugetlb-soft-offline: 8 hugetlb pages, soft offline enabled.
with_soft_offline_setup() {
	echo 1 > /proc/sys/vm/enable_soft_offline 2>/dev/null
	with_nr_hugepages 8 "$@"
}
