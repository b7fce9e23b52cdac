#!/usr/bin/env bash
# Build the mm selftests the guest runs, statically, against the uapi headers
# of the kernel under test.
#   selftests.sh OBJDIR OUTDIR
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "${1:?obj dir}")
out=$(realpath -m "${2:?output dir}")
src=${SRC:-$LINUX}
mm=$src/tools/testing/selftests/mm

# Upstream tests the guest runs (migration-related, see guest/test.sh) and the
# series' own tests.  A test the series adds is listed in patches by adding it
# to TEST_GEN_FILES; build whatever of this list the tree has.
upstream="migration mkdirty ksm_tests compaction_test hugetlb-soft-offline cow
	uffd-unit-tests mremap_test split_huge_page_test khugepaged
	transhuge-stress hmm-tests gup_test"
ours=$(sed -n 's/^TEST_GEN_FILES += \(numa_[a-z_]*\)$/\1/p' "$mm/Makefile")

mkdir -p "$out"
targets=()
for t in $upstream $ours; do targets+=("$out/$t"); done
log "building selftests: $(echo $upstream $ours | wc -w) programs"
if ! make -C "$mm" -j"$(nproc)" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $obj/usr/include" LDFLAGS=-static \
	"${targets[@]}" > "$out/build.log" 2>&1; then
	grep -E -A5 'error' "$out/build.log" | head -40 >&2
	die "selftests build failed (log: ${out#$TOP/}/build.log)"
fi
echo "$ours" > "$out/ours.list"
