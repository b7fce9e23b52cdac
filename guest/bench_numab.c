// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: NUMA balancing with and without kmigrated.
 *
 * A process pinned to a CPU of node 1 reads, page by page, 32 MiB it placed
 * on node 0, with NUMA balancing on and fast scan settings, until 90 % of
 * the pages are on node 1 (or 60 s pass).  Per sample:
 *   numab[_sync]_fault_p50/p99/max  ns of the accesses that took a fault
 *       (a NUMA hinting fault: the thread's minor-fault count went up)
 *   numab[_sync]_converge            ms until 90 % of the pages are local
 *   numab[_sync]_cpu                 ms of CPU: the process's system time
 *                                    plus all kmigrated threads' time
 * "numab" is the default migration of the kernel under test, made
 * asynchronous with kmigrated where the kernel has it
 * (/sys/kernel/mm/kmigrated/enabled=1); "numab_sync" is the synchronous
 * path (kmigrated off, or a kernel without it).  On a kernel without
 * kmigrated both names carry the same samples, so that "numab" compares
 * kmigrated with the stock synchronous path.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/mempolicy.h>

#define LEN	(32UL << 20)
#define PAGE	4096UL
#define NPAGES	(LEN / PAGE)
#define MAXLAT	(1 << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int put(const char *path, const char *val)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	ret = fputs(val, f) < 0 ? -1 : 0;
	return fclose(f) ? -1 : ret;
}

/* CPU time (ms) of all kmigrated threads so far. */
static double kmigrated_ms(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	double ms = 0;

	while (d && (e = readdir(d))) {
		char path[300], comm[64];
		unsigned long ut, st;
		FILE *f;

		if (atoi(e->d_name) <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%*d (%63[^)]) %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			   comm, &ut, &st) == 3 && !strncmp(comm, "kmigrated", 9))
			ms += (ut + st) * 1000.0 / sysconf(_SC_CLK_TCK);
		fclose(f);
	}
	if (d)
		closedir(d);
	return ms;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_THREAD, &ru);
	return ru.ru_minflt;
}

static double stime_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static unsigned long local_pages(char *p, int node)
{
	static void *pages[NPAGES];
	static int status[NPAGES];
	unsigned long i, n = 0;

	for (i = 0; i < NPAGES; i++)
		pages[i] = p + i * PAGE;
	if (syscall(SYS_move_pages, 0, NPAGES, pages, NULL, status, 0))
		return 0;
	for (i = 0; i < NPAGES; i++)
		n += status[i] == node;
	return n;
}

/* The first CPU of node 1. */
static int node1_cpu(void)
{
	FILE *f = fopen("/sys/devices/system/node/node1/cpulist", "r");
	int cpu = 1;

	if (f) {
		if (fscanf(f, "%d", &cpu) != 1)
			cpu = 1;
		fclose(f);
	}
	return cpu;
}

/* One sample, in a child (a fresh mm and fresh NUMA statistics). */
static void sample(const char *names[], int nnames)
{
	unsigned long mask = 1UL << 0, i;
	double *lat = malloc(MAXLAT * sizeof(double));
	double t0, conv = -1, k0, s0, cpu;
	long nlat = 0;
	cpu_set_t set;
	char *p;
	int n;

	CPU_ZERO(&set);
	CPU_SET(node1_cpu(), &set);
	if (!lat || sched_setaffinity(0, sizeof(set), &set))
		exit(1);
	p = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		exit(1);
	madvise(p, LEN, MADV_NOHUGEPAGE);
	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	memset(p, 1, LEN);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);

	k0 = kmigrated_ms();
	s0 = stime_ms();
	t0 = now();
	while (now() - t0 < 60) {
		for (i = 0; i < NPAGES; i++) {
			long f0 = minflt();
			double a = now();

			*(volatile char *)(p + i * PAGE);
			a = now() - a;
			if (minflt() != f0 && nlat < MAXLAT)
				lat[nlat++] = a * 1e9;
		}
		if (local_pages(p, 1) >= NPAGES * 9 / 10) {
			conv = (now() - t0) * 1e3;
			break;
		}
	}
	usleep(100000);		/* let kmigrated finish its last batch */
	cpu = stime_ms() - s0 + kmigrated_ms() - k0;
	qsort(lat, nlat, sizeof(double), cmp);
	for (n = 0; n < nnames; n++) {
		if (nlat) {
			printf("BENCH %s_fault_p50 ns %.0f\n", names[n], lat[nlat / 2]);
			printf("BENCH %s_fault_p99 ns %.0f\n", names[n],
			       lat[nlat * 99 / 100]);
			printf("BENCH %s_fault_max ns %.0f\n", names[n], lat[nlat - 1]);
		}
		if (conv >= 0)
			printf("BENCH %s_converge ms %.0f\n", names[n], conv);
		printf("BENCH %s_cpu ms %.0f\n", names[n], cpu);
	}
	fflush(stdout);
	exit(0);
}

static void run(const char *names[], int nnames, int reps)
{
	int r;

	for (r = 0; r < reps; r++) {
		pid_t pid = fork();

		if (pid == 0)
			sample(names, nnames);
		waitpid(pid, NULL, 0);
	}
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5;
	const char *both[] = { "numab", "numab_sync" };
	const char *async[] = { "numab" }, *sync[] = { "numab_sync" };
	const char *km = "/sys/kernel/mm/kmigrated/enabled";

	setvbuf(stdout, NULL, _IOLBF, 0);
	put("/sys/kernel/debug/sched/numa_balancing/scan_delay_ms", "0");
	put("/sys/kernel/debug/sched/numa_balancing/scan_period_min_ms", "10");
	put("/sys/kernel/debug/sched/numa_balancing/scan_period_max_ms", "100");
	put("/proc/sys/kernel/numa_balancing", "1");
	if (access(km, F_OK)) {
		run(both, 2, reps);
	} else {
		put(km, "0");
		run(sync, 1, reps);
		put(km, "1");
		run(async, 1, reps);
		put(km, "0");
	}
	put("/proc/sys/kernel/numa_balancing", "0");
	return 0;
}
