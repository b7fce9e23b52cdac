#!/usr/bin/env bash
# make run (demo) / make shell: the non-debug kernel with the series on the
# NUMA guest.
. "$(dirname "$0")/lib.sh"
mode=${1:-demo}
flavour=${2:-run}
prep=$("$TOP/scripts/prepare.sh" "$flavour") || die "build failed (see above)"
read -r bz initrd <<<"$(tail -1 <<<"$prep")"
log "booting on a ${NODES:-4}-node guest ($mode)"
if [ "$mode" = shell ]; then
	exec "$TOP/scripts/qemu.sh" shell "$bz" "$initrd"
fi
TIMEOUT=${TIMEOUT:-600} CONSOLE_LOG=$BUILD/console-run.log \
	"$TOP/scripts/qemu.sh" "$mode" "$bz" "$initrd" | grep -v '^HARNESS-DONE'
