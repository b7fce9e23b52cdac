#!/bin/sh
# make cmd CMD="...": run one shell command line in the guest (debugging).
cd /harness/bin || exit 1
. /harness/test-lib.sh
echo 128 > /proc/sys/vm/nr_hugepages
cmd=$(cat /proc/cmdline | sed -n 's/.*harness.cmd="\([^"]*\)".*/\1/p')
echo "# $cmd"
eval "$cmd"
echo "# exit status $?"
