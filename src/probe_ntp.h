/* probe_ntp: the packets --probe sends and reads. SNTP client requests and server replies
 * (RFC 5905: modes 3 and 4) and NTP mode 6 control messages (RFC 1305 appendix B, RFC
 * 9327: READSTAT, READVAR and their fragmented responses). Pure functions over byte
 * buffers: no socket, no clock, no allocation. Every received byte is untrusted: each
 * parser checks every length and field it reads and says why it refuses a packet. */
#ifndef PROBE_NTP_H
#define PROBE_NTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* an NTP timestamp: seconds since 1900 (modulo 2^32, era 0 until 2036) and a fraction */
struct ntp_ts {
	uint32_t sec, frac;
};

/* seconds from 1900-01-01 to 1970-01-01 (RFC 5905, figure 4) */
#define NTP_UNIX_DELTA 2208988800u

struct ntp_ts ntp_ts_from_unix(int64_t sec, long nsec);
/* b - a in nanoseconds, taken the short way round the 2^32-second era: right while the
 * two are less than 68 years apart */
int64_t ntp_ts_diff_ns(struct ntp_ts b, struct ntp_ts a);
bool ntp_ts_is_zero(struct ntp_ts t);

/* ---- SNTP (modes 3 and 4) ---- */

#define NTP_HDR_LEN 48

/* a client request (version 4, mode 3) whose transmit timestamp is xmt: the server
 * copies it to its reply's origin timestamp, which is how a reply is matched */
void sntp_request(uint8_t out[NTP_HDR_LEN], struct ntp_ts xmt);

enum sntp_verdict {
	SNTP_OK,		/* a synchronised server's reply to this request */
	SNTP_KOD,		/* a reply, stratum 0: a kiss-o'-death (kiss code in refid) */
	SNTP_UNSYNC,		/* a reply from a server not synchronised: LI 3 or stratum 16+ */
	/* the rest are not replies to this request, or are malformed: ignored */
	SNTP_SHORT,		/* under 48 bytes */
	SNTP_VERSION,		/* version not 1 to 4 */
	SNTP_MODE,		/* not mode 4 (server) */
	SNTP_ORIGIN,		/* origin timestamp is not the request's transmit timestamp */
	SNTP_NO_XMT,		/* transmit timestamp zero */
	SNTP_TIMES		/* transmitted before it was received (T3 < T2), or more than
				 * a minute later */
};

/* a reply accepted (SNTP_OK, SNTP_KOD, SNTP_UNSYNC) */
static inline bool
sntp_is_reply(enum sntp_verdict v)
{
	return v <= SNTP_UNSYNC;
}

struct sntp_reply {
	uint8_t leap, version, mode, stratum;
	int8_t poll, precision;
	uint32_t root_delay, root_disp;	/* NTP short format, 16.16 seconds */
	uint8_t refid[4];
	struct ntp_ts ref, org, rec, xmt;
};

/* reads buf[0..len) as the reply to a request whose transmit timestamp was sent; fills r
 * whenever len is at least 48. Extension fields and a MAC after the header are ignored. */
enum sntp_verdict sntp_parse(const uint8_t *buf, size_t len, struct ntp_ts sent,
    struct sntp_reply *r);
/* a few words for a verdict: "shorter than 48 bytes" */
const char *sntp_verdict_text(enum sntp_verdict v);
/* the clock offset (theta) and round-trip delay (delta) of RFC 5905 section 8, in
 * nanoseconds, from the request's send time t1, the server's receive and transmit times
 * t2 and t3, and the reply's arrival time t4 */
void sntp_offset_delay(struct ntp_ts t1, struct ntp_ts t2, struct ntp_ts t3,
    struct ntp_ts t4, int64_t *offset, int64_t *delay);
/* the four bytes of a refid as text for a table: a kiss code or reference clock name
 * (stratum 0 or 1) as its printable ASCII, otherwise a dotted IPv4 address; out has room
 * for 16 bytes */
void ntp_refid_text(const uint8_t refid[4], unsigned stratum, char out[16]);

/* ---- mode 6 control messages ---- */

#define CTL_HDR_LEN 12
#define CTL_MAX_DATA 468	/* data bytes a fragment carries at most (ntpd's CTL_MAX_DATA_LEN) */
#define CTL_MAX_FRAGS 32	/* fragments a response is made of at most */
#define CTL_MAX_RESP (CTL_MAX_FRAGS * CTL_MAX_DATA)
#define CTL_VERSION 2		/* what ntpq sends: NTP_OLDVERSION + 1 */

enum {
	CTL_OP_READSTAT = 1,
	CTL_OP_READVAR = 2
};

/* a request without data for association assoc (0: the system); returns its length */
size_t ctl_request(uint8_t out[CTL_HDR_LEN], uint8_t op, uint16_t seq, uint16_t assoc);

/* one fragment of a response; data points into the packet */
struct ctl_frag {
	uint16_t status, offset, count;
	bool more;
	const uint8_t *data;
};

