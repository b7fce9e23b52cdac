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
"$TOP/scripts/initramfs.sh" "$BUILD/selftests-$flavour" "$BUILD/initramfs-$flavour.cpio.gz"
echo "$bz $BUILD/initramfs-$flavour.cpio.gz"
