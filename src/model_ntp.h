/* model_ntp: the facts of ntp.conf (and its includes) that rules read: time sources,
 * restrict entries, once-only directives. Each fact keeps its statement, so a finding
 * points at real bytes and a fix can edit them. */
#ifndef MODEL_NTP_H
#define MODEL_NTP_H

#include <stdbool.h>
#include <stddef.h>

#include "ntpconf.h"
#include "ntpconf_check.h"

/* where a fact stands: file, statement, and the bytes of the words that matter */
struct m_where {
	struct conf_file *cf;
	uint32_t stmt;		/* index into cf->tree->stmts */
	struct span span;	/* the statement, first to last significant byte */
};

struct m_source {		/* server, peer, pool, broadcast, manycastclient */
	struct m_where at;
	const char *addr;	/* NUL-terminated copy of the address word */
	struct span addr_span;
	enum ntp_dir dir;	/* after the span: no padding (large files have many) */
	bool refclock;		/* 127.127.t.u */
	bool numeric;		/* an IPv4 or IPv6 literal, not a name */
	bool templated;		/* on a line of template markup (FS004): no server of a host */
};

/* restrict flag bits, in the order of kw_restrict_flags */
enum {
	RF_IGNORE = 1u << 0, RF_KOD = 1u << 1, RF_LIMITED = 1u << 2, RF_LOWPRIOTRAP = 1u << 3,
	RF_NOMODIFY = 1u << 4, RF_NOPEER = 1u << 5, RF_NOQUERY = 1u << 6, RF_NOSERVE = 1u << 7,
	RF_NOTRAP = 1u << 8, RF_NOTRUST = 1u << 9, RF_NTPPORT = 1u << 10, RF_VERSION = 1u << 11,
	RF_FLAKE = 1u << 12, RF_MSSNTP = 1u << 13, RF_NOMRULIST = 1u << 14
};

struct m_restrict {
	struct m_where at;
	const char *addr;	/* "default", "source", or the address as written */
	struct span addr_span;
	const char *mask;	/* NULL without a mask */
	unsigned flags;		/* RF_* */
	bool is_default, is_source, ipv6;
	signed char family;	/* 4 or 6 from -4 / -6, else 0 (a byte: no padding) */
};

/* whether the file or directory a directive names exists under the root */
enum m_exists { MX_UNCHECKED, MX_PRESENT, MX_MISSING };

struct m_directive {		/* any other directive: driftfile, keys, logfile, ... */
	struct m_where at;
	enum ntp_dir dir;
	const char *arg;	/* first argument, or NULL */
	struct span arg_span;
	/* driftfile: its directory; keys: the file (MX_UNCHECKED for a lone file) */
	enum m_exists target;
	const char *target_path;	/* that path, relative to the root */
};

struct ntp_model {
	bool present;		/* ntp.conf was read */
	struct m_source *sources;
	size_t nsources, capsources;
	struct m_restrict *restricts;
	size_t nrestricts, caprestricts;
	struct m_directive *dirs;
	size_t ndirs, capdirs;
	/* the drift file's two homes under the root, for a fix that adds a driftfile line:
	 * /var/lib/ntp and /etc/ntp (ESX 3.0.2 and older) */
	enum m_exists var_lib_ntp, etc_ntp;
};

struct host;
/* collects the facts of every statement the target ntpd keeps (not STMT_REJECTED); words
 * are taken as if CR bytes were gone (NTP003 reports them), and the paths driftfile and
 * keys name are looked up under the root */
void model_ntp_build(struct host *h, struct ntp_model *m);
/* the words of a fact's statement as the model reads them (CR bytes dropped); fills at
 * most max, returns how many were filled */
uint32_t model_words(const struct m_where *at, struct ntp_word *w, uint32_t max);
/* the last of a line's n words as ntpd 4.2.2's gettokens() leaves it: its loop meant to
 * take the quotes off every word but indexes the last one, n - 1 times (4.1 and 4.2.0 keep
 * every quote; 4.2.6+ lex strings). Does nothing for another target or a lone word. */
void model_unquote_last(enum ntp_version v, struct ntp_word *w, uint32_t n);

#endif
