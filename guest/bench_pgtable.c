// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: page-table migration, run in the guest.
 * Prints one line per sample: "BENCH <metric> <unit> <value>".
 *
 *   migrate_pages_256M          migrate_pages(2) of 256 MiB of 4 KiB pages
 *                               (128 PTE tables) from node 0 to node 1, ms:
 *                               data only on stock, data + tables on the
 *                               series (vm.pgtable_migration=1, default)
 *   migrate_pages_256M_notables the same with vm.pgtable_migration=0
 *                               (series only)
 *   pgtable_relocate_256M       the tables alone: the data moved first with
 *                               the sysctl at 0, then migrate_pages() again
 *                               with it at 1 (nothing left to migrate but
 *                               the 128 tables), ms (series only)
 *   fault_4k_populate_ms        faulting the 256 MiB in (ms; the fault path
 *                               itself is not changed by the series)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/mempolicy.h>

#define MB		(1UL << 20)
#define LEN		(256 * MB)
#define SYSCTL		"/proc/sys/vm/pgtable_migration"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sysctl(const char *val)
{
	int fd = open(SYSCTL, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

/* 256 MiB of 4 KiB pages, data and tables on node 0; ms to fault in */
static char *populate(double *ms)
{
	unsigned long mask = 1;
	char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double t;

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	madvise(p, LEN, MADV_NOHUGEPAGE);
	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	t = now();
	memset(p, 1, LEN);
	*ms = (now() - t) * 1e3;
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	return p;
}

static double migrate(void)
{
	unsigned long from = 1, to = 2;
	double t = now();

	if (syscall(SYS_migrate_pages, 0, 65, &from, &to) < 0) {
		perror("migrate_pages");
		exit(1);
	}
	return (now() - t) * 1e3;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5, r;
	int series = access(SYSCTL, F_OK) == 0;
	double ms;
	char *p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (r = 0; r < reps; r++) {
		p = populate(&ms);
		printf("BENCH fault_4k_populate_256M ms %.1f\n", ms);
		printf("BENCH migrate_pages_256M ms %.1f\n", migrate());
		munmap(p, LEN);
		if (!series)
			continue;

		p = populate(&ms);
		sysctl("0");
		printf("BENCH migrate_pages_256M_notables ms %.1f\n", migrate());
		sysctl("1");
		printf("BENCH pgtable_relocate_256M ms %.1f\n", migrate());
		munmap(p, LEN);
	}
	sysctl("1");
	return 0;
}
