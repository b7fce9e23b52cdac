#!/usr/bin/env bash
# make bench: the stock base (no patches) and the patched kernel, same
# config (base fragment, no debug options), the same guest benchmark
# programs (guest/bench_*.c), booted alternately ROUNDS times each with REPS
# samples per boot, in one invocation.  Prints and writes build/bench.txt:
# metric, unit, stock median [min-max], patched median [min-max],
# patched/stock.  The guest is emulated (TCG): only ratios from one run mean
# anything.  BENCHES="bench_numab ..." runs only those programs.  AA=1 also
# boots the stock image a second time each round (label stock2) and adds a
# stock2/stock column: the A/A spread, below which a patched/stock ratio
# says nothing.
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-2}
REPS=${REPS:-5}

prep=$("$TOP/scripts/prepare.sh" run) || die "build failed (see above)"
read -r bz initrd <<<"$(tail -1 <<<"$prep")"

# The stock kernel: the base commit, checked out beside the series tree.
stock_src=$BUILD/stock-src
if [ ! -d "$stock_src" ]; then
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q --detach "$stock_src" base
else
	git -C "$stock_src" checkout -q --detach base
fi
OBJ=$BUILD/stock "$TOP/scripts/kernel.sh" run "$stock_src" >/dev/null
cp "$BUILD/stock/arch/x86/boot/bzImage" "$BUILD/stock/bzImage"

raw=$BUILD/bench.raw
: > "$raw"
for ((r = 1; r <= ROUNDS; r++)); do
	for k in stock patched ${AA:+stock2}; do
		img=$bz
		[ $k != patched ] && img=$BUILD/stock/bzImage
		log "round $r/$ROUNDS: $k kernel"
		HARNESS_ARGS="$REPS ${BENCHES:-}" TIMEOUT=${TIMEOUT:-1800} CONSOLE_LOG=$BUILD/console-bench-$k.log \
			"$TOP/scripts/qemu.sh" bench "$img" "$initrd" |
			sed -n "s/^BENCH /$k /p; /BENCH-FAILED/p" >> "$raw"
	done
done
grep -q BENCH-FAILED "$raw" && die "a benchmark failed: $(grep BENCH-FAILED "$raw" | head -3)"

python3 - "$raw" <<'PY' | tee "$BUILD/bench.txt"
import statistics, sys, collections
d = collections.defaultdict(list)
units = {}
for line in open(sys.argv[1]):
    k, metric, unit, val = line.split()
    d[(metric, k)].append(float(val))
    units[metric] = unit
metrics = list(dict.fromkeys(m for m, _ in d))
def num(x):
    return "%.0f" % x if abs(x) >= 1000 else "%.4g" % x
def cell(v):
    if not v:
        return "-"
    return "%s [%s-%s] n=%d" % (num(statistics.median(v)), num(min(v)), num(max(v)), len(v))
aa = any(k == "stock2" for _, k in d)
def ratio(a, b):
    if a and b and statistics.median(b):
        return "%.3f" % (statistics.median(a) / statistics.median(b))
    return "-"
def row(*cols):
    print(("%-34s %-9s %-30s %-30s %-14s%s" % cols).rstrip())
row("metric", "unit", "stock median [min-max]", "patched median [min-max]",
    "patched/stock", "stock2/stock (A/A)" if aa else "")
for m in metrics:
    s, p = d[(m, "stock")], d[(m, "patched")]
    row(m, units[m], cell(s), cell(p), ratio(p, s),
        ratio(d[(m, "stock2")], s) if aa else "")
PY
