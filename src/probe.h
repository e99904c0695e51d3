/* probe: --probe, the last step of VMware's procedure done live. It asks the local ntpd
 * over mode 6 what `ntpq -p` shows (READSTAT, then READVAR for the system and for each
 * association), asks every network server of the root's ntp.conf for the time as
 * `ntpdate -q` does (SNTP, mode 3), and, once ntpd is synchronised, reads the hardware
 * clock. The PRB rules (rules_probe.c) judge the result; the outputs show it.
 *
 * Sockets, clocks, the resolver and the hardware clock are reached only through struct
 * probe_io, so a test can put a scripted network and a virtual clock in their place. */
#ifndef PROBE_H
#define PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include "probe_ntp.h"

struct m_source;

struct probe_name {
	const char *name;		/* in: a host name */
	struct sockaddr_storage sa;	/* out: its first address */
	socklen_t salen;		/* 0 when it has none */
	char why[96];			/* then: the resolver's answer */
};

struct probe_io {
	void *ctx;
	/* clock_gettime(): CLOCK_REALTIME for NTP timestamps, CLOCK_MONOTONIC for time-outs */
	void (*now)(void *ctx, clockid_t clock, struct timespec *ts);
	/* a UDP socket connected to `to`: the kernel delivers only that address's datagrams,
	 * and an ICMP "port unreachable" comes back as ECONNREFUSED; -1 and errno */
	int (*open)(void *ctx, const struct sockaddr *to, socklen_t tolen);
	/* -1 and errno */
	int (*send)(void *ctx, int fd, const void *buf, size_t len);
	/* waits at most ms for any of fds[0..n) to be readable and sets ready[i] for each that
	 * is; returns how many are (0 when the time ran out), or -1 and errno */
	int (*wait)(void *ctx, const int *fds, size_t n, int ms, bool *ready);
	/* one datagram, without waiting: its length, or -1 and errno (EAGAIN: none left) */
	ssize_t (*recv)(void *ctx, int fd, void *buf, size_t cap, struct sockaddr_storage *from,
	    socklen_t *fromlen);
	void (*close)(void *ctx, int fd);
	/* resolves the names, all at once, within ms in all */
	void (*resolve)(void *ctx, struct probe_name *v, size_t n, int ms);
	/* reads the hardware clock (never sets it): 0 with its fields in *tm and the device
	 * in *path, or an errno value */
	int (*rtc)(void *ctx, struct tm *tm, const char **path);
	/* n unpredictable bytes, for the requests' nonces */
	void (*random)(void *ctx, void *buf, size_t n);
};

/* the real thing: sockets, poll(), clock_gettime(), getaddrinfo_a(), RTC_RD_TIME */
extern const struct probe_io probe_io_system;

#define PROBE_TIMEOUT_MS 1000	/* how long one request waits for its answer, by default */
#define PROBE_TRIES 3		/* how many times a request is sent at most */
#define PROBE_RESOLVE_MS 3000	/* the names of ntp.conf, all together */
/* ntpd's step threshold: CLOCK_MAX, 0.128 s (ntpd/ntp_loopfilter.c in ntpd 4.1.2, 4.2.0
 * and NTPsec 1.2.2): an offset above it makes ntpd step the clock instead of slewing it */
#define PROBE_MAX_OFFSET_NS 128000000LL
#define PROBE_MAX_PEERS 256	/* associations read from ntpd */
#define PROBE_MAX_SERVERS 64	/* distinct server addresses asked */
#define PROBE_NTP_PORT 123

struct probe_opts {
	const struct probe_io *io;	/* NULL: probe_io_system */
	int timeout_ms;			/* one try's wait for an answer */
	int64_t max_offset_ns;		/* --max-offset */
};

enum probe_state {
	PS_ANSWERED,
	PS_REFUSED,		/* ICMP port unreachable: nothing listens there */
	PS_TIMEOUT,		/* no valid answer to any try */
	PS_ERROR,		/* an error response (mode 6), a malformed one, or a socket error */
	PS_UNRESOLVED,		/* a name without an address */
	PS_NOT_ASKED		/* past PROBE_MAX_SERVERS */
};

