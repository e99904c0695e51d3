/* Statement checks per ntpd version. ntpd 4.1/4.2.0 drop a bad line with a log message
 * and go on; 4.2.6+ report a syntax error and skip to the end of the line. Either way the
 * statement is lost, so each check stops at the first thing the target refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntpconf_check_int.h"
#include "util.h"

static const char *const dir_names[DIR_COUNT] = {
	[DIR_NONE] = "", [DIR_UNKNOWN] = "?",
#define X(id, name) [DIR_##id] = name,
	NTP_DIRECTIVES(X)
#undef X
};

const char *
ntp_dir_name(enum ntp_dir d)
{
	return dir_names[d];
}

#define D(name, dir, vers, fn, tab, arg) { name, DIR_##dir, vers, fn, tab, arg }
static const struct dirdef dirs[] = {
	D("server", SERVER, VALL, chk_assoc, NULL, 0),
	D("peer", PEER, VALL, chk_assoc, NULL, 0),
	D("pool", POOL, V428 | VSEC, chk_assoc, NULL, 0),
	D("broadcast", BROADCAST, VCLASSIC | V428, chk_assoc, NULL, 0),
	D("manycastclient", MANYCASTCLIENT, VCLASSIC | V428, chk_assoc, NULL, 0),
	D("unpeer", UNPEER, V428 | VSEC, chk_any, NULL, 1),
	D("unconfig", UNCONFIG, V428 | VSEC, chk_any, NULL, 1),
	D("refclock", REFCLOCK, VSEC, chk_refclock, NULL, 1),
	D("restrict", RESTRICT, VALL, chk_restrict, NULL, 0),
	D("unrestrict", UNRESTRICT, VSEC, chk_restrict, NULL, 0),
	D("driftfile", DRIFTFILE, VALL, chk_path, NULL, PATH_OPTIONAL),
	D("pidfile", PIDFILE, VALL, chk_path, NULL, PATH_OPTIONAL),
	D("logfile", LOGFILE, VALL, chk_path, NULL, PATH_REQUIRED),
	D("includefile", INCLUDEFILE, VALL, chk_path, NULL, PATH_REQUIRED),
	D("keys", KEYS, VALL, chk_path, NULL, PATH_MODERN_REQUIRED),
	D("keysdir", KEYSDIR, V420 | V422 | V428, chk_path, NULL, PATH_REQUIRED),
	D("statsdir", STATSDIR, VALL, chk_path, NULL, PATH_MODERN_REQUIRED),
	D("leapfile", LEAPFILE, V428 | VSEC, chk_path, NULL, PATH_REQUIRED),
	D("saveconfigdir", SAVECONFIGDIR, V428, chk_path, NULL, PATH_REQUIRED),
	D("ntpsigndsocket", NTPSIGNDSOCKET, V428 | VSEC, chk_path, NULL, PATH_REQUIRED),
	D("logconfig", LOGCONFIG, VALL, chk_logconfig, NULL, 0),
	D("trustedkey", TRUSTEDKEY, VALL, chk_trustedkey, NULL, 0),
	D("requestkey", REQUESTKEY, VALL, chk_keyid, NULL, 0),
	D("controlkey", CONTROLKEY, VALL, chk_keyid, NULL, 0),
	D("crypto", CRYPTO, V422 | V428, chk_kv, &kw_crypto, 0),
	D("revoke", REVOKE, VCLASSIC | V428, chk_number, NULL, 1),
	D("automax", AUTOMAX, VCLASSIC | V428, chk_number, NULL, 1),
	D("statistics", STATISTICS, VALL, chk_list, &kw_statistics, 0),
	D("filegen", FILEGEN, VALL, chk_filegen, NULL, 0),
	D("enable", ENABLE, VALL, chk_list, &kw_enable, 0),
	D("disable", DISABLE, VALL, chk_list, &kw_enable, 0),
	D("tinker", TINKER, VALL, chk_kv, &kw_tinker, 0),
	D("tos", TOS, V420 | V422 | V428 | VSEC, chk_kv, &kw_tos, 0),
	D("ttl", TTL, V420 | V422 | V428, chk_ttl, NULL, 0),
	D("trap", TRAP, VCLASSIC | V428, chk_trap, NULL, 0),
	D("fudge", FUDGE, VALL, chk_fudge, NULL, 0),
	D("setvar", SETVAR, VALL, chk_setvar, NULL, 0),
	D("phone", PHONE, VALL, chk_any, NULL, 0),
	D("broadcastdelay", BROADCASTDELAY, VCLASSIC | V428, chk_number, NULL, 0),
	D("calldelay", CALLDELAY, V420 | V422, chk_number, NULL, 1),
	D("tick", TICK, V420 | V422 | V428 | VSEC, chk_number, NULL, 0),
	D("authenticate", AUTHENTICATE, V41, chk_authenticate, NULL, 0),
	D("clientlimit", CLIENTLIMIT, V41, chk_number, NULL, 1),
	D("clientperiod", CLIENTPERIOD, V41, chk_number, NULL, 1),
	D("pps", PPS, V41, chk_any, NULL, 1),
	D("broadcastclient", BROADCASTCLIENT, VCLASSIC | V428, chk_noargs, NULL, 0),
	D("multicastclient", MULTICASTCLIENT, VCLASSIC | V428, chk_addrs, NULL, 0),
	D("manycastserver", MANYCASTSERVER, VCLASSIC | V428, chk_addrs, NULL, 0),
	D("discard", DISCARD, V420 | V422 | V428, chk_kv, &kw_discard, 0),
	D("interface", INTERFACE, V428 | VSEC, chk_any, NULL, 1),
	D("nic", NIC, V428 | VSEC, chk_any, NULL, 1),
	D("rlimit", RLIMIT, V428 | VSEC, chk_kv, &kw_rlimit, 0),
	D("mru", MRU, V428 | VSEC, chk_kv, &kw_mru, 0),
	D("reset", RESET, V428 | VSEC, chk_any, NULL, 1),
	D("end", END, V422 | V428 | VSEC, chk_end, NULL, 0),
	D("nonvolatile", NONVOLATILE, V428 | VSEC, chk_number, NULL, 0),
	D("nts", NTS, VSEC, chk_any, NULL, 1),
	D("mdnstries", MDNSTRIES, VSEC, chk_number, NULL, 1),
	D("dscp", DSCP, VSEC, chk_number, NULL, 1),
	D("leapsmearinterval", LEAPSMEARINTERVAL, VSEC, chk_number, NULL, 1),
};
#define NDIRS (sizeof(dirs) / sizeof(dirs[0]))

#define DIR_END 0xff
_Static_assert(NDIRS < DIR_END && NDIRS <= DIR_COUNT, "dir_next holds a dirs[] index");

static void
index_dirs(struct chk *k)
{
	size_t i = NDIRS;

	memset(k->dir_head, DIR_END, sizeof(k->dir_head));
	while (i-- > 0) {
		unsigned char ch = (unsigned char)dirs[i].name[0];

		k->dir_next[i] = k->dir_head[ch];
		k->dir_head[ch] = (uint8_t)i;
	}
}

static const struct dirdef *
find_dir(const struct chk *k, const struct ntp_word *w)
{
	unsigned i;

	if (w->len == 0)
		return NULL;
	for (i = k->dir_head[(unsigned char)w->text[0]]; i != DIR_END; i = k->dir_next[i])
		if (ck_weq(w, dirs[i].name))
			return &dirs[i];
	return NULL;
}

static const char *
suggest_dir(struct chk *k, const struct ntp_word *w)
{
	struct kw tab[NDIRS];
	struct kwtab t = { tab, NDIRS, "directive" };
	size_t i;

	for (i = 0; i < NDIRS; i++) {
		tab[i].name = dirs[i].name;
		tab[i].versions = dirs[i].versions;
		tab[i].arg = KA_NONE;
		tab[i].len = strlen(dirs[i].name);
	}
	return kw_suggest(&t, w->text, w->len, k->vbit);
}

/* NTP004's note for a directive the target lacks: the readers that have it, and for two
 * directives what the tables cannot say */
