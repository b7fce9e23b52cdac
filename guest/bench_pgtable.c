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
 *   fault_stall_relocate_1G_max/_p99
 *                               the longest (and 99th percentile) time one
 *                               page fault of a thread took while
 *                               migrate_pages() of its own process moved
 *                               the 512 tables of a sparse 1 GiB region
 *                               (and the tables the thread faults in), ms;
 *                               on stock the same call finds only data
 *                               already moved, so it is the fault time
 *                               beside a migrate_pages() that moves nothing
 *   other_mmap_munmap_max/_p99  the longest (99th percentile) mmap()+munmap()
 *                               of a shared file by an unrelated process
 *                               while an unprivileged process with the same
 *                               file mapped loops migrate_pages() on itself
 *                               between nodes 0 and 1 for 2 s, us
 *   forked_server_tables_moved  of the PTE tables of a forked process (its
 *                               libraries and binary, anon memory inherited
 *                               from its parent next to its own, two files
 *                               sharing 2 MiB ranges) that were on node 0,
 *                               the percentage on node 1 after
 *                               migrate_pages() of it to node 1 (series)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

/*
 * @len of 4 KiB pages, data and tables on node 0: every byte written
 * (@stride 0), or one byte per @stride (a sparse region).  *@ms, if not
 * NULL: how long the writes took.
 */
static char *map_on_node0(size_t len, size_t stride, double *ms)
{
	unsigned long mask = 1;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	double t;
	size_t i;

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	t = now();
	if (!stride)
		memset(p, 1, len);
	for (i = 0; stride && i < len; i += stride)
		p[i] = 1;
	if (ms)
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* max and 99th percentile of @n samples, sorted in place */
static void max_p99(double *v, long n, double *max, double *p99)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*max = n ? v[n - 1] : 0;
	*p99 = n ? v[(n - 1) * 99 / 100] : 0;
}

#define NLAT	(1 << 20)

struct faulter {
	atomic_int go, stop;
	char *buf;		/* FAULT_LEN of its own, tables on node 0 */
	double *lat;		/* ms per fault */
	long n;
};

#define FAULT_LEN	(64 * MB)

/* Fault pages in, one after another, timing each, until told to stop. */
static void *faulter(void *arg)
{
	struct faulter *f = arg;
	unsigned long off = 0;
	double t;

	while (!atomic_load(&f->go))
		;
	while (!atomic_load(&f->stop) && f->n < NLAT) {
		if (off >= FAULT_LEN) {
			madvise(f->buf, FAULT_LEN, MADV_DONTNEED);
			off = 0;
		}
		t = now();
		f->buf[off] = 1;
		f->lat[f->n++] = (now() - t) * 1e3;
		off += 4096;
	}
	return NULL;
}

static void fault_stall(void)
{
	struct faulter f = { 0 };
	unsigned long mask = 1;
	double max, p99;
	pthread_t th;
	char *p;

	p = map_on_node0(1024 * MB, 2 * MB, NULL);
	f.lat = malloc(NLAT * sizeof(double));
	f.buf = mmap(NULL, FAULT_LEN, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!f.lat || f.buf == MAP_FAILED) {
		perror("faulter");
		exit(1);
	}
	madvise(f.buf, FAULT_LEN, MADV_NOHUGEPAGE);
	/*
	 * The faulter's tables on node 0 too, so that they move while it
	 * faults; its data goes (the tables stay), so that each of its
	 * writes is a page fault.
	 */
	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	memset(f.buf, 1, FAULT_LEN);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	madvise(f.buf, FAULT_LEN, MADV_DONTNEED);
	/* the data first, alone: then only tables are left to move */
	sysctl("0");
	migrate();
	sysctl("1");
	pthread_create(&th, NULL, faulter, &f);
	atomic_store(&f.go, 1);
	usleep(20000);
	f.n = 0;	/* only the faults during the call count */
	migrate();
	atomic_store(&f.stop, 1);
	pthread_join(th, NULL);
	max_p99(f.lat, f.n, &max, &p99);
	printf("BENCH fault_stall_relocate_1G_max ms %.3f\n", max);
	printf("BENCH fault_stall_relocate_1G_p99 ms %.3f\n", p99);
	munmap(p, 1024 * MB);
	munmap(f.buf, FAULT_LEN);
	free(f.lat);
}

#define SHARED_FILE	"/tmp/bench_pgtable.shared"

