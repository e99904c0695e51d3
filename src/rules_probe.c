/* the PRB rules: what --probe found on the live host (probe.h). They run only when the
 * host was probed, after every other rule, so a finding can name the static findings of
 * the same host (FW010, FW011, NTP014 ...) that explain it. A finding about a server is
 * put on its ntp.conf line; one about ntpd itself on ntp.conf as a whole. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "probe.h"
#include "rules_all.h"
#include "rules_util.h"

#define NTPCONF_PATH "etc/ntp.conf"
#define CTL_WHERE "127.0.0.1 port 123"

static bool
has_finding(const struct host *h, enum rule_id id)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == id)
			return true;
	return false;
}

/* a finding about ntpd as a whole: on ntp.conf, without a line */
static struct finding *
on_conf(struct host *h, struct diags *d, enum rule_id id, const char *msg)
{
	struct conf_file *cf = main_conf(h);

	return diag_add_path(d, id, cf != NULL ? cf->src->path : NTPCONF_PATH, "%s", msg);
}

/* a finding about a server: on the address of its ntp.conf line */
static struct finding *
on_server(struct diags *d, enum rule_id id, const struct m_source *src, const char *msg)
{
	return diag_add(d, id, src->at.cf->src, src->addr_span, "%s", msg);
}

/* "'ntp1' (192.0.2.1)", or "'192.0.2.1'" */
static const char *
server_label(struct host *h, const struct probe_server *s)
{
	if (s->numeric || s->addr[0] == '\0')
		return arena_printf(&h->arena, "'%s'", s->name);
	return arena_printf(&h->arena, "'%s' (%s)", s->name, s->addr);
}

static double
ms(int64_t ns)
{
	return (double)ns / 1e6;
}

/* a name of ntp.conf whose address now is none of ntpd's peers': for a peer at reach 0
 * that matches no line, ntpd's address for that name may be stale (DNS) */
static const char *
stale_name(struct host *h)
{
	const struct probe_result *r = h->probe;
	size_t i;

	for (i = 0; i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];

		if (s->numeric || s->state == PS_NOT_ASKED)
			continue;
		if (s->state == PS_UNRESOLVED)
			return arena_printf(&h->arena, "likelier DNS: '%s' does not resolve now (%s), "
			    "so ntpd's address for it may be stale", s->name, s->why);
		if (s->fam != 0 && probe_peer_of_server(r, s) == NULL)
			return arena_printf(&h->arena, "likelier DNS: ntpd's address is not what "
			    "'%s' resolves to now (%s)", s->name, s->addr);
	}
	return NULL;
}

/* Why a server stays unanswered, from what the probe saw and the static findings of the
 * same host, in the order of --explain PRB003: a direct answer rules the path out, a name
 * that does not resolve is DNS, then the firewall's own findings. s is the server of
 * ntp.conf the question is about, or NULL when an association of ntpd matches none. */
static const char *
likely_cause(struct host *h, const struct probe_server *s)
{
	const char *dns;

	if (s != NULL && s->state == PS_ANSWERED)
		return "neither the firewall nor DNS: this host reaches it directly (it answered "
		    "the probe's own query)";
	if (s != NULL && s->state == PS_UNRESOLVED)
		return arena_printf(&h->arena, "likelier DNS: '%s' does not resolve (%s)",
		    s->name, s->why);
	if (has_finding(h, R_FW010))
		return "likelier the firewall: it does not allow the ntpClient service (FW010), "
		    "so queries to port 123 never leave the host";
	if (s == NULL && (dns = stale_name(h)) != NULL)
		return dns;
	if (has_finding(h, R_FW011))
		return arena_printf(&h->arena, "likelier the firewall, whose state cannot be "
		    "read (FW011)%s", s != NULL && !s->numeric ?
		    ", than DNS, which answers for the name" : "");
	return arena_printf(&h->arena, "neither the firewall nor DNS shows a finding on "
	    "this host%s: the server, or the network beyond the host",
	    s != NULL && !s->numeric ? " (the name resolves)" : "");
}

