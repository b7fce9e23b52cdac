// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for an admin's workload, for the numactl test and make run's
 * demo: it is started under numactl, moved with migratepages or taskset and
 * looked at with numastat and /proc/<pid>/pgtable_numa like any process.
 *
 *   numa_workload [-t] MIB
 *
 * Maps MIB MiB of anonymous memory, writes a pattern to every byte's word
 * (so every page and its page table are allocated where the task's policy
 * says), writes "ready <pid>" to stdout and waits.  With -t it keeps
 * reading the whole buffer (what NUMA balancing needs to see it used).
 * SIGUSR1: checks the pattern and prints "intact" or "CORRUPT at <offset>".
 * SIGTERM: checks it and exits 0 if intact, 1 if not.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

static volatile sig_atomic_t check, stop;
static volatile unsigned long sink;

static void on_signal(int sig)
{
	if (sig == SIGTERM)
		stop = 1;
	else
		check = 1;
}

static unsigned long pattern(unsigned long i)
{
	return i * 0x9e3779b97f4a7c15UL ^ 0x5a5a5a5a;
}

/* Index of the first word that lost its pattern, or -1. */
static long verify(const unsigned long *buf, unsigned long words)
{
	unsigned long i;

	for (i = 0; i < words; i++)
		if (buf[i] != pattern(i))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	unsigned long words, i, sum = 0;
	struct sigaction sa;
	unsigned long *buf;
	int touch = 0;
	long bad;
	size_t len;

	if (argc > 1 && !strcmp(argv[1], "-t")) {
		touch = 1;
		argv++;
		argc--;
	}
	if (argc != 2 || atol(argv[1]) <= 0) {
		fprintf(stderr, "usage: numa_workload [-t] MIB\n");
		return 2;
	}
	len = (size_t)atol(argv[1]) << 20;
	words = len / sizeof(*buf);
	buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	/* Small pages: the point is to have page tables to look at. */
	madvise(buf, len, MADV_NOHUGEPAGE);
	for (i = 0; i < words; i++)
		buf[i] = pattern(i);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	printf("ready %d\n", getpid());
	fflush(stdout);

	while (!stop) {
		if (check) {
			check = 0;
			bad = verify(buf, words);
			if (bad < 0)
				printf("intact\n");
			else
				printf("CORRUPT at %lu\n", bad * sizeof(*buf));
			fflush(stdout);
		}
		if (!touch) {
			usleep(50000);
			continue;
		}
		for (i = 0; i < words && !stop; i += 512)
			sum += *(volatile unsigned long *)&buf[i];
		usleep(10000);
	}
	bad = verify(buf, words);
	if (bad >= 0)
		printf("CORRUPT at %lu\n", bad * sizeof(*buf));
	sink = sum;
	return bad < 0 ? 0 : 1;
}
