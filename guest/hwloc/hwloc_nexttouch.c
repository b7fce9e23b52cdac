// SPDX-License-Identifier: GPL-2.0
/*
 * hwloc_nexttouch: hwloc's HWLOC_MEMBIND_NEXTTOUCH on Linux, which the hwloc
 * patch in userspace/hwloc implements with mbind(MPOL_LOCAL,
 * MPOL_MF_MOVE | MPOL_MF_LAZY): migrate on next touch.
 *
 * A buffer of NPARTS parts (one per NUMA node with CPUs, at least 4) is
 * first touched by a thread on the first such node, so it all lands there.
 * hwloc_set_area_membind(NEXTTOUCH) then marks it, moving nothing; a
 * thread bound to the CPUs of node i touches part i (reads, then writes one
 * word of each page), which moves every page of part i to node i.  Where
 * the pages are is read with move_pages(2) (nodes == NULL: a query).  The
 * data is checked after the moves, and hwloc's own view of the area
 * (hwloc_get_area_memlocation(), hwloc_get_area_membind()).
 *
 *   hwloc_nexttouch [--require] [--demo] [--pages N]
 *
 * --require  a kernel without mbind(MPOL_MF_LAZY) (hwloc: ENOSYS) is a
 *            failure, not a skip (the series' kernel must have it)
 * --demo     a human-readable account as well
 * --pages N  pages per part (default 256)
 *
 * Exit: 0 pass, 1 fail, 4 skip (KSFT_SKIP: fewer than 4 NUMA nodes with
 * CPUs, or no MPOL_MF_LAZY without --require).
 *
 * Which node a CPU belongs to is asked from the kernel (getcpu(2) on each
 * PU), not taken from hwloc's NUMA node cpusets: hwloc gives a CPU-less
 * (memory-only) node the cpuset of its HMAT initiators or nearest CPUs,
 * while MPOL_LOCAL moves a page to the node the touching CPU belongs to.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <hwloc.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

#define MAX_NODES	64	/* kernel node numbers we track */
#define MAX_PARTS	16

#ifndef MPOL_LOCAL
#define MPOL_LOCAL	4
#endif
#ifndef MPOL_MF_MOVE
#define MPOL_MF_MOVE	(1 << 1)
#endif
#ifndef MPOL_MF_LAZY
#define MPOL_MF_LAZY	(1 << 3)
#endif

static hwloc_topology_t topo;
static int demo;
static size_t pagesize;
static long pages_per_part = 256;

/* per kernel node: the PUs that belong to it */
static hwloc_bitmap_t node_cpus[MAX_NODES];
static int cpu_nodes[MAX_PARTS], nparts;

static int tests, failed;

