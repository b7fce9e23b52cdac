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

# khugepaged's swap cases need swap (they MADV_PAGEOUT pages): a zram swap
# device for the duration of the test.
with_zram_swap() {
	if [ -b /dev/zram0 ]; then
		[ "$(cat /sys/block/zram0/disksize)" != 0 ] ||
			echo 512M > /sys/block/zram0/disksize
		mkswap /dev/zram0 > /dev/null && swapon /dev/zram0
	else
		echo "no /dev/zram0: swap cases will fail"
	fi
	"$@"; rc=$?
	swapoff /dev/zram0 2>/dev/null
	return $rc
}

# khugepaged exits with its number of failed cases: 4 failures would read as
# the kselftest "skip" status.  Any non-zero status is a failure here.
failures_exit() {
	"$@"; rc=$?
	[ $rc = 0 ] && return 0
	echo "$1: exit status $rc (failed cases)"
	return 1
}
