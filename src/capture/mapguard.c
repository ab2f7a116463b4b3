/* mapguard.c - a memory-mapped file that survives being cut while read
 * (see mapguard.h).
 *
 * The guarded ranges sit in a fixed table of atomics, so the handler reads
 * them without a lock.  A slot is published by its start address last and
 * withdrawn by it first.  mmap is not on POSIX's list of async-signal-safe
 * functions, but on Linux it is one system call with no lock taken in user
 * space; it is the only call the handler makes. */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "mapguard.h"

enum { MAPGUARD_SLOTS = 8 };

typedef struct {
	atomic_uintptr_t lo;        /* 0: free */
	atomic_size_t n;
	_Atomic(atomic_bool *) cut;
} mapguard_slot_t;

static mapguard_slot_t mapguard_slot[MAPGUARD_SLOTS];
static pthread_mutex_t mapguard_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned mapguard_users;          /* under the lock */
static struct sigaction mapguard_old;   /* what handled SIGBUS before */
static long mapguard_page;              /* read before the handler can run */

static void mapguard_handler(int sig, siginfo_t *info, void *uctx)
{
	uintptr_t a = (uintptr_t)info->si_addr;
	size_t i;

	for (i = 0; i < MAPGUARD_SLOTS; i++) {
		uintptr_t lo = atomic_load_explicit(&mapguard_slot[i].lo, memory_order_acquire);

		if (!lo || a < lo || a - lo >= atomic_load(&mapguard_slot[i].n))
			continue;
		if (mmap((void *)(a & ~(uintptr_t)(mapguard_page - 1)), (size_t)mapguard_page, PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			break;
		atomic_store(atomic_load(&mapguard_slot[i].cut), true);
		return;   /* the load that faulted is made again and reads zeros */
	}
	/* Not a guarded mapping: as before the guard. */
	if ((mapguard_old.sa_flags & SA_SIGINFO) && mapguard_old.sa_sigaction) {
		mapguard_old.sa_sigaction(sig, info, uctx);
	} else if (mapguard_old.sa_handler != SIG_DFL && mapguard_old.sa_handler != SIG_IGN) {
		mapguard_old.sa_handler(sig);
	} else {
		/* the fault repeats on return and takes the default action */
		signal(sig, SIG_DFL);
	}
}

bool mapguard_add(const void *p, size_t n, atomic_bool *cut)
{
	bool done = false;
	size_t i;

	pthread_mutex_lock(&mapguard_lock);
	if (!mapguard_page)
		mapguard_page = sysconf(_SC_PAGESIZE);
	for (i = 0; i < MAPGUARD_SLOTS && atomic_load(&mapguard_slot[i].lo); i++)
		;
	if (i < MAPGUARD_SLOTS && mapguard_page > 0) {
		if (mapguard_users == 0) {
			struct sigaction sa;

			memset(&sa, 0, sizeof sa);
			sa.sa_sigaction = mapguard_handler;
			sa.sa_flags = SA_SIGINFO;
			sigemptyset(&sa.sa_mask);
			done = sigaction(SIGBUS, &sa, &mapguard_old) == 0;
		} else {
			done = true;
		}
		if (done) {
			mapguard_users++;
			atomic_store(&mapguard_slot[i].n, n);
			atomic_store(&mapguard_slot[i].cut, cut);
			atomic_store_explicit(&mapguard_slot[i].lo, (uintptr_t)p, memory_order_release);
		}
	}
	pthread_mutex_unlock(&mapguard_lock);
	return done;
}

void mapguard_remove(const void *p)
{
	size_t i;

	pthread_mutex_lock(&mapguard_lock);
	for (i = 0; i < MAPGUARD_SLOTS; i++) {
		if (atomic_load(&mapguard_slot[i].lo) != (uintptr_t)p || !p)
			continue;
		atomic_store_explicit(&mapguard_slot[i].lo, 0, memory_order_release);
		if (--mapguard_users == 0)
			sigaction(SIGBUS, &mapguard_old, NULL);
		break;
	}
	pthread_mutex_unlock(&mapguard_lock);
}