static void ok(int pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void ok(int pass, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d ", pass ? "ok" : "not ok", ++tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!pass)
		failed++;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	if (!demo)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void __attribute__((noreturn)) skip(const char *fmt, ...)
{
	va_list ap;

	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(KSFT_SKIP);
}

static void __attribute__((noreturn)) bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(KSFT_FAIL);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int current_node(int *cpu)
{
	unsigned int c = 0, n = 0;

	if (syscall(SYS_getcpu, &c, &n, NULL))
		return -1;
	if (cpu)
		*cpu = c;
	return n;
}

/* Where each page of [p, p + npages pages) is: a node, or -errno. */
static int page_nodes(char *p, long npages, int *status)
{
	void **pages = malloc(npages * sizeof(*pages));
	long i, ret;

	if (!pages)
		return -1;
	for (i = 0; i < npages; i++)
		pages[i] = p + i * pagesize;
	ret = syscall(SYS_move_pages, 0, npages, pages, NULL, status, 0);
	free(pages);
	return ret ? -1 : 0;
}

/* "n on node 0, m on node 2, k not present" */
static void describe(const int *status, long n, char *buf, size_t len)
{
	long count[MAX_NODES + 1] = { 0 }, other = 0;
	size_t off = 0;
	int i;

	for (long j = 0; j < n; j++) {
		if (status[j] >= 0 && status[j] < MAX_NODES)
			count[status[j]]++;
		else if (status[j] == -ENOENT)
			count[MAX_NODES]++;
		else
			other++;
	}
	buf[0] = 0;
	for (i = 0; i < MAX_NODES && off < len; i++)
		if (count[i])
			off += snprintf(buf + off, len - off, "%s%ld on node %d",
					off ? ", " : "", count[i], i);
	if (count[MAX_NODES] && off < len)
		off += snprintf(buf + off, len - off, "%s%ld not present",
				off ? ", " : "", count[MAX_NODES]);
	if (other && off < len)
		snprintf(buf + off, len - off, "%s%ld unknown (error)",
			 off ? ", " : "", other);
}

static long count_on(const int *status, long n, int node)
{
	long c = 0;

	for (long i = 0; i < n; i++)
		c += status[i] == node;
	return c;
}

/*
 * One test point: all @npages pages of @buf are on @node ("@what: n/n pages
 * on node x (where they are)").  Returns how many are not.
 */
static long all_on_node(char *buf, long npages, int *status, int node,
			const char *what)
{
	char desc[512];
	long bad;

	if (page_nodes(buf, npages, status))
		bail("move_pages (query): %s", strerror(errno));
	describe(status, npages, desc, sizeof(desc));
	bad = npages - count_on(status, npages, node);
	ok(!bad, "%s: %ld/%ld pages on node %d (%s)", what, npages - bad,
	   npages, node, desc);
	return bad;
}

/* NUMA balancing's counters, which lazy migration uses (-1: none). */
static long vmstat(const char *name)
{
	char key[64];
	long val, ret = -1;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", key, &val) == 2)
		if (!strcmp(key, name)) {
			ret = val;
			break;
		}
	fclose(f);
	return ret;
}

/*
 * The kernel's node of every PU hwloc knows, by running on it: the
 * nodes with CPUs, in node order.
 */
static void map_cpus(void)
{
	hwloc_bitmap_t saved = hwloc_bitmap_alloc();
	hwloc_obj_t pu = NULL;
	int node, cpu;

	for (node = 0; node < MAX_NODES; node++)
		node_cpus[node] = hwloc_bitmap_alloc();
	if (hwloc_get_cpubind(topo, saved, HWLOC_CPUBIND_THREAD))
		bail("hwloc_get_cpubind: %s", strerror(errno));
	while ((pu = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_PU, pu))) {
		if (hwloc_set_cpubind(topo, pu->cpuset, HWLOC_CPUBIND_THREAD)) {
			printf("# cannot run on PU P#%u: %s\n", pu->os_index,
			       strerror(errno));
			continue;
		}
		node = current_node(&cpu);
		if (node < 0 || node >= MAX_NODES) {
			printf("# getcpu on PU P#%u: node %d?\n", pu->os_index,
			       node);
			continue;
		}
		if ((unsigned int)cpu != pu->os_index)
			printf("# bound to PU P#%u, running on CPU %d\n",
			       pu->os_index, cpu);
		hwloc_bitmap_set(node_cpus[node], pu->os_index);
	}
	hwloc_set_cpubind(topo, saved, HWLOC_CPUBIND_THREAD);
	hwloc_bitmap_free(saved);

	for (node = 0; node < MAX_NODES && nparts < MAX_PARTS; node++)
		if (!hwloc_bitmap_iszero(node_cpus[node]))
			cpu_nodes[nparts++] = node;
}

static void show_topology(void)
{
	hwloc_obj_t n = NULL;
	char *s;

	say("== hwloc %s topology: %d NUMA node(s), %d PU(s)\n", HWLOC_VERSION,
	    hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE),
	    hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU));
	while ((n = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_NUMANODE, n))) {
		hwloc_bitmap_list_asprintf(&s, n->cpuset);
		if (n->os_index < MAX_NODES &&
		    !hwloc_bitmap_iszero(node_cpus[n->os_index]))
			say("   NUMANode P#%u: %4" PRIu64 " MiB, CPUs %s\n",
			    n->os_index, n->attr->numanode.local_memory >> 20,
			    s);
		else
			say("   NUMANode P#%u: %4" PRIu64 " MiB, no CPUs of its own "
			    "(hwloc puts it near CPUs %s)%s%s\n", n->os_index,
			    n->attr->numanode.local_memory >> 20, s,
			    n->subtype ? ", " : "", n->subtype ? n->subtype : "");
		free(s);
	}
}

