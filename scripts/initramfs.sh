#!/usr/bin/env bash
# Pack the guest's initramfs: static busybox, guest/ scripts, the selftests
# and the harness' own guest programs.
#   initramfs.sh SELFTEST_DIR OUTPUT.cpio.gz
. "$(dirname "$0")/lib.sh"

st=${1:?selftest dir}
img=${2:?output}
root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,harness/bin,root}

cp /bin/busybox "$root/bin/busybox"
for a in $("$root/bin/busybox" --list-full); do
	[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done
install -m 755 "$TOP/guest/init" "$root/init"
cp "$TOP"/guest/*.sh "$root/harness/"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

# Selftests (built statically by selftests.sh) and the list of our own.
find "$st" -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/harness/bin/" \;
cp "$st/ours.list" "$root/harness/bin/" 2>/dev/null || true

# Debian's numactl tools, unchanged, with the shared libraries they link
# (the dynamic loader finds them in Debian's multiarch directory).
for t in numactl migratepages numastat memhog; do
	cp /usr/bin/$t "$root/usr/bin/$t" || die "numactl's $t is missing (scripts/deps.sh installs numactl)"
	for l in $(ldd /usr/bin/$t | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[ -e "$root$l" ] && continue
		mkdir -p "$root$(dirname "$l")"
		cp -L "$l" "$root$l"
	done
done

# hwloc with the series' next-touch patch and its test (scripts/hwloc.sh),
# when built.
if [ -d "$BUILD/hwloc/bin" ]; then
	cp "$BUILD/hwloc/bin"/* "$root/harness/bin/"
fi

# Harness programs that run in the guest (demo, benchmarks).
for c in "$TOP"/guest/*.c; do
	[ -e "$c" ] || continue
	gcc -O2 -Wall -static -o "$root/harness/bin/$(basename "${c%.c}")" "$c" -lpthread ||
		die "cannot build $c"
done

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 > "$img"