enum ctl_verdict {
	CTL_OK,			/* a fragment of the response to this request */
	CTL_ERROR,		/* the response to this request is an error: code in *err */
	/* the rest are not responses to this request, or are malformed: ignored */
	CTL_SHORT,		/* under 12 bytes */
	CTL_VERSION_BAD,	/* version not 1 to 4 */
	CTL_MODE,		/* not mode 6 */
	CTL_NOT_RESPONSE,	/* the response bit is clear */
	CTL_SEQUENCE,		/* another request's sequence number */
	CTL_OPCODE,		/* another opcode */
	CTL_ASSOC,		/* another association */
	CTL_COUNT,		/* the count runs past the packet or past 468 bytes */
	CTL_RANGE,		/* offset + count past the largest response */
	CTL_EMPTY_MORE		/* no data, yet more fragments announced */
};

/* reads buf[0..len) as a fragment of the response to request (op, seq, assoc) */
enum ctl_verdict ctl_parse(const uint8_t *buf, size_t len, uint8_t op, uint16_t seq,
    uint16_t assoc, struct ctl_frag *f, uint8_t *err);
const char *ctl_verdict_text(enum ctl_verdict v);
/* the name of a mode 6 error code (RFC 9327 section 3: CERR_*) */
const char *ctl_error_text(uint8_t err);

/* a response put together from its fragments, in any order */
struct ctl_reasm {
	uint8_t data[CTL_MAX_RESP];
	uint16_t off[CTL_MAX_FRAGS], cnt[CTL_MAX_FRAGS];	/* sorted by offset */
	size_t nfrags;
	bool seen_last;
	uint32_t end;		/* the last fragment's end, once seen */
	uint16_t status;	/* the status word of the first fragment kept */
};

enum ctl_add {
	CTLR_MORE,		/* kept; fragments are still missing */
	CTLR_DONE,		/* kept; the response is whole */
	/* not kept: */
	CTLR_DUP,		/* the same offset again */
	CTLR_OVERLAP,		/* overlaps a fragment kept */
	CTLR_SECOND_LAST,	/* a second fragment without the more bit */
	CTLR_PAST_END,		/* data beyond the last fragment's end */
	CTLR_FULL		/* more than CTL_MAX_FRAGS fragments */
};

void ctl_reasm_init(struct ctl_reasm *r);
enum ctl_add ctl_reasm_add(struct ctl_reasm *r, const struct ctl_frag *f);

/* an association and its peer status word, from a READSTAT response */
struct ctl_assoc {
	uint16_t assoc, status;
};

/* the association list of a READSTAT response: at most max entries into out (*n of
 * them), a duplicate or a zero association left out. -1 if len is not whole pairs. */
int ctl_readstat(const uint8_t *data, size_t len, struct ctl_assoc *out, size_t max,
    size_t *n, bool *truncated);

/* the selection code of a peer status word (bits 8-10): 6 is the system peer */
#define CTL_PEER_SEL(status) (((status) >> 8) & 7)
#define CTL_SEL_SYSPEER 6
/* the leap indicator of a system status word (bits 14-15): 3 is "not synchronised" */
#define CTL_SYS_LI(status) (((status) >> 14) & 3)

/* one name[=value] of a READVAR response's text */
struct ctl_var {
	const char *name, *val;	/* into the data; val NULL when there is no '=' */
	size_t nlen, vlen;	/* a quoted value without its quotes */
};

/* the next variable at or after *pos of buf[0..len), moving *pos past it; false at the
 * end. Separators are ',' and white space; a value is up to the next ',' or, quoted,
 * to its closing '"' (ntpq's nextvar()). Names and values are at most 256 bytes: a
 * longer one is cut there. */
bool ctl_var_next(const char *buf, size_t len, size_t *pos, struct ctl_var *v);

/* which of a peer's variables a response gave */
enum {
	PV_SRCADR = 1u << 0, PV_SRCHOST = 1u << 1, PV_REFID = 1u << 2, PV_STRATUM = 1u << 3,
	PV_HMODE = 1u << 4, PV_HPOLL = 1u << 5, PV_PPOLL = 1u << 6, PV_REACH = 1u << 7,
	PV_OFFSET = 1u << 8, PV_DELAY = 1u << 9, PV_JITTER = 1u << 10, PV_REC = 1u << 11,
	PV_REFTIME = 1u << 12, PV_SRCPORT = 1u << 13
};

#define CTL_TEXT_MAX 64		/* the text values kept, their NUL included */

/* the peer variables ntpq -p shows, as read; text values keep only printable ASCII
 * (anything else becomes '.'), numbers only when they parse whole and in range */
struct ctl_peer_vars {
	unsigned have;		/* PV_* */
	char srcadr[CTL_TEXT_MAX], srchost[CTL_TEXT_MAX], refid[CTL_TEXT_MAX];
	int stratum, hmode, hpoll, ppoll, reach, srcport;
	double offset, delay, jitter;	/* milliseconds */
	struct ntp_ts rec, reftime;
};

void ctl_peer_vars(const uint8_t *data, size_t len, struct ctl_peer_vars *p);

enum {
	SV_LEAP = 1u << 0, SV_STRATUM = 1u << 1, SV_REFID = 1u << 2, SV_PEER = 1u << 3,
	SV_OFFSET = 1u << 4
};

struct ctl_sys_vars {
	unsigned have;		/* SV_* */
	int leap, stratum;
	unsigned peer;		/* the system peer's association, 0 for none */
	double offset;		/* milliseconds */
	char refid[CTL_TEXT_MAX];
};

void ctl_sys_vars(const uint8_t *data, size_t len, struct ctl_sys_vars *s);

#endif
