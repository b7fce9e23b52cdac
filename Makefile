# NUMA page migration, complete: a Linux mm patch series and its harness.
# See README.md.  Every target installs what it needs from Debian's packages.

SHELL := /bin/bash
.PHONY: help run shell cmd test stress tree export check bench deps clean

help:
	@echo "make run      build the series, boot a 4-node guest, show pages moving"
	@echo "make shell    the same guest with an interactive root shell"
	@echo "make cmd CMD='...'  run one command line in the debug guest, print its output"
	@echo "make test     debug kernel + every test; TAP + 'N passed, N failed, N skipped'"
	@echo "              (TESTS='numa_ migration' runs a subset; KASAN=1: KASAN kernel)"
	@echo "make stress DURATION=s  torture test + ABI fuzzer for s seconds (default 600)"
	@echo "make tree     build/linux: git tree, base + one commit per patch"
	@echo "make export   build/linux commits -> patches/"
	@echo "make check    patches apply, checkpatch --strict (BUILD_EACH=1: each prefix builds)"
	@echo "make bench    stock vs patched benchmarks -> build/bench.txt"

deps:
	@scripts/deps.sh

run:
	@scripts/run.sh demo

shell:
	@scripts/run.sh shell

# Debugging: CMD="..." runs one command line in the test (debug) guest.
cmd:
	@HARNESS_CMD="$(CMD)" scripts/run.sh cmd test

test:
	@scripts/test.sh

stress:
	@STRESS=1 DURATION=$(DURATION) scripts/test.sh

tree: deps
	@scripts/tree.sh

export:
	@scripts/export.sh

check: deps
	@scripts/check.sh

bench:
	@scripts/bench.sh

clean:
	rm -rf build/obj-* build/selftests-* build/initramfs* build/*.cpio.gz build/*.log
