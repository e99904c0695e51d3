/* addrbook: addresses for the host names a fix writes into /etc/hosts (HST002, HST010):
 * --address NAME=ADDR first, else, with --resolve, the system resolver under a time limit.
 * Rules ask through host_address(); only this file resolves names. */
#ifndef ADDRBOOK_H
#define ADDRBOOK_H

#include <stdbool.h>
#include <stddef.h>

/* how long --resolve waits for one name */
#define ADDR_RESOLVE_MS 3000

enum addr_state { ADDR_GIVEN, ADDR_RESOLVED, ADDR_UNRESOLVED };

struct addr_entry {
	char *name;
	char *addr;		/* NULL when unresolved */
	enum addr_state state;
	char *why;		/* ADDR_UNRESOLVED: the resolver's answer, or the time-out */
	char **all;		/* ADDR_RESOLVED: every address of the answer (addr among
				 * them), or NULL when the resolver gave addr alone */
	size_t nall;
};

struct addr_book {
	struct addr_entry *v;
	size_t n, cap;
	bool resolve;		/* --resolve */
	int timeout_ms;
	/* answers a name --address did not give: sets e->addr and ADDR_RESOLVED, or e->why
	 * and ADDR_UNRESOLVED. The system resolver unless a test puts its own here. */
	void (*resolver)(struct addr_entry *e, int timeout_ms);
};

struct host;

void addr_book_init(struct addr_book *b, bool resolve);
void addr_book_free(struct addr_book *b);
/* adds "NAME=ADDR" (an IPv4 or IPv6 address); -1 if it is not of that form */
int addr_book_add(struct addr_book *b, const char *arg);
/* the address for name (case-insensitive), resolving it once with --resolve; NULL if none */
const char *addr_book_lookup(struct addr_book *b, const char *name);
/* the address for name in the host's lint options, or NULL; *why (if not NULL) then says
 * what the admin can do, for the finding's nofix */
const char *host_address(struct host *h, const char *name, const char **why);
/* with --resolve, every address the resolver gives for name (asking it once), in *n;
 * NULL without --resolve, when it gave none, or when --address named it (an address to
 * write, not the name's set) */
const char *const *host_resolved(struct host *h, const char *name, size_t *n);

#endif