static const char *
dir_version_note(const struct dirdef *dd, enum ntp_version v, char *buf, size_t cap)
{
	/* keyword-gen.c and ntp_parser.y: T_Mdnstries at 4.2.8p1 (b3a802ee2, Bug 2715), not
	 * at 4.2.8 (ef9a0e926) */
	if (dd->dir == DIR_MDNSTRIES) {
		snprintf(buf, cap, "ntpd 4.2.8p1 added it%s, and NTPsec 1.2 has it",
		    v == NTPV_428 ? " (4.2.8 itself does not have it)" : "");
		return buf;
	}
	/* 4.1.2 ntp_config.c CONFIG_AUTHENTICATE sets what 4.2.x sets with 'enable auth' and
	 * 'disable auth' (PROTO_AUTHENTICATE); sys_authenticate starts at 1 in every classic
	 * ntpd (ntp_proto.c init_proto), so the dropped line leaves authentication on */
	if (dd->dir == DIR_AUTHENTICATE && v != NTPV_SEC) {
		snprintf(buf, cap, "ntpd 4.1 has it; %s drops the line and keeps authentication "
		    "on, its default, so 'authenticate yes' loses nothing and 'authenticate no' "
		    "does not take effect: write 'enable auth' or 'disable auth'", ntpver_long(v));
		return buf;
	}
	if (dd->dir == DIR_AUTHENTICATE) {
		snprintf(buf, cap, "ntpd 4.1 has it; NTPsec 1.2 has no such switch (it "
		    "authenticates the servers given a key), so delete the line");
		return buf;
	}
	return kw_version_note(dd->versions, v, buf, cap);
}