/* The raw kernel question, to tell "kernel lacks it" from "hwloc lacks it". */
static int kernel_has_lazy(void)
{
	void *p = mmap(NULL, pagesize, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ret;

	if (p == MAP_FAILED)
		return -1;
	ret = syscall(SYS_mbind, p, pagesize, MPOL_LOCAL, NULL, 0,
		      MPOL_MF_MOVE | MPOL_MF_LAZY) == 0;
	munmap(p, pagesize);
	return ret;
}

/* ---------------------------------------------------------------- */

static char *buf;
static size_t part_len;
static pthread_barrier_t start;

static uint64_t pattern(size_t word)
{
	return (word + 1) * 0x9e3779b97f4a7c15ULL ^ 0x5a5a00ff00ff5a5aULL;
}

struct toucher {
	pthread_t tid;
	int part, node;		/* touch part on node */
	int ran_on_node, ran_on_cpu;
	int fill;		/* first touch: fill the whole buffer */
	long bad_reads;
	double ms;
	int err;
};

static void *touch(void *arg)
{
	struct toucher *t = arg;
	uint64_t *w;
	size_t i, first;
	long pg;
	double t0;

	if (hwloc_set_cpubind(topo, node_cpus[t->node], HWLOC_CPUBIND_THREAD)) {
		t->err = errno;
		return NULL;
	}
	t->ran_on_node = current_node(&t->ran_on_cpu);
	if (t->fill) {
		w = (uint64_t *)buf;
		for (i = 0; i < nparts * part_len / sizeof(uint64_t); i++)
			w[i] = pattern(i);
		return NULL;
	}
	pthread_barrier_wait(&start);
	t0 = now_ms();
	/* read, then write, the first word of each page of the part */
	for (pg = 0; pg < pages_per_part; pg++) {
		first = (t->part * part_len + pg * pagesize) / sizeof(uint64_t);
		w = (uint64_t *)buf + first;
		if (*(volatile uint64_t *)w != pattern(first))
			t->bad_reads++;
		*(volatile uint64_t *)w = ~pattern(first);
	}
	t->ms = now_ms() - t0;
	return NULL;
}

static int run(struct toucher *t, int n)
{
	int i, err;

	for (i = 0; i < n; i++) {
		err = pthread_create(&t[i].tid, NULL, touch, &t[i]);
		if (err)
			bail("pthread_create: %s", strerror(err));
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i].tid, NULL);
	for (i = 0; i < n; i++) {
		if (t[i].err) {
			printf("# cannot bind a thread to the CPUs of node %d: %s\n",
			       t[i].node, strerror(t[i].err));
			return -1;
		}
		if (t[i].ran_on_node != t[i].node) {
			printf("# thread bound to node %d ran on CPU %d of node %d\n",
			       t[i].node, t[i].ran_on_cpu, t[i].ran_on_node);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct hwloc_topology_support *sup;
	hwloc_nodeset_t ns, one;
	hwloc_membind_policy_t policy;
	struct toucher fill = { 0 }, t[MAX_PARTS];
	int require = 0, i, ret, err, khas, *status;
	long npages, bad, pte0, hint0, mig0;
	char desc[512], *s, *s2;
	double t0;
	void *scratch;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--require"))
			require = 1;
		else if (!strcmp(argv[i], "--demo"))
			demo = 1;
		else if (!strcmp(argv[i], "--pages") && i + 1 < argc)
			pages_per_part = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--require] [--demo] [--pages N]\n",
				argv[0]);
			return KSFT_FAIL;
		}
	}
	if (pages_per_part < 1)
		pages_per_part = 1;
	pagesize = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (hwloc_topology_init(&topo) || hwloc_topology_load(topo))
		bail("cannot load the hwloc topology: %s", strerror(errno));
	sup = hwloc_topology_get_support(topo);
	printf("# hwloc %s (API 0x%x): membind->nexttouch_membind = %u, "
	       "set_area_membind = %u, get_area_memlocation = %u\n",
	       HWLOC_VERSION, hwloc_get_api_version(),
	       sup->membind->nexttouch_membind, sup->membind->set_area_membind,
	       sup->membind->get_area_memlocation);

	/*
	 * Does this kernel have next-touch?  Ask hwloc, on a page of our own,
	 * before looking at the topology: a machine with one node answers too.
	 */
	khas = kernel_has_lazy();
	scratch = mmap(NULL, pagesize, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED)
		bail("mmap: %s", strerror(errno));
	memset(scratch, 1, pagesize);
	ret = hwloc_set_area_membind(topo, scratch, pagesize,
				     hwloc_topology_get_topology_nodeset(topo),
				     HWLOC_MEMBIND_NEXTTOUCH,
				     HWLOC_MEMBIND_MIGRATE | HWLOC_MEMBIND_BYNODESET);
	err = errno;
	munmap(scratch, pagesize);
	printf("# kernel mbind(MPOL_LOCAL, MPOL_MF_MOVE|MPOL_MF_LAZY): %s; "
	       "hwloc_set_area_membind(NEXTTOUCH): %s\n",
	       khas > 0 ? "accepted" : "rejected",
	       ret ? strerror(err) : "0 (supported)");
	if (ret && err == ENOSYS) {
		const char *why = khas > 0 ?
			"hwloc lacks next-touch (ENOSYS) although the kernel has mbind(MPOL_MF_LAZY): hwloc without the patch?" :
			"this kernel's mbind() lacks MPOL_MF_LAZY: hwloc_set_area_membind(HWLOC_MEMBIND_NEXTTOUCH) fails with ENOSYS";

		if (sup->membind->nexttouch_membind)
			bail("hwloc reports nexttouch_membind = 1 but fails with ENOSYS");
		if (require || khas > 0)
			bail("%s%s", why, require ? " (--require)" : "");
		skip("%s", why);
	}
	if (ret)
		bail("hwloc_set_area_membind(NEXTTOUCH) of a page: %s "
		     "(expected success, or ENOSYS without MPOL_MF_LAZY)",
		     strerror(err));
	if (!sup->membind->nexttouch_membind)
		bail("hwloc_set_area_membind(NEXTTOUCH) works but hwloc reports "
		     "nexttouch_membind = 0");
	if (khas <= 0)
		bail("hwloc_set_area_membind(NEXTTOUCH) works but the kernel "
		     "rejects mbind(MPOL_MF_LAZY)?");

	map_cpus();
	show_topology();
	if (nparts < 4)
		skip("needs 4 NUMA nodes with CPUs, this machine has %d", nparts);

	npages = nparts * pages_per_part;
	part_len = pages_per_part * pagesize;
	status = calloc(npages, sizeof(*status));
	buf = mmap(NULL, npages * pagesize, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!status || buf == MAP_FAILED)
		bail("cannot allocate %ld pages", npages);
	/* pages, not THPs: a THP moves whole, to whichever part touches it first */
	madvise(buf, npages * pagesize, MADV_NOHUGEPAGE);

	printf("1..%d\n", 6 + nparts + 2);
	printf("# %d parts of %ld pages, first touched on node %d; part i is "
	       "then touched on node", nparts, pages_per_part, cpu_nodes[0]);
	for (i = 0; i < nparts; i++)
		printf(" %d", cpu_nodes[i]);
	printf("\n");

	/* 1: first touch, all of it, from node cpu_nodes[0] */
	say("== first touch: %ld pages written by a thread bound to node %d\n",
	    npages, cpu_nodes[0]);
	fill.node = cpu_nodes[0];
	fill.fill = 1;
	if (run(&fill, 1))
		bail("cannot run on node %d", cpu_nodes[0]);
	bad = all_on_node(buf, npages, status, cpu_nodes[0], "first touch");
	if (bad)
		bail("first touch did not place the buffer on node %d: is the "
		     "node short of memory, or the process' memory policy not "
		     "the default (numactl --membind)?", cpu_nodes[0]);

	/* 2, 3: what hwloc refuses */
	one = hwloc_bitmap_alloc();
	hwloc_bitmap_only(one, cpu_nodes[1]);
	ret = hwloc_set_area_membind(topo, buf, npages * pagesize, one,
				     HWLOC_MEMBIND_NEXTTOUCH,
				     HWLOC_MEMBIND_MIGRATE | HWLOC_MEMBIND_BYNODESET);
	err = errno;
	ok(ret == -1 && err == EXDEV,
	   "NEXTTOUCH with a nodeset of one node fails with EXDEV (%s)",
	   ret ? strerror(err) : "succeeded");
	hwloc_bitmap_free(one);
	ret = hwloc_set_membind(topo, hwloc_topology_get_topology_nodeset(topo),
				HWLOC_MEMBIND_NEXTTOUCH,
				HWLOC_MEMBIND_THREAD | HWLOC_MEMBIND_BYNODESET);
	err = errno;
	ok(ret == -1 && err == ENOSYS,
	   "NEXTTOUCH for a thread's policy fails with ENOSYS, areas only (%s)",
	   ret ? strerror(err) : "succeeded");

	/* 4: mark the buffer */
	pte0 = vmstat("numa_pte_updates");
	hint0 = vmstat("numa_hint_faults");
	mig0 = vmstat("numa_pages_migrated");
	t0 = now_ms();
	ret = hwloc_set_area_membind(topo, buf, npages * pagesize,
				     hwloc_topology_get_topology_nodeset(topo),
				     HWLOC_MEMBIND_NEXTTOUCH,
				     HWLOC_MEMBIND_MIGRATE | HWLOC_MEMBIND_BYNODESET);
	err = errno;
	t0 = now_ms() - t0;
	ok(!ret, "hwloc_set_area_membind(%ld pages, NEXTTOUCH, MIGRATE): %s "
	   "(%.2f ms)", npages, ret ? strerror(err) : "0", t0);
	if (ret)
		bail("hwloc_set_area_membind(NEXTTOUCH) failed: %s", strerror(err));
	say("== pages marked for migration on next touch: numa_pte_updates +%ld\n",
	    pte0 < 0 ? 0 : vmstat("numa_pte_updates") - pte0);

	/* 5: nothing moved yet */
	all_on_node(buf, npages, status, cpu_nodes[0],
		    "nothing moved before the touch");

	/* 6 ... 6 + nparts - 1: touch part i on node i */
	memset(t, 0, sizeof(t));
	pthread_barrier_init(&start, NULL, nparts);
	for (i = 0; i < nparts; i++) {
		t[i].part = i;
		t[i].node = cpu_nodes[i];
	}
	say("== %d threads, bound to nodes", nparts);
	for (i = 0; i < nparts; i++)
		say(" %d", cpu_nodes[i]);
	say(", each read and write one word of each page of their part\n");
	if (run(t, nparts))
		bail("cannot run the touching threads on their nodes");
	if (page_nodes(buf, npages, status))
		bail("move_pages (query): %s", strerror(errno));
	for (i = 0; i < nparts; i++) {
		int *st = status + i * pages_per_part;
		long on = count_on(st, pages_per_part, cpu_nodes[i]);

		describe(st, pages_per_part, desc, sizeof(desc));
		ok(on == pages_per_part,
		   "part %d: %ld/%ld pages on node %d after its touch from CPU %d"
		   "%s%s%s (%.2f ms)", i, on, pages_per_part, cpu_nodes[i],
		   t[i].ran_on_cpu, on == pages_per_part ? "" : " (",
		   on == pages_per_part ? "" : desc,
		   on == pages_per_part ? "" : ")", t[i].ms);
	}
	if (pte0 >= 0 && hint0 >= 0 && mig0 >= 0)
		printf("# /proc/vmstat: numa_pte_updates +%ld, numa_hint_faults "
		       "+%ld, numa_pages_migrated +%ld (expected %ld marked, "
		       "%ld moved)\n", vmstat("numa_pte_updates") - pte0,
		       vmstat("numa_hint_faults") - hint0,
		       vmstat("numa_pages_migrated") - mig0, npages,
		       npages - pages_per_part);

	/* data: the pattern everywhere, the touched word rewritten */
	bad = 0;
	for (i = 0; i < nparts; i++)
		bad += t[i].bad_reads;
	{
		uint64_t *w = (uint64_t *)buf;
		size_t words = npages * pagesize / sizeof(uint64_t);
		size_t per_page = pagesize / sizeof(uint64_t), j;

		for (j = 0; j < words; j++)
			if (w[j] != (j % per_page ? pattern(j) : ~pattern(j)))
				bad++;
	}
	ok(!bad, "data intact after the moves (%ld bad words)", bad);

	/* hwloc's view of the area afterwards */
	ns = hwloc_bitmap_alloc();
	bad = 0;
	for (i = 0; i < nparts; i++) {
		if (hwloc_get_area_memlocation(topo, buf + i * part_len, part_len,
					       ns, HWLOC_MEMBIND_BYNODESET)) {
			printf("# hwloc_get_area_memlocation: %s\n", strerror(errno));
			bad++;
			continue;
		}
		if (hwloc_bitmap_weight(ns) != 1 ||
		    !hwloc_bitmap_isset(ns, cpu_nodes[i])) {
			hwloc_bitmap_list_asprintf(&s, ns);
			printf("# hwloc_get_area_memlocation(part %d) = nodes %s\n",
			       i, s);
			free(s);
			bad++;
		}
	}
	ok(!bad, "hwloc_get_area_memlocation() of part i is node i");

	ret = hwloc_get_area_membind(topo, buf, npages * pagesize, ns, &policy,
				     HWLOC_MEMBIND_BYNODESET);
	hwloc_bitmap_list_asprintf(&s, ns);
	hwloc_bitmap_list_asprintf(&s2, hwloc_topology_get_topology_nodeset(topo));
	ok(!ret && policy == HWLOC_MEMBIND_FIRSTTOUCH &&
	   hwloc_bitmap_isincluded(hwloc_topology_get_topology_nodeset(topo), ns),
	   "hwloc_get_area_membind() afterwards: %s, policy %d (FIRSTTOUCH is "
	   "%d), nodes %s (all: %s)", ret ? strerror(errno) : "0", policy,
	   HWLOC_MEMBIND_FIRSTTOUCH, s, s2);
	free(s);
	free(s2);
	hwloc_bitmap_free(ns);

	say("== %s: %d/%d checks passed\n", failed ? "FAIL" : "PASS",
	    tests - failed, tests);
	printf("# %s: %d/%d passed\n", failed ? "FAIL" : "PASS", tests - failed,
	       tests);
	munmap(buf, npages * pagesize);
	hwloc_topology_destroy(topo);
	return failed ? KSFT_FAIL : KSFT_PASS;
}