void
rule_prb_ntpd(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	const char *msg, *hint = "";

	if (r == NULL || r->ntpd == PS_ANSWERED)
		return;
	if (has_finding(h, R_NTP014))
		hint = "; the loopback restrict refuses queries (NTP014)";
	switch (r->ntpd) {
	case PS_REFUSED:
		msg = arena_printf(&h->arena, "ntpd is not running: nothing listens on "
		    CTL_WHERE " (connection refused; ntpq says \"read: Connection refused\")");
		break;
	case PS_TIMEOUT:
		if (r->ntpd_why != NULL)
			msg = arena_printf(&h->arena, "ntpd does not answer on " CTL_WHERE ": %u "
			    "mode 6 quer%s in %.1f s, and %s%s", r->ntpd_sent,
			    r->ntpd_sent == 1 ? "y" : "ies", r->timeout_ms * r->tries / 1000.0,
			    r->ntpd_why, hint);
		else
			msg = arena_printf(&h->arena, "ntpd does not answer on " CTL_WHERE ": no "
			    "answer to %u mode 6 quer%s in %.1f s (ntpd hung, or refusing queries "
			    "from 127.0.0.1)%s", r->ntpd_sent, r->ntpd_sent == 1 ? "y" : "ies",
			    r->timeout_ms * r->tries / 1000.0, hint);
		break;
	default:
		msg = arena_printf(&h->arena, "ntpd on " CTL_WHERE " did not give its peers: %s%s",
		    r->ntpd_why != NULL ? r->ntpd_why : "an error", hint);
		break;
	}
	on_conf(h, d, R_PRB001, msg);
}

void
rule_prb_no_sys_peer(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	size_t i, reachable = 0;

	if (r == NULL || r->ntpd != PS_ANSWERED || probe_synchronised(r))
		return;
	for (i = 0; i < r->npeers; i++)
		reachable += r->peers[i].read && (r->peers[i].v.have & PV_REACH) &&
		    r->peers[i].v.reach != 0;
	if (r->npeers == 0)
		on_conf(h, d, R_PRB002, "ntpd has no association at all: no time source, "
		    "so no system peer and no synchronisation");
	else if (probe_sys_peer(r) == NULL)
		on_conf(h, d, R_PRB002, arena_printf(&h->arena, "ntpd has no system peer (no "
		    "'*' in ntpq -p): the clock is not synchronised; %zu of %zu association%s "
		    "reachable (if ntpd started minutes ago, it may still be selecting: probe "
		    "again)", reachable, r->npeers, r->npeers == 1 ? "" : "s"));
	else
		on_conf(h, d, R_PRB002, "ntpd has a system peer but says it is not "
		    "synchronised (leap indicator 3): its clock is not yet set by it");
}

void
rule_prb_peer_unreachable(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	size_t i;

	if (r == NULL || r->ntpd != PS_ANSWERED)
		return;
	for (i = 0; i < r->npeers; i++) {
		const struct probe_peer *p = &r->peers[i];
		const struct probe_server *s;
		const char *msg;

		/* a reference clock or a pool's prototype has no path of its own */
		if (!p->read || !(p->v.have & PV_REACH) || p->v.reach != 0 ||
		    probe_peer_is_local_or_pool(p))
			continue;
		s = probe_server_of_peer(r, p);
		msg = arena_printf(&h->arena, "ntpd has had no answer from %s in its last 8 "
		    "polls (reach 0): %s", s != NULL ? server_label(h, s) :
		    arena_printf(&h->arena, "%s (association %u)", probe_peer_remote(p), p->a.assoc),
		    likely_cause(h, s));
		if (s != NULL)
			on_server(d, R_PRB003, s->src, msg);
		else
			on_conf(h, d, R_PRB003, msg);
	}
}

void
rule_prb_server_silent(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	size_t i;

	for (i = 0; r != NULL && i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];
		const char *msg;

		switch (s->state) {
		case PS_UNRESOLVED:
			msg = arena_printf(&h->arena, "server '%s' does not resolve (%s): ntpd "
			    "cannot ask it either; likelier DNS", s->name, s->why);
			break;
		case PS_REFUSED:
			msg = arena_printf(&h->arena, "server %s refuses NTP: port 123 is "
			    "unreachable (an ICMP error came back), so no NTP server runs there",
			    server_label(h, s));
			break;
		case PS_TIMEOUT:
			msg = arena_printf(&h->arena, "server %s does not answer an SNTP query "
			    "(%d tries, %.1f s each%s%s): %s", server_label(h, s), r->tries,
			    r->timeout_ms / 1000.0, s->why != NULL ? "; " : "",
			    s->why != NULL ? s->why : "", likely_cause(h, s));
			break;
		case PS_ERROR:
			msg = arena_printf(&h->arena, "server %s could not be asked: %s",
			    server_label(h, s), s->why != NULL ? s->why : "error");
			break;
		default:
			continue;
		}
		on_server(d, R_PRB004, s->src, msg);
	}
}

