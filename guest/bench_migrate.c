// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: migration and fault microbenchmarks, run in the guest.
 * Prints one line per sample: "BENCH <metric> <unit> <value>".
 *   move_pages throughput, 4 KiB pages and THP (MB/s, pages/s)
 *   anonymous page fault (ns per fault, 4 KiB pages)
 *   mbind(MPOL_MF_MOVE) vs mbind(MPOL_MF_MOVE | MPOL_MF_LAZY) of a range of
 *   which 1/16 is touched afterwards (ms; lazy only where the kernel has it)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/mempolicy.h>

#define MB		(1UL << 20)
#define THP		(2UL << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *map(size_t len, int thp)
{
	char *raw = mmap(NULL, len + THP, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;

	if (raw == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	p = (char *)(((uintptr_t)raw + THP - 1) & ~(THP - 1));
	madvise(p, len, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	return p;
}

static void place(char *p, size_t len, int node)
{
	unsigned long mask = 1UL << node;

	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	memset(p, 1, len);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
}

/* Move @len bytes back and forth between two nodes, @step bytes apart. */
static void bench_move(const char *name, size_t len, int thp, int reps)
{
	size_t step = thp ? THP : 4096, n = len / step, i;
	void **pages = malloc(n * sizeof(void *));
	int *nodes = malloc(n * sizeof(int));
	int *status = malloc(n * sizeof(int));
	char *p = map(len, thp);
	int r, to;
	double t;
	long ret;

	place(p, len, 0);
	for (i = 0; i < n; i++)
		pages[i] = p + i * step;
	for (r = 0; r < reps; r++) {
		to = (r & 1) ? 0 : 1;
		for (i = 0; i < n; i++)
			nodes[i] = to;
		t = now();
		ret = syscall(SYS_move_pages, 0, n, pages, nodes, status,
			      MPOL_MF_MOVE);
		t = now() - t;
		if (ret || status[0] != to) {
			fprintf(stderr, "%s: move_pages %ld status %d\n", name,
				ret, status[0]);
			exit(1);
		}
		printf("BENCH %s_MBps MB/s %.1f\n", name, len / MB / t);
		printf("BENCH %s_pages_per_s pages/s %.0f\n", name,
		       len / 4096 / t);
	}
	munmap(p, len);
	free(pages);
	free(nodes);
	free(status);
}

static void bench_fault(size_t len, int reps)
{
	size_t i;
	int r;
	double t;
	char *p;

	for (r = 0; r < reps; r++) {
		p = map(len, 0);
		t = now();
		for (i = 0; i < len; i += 4096)
			p[i] = 1;
		t = now() - t;
		printf("BENCH anon_fault_4k ns/fault %.0f\n", t * 1e9 / (len / 4096));
		munmap(p, len);
	}
}

/*
 * mbind() a @len range from node 0 to node 1 with @flags, then touch one
 * page in 16 (strided): ms for the mbind() call, and for mbind + touch.
 */
static void bench_mbind(const char *name, size_t len, int flags, int reps)
{
	unsigned long mask = 2;
	double t0, t1, t2;
	size_t i;
	char *p;
	int r;

	for (r = 0; r < reps; r++) {
		p = map(len, 0);
		place(p, len, 0);
		t0 = now();
		if (syscall(SYS_mbind, p, len, MPOL_BIND, &mask, 65, flags)) {
			munmap(p, len);
			return;	/* e.g. MPOL_MF_LAZY on a kernel without it */
		}
		t1 = now();
		for (i = 0; i < len; i += 16 * 4096)
			p[i]++;
		t2 = now();
		printf("BENCH %s_call ms %.2f\n", name, (t1 - t0) * 1e3);
		printf("BENCH %s_then_touch_1of16 ms %.2f\n", name, (t2 - t0) * 1e3);
		munmap(p, len);
	}
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5;

	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_move("move_pages_4k", 64 * MB, 0, reps);
	bench_move("move_pages_thp", 64 * MB, 1, reps);
	bench_fault(128 * MB, reps);
	bench_mbind("mbind_move", 128 * MB, MPOL_MF_MOVE, reps);
	bench_mbind("mbind_move_lazy", 128 * MB, MPOL_MF_MOVE | MPOL_MF_LAZY,
		    reps);
	return 0;
}