/* lexical facts of one statement that the classic reader misreads silently */
static void
lexical(struct chk *k)
{
	struct ntpconf *c = k->c;
	struct ntp_stmt *s = k->s;
	uint32_t i;

	for (i = s->tok0; i < s->tokn; i++) {
		struct span sp;
		const char *p;
		uint32_t len;

		/* most tokens are short words and blanks: leave them at once */
		if (c->tokkind[i] == TK_BLANK || c->tokkind[i] == TK_EOL ||
		    (c->tokkind[i] == TK_WORD && (k->classic ||
		    c->tokstart[i + 1] - c->tokstart[i] <= MAX_LEXEME)))
			continue;
		sp = ntpconf_tok_span(c, i);
		p = c->src->buf + sp.start;
		len = sp.end - sp.start;
		if (c->tokkind[i] == TK_NULTAIL) {
			sp.end = sp.start + 1;
			diag_add(k->d, R_NTP006, c->src, sp,
			    "NUL byte: %s ignores the rest of this line", ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_VEOL) {
			/* fgets(line, 1024) takes 1023 bytes; of a line of exactly 1023 bytes
			 * only its newline is left, which gettokens() skips as a blank line */
			if (i + 1 < c->ntok && c->tokkind[i + 1] != TK_EOL)
				diag_add(k->d, R_NTP009, c->src, sp,
				    "line is longer than %d bytes: %s reads the rest as a new line",
				    NTP_CLASSIC_MAXLINE, ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_COMMENT && k->classic && i > s->tok0 &&
		    c->tokkind[i - 1] == TK_WORD) {
			struct span prev = ntpconf_tok_span(c, i - 1);
			uint32_t q = 0, j;

			for (j = prev.start; j < prev.end; j++)
				q += c->src->buf[j] == '"';
			if (q % 2)
				diag_add(k->d, R_NTP007, c->src, sp,
				    "'#' inside quotes: %s ends the line here", ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_WORD && !k->classic && len > MAX_LEXEME) {
			sp.end = sp.start + len;
			(void)p;
			ck_reject(k, R_NTP001, NULL, "word of %u bytes: %s stops reading the file at words over %d bytes",
			    len, ntpver_long(k->v), MAX_LEXEME);
		}
	}
}

/* the statement's words, and whether it holds something lexical() reports: one pass
 * over its tokens for both, since nearly every statement holds nothing of the kind */
static uint32_t
gather(struct chk *k, int *odd)
{
	const struct ntpconf *c = k->c;
	const uint8_t *kind = c->tokkind;
	uint32_t i, end = k->s->tokn, n = 0;
	int seen = 0;

	for (i = k->s->tok0; i < end; i++) {
		switch (kind[i]) {
		case TK_WORD:
		case TK_STRING:
		case TK_SPECIAL:
			ntpconf_word_at(c, i, &k->w[n++]);
			break;
		case TK_NULTAIL:
		case TK_VEOL:
		case TK_COMMENT:
			seen = 1;
			break;
		default:
			break;
		}
	}
	/* the 4.2.6+ scanner's limit on a word */
	for (i = 0; !seen && !k->classic && i < n; i++)
		seen = k->w[i].kind == TK_WORD && k->w[i].len > MAX_LEXEME;
	*odd = seen;
	return n;
}

static void
check_stmt(struct chk *k, int odd)
{
	const struct dirdef *dd;
	struct ntp_word *w0 = &k->w[0];
	char note[320];

	if (odd)
		lexical(k);
	if (k->s->flags & STMT_REJECTED)
		return;
	if (k->s->flags & STMT_SYNTAX_ERROR) {
		struct ntp_word ew;
		struct span sp = ntpconf_tok_span(k->c, k->s->errtok);
		enum ntp_tok kind = k->c->tokkind[k->s->errtok];

		memset(&ew, 0, sizeof(ew));
		ew.span = sp;
		ew.kind = kind;
		ew.text = k->c->src->buf + sp.start;
		ew.len = sp.end - sp.start;
		k->s->dir = DIR_UNKNOWN;
		if (kind == TK_EOL || kind == TK_VEOL)
			ck_reject(k, R_NTP001, &ew, "unexpected end of line: a '(' is not closed");
		else if (kind == TK_SPECIAL)
			ck_reject(k, R_NTP001, &ew, "unexpected '%c' (%s reads it as punctuation)",
			    ew.text[0], ntpver_long(k->v));
		else
			ck_reject(k, R_NTP001, &ew, "unexpected '%s': a statement starts with a directive name",
			    ck_show(k, &ew));
		return;
	}
	/* 4.2.8 ntp_parser.y T_End closes every open file and parsing goes on (the recorded
	 * 4.2.8 crashed, edge 60); NTPsec reports a syntax error for the rest */
	if (k->after_end) {
		/* 4.2.2 getconfig() leaves its loop at 'end' */
		if (k->classic)
			ck_reject(k, R_NTP001, w0, "text after 'end': %s stops reading there and ignores the rest without a message",
			    ntpver_long(k->v));
		else if (k->v == NTPV_428)
			ck_reject(k, R_NTP001, w0, "text after 'end': ntpd 4.2.8 closes its files at 'end' and reads on (a 4.2.8 build crashed here)");
		else
			ck_reject(k, R_NTP001, w0, "text after 'end': %s stops at 'end' and reports a syntax error for the rest",
			    ntpver_long(k->v));
		return;
	}
	if (k->classic && k->n > CLASSIC_MAXTOKENS) {
		/* 4.1/4.2.0 gettokens() write past tokens[20]; 4.2.2 logs and returns a bogus
		 * keyword code (19, statsdir) with the previous line's word count */
		if (k->v == NTPV_422)
			ck_reject(k, R_NTP004, &k->w[CLASSIC_MAXTOKENS],
			    "%u words on one line: %s reads at most %d, logs 'gettokens: too many tokens on the line' and loses the line; the grammar of 4.2.8 and NTPsec has no limit",
			    k->n, ntpver_long(k->v), CLASSIC_MAXTOKENS);
		else
			ck_reject(k, R_NTP004, &k->w[CLASSIC_MAXTOKENS],
			    "%u words on one line: %s has room for %d and reads the next one past its array (undefined behaviour: a rebuilt 4.2.0 crashed); the grammar of 4.2.8 and NTPsec has no limit",
			    k->n, ntpver_long(k->v), CLASSIC_MAXTOKENS);
		return;
	}
	dd = find_dir(k, w0);
	if (dd == NULL) {
		const char *hint = suggest_dir(k, w0);

		k->s->dir = DIR_UNKNOWN;
		if (hint)
			ck_reject(k, R_NTP001, w0, "unknown directive '%s'; did you mean '%s'?",
			    ck_show(k, w0), hint);
		else
			ck_reject(k, R_NTP001, w0, "unknown directive '%s'", ck_show(k, w0));
		return;
	}
	k->s->dir = (uint8_t)dd->dir;
	/* these exist in a classic ntpd built with public-key crypto only: Red Hat's 4.1.2
	 * (RHEL 3) has no PUBKEY, the recorded 4.2.0 no OpenSSL, its 4.2.2p1 (RHEL 5) has */
	if (!(dd->versions & k->vbit) && k->classic &&
	    (dd->dir == DIR_CRYPTO || dd->dir == DIR_KEYSDIR)) {
		ck_reject(k, R_NTP004, w0, "'%s' is not in %s: it needs an ntpd built with %s, which the %s judged here is not",
		    dd->name, ntpver_long(k->v), k->v == NTPV_41 ? "PUBKEY" : "OpenSSL",
		    k->v == NTPV_41 ? "Red Hat ntpd 4.1.2" : "ntpd 4.2.0");
		return;
	}
	if (!(dd->versions & k->vbit)) {
		ck_reject(k, R_NTP004, w0, "'%s' is not in %s: %s", dd->name, ntpver_long(k->v),
		    dir_version_note(dd, k->v, note, sizeof(note)));
		return;
	}
	dd->check(k, dd);
}

/* 4.2.6+ grammars need one statement; an empty file is a syntax error */
static void
check_empty(struct chk *k)
{
	uint32_t i;
	struct span sp = { 0, 0 };

	if (k->classic)
		return;
	for (i = 0; i < k->c->ntok; i++)
		if (k->c->tokkind[i] == TK_EOL || !TK_IS_TRIVIA(k->c->tokkind[i]))
			return;
	diag_add(k->d, R_NTP001, k->c->src, sp,
	    "empty file: %s reports 'syntax error, unexpected $end' for a file without a line",
	    ntpver_long(k->v));
}

static void
check_crlf(struct chk *k)
{
	const char *buf = k->c->src->buf, *p;
	uint32_t len = k->c->src->len;
	struct finding *f = NULL;
	struct span sp;

	if (!k->classic)
		return;
	for (p = buf; (p = memchr(p, '\r', (size_t)(buf + len - p))) != NULL; p++) {
		if (p + 1 >= buf + len || p[1] != '\n')
			continue;
		sp.start = (uint32_t)(p - buf);
		sp.end = sp.start + 1;
		/* one finding per file, at the first CR; its fix deletes every CR of a CR LF */
		if (f == NULL)
			f = diag_add(k->d, R_NTP003, k->c->src, sp,
			    "CR LF line ends: %s keeps the CR in the last word of each line",
			    ntpver_long(k->v));
		diag_edit(k->d, f, k->c->src, sp, "");
	}
}

void
ntpconf_check(struct ntpconf *c, enum ntp_version v, struct diags *d)
{
	struct chk k;
	size_t cap = 0;
	uint32_t i;
	int odd;

	memset(&k, 0, sizeof(k));
	k.c = c;
	k.d = d;
	k.v = v;
	k.vbit = 1u << v;
	k.classic = c->classic;
	index_dirs(&k);
	kw_index_build(&k.server_idx, &kw_server_opts);
	kw_index_build(&k.restrict_idx, &kw_restrict_flags);
	check_crlf(&k);
	check_empty(&k);
	for (i = 0; i < c->nstmts; i++) {
		struct ntp_stmt *s = &c->stmts[i];

		if (s->nwords == 0 && !(s->flags & STMT_SYNTAX_ERROR)) {
			k.s = s;
			k.n = 0;
			lexical(&k);
			continue;
		}
		k.s = s;
		if (s->nwords > NTP_MAX_WORDS) {
			/* ntpd 4.2.6+ has no limit, but memory for the words would grow with
			 * the input: refuse clearly instead (classic lines never get here) */
			k.n = 0;
			lexical(&k);
			s->dir = DIR_UNKNOWN;
			if (!(s->flags & STMT_REJECTED))
				ck_reject(&k, R_NTP001, NULL,
				    "statement of %u words: esxntp-lint checks at most %d words a statement and skips it",
				    s->nwords, NTP_MAX_WORDS);
			continue;
		}
		grow(&k.w, &cap, s->nwords, sizeof(*k.w));
		k.n = gather(&k, &odd);
		check_stmt(&k, odd);
	}
	free(k.w);
}