/* As nobody: map the file and 256 MiB, then ping-pong between 0 and 1. */
static void migrate_looper(double secs)
{
	unsigned long m[2] = { 1, 2 }, all = 3;
	int fd = open(SHARED_FILE, O_RDWR);
	double end;
	char *f, *p;
	int i;

	if (fd < 0 || setgid(65534) || setuid(65534))
		_exit(1);
	f = mmap(NULL, 4 * MB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (f == MAP_FAILED)
		_exit(1);
	memset(f, 2, 4 * MB);
	p = map_on_node0(256 * MB, 2 * MB, NULL);
	end = now() + secs;
	for (i = 0; now() < end; i++)
		syscall(SYS_migrate_pages, 0, 65, &all, &m[i & 1]);
	(void)p;
	_exit(0);
}

static void other_mmap_munmap(void)
{
	double *lat = malloc(NLAT * sizeof(double)), end, t, max, p99;
	int fd = open(SHARED_FILE, O_RDWR | O_CREAT | O_TRUNC, 0666);
	long n = 0;
	pid_t pid;
	char *f;

	if (!lat || fd < 0 || ftruncate(fd, 4 * MB)) {
		perror("shared file");
		exit(1);
	}
	fchmod(fd, 0666);
	pid = fork();
	if (!pid)
		migrate_looper(2.5);
	usleep(200000);
	end = now() + 2;
	while (now() < end && n < NLAT) {
		t = now();
		f = mmap(NULL, 4 * MB, PROT_READ, MAP_SHARED, fd, 0);
		if (f == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		munmap(f, 4 * MB);
		lat[n++] = (now() - t) * 1e6;
	}
	waitpid(pid, NULL, 0);
	max_p99(lat, n, &max, &p99);
	printf("BENCH other_mmap_munmap_max us %.1f\n", max);
	printf("BENCH other_mmap_munmap_p99 us %.1f\n", p99);
	close(fd);
	unlink(SHARED_FILE);
	free(lat);
}

/* PTE tables of this process on @node, from /proc/self/pgtable_numa */
static long pte_tables_on(int node)
{
	char line[512], key[16], *tok;
	long n = -1;
	FILE *f = fopen("/proc/self/pgtable_numa", "r");

	snprintf(key, sizeof(key), "N%d=", node);
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "pte ", 4))
			continue;
		n = 0;
		for (tok = strtok(line + 4, " \n"); tok; tok = strtok(NULL, " \n"))
			if (!strncmp(tok, key, strlen(key)))
				n = atol(tok + strlen(key));
	}
	if (f)
		fclose(f);
	return n;
}

/*
 * A forked server: the parent maps and touches anon memory and two files
 * sharing 2 MiB ranges, all under MPOL_BIND node 0 (the child's copies of
 * its tables too), and forks; the child maps anon memory of its own over
 * half of each inherited range, then moves itself to node 1.
 */
static void forked_server(void)
{
	unsigned long mask = 1, from = 1, to = 2;
	int fa = memfd_create("a", 0), fb = memfd_create("b", 0), st, i;
	size_t len = 64 * MB;
	char *anon, *files;
	pid_t pid;

	syscall(SYS_set_mempolicy, MPOL_BIND, &mask, 65);
	anon = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	files = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED || files == MAP_FAILED || fa < 0 || fb < 0 ||
	    ftruncate(fa, len / 2) || ftruncate(fb, len / 2)) {
		perror("forked_server");
		exit(1);
	}
	madvise(anon, len, MADV_NOHUGEPAGE);
	memset(anon, 1, len);
	for (i = 0; i < (int)(len / (2 * MB)); i++) {
		mmap(files + i * 2 * MB, MB, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_FIXED, fa, i * MB);
		mmap(files + i * 2 * MB + MB, MB, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_FIXED, fb, i * MB);
	}
	memset(files, 2, len);
	pid = fork();
	if (!pid) {
		long before, after;

		for (i = 0; i < (int)(len / (2 * MB)); i++) {
			char *half = anon + i * 2 * MB + MB;

			mmap(half, MB, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			memset(half, 3, MB);
		}
		syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
		before = pte_tables_on(0);
		syscall(SYS_migrate_pages, 0, 65, &from, &to);
		after = pte_tables_on(0);
		printf("BENCH forked_server_tables_moved %% %.1f\n",
		       before > 0 ? 100.0 * (before - after) / before : 0);
		fflush(stdout);
		_exit(0);
	}
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	waitpid(pid, &st, 0);
	munmap(anon, len);
	munmap(files, len);
	close(fa);
	close(fb);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5, r;
	int series = access(SYSCTL, F_OK) == 0;
	double ms;
	char *p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (r = 0; r < reps; r++) {
		p = map_on_node0(LEN, 0, &ms);
		printf("BENCH fault_4k_populate_256M ms %.1f\n", ms);
		printf("BENCH migrate_pages_256M ms %.1f\n", migrate());
		munmap(p, LEN);
		if (!series)
			continue;

		p = map_on_node0(LEN, 0, &ms);
		sysctl("0");
		printf("BENCH migrate_pages_256M_notables ms %.1f\n", migrate());
		sysctl("1");
		printf("BENCH pgtable_relocate_256M ms %.1f\n", migrate());
		munmap(p, LEN);
	}
	for (r = 0; r < reps; r++) {
		fault_stall();
		other_mmap_munmap();
		if (series)
			forked_server();
	}
	sysctl("1");
	return 0;
}
