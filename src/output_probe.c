/* output_probe: what --probe saw, beside the findings: in text a table like `ntpq -p` and
 * one like `ntpdate -q`, in JSON and SARIF a "probe" object (README, "Probing"). Every
 * string from the network is printable ASCII already (probe_ntp.c); names from ntp.conf
 * go through out_put / out_json_text like any file text. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "probe.h"

/* ntpq -p's "when": seconds up to 2048, then minutes up to 300, hours up to 96, then days,
 * each rounded as NTPsec 1.2.2 does (pylib/util.py, PeerSummary.prettyinterval()) */
static void
pretty_when(int64_t s, char out[24])
{
	double d = (double)s;

	if (s <= 0) {
		snprintf(out, 24, "-");
		return;
	}
	if (s <= 2048) {
		snprintf(out, 24, "%lld", (long long)s);
		return;
	}
	d = (d + 29) / 60;
	if (d <= 300) {
		snprintf(out, 24, "%dm", (int)d);
		return;
	}
	d = (d + 29) / 60;
	if (d <= 96) {
		snprintf(out, 24, "%dh", (int)d);
		return;
	}
	d = (d + 11) / 24;
	snprintf(out, 24, "%lldd", (long long)d);
}

/* ntpq -p's "poll": 2 to the smaller of the peer's and the host's poll exponents */
static long
peer_poll(const struct probe_peer *p)
{
	int e;

	if ((p->v.have & (PV_HPOLL | PV_PPOLL)) == 0)
		return -1;
	if ((p->v.have & PV_HPOLL) && (p->v.have & PV_PPOLL))
		e = p->v.hpoll < p->v.ppoll ? p->v.hpoll : p->v.ppoll;
	else
		e = p->v.have & PV_HPOLL ? p->v.hpoll : p->v.ppoll;
	if (e < 0)
		e = 0;
	if (e > 30)
		e = 30;
	return 1L << e;
}

static void
num(FILE *fp, bool have, double v)
{
	if (have)
		fprintf(fp, " %8.3f", v);
	else
		fprintf(fp, " %8s", "-");
}

static void
peers_text(FILE *fp, const struct probe_result *r)
{
	size_t i;

	/* NTPsec 1.2.2 ntpq -p's header and columns, three decimals for the times */
	fputs("     remote           refid      st t when poll reach   delay   offset   jitter\n"
	      "===============================================================================\n",
	    fp);
	for (i = 0; i < r->npeers; i++) {
		const struct probe_peer *p = &r->peers[i];
		char refid[CTL_TEXT_MAX + 2], when[24], st[8], poll[16], reach[8];
		long pl = peer_poll(p);

		if (!p->read) {
			fprintf(fp, "%c(association %u: no answer to READVAR)\n", probe_tally(p),
			    p->a.assoc);
			continue;
		}
		probe_peer_refid(p, refid);
		pretty_when(p->when_s, when);
		snprintf(st, sizeof(st), "%d", p->v.stratum);
		snprintf(poll, sizeof(poll), "%ld", pl);
		snprintf(reach, sizeof(reach), "%o", (unsigned)p->v.reach);
		fprintf(fp, "%c%-15.15s %-15.15s %2s %c %4s %4s %4s", probe_tally(p),
		    probe_peer_remote(p), refid, p->v.have & PV_STRATUM ? st : "-",
		    probe_peer_type(p), when, pl >= 0 ? poll : "-",
		    p->v.have & PV_REACH ? reach : "-");
		num(fp, p->v.have & PV_DELAY, p->v.delay);
		num(fp, p->v.have & PV_OFFSET, p->v.offset);
		num(fp, p->v.have & PV_JITTER, p->v.jitter);
		fputc('\n', fp);
	}
}

static void
servers_text(FILE *fp, const struct probe_result *r)
{
	size_t i;

	fputs("server                    address                 st refid       offset ms  delay ms  state\n",
	    fp);
	for (i = 0; i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];
		char refid[16] = "-", st[8] = "-";
		int pad;

		out_put(fp, s->name);
		pad = 26 - (int)strlen(s->name);
		fprintf(fp, "%*s%-23s", pad > 1 ? pad : 1, "", s->addr[0] ? s->addr : "-");
		if (s->state == PS_ANSWERED) {
			ntp_refid_text(s->reply.refid, s->reply.stratum, refid);
			snprintf(st, sizeof(st), "%u", s->reply.stratum);
		}
		fprintf(fp, " %2s %-11s", st, refid);
		if (s->state == PS_ANSWERED && s->verdict == SNTP_OK)
			fprintf(fp, " %9.3f %9.3f", s->offset_ns / 1e6, s->delay_ns / 1e6);
		else
			fprintf(fp, " %9s %9s", "-", "-");
		fprintf(fp, "  %s", s->state == PS_ANSWERED && s->verdict != SNTP_OK ?
		    (s->verdict == SNTP_KOD ? "kiss-o'-death" : "unsynchronised") :
		    probe_state_text(s->state));
		fputc('\n', fp);
	}
}

