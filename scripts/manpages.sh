#!/usr/bin/env bash
# The man-page changes of the series: userspace/manpages/*.patch, against
# Debian's manpages source (man-pages 6.03).
#   manpages.sh            apply the patches in order to a fresh copy of the
#                          source (build/manpages) and check that every page
#                          they touch formats without new warnings (TAP)
#   manpages.sh --show     the same, then print what the patches add to each
#                          page as rendered text (diff of the rendered page
#                          before and after the patches), for review
# Needs groff-base and man-db (and patch, as the other scripts); mandoc's
# -Tlint is reported as comments if mandoc happens to be installed.
. "$(dirname "$0")/lib.sh"

MANPAGES_DEB=6.03-2
show=0
case "${1:-}" in
'') ;;
--show) show=1 ;;
*) die "usage: $0 [--show]" ;;
esac

patches=("$TOP"/userspace/manpages/*.patch)
[ -e "${patches[0]}" ] || die "no patches in userspace/manpages/"
for t in groff man patch; do
	command -v "$t" >/dev/null || die "$t not found (scripts/deps.sh installs groff-base and man-db)"
done

pristine=$("$TOP/scripts/debsrc.sh" manpages "$MANPAGES_DEB")
work=$BUILD/manpages
rm -rf "$work"
cp -a "$pristine" "$work"

# Same rendering everywhere: a UTF-8 locale that exists on every Debian
# (man-db warns on stderr about a locale it cannot set), 80 columns.
export LC_ALL=C.UTF-8 MANWIDTH=80
unset MANPAGER PAGER MAN_KEEP_FORMATTING MANOPT

n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n $*"; fail=1; }
comment() { sed 's/^/# /'; }

for p in "${patches[@]}"; do
	name=${p##*/}
	# No fuzz: the patches are made against this very source.
	if out=$(patch -d "$work" -p1 -N --batch --fuzz=0 --no-backup-if-mismatch < "$p" 2>&1); then
		ok "$name applies"
	else
		not_ok "$name applies"
		comment <<<"$out"
		echo "1..$n"
		die "userspace/manpages/$name does not apply to manpages $MANPAGES_DEB (on top of the patches before it)"
	fi
done

# The pages the patches touch (man*/ files), in order of first appearance.
mapfile -t pages < <(sed -n 's|^+++ b/\(man[^/[:space:]]*/[^[:space:]]*\).*|\1|p' "${patches[@]}" |
	awk '!seen[$0]++')

# Warnings of one page, with line numbers taken out so that the pristine
# page's warnings can be matched against the patched page's.  Each command
# runs in the page's tree, on the same relative path.
#   groff: -ww all warnings, -z no output; -k (preconv) and -t (tbl) as
#          man-db would run them.
#   man:   man-db's own pipeline (preprocessors from the page's '\" line),
#          --warnings=w passes -ww to groff; a non-zero exit is an error.
warnings() {
	local tree=$1 page=$2
	[ -f "$tree/$page" ] || return 0
	(
		cd "$tree" || exit 1
		{ groff -k -t -ww -man -z "$page" 2>&1 >/dev/null || echo "groff exited with status $?"; } |
			sed 's/^/groff: /'
		{ man --warnings=w -l -Tutf8 "$page" 2>&1 >/dev/null || echo "man exited with status $?"; } |
			sed 's/^/man: /'
	) | sed -E 's/:[0-9]+(:[0-9]+)?:/:N:/g; s/line [0-9]+/line N/g'
}

for page in "${pages[@]}"; do
	[ -f "$work/$page" ] || { not_ok "$page exists after the patches"; continue; }
	# A pristine page may already warn (proc.5: tbl's "table wider than
	# line width" under man at 80 columns): only warnings the patches add
	# fail.  comm(1) on sorted lists matches repeated warnings one for one.
	before=$(warnings "$pristine" "$page")
	after=$(warnings "$work" "$page")
	new=$(LC_ALL=C comm -13 <(printf '%s\n' "$before" | sed '/^$/d' | LC_ALL=C sort) \
		<(printf '%s\n' "$after" | sed '/^$/d' | LC_ALL=C sort))
	if [ -z "$new" ]; then
		ok "$page formats without warnings"
	else
		not_ok "$page formats without warnings"
		comment <<<"$new"
	fi
	if [ -n "$before" ]; then
		printf '%s\n' "$before" | sed 's/^/(already in the pristine page) /' | comment
	fi
	# mandoc is not required; when it is there, its new lint messages are
	# shown, not failed on (it does not accept everything man-pages does).
	if command -v mandoc >/dev/null; then
		lint() {
			[ -f "$1/$page" ] || return 0
			{ (cd "$1" && mandoc -Tlint -W warning "$page" 2>&1) || true; } |
				sed -E 's/:[0-9]+:[0-9]+:/:N:N:/' | LC_ALL=C sort
		}
		LC_ALL=C comm -13 <(lint "$pristine") <(lint "$work") | sed 's/^/mandoc -Tlint: /' | comment
	fi
done
echo "1..$n"

if [ $show = 1 ]; then
	for page in "${pages[@]}"; do
		[ -f "$work/$page" ] || continue
		echo
		echo "=== $page: rendered (MANWIDTH=$MANWIDTH), lines the patches add or change are marked + (changes of spacing only are not shown)"
		render() {
			[ -f "$1/$page" ] || return 0
			(cd "$1" && man -l "$page" 2>/dev/null) || true
		}
		diff -bB -U4 --label "$page (6.03)" --label "$page (patched)" \
			<(render "$pristine") <(render "$work") || true
	done
fi

if [ $fail = 0 ]; then
	echo "manpages: ${#patches[@]} patches apply, ${#pages[@]} pages format without new warnings"
fi
exit $fail