void
rule_prb_offset(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	const struct probe_peer *sp;
	bool direct = false;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];

		if (s->state != PS_ANSWERED || s->verdict != SNTP_OK)
			continue;
		if (llabs(s->offset_ns) <= r->max_offset_ns)
			continue;
		/* theta > 0: the server is ahead, this clock behind (RFC 5905 section 8) */
		on_server(d, R_PRB005, s->src, arena_printf(&h->arena, "the system clock is "
		    "%.3f ms %s server %s (ntpdate -q: offset %+.6f), more than --max-offset "
		    "(%.3f ms): ntpd steps a clock this far off instead of slewing it",
		    fabs(ms(s->offset_ns)), s->offset_ns > 0 ? "behind" : "ahead of",
		    server_label(h, s), ms(s->offset_ns) / 1000.0, ms(r->max_offset_ns)));
	}
	/* ntpd's own measure of its system peer, unless that server was asked directly */
	sp = probe_sys_peer(r);
	if (sp == NULL || !sp->read || !(sp->v.have & PV_OFFSET))
		return;
	if (probe_server_of_peer(r, sp) != NULL)
		direct = probe_server_of_peer(r, sp)->state == PS_ANSWERED;
	if (direct || fabs(sp->v.offset) * 1e6 <= (double)r->max_offset_ns)
		return;
	on_conf(h, d, R_PRB005, arena_printf(&h->arena, "ntpd measures an offset of %+.3f ms "
	    "to its system peer %s, more than --max-offset (%.3f ms): ntpd steps a clock this "
	    "far off instead of slewing it", sp->v.offset, probe_peer_remote(sp),
	    ms(r->max_offset_ns)));
}

void
rule_prb_unsynchronised(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];
		char refid[16];

		if (s->state != PS_ANSWERED || s->verdict == SNTP_OK)
			continue;
		ntp_refid_text(s->reply.refid, s->reply.stratum, refid);
		if (s->verdict == SNTP_KOD)
			on_server(d, R_PRB006, s->src, arena_printf(&h->arena, "server %s answers "
			    "with a kiss-o'-death (stratum 0, code '%s'): it gives no time to this "
			    "host", server_label(h, s), refid));
		else
			on_server(d, R_PRB006, s->src, arena_printf(&h->arena, "server %s is not "
			    "synchronised (leap indicator %u, stratum %u, refid '%s'): ntpd does "
			    "not take time from it", server_label(h, s), s->reply.leap,
			    s->reply.stratum, refid));
	}
	/* what ntpd sees of a source this host did not ask itself */
	for (i = 0; r->ntpd == PS_ANSWERED && i < r->npeers; i++) {
		const struct probe_peer *p = &r->peers[i];
		const struct probe_server *s;

		if (!p->read || !(p->v.have & PV_STRATUM) || p->v.stratum < 16 ||
		    !(p->v.have & PV_REACH) || p->v.reach == 0 || probe_peer_is_local_or_pool(p))
			continue;
		s = probe_server_of_peer(r, p);
		if (s != NULL && s->state == PS_ANSWERED)
			continue;
		if (s != NULL)
			on_server(d, R_PRB006, s->src, arena_printf(&h->arena, "ntpd reaches %s "
			    "but it is not synchronised (stratum %d)", server_label(h, s),
			    p->v.stratum));
		else
			on_conf(h, d, R_PRB006, arena_printf(&h->arena, "ntpd reaches %s "
			    "(association %u) but it is not synchronised (stratum %d)",
			    probe_peer_remote(p), p->a.assoc, p->v.stratum));
	}
}

/* "3600 s behind", "20 s ahead of": the system clock minus the hardware clock, d ms */
static const char *
behind(struct host *h, int64_t d)
{
	return arena_printf(&h->arena, "%.0f s %s", fabs((double)d / 1000.0),
	    d >= 0 ? "behind" : "ahead of");
}

void
rule_prb_hardware_clock(struct host *h, struct diags *d)
{
	const struct probe_result *r = h->probe;
	const struct probe_rtc *rt;
	int64_t best, limit;

	if (r == NULL || r->rtc.state != RTC_READ)
		return;
	rt = &r->rtc;
	/* the hardware clock counts whole seconds: one second of slack on top */
	limit = r->max_offset_ns / 1000000 + 1000;
	best = llabs(rt->utc_ms) < llabs(rt->local_ms) ? rt->utc_ms : rt->local_ms;
	if (llabs(best) <= limit)
		return;
	diag_add_path(d, R_PRB007, rt->path != NULL && rt->path[0] == '/' ? rt->path + 1 :
	    "dev/rtc", "the hardware clock reads %s: %s the system clock taken as UTC (%s it "
	    "taken as local time), while ntpd is synchronised: the next boot starts that far "
	    "off; set it with 'hwclock --systohc'", rt->text, behind(h, rt->utc_ms),
	    behind(h, rt->local_ms));
}
