/* fakenet: a scripted network and a virtual clock behind struct probe_io, for the probe
 * tests. An endpoint answers as its script says, refuses (as an ICMP port unreachable
 * does) or stays silent; time passes only when the probe waits, so a time-out is
 * measured exactly and costs no real time. Unlike a connected kernel socket, a datagram
 * from another address is delivered: the probe's own check must drop it. */
#ifndef FAKENET_H
#define FAKENET_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "probe.h"

#define FN_MAX_EP 8
#define FN_MAX_SOCK 80
#define FN_QUEUE 16

struct fn_dgram {
	uint8_t buf[1024];
	size_t len;
	struct sockaddr_storage from;	/* set by the answerer; all zero: the endpoint */
	int64_t delay_ms;		/* arrival after the request */
};

struct fakenet;
/* what an endpoint sends back for request req: fills out[0..max), returns how many */
typedef size_t fn_answer_fn(struct fakenet *n, void *ctx, const uint8_t *req, size_t len,
    struct fn_dgram *out, size_t max);

enum fn_kind { FN_SILENT, FN_REFUSE, FN_ANSWER };

struct fn_endpoint {
	struct sockaddr_storage sa;
	socklen_t salen;
	enum fn_kind kind;
	fn_answer_fn *answer;
	void *ctx;
	unsigned requests;
};

struct fn_queued {
	uint8_t buf[1024];
	size_t len;
	struct sockaddr_storage from;
	int64_t at_ms;
};

struct fn_sock {
	bool used;
	struct sockaddr_storage to;
	struct fn_queued q[FN_QUEUE];
	size_t nq;
	int err;		/* an error the next recv reports (ECONNREFUSED) */
};

struct fakenet {
	struct probe_io io;
	int64_t mono_ms;	/* the monotonic clock */
	int64_t wall0_ms;	/* the wall clock (Unix ms) when mono_ms was 0 */
	struct fn_endpoint ep[FN_MAX_EP];
	size_t nep;
	struct fn_sock s[FN_MAX_SOCK];
	unsigned sends, opens, closes;
	/* the resolver: NAME -> ADDR, the others fail */
	const char *names[8], *addrs[8];
	size_t nnames;
	unsigned resolves;
	/* the hardware clock */
	int rtc_err;
	struct tm rtc;
	uint32_t rnd;
};

void fn_init(struct fakenet *n);
/* an endpoint at addr port 123 */
struct fn_endpoint *fn_add(struct fakenet *n, const char *addr, enum fn_kind kind,
    fn_answer_fn *answer, void *ctx);
/* the wall clock now, in Unix milliseconds */
int64_t fn_wall_ms(const struct fakenet *n);
/* sockets still open */
unsigned fn_open_sockets(const struct fakenet *n);
/* sa for addr at port */
void fn_sockaddr(const char *addr, int port, struct sockaddr_storage *sa, socklen_t *len);

#endif