void
out_probe_text(FILE *fp, struct host *h, const struct out_opts *o)
{
	const struct probe_result *r = h->probe;
	const struct probe_peer *sp;

	if (r == NULL)
		return;
	if (o->join_root) {
		fputs("probe of ", fp);
		out_put(fp, h->root != NULL ? h->root : h->lone);
		fputs(":\n", fp);
	}
	fprintf(fp, "ntpd on 127.0.0.1 port 123: %s", probe_state_text(r->ntpd));
	if (r->ntpd == PS_ANSWERED) {
		sp = probe_sys_peer(r);
		fprintf(fp, ", %s", probe_synchronised(r) ? "synchronised" : "not synchronised");
		if (sp != NULL && sp->read)
			fprintf(fp, " to %s", probe_peer_remote(sp));
		if (r->have_sys && (r->sys.have & SV_STRATUM))
			fprintf(fp, ", stratum %d", r->sys.stratum);
		fprintf(fp, ", %zu association%s%s\n", r->npeers, r->npeers == 1 ? "" : "s",
		    r->peers_truncated ? " (more not read)" : "");
		peers_text(fp, r);
	} else {
		if (r->ntpd_why != NULL)
			fprintf(fp, " (%s)", r->ntpd_why);
		fputc('\n', fp);
	}
	if (r->nservers > 0) {
		fputc('\n', fp);
		servers_text(fp, r);
	}
	if (r->rtc.state == RTC_READ)
		fprintf(fp, "\nhardware clock %s: %s, system clock %+.3f s from it as UTC, %+.3f s "
		    "as local time\n", r->rtc.path ? r->rtc.path : "", r->rtc.text,
		    r->rtc.utc_ms / 1000.0, r->rtc.local_ms / 1000.0);
	else
		fprintf(fp, "\nhardware clock: not read (%s)\n", r->rtc.why ? r->rtc.why : "-");
	fputc('\n', fp);
}

static json_t *
jnum(bool have, double v)
{
	return have && isfinite(v) ? json_real(v) : json_null();
}

static json_t *
jint(bool have, long long v)
{
	return have ? json_integer(v) : json_null();
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? out_json_text(s) : json_null();
}

static json_t *
peer_json(const struct probe_peer *p)
{
	json_t *o = json_object();
	char refid[CTL_TEXT_MAX + 2], tally[2] = { probe_tally(p), 0 }, type[2];
	long pl = peer_poll(p);

	type[0] = probe_peer_type(p);
	type[1] = 0;
	probe_peer_refid(p, refid);
	json_object_set_new(o, "association", json_integer(p->a.assoc));
	json_object_set_new(o, "status", json_integer(p->a.status));
	json_object_set_new(o, "tally", json_string(tally));
	json_object_set_new(o, "read", json_boolean(p->read));
	json_object_set_new(o, "remote", p->read ? jstr(probe_peer_remote(p)) : json_null());
	json_object_set_new(o, "address", jstr(p->v.have & PV_SRCADR ? p->v.srcadr : NULL));
	json_object_set_new(o, "refid", jstr(p->v.have & PV_REFID ? refid : NULL));
	json_object_set_new(o, "stratum", jint(p->v.have & PV_STRATUM, p->v.stratum));
	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "when", jint(p->when_s >= 0, p->when_s));
	json_object_set_new(o, "poll", jint(pl >= 0, pl));
	json_object_set_new(o, "reach", jint(p->v.have & PV_REACH, p->v.reach));
	json_object_set_new(o, "delay_ms", jnum(p->v.have & PV_DELAY, p->v.delay));
	json_object_set_new(o, "offset_ms", jnum(p->v.have & PV_OFFSET, p->v.offset));
	json_object_set_new(o, "jitter_ms", jnum(p->v.have & PV_JITTER, p->v.jitter));
	return o;
}

