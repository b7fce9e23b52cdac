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
#
# LAYOUTS="1472 2624" also builds each kernel with that many bytes of
# never-executed text at the end of mm/filemap.c, the first object of mm/
# (it shifts mm/, lib/ and the code linked after them against kernel/ and
# arch/x86/), boots them each round (labels stock@N, patched@N), and pools
# every layout of a kernel in the median and adds the range of the per-layout
# patched/stock ratios.  Under TCG the cost of the same instructions depends
# on where they lie: one layout's ratio on a path both kernels share was
# measured up to 0.3 away from the ratio pooled over four (README, "The
# slower floor located").  Padding earlier (init/) would not do: the
# page-aligned text of arch/x86/kernel/acpi/madt_playdead.S absorbs shifts
# below its slack (about 2 KiB) and turns larger ones into whole 4 KiB
# steps of everything after it.  Each pad: 1-65535 bytes.
#
# STOCK_REV=<commit of build/linux> boots that tree as "stock" instead of
# the base: an A/B of two versions of the series in one run (the columns
# keep their names; the table's first line says what stock was).
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-2}
REPS=${REPS:-5}

prep=$("$TOP/scripts/prepare.sh" run) || die "build failed (see above)"
read -r bz initrd <<<"$(tail -1 <<<"$prep")"

# The stock kernel: the base commit (or STOCK_REV), checked out beside
# the series tree.
stock_rev=$(git -C "$LINUX" rev-parse --verify -q "${STOCK_REV:-base}^{commit}") ||
	die "STOCK_REV: ${STOCK_REV} is not a commit of build/linux"
stock_src=$BUILD/stock-src
if [ ! -d "$stock_src" ]; then
	git -C "$LINUX" worktree prune
	git -C "$LINUX" worktree add -q --detach "$stock_src" "$stock_rev"
else
	git -C "$stock_src" checkout -q -f --detach "$stock_rev"
fi

# build_pad SRC OBJ PAD OUT: SRC's kernel with PAD bytes of never-executed
# text appended to mm/filemap.c, copied to OUT; SRC's file is restored.
build_pad() {
	local src=$1 obj=$2 pad=$3 out=$4
	printf '\n/* make bench LAYOUTS: never executed */\nstatic noinline __used void bench_layout_pad(void)\n{\n\tasm volatile(".skip %d, 0xcc");\n}\n' \
		"$pad" >> "$src/mm/filemap.c"
	OBJ=$obj "$TOP/scripts/kernel.sh" run "$src" >/dev/null || {
		git -C "$src" checkout -q -- mm/filemap.c; die "layout $pad: build failed"; }
	git -C "$src" checkout -q -- mm/filemap.c
	cp "$obj/arch/x86/boot/bzImage" "$out"
}
layouts=()
for pad in ${LAYOUTS:-}; do
	[[ "$pad" =~ ^[1-9][0-9]{0,4}$ ]] && [ "$pad" -le 65535 ] ||
		die "LAYOUTS: $pad is not a byte count from 1 to 65535"
	layouts+=("$pad")
done
if [ ${#layouts[@]} -gt 0 ]; then
	# The series at the commit prepare.sh built, in a worktree of its own:
	# the padding never touches build/linux.  Uncommitted edits there would
	# be in "patched" but not in "patched@N".
	git -C "$LINUX" diff --quiet HEAD ||
		die "LAYOUTS: build/linux has uncommitted changes; commit them first"
	patched_src=$BUILD/patched-src
	if [ ! -d "$patched_src" ]; then
		git -C "$LINUX" worktree prune
		git -C "$LINUX" worktree add -q --detach "$patched_src" HEAD
	else
		git -C "$patched_src" checkout -q -f --detach "$(git -C "$LINUX" rev-parse HEAD)"
	fi
	for pad in "${layouts[@]}"; do
		log "layout $pad: building the stock and the patched kernel"
		build_pad "$stock_src" "$BUILD/stock" "$pad" "$BUILD/stock/bzImage@$pad"
		build_pad "$patched_src" "$BUILD/obj-layout" "$pad" "$BUILD/obj-layout/bzImage@$pad"
	done
fi
OBJ=$BUILD/stock "$TOP/scripts/kernel.sh" run "$stock_src" >/dev/null
cp "$BUILD/stock/arch/x86/boot/bzImage" "$BUILD/stock/bzImage"

raw=$BUILD/bench.raw
: > "$raw"
for ((r = 1; r <= ROUNDS; r++)); do
	labels=(stock patched ${AA:+stock2})
	for pad in "${layouts[@]}"; do labels+=("stock@$pad" "patched@$pad"); done
	for k in "${labels[@]}"; do
		case $k in
		patched) img=$bz ;;
		stock | stock2) img=$BUILD/stock/bzImage ;;
		stock@*) img=$BUILD/stock/bzImage@${k#stock@} ;;
		patched@*) img=$BUILD/obj-layout/bzImage@${k#patched@} ;;
		esac
		log "round $r/$ROUNDS: $k kernel"
		HARNESS_ARGS="$REPS ${BENCHES:-}" TIMEOUT=${TIMEOUT:-1800} CONSOLE_LOG=$BUILD/console-bench-${k/@/-}.log \
			"$TOP/scripts/qemu.sh" bench "$img" "$initrd" |
			sed -n "s/^BENCH /$k /p; /BENCH-FAILED/p" >> "$raw"
	done
done
grep -q BENCH-FAILED "$raw" && die "a benchmark failed: $(grep BENCH-FAILED "$raw" | head -3)"

[ -z "${STOCK_REV:-}" ] ||
	export BENCH_STOCK="$(git -C "$LINUX" log -1 --format='%h (%s)' "$stock_rev")"
python3 - "$raw" <<'PY' | tee "$BUILD/bench.txt"
import os
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
pads = sorted({k.split("@")[1] for _, k in d if "@" in k}, key=int)
def pool(m, kernel):
    return d[(m, kernel)] + [v for p in pads for v in d[(m, "%s@%s" % (kernel, p))]]
def ratio(a, b):
    if a and b and statistics.median(b):
        return "%.3f" % (statistics.median(a) / statistics.median(b))
    return "-"
def spread(m):
    rs = [float(r) for r in (ratio(d[(m, "patched" + p)], d[(m, "stock" + p)])
                             for p in [""] + ["@" + p for p in pads]) if r != "-"]
    return "%.3f-%.3f" % (min(rs), max(rs)) if rs else "-"
def row(*cols):
    widths = (35, 10, 31, 31, 14, 19, 0)
    print("".join("%-*s" % (w, c) for w, c, on in zip(widths, cols, (1, 1, 1, 1, 1, aa, pads)) if on).rstrip())
if os.environ.get("BENCH_STOCK"):
    print("stock: STOCK_REV %s, not the base" % os.environ["BENCH_STOCK"])
if pads:
    print("layouts: 0 (as built) %s bytes of text at the end of mm/filemap.c;"
          " medians pool every layout" % " ".join(pads))
row("metric", "unit", "stock median [min-max]", "patched median [min-max]",
    "patched/stock", "stock2/stock (A/A)" if aa else "",
    "per-layout p/s" if pads else "")
for m in metrics:
    s, p = pool(m, "stock"), pool(m, "patched")
    row(m, units[m], cell(s), cell(p), ratio(p, s),
        ratio(d[(m, "stock2")], d[(m, "stock")]) if aa else "",
        spread(m) if pads else "")
PY
