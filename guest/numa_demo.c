// SPDX-License-Identifier: GPL-2.0
/*
 * make run: show a process's pages moving between NUMA nodes.
 * Allocates 64 pages bound to node 0, prints their numa_maps line and the
 * per-page status of move_pages(2) in query mode, moves them to the last
 * node with move_pages(2), and prints both again.  Then, with the series'
 * mbind(MPOL_MF_MOVE | MPOL_MF_LAZY), binds them to node 1 without moving
 * anything, touches a quarter of them, and shows that only those moved.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/mempolicy.h>

#define NPAGES 64

static void show(const char *when, char *buf, long psz)
{
	void *pages[NPAGES];
	int status[NPAGES];
	char line[4096], key[32];
	FILE *f;
	int i;

	snprintf(key, sizeof(key), "%lx ", (unsigned long)buf);
	f = fopen("/proc/self/numa_maps", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			printf("%s numa_maps: %s", when, line);
	if (f)
		fclose(f);
	for (i = 0; i < NPAGES; i++)
		pages[i] = buf + i * psz;
	if (syscall(SYS_move_pages, 0, NPAGES, pages, NULL, status, 0)) {
		perror("move_pages query");
		exit(1);
	}
	printf("%s move_pages status:", when);
	for (i = 0; i < NPAGES; i++)
		printf(" %d", status[i]);
	printf("\n");
}

/* The "pte" line of /proc/self/pgtable_numa, after @when. */
static void show_tables(const char *when)
{
	FILE *f = fopen("/proc/self/pgtable_numa", "r");
	char line[512];

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "pte", 3))
			printf("%s pgtable_numa: %s", when, line);
	if (f)
		fclose(f);
}

/*
 * 64 MiB (32 PTE tables) faulted in on node 0, then migrate_pages() from
 * node 0 to node 2: the data moves, and the page tables follow it.
 */
static int pgtable_demo(void)
{
	size_t len = 64UL << 20;
	unsigned long from = 1, to = 4;
	char *p;
	long ret;

	printf("\n== migrate_pages(node 0 -> node 2): the page tables follow the data\n");
	if (access("/proc/self/pgtable_numa", F_OK)) {
		printf("no /proc/self/pgtable_numa (a kernel without the series?)\n");
		return 0;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	madvise(p, len, MADV_NOHUGEPAGE);
	syscall(SYS_set_mempolicy, MPOL_BIND, &from, 64);
	memset(p, 1, len);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	show_tables("before");
	ret = syscall(SYS_migrate_pages, 0, 64, &from, &to);
	printf("migrate_pages(pid 0, node 0 -> node 2) = %ld\n", ret);
	show_tables("after ");
	munmap(p, len);
	return 0;
}

int main(void)
{
	long psz = sysconf(_SC_PAGESIZE), nodes = 0, target;
	unsigned long mask = 1;
	void *pages[NPAGES];
	int nodelist[NPAGES], status[NPAGES], i;
	char *buf;
	long ret;

	for (i = 0; i < 64; i++) {
		char p[64];

		snprintf(p, sizeof(p), "/sys/devices/system/node/node%d", i);
		if (!access(p, F_OK))
			nodes = i + 1;
	}
	if (nodes < 2) {
		printf("need at least two NUMA nodes\n");
		return 4;
	}
	target = nodes - 1;
	buf = mmap(NULL, NPAGES * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED ||
	    syscall(SYS_mbind, buf, NPAGES * psz, MPOL_BIND, &mask, 64, 0)) {
		perror("mmap/mbind");
		return 1;
	}
	memset(buf, 0x5a, NPAGES * psz);
	show("before", buf, psz);

	for (i = 0; i < NPAGES; i++) {
		pages[i] = buf + i * psz;
		nodelist[i] = target;
	}
	ret = syscall(SYS_move_pages, 0, NPAGES, pages, nodelist, status,
		      MPOL_MF_MOVE);
	printf("move_pages(pid 0, %d pages -> node %ld, MPOL_MF_MOVE) = %ld\n",
	       NPAGES, target, ret);
	show("after ", buf, psz);
	for (i = 0; i < NPAGES * psz; i++)
		if (buf[i] != 0x5a) {
			printf("data changed at byte %d\n", i);
			return 1;
		}
	printf("data intact: %ld bytes checked\n", NPAGES * psz);
	if (ret)
		return 1;

	printf("\n== mbind(MPOL_BIND node 1, MPOL_MF_MOVE | MPOL_MF_LAZY): migrate on next touch\n");
	mask = 2;
	ret = syscall(SYS_mbind, buf, NPAGES * psz, MPOL_BIND, &mask, 64,
		      MPOL_MF_MOVE | MPOL_MF_LAZY);
	if (ret) {
		perror("mbind(MPOL_MF_LAZY) (a kernel without the series?)");
		return 0;
	}
	show("marked", buf, psz);
	for (i = 0; i < NPAGES / 4; i++)
		buf[i * psz]++;
	printf("touched the first %d pages\n", NPAGES / 4);
	show("after ", buf, psz);
	return pgtable_demo();
}
