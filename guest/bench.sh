#!/bin/sh
# make bench, inside the guest: every bench_* program (or those named after
# the sample count: "5 bench_numab"), REPS samples each.
cd /harness/bin || exit 1
set -- ${HARNESS_ARGS:-7}
reps=$1
shift
progs=${*:-$(echo bench_*)}
for b in $progs; do
	./"$b" "$reps" || echo "BENCH-FAILED $b"
done
