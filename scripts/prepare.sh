#!/usr/bin/env bash
# Everything up to a bootable guest: packages, tree, kernel, selftests,
# initramfs.  Prints "BZIMAGE INITRAMFS".
#   prepare.sh FLAVOUR   (run: base config; test: base + debug)
. "$(dirname "$0")/lib.sh"
flavour=${1:?flavour}

"$TOP/scripts/deps.sh"
"$TOP/scripts/tree.sh" --sync
obj=$BUILD/obj-$flavour
bz=$("$TOP/scripts/kernel.sh" "$flavour")
"$TOP/scripts/selftests.sh" "$obj" "$BUILD/selftests-$flavour"
# hwloc with the series' next-touch patch, and its guest test (cached).
"$TOP/scripts/hwloc.sh" >&2
"$TOP/scripts/initramfs.sh" "$BUILD/selftests-$flavour" "$BUILD/initramfs-$flavour.cpio.gz"
echo "$bz $BUILD/initramfs-$flavour.cpio.gz"