struct probe_peer {
	struct ctl_assoc a;	/* the association and its peer status word */
	bool read;		/* READVAR answered: v holds its variables */
	struct ctl_peer_vars v;
	int64_t when_s;		/* seconds since its last packet arrived, or -1 */
	int fam;		/* AF_INET, AF_INET6 when srcadr is an address, else 0 */
	unsigned char bin[16];
};

struct probe_send {
	struct ntp_ts xmt;	/* the nonce sent as transmit timestamp */
	struct ntp_ts t1;	/* the local time it was sent */
};

struct probe_server {
	const struct m_source *src;	/* the first ntp.conf line naming it */
	const char *name;		/* as ntp.conf writes it */
	bool numeric;			/* an address, not a name */
	char addr[48];			/* the address asked, "" when there is none */
	struct sockaddr_storage sa;
	socklen_t salen;
	int fam;
	unsigned char bin[16];
	enum probe_state state;
	const char *why;		/* PS_UNRESOLVED, PS_ERROR; PS_TIMEOUT: what came back */
	enum sntp_verdict verdict;	/* PS_ANSWERED: SNTP_OK, SNTP_KOD or SNTP_UNSYNC */
	struct sntp_reply reply;
	int64_t offset_ns, delay_ns;	/* PS_ANSWERED */
	unsigned sent, ignored;		/* requests sent, datagrams ignored */
	const struct probe_server *same;	/* an earlier server of the same address, asked for both */
	/* while asking */
	int fd;
	struct probe_send sends[PROBE_TRIES];
	int64_t next_ms;
	bool done;
};

enum probe_rtc_state { RTC_SKIPPED, RTC_UNREADABLE, RTC_READ };

struct probe_rtc {
	enum probe_rtc_state state;
	const char *why;		/* RTC_SKIPPED, RTC_UNREADABLE */
	const char *path;		/* the device read */
	char text[32];			/* what it read: "2026-12-03 22:38:57" */
	/* the system clock minus the hardware clock, read as UTC and as local time */
	int64_t utc_ms, local_ms;
};

struct probe_result {
	int timeout_ms, tries;
	int64_t max_offset_ns;
	/* the local ntpd */
	enum probe_state ntpd;
	const char *ntpd_why;		/* when not PS_ANSWERED */
	unsigned ntpd_sent, ntpd_ignored;
	uint16_t sys_status;		/* READSTAT's status word */
	bool have_sys;			/* its system variables were read */
	struct ctl_sys_vars sys;
	struct probe_peer *peers;
	size_t npeers;
	bool peers_truncated;		/* more than PROBE_MAX_PEERS associations */
	size_t peers_unread;		/* associations whose READVAR got no answer */
	/* the servers of ntp.conf, in its order, one per distinct name or address */
	struct probe_server *servers;
	size_t nservers;
	struct probe_rtc rtc;
};

struct host;

/* probes on behalf of h (its ntp.conf names the servers); the result is in h's arena */
struct probe_result *probe_run(struct host *h, const struct probe_opts *o);

/* ntpd answered, has a system peer and does not say "not synchronised" (leap 3) */
bool probe_synchronised(const struct probe_result *r);
/* the peer ntpd selected as its system peer ('*'), or NULL */
const struct probe_peer *probe_sys_peer(const struct probe_result *r);
/* ntpq -p's first column: " x.-+#*o" by the peer status's selection code */
char probe_tally(const struct probe_peer *p);
/* ntpq -p's columns: the remote (srcadr, or srchost for a reference clock or a pool),
 * the refid with dots around a name (".LOCL."), the type (u l b p s ...) */
const char *probe_peer_remote(const struct probe_peer *p);
void probe_peer_refid(const struct probe_peer *p, char out[CTL_TEXT_MAX + 2]);
char probe_peer_type(const struct probe_peer *p);
/* a reference clock (127.127.t.u) or a pool's prototype association (no address of its
 * own): neither has a network path of its own to be unreachable on */
bool probe_peer_is_local_or_pool(const struct probe_peer *p);
/* the server of ntp.conf whose address the peer has, or NULL */
const struct probe_server *probe_server_of_peer(const struct probe_result *r,
    const struct probe_peer *p);
/* the peer whose address the server has, or NULL */
const struct probe_peer *probe_peer_of_server(const struct probe_result *r,
    const struct probe_server *s);
/* the text of a state: "answered", "refused", "no answer" ... */
const char *probe_state_text(enum probe_state s);

#endif