static json_t *
server_json(const struct probe_server *s)
{
	json_t *o = json_object();
	bool ans = s->state == PS_ANSWERED, ok = ans && s->verdict == SNTP_OK;
	char refid[16];
	uint32_t line = 0, col = 0;

	source_linecol(s->src->at.cf->src, s->src->addr_span.start, &line, &col);
	json_object_set_new(o, "name", out_json_text(s->name));
	json_object_set_new(o, "file", out_json_text(s->src->at.cf->src->path));
	json_object_set_new(o, "line", json_integer(line));
	json_object_set_new(o, "address", s->addr[0] ? json_string(s->addr) : json_null());
	json_object_set_new(o, "state", json_string(ans && s->verdict == SNTP_KOD ?
	    "kiss-o'-death" : ans && s->verdict == SNTP_UNSYNC ? "unsynchronised" :
	    probe_state_text(s->state)));
	json_object_set_new(o, "why", jstr(s->why));
	if (ans)
		ntp_refid_text(s->reply.refid, s->reply.stratum, refid);
	json_object_set_new(o, "leap", jint(ans, s->reply.leap));
	json_object_set_new(o, "stratum", jint(ans, s->reply.stratum));
	json_object_set_new(o, "refid", ans ? json_string(refid) : json_null());
	json_object_set_new(o, "offset_ms", jnum(ok, s->offset_ns / 1e6));
	json_object_set_new(o, "delay_ms", jnum(ok, s->delay_ns / 1e6));
	json_object_set_new(o, "requests", json_integer(s->same != NULL ? s->same->sent : s->sent));
	json_object_set_new(o, "ignored", json_integer(s->same != NULL ? s->same->ignored :
	    s->ignored));
	return o;
}

json_t *
out_probe_json(const struct host *h)
{
	const struct probe_result *r = h->probe;
	json_t *o, *nt, *peers, *servers, *rtc;
	const struct probe_peer *sp;
	size_t i;

	if (r == NULL)
		return NULL;
	o = json_object();
	json_object_set_new(o, "timeout_ms", json_integer(r->timeout_ms));
	json_object_set_new(o, "tries", json_integer(r->tries));
	json_object_set_new(o, "max_offset_ms", json_real((double)r->max_offset_ns / 1e6));
	nt = json_object();
	sp = probe_sys_peer(r);
	json_object_set_new(nt, "address", json_string("127.0.0.1"));
	json_object_set_new(nt, "state", json_string(probe_state_text(r->ntpd)));
	json_object_set_new(nt, "why", jstr(r->ntpd_why));
	json_object_set_new(nt, "requests", json_integer(r->ntpd_sent));
	json_object_set_new(nt, "ignored", json_integer(r->ntpd_ignored));
	json_object_set_new(nt, "synchronised", json_boolean(probe_synchronised(r)));
	json_object_set_new(nt, "system_peer", jint(sp != NULL, sp != NULL ? sp->a.assoc : 0));
	json_object_set_new(nt, "leap", jint(r->have_sys && (r->sys.have & SV_LEAP), r->sys.leap));
	json_object_set_new(nt, "stratum", jint(r->have_sys && (r->sys.have & SV_STRATUM),
	    r->sys.stratum));
	json_object_set_new(nt, "refid", r->have_sys && (r->sys.have & SV_REFID) ?
	    json_string(r->sys.refid) : json_null());
	json_object_set_new(nt, "offset_ms", jnum(r->have_sys && (r->sys.have & SV_OFFSET),
	    r->sys.offset));
	peers = json_array();
	for (i = 0; i < r->npeers; i++)
		json_array_append_new(peers, peer_json(&r->peers[i]));
	json_object_set_new(nt, "peers", peers);
	json_object_set_new(nt, "peers_truncated", json_boolean(r->peers_truncated));
	json_object_set_new(o, "ntpd", nt);
	servers = json_array();
	for (i = 0; i < r->nservers; i++)
		json_array_append_new(servers, server_json(&r->servers[i]));
	json_object_set_new(o, "servers", servers);
	rtc = json_object();
	json_object_set_new(rtc, "state", json_string(r->rtc.state == RTC_READ ? "read" :
	    r->rtc.state == RTC_UNREADABLE ? "unreadable" : "skipped"));
	json_object_set_new(rtc, "why", jstr(r->rtc.why));
	json_object_set_new(rtc, "device", jstr(r->rtc.path));
	json_object_set_new(rtc, "reads", r->rtc.state == RTC_READ ? json_string(r->rtc.text) :
	    json_null());
	json_object_set_new(rtc, "system_minus_utc_ms", jint(r->rtc.state == RTC_READ,
	    r->rtc.utc_ms));
	json_object_set_new(rtc, "system_minus_local_ms", jint(r->rtc.state == RTC_READ,
	    r->rtc.local_ms));
	json_object_set_new(o, "hardware_clock", rtc);
	return o;
}
