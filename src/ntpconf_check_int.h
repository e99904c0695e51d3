/* Inside ntpconf_check: one statement's context, the directive table's entry type, and
 * the helpers the check files share (ntpconf_check_words.c reads words and numbers as each
 * ntpd version does and reports the statements it drops). Not part of the library's API. */
#ifndef NTPCONF_CHECK_INT_H
#define NTPCONF_CHECK_INT_H

#include <stdint.h>
#include <string.h>

#include "ntpconf_check.h"
#include "ntpconf_vocab.h"

/* 4.1/4.2.0 gettokens(): tokens[MAXTOKENS]; more overruns the array */
#define CLASSIC_MAXTOKENS 20
/* 4.2.6+ scanner: MAX_LEXEME; a longer word makes ntpd exit */
#define MAX_LEXEME 1024

struct chk {
	struct ntpconf *c;
	struct diags *d;
	enum ntp_version v;
	unsigned vbit;
	int classic;
	struct ntp_stmt *s;
	struct ntp_word *w;	/* w[0] is the directive */
	uint32_t n;
	int after_end;		/* an 'end' statement was seen (4.2.6+) */
	/* the directives by first byte, so a statement is named without a scan of all */
	uint8_t dir_head[256];
	uint8_t dir_next[DIR_COUNT];
	/* the keyword tables of nearly every line */
	struct kw_index server_idx, restrict_idx;
};

struct dirdef {
	const char *name;
	enum ntp_dir dir;
	unsigned versions;
	void (*check)(struct chk *, const struct dirdef *);
	const struct kwtab *tab;
	int arg;		/* handler-specific */
};

/* chk_path's dirdef arg: when the path may be left out */
enum { PATH_OPTIONAL = 1, PATH_MODERN_REQUIRED = 2, PATH_REQUIRED = 3 };

/* a word equal to s; the one special character ch (both are on every statement's path,
 * so they stay inline) */
static inline int
ck_weq(const struct ntp_word *w, const char *s)
{
	return w->kind != TK_SPECIAL && strlen(s) == w->len && memcmp(w->text, s, w->len) == 0;
}

static inline int
ck_wspecial(const struct ntp_word *w, char ch)
{
	return w->kind == TK_SPECIAL && w->text[0] == ch;
}

/* ntpconf_check_words.c */
const char *ck_show(struct chk *k, const struct ntp_word *w);
void ck_reject(struct chk *k, enum rule_id r, const struct ntp_word *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ck_missing(struct chk *k, const char *what);
const struct kw *ck_keyword(struct chk *k, const struct kwtab *t, const struct ntp_word *w);
long long ck_classic_number(struct chk *k, const struct ntp_word *w);
int ck_classic_double(const struct ntp_word *w);
int ck_modern_integer(const struct ntp_word *w, long long *out);
int ck_modern_double(const struct ntp_word *w);
int ck_modern_strict_double(const struct ntp_word *w);
int ck_value(struct chk *k, const struct kw *e, const struct ntp_word *w, long long *num);
int ck_no_more(struct chk *k, uint32_t i);

/* ntpconf_check_options.c: an optional -4/-6 (not in 4.1); 0 if the statement is dropped */
int ck_addr_family_flag(struct chk *k, uint32_t *i);
/* the directives' checks */
void chk_assoc(struct chk *k, const struct dirdef *dd);
void chk_restrict(struct chk *k, const struct dirdef *dd);

/* ntpconf_check_misc.c */
void chk_path(struct chk *k, const struct dirdef *dd);
void chk_list(struct chk *k, const struct dirdef *dd);
void chk_kv(struct chk *k, const struct dirdef *dd);
void chk_number(struct chk *k, const struct dirdef *dd);
void chk_keyid(struct chk *k, const struct dirdef *dd);
void chk_trustedkey(struct chk *k, const struct dirdef *dd);
void chk_any(struct chk *k, const struct dirdef *dd);
void chk_noargs(struct chk *k, const struct dirdef *dd);
void chk_refclock(struct chk *k, const struct dirdef *dd);
void chk_addrs(struct chk *k, const struct dirdef *dd);
void chk_ttl(struct chk *k, const struct dirdef *dd);
void chk_trap(struct chk *k, const struct dirdef *dd);
void chk_fudge(struct chk *k, const struct dirdef *dd);
void chk_filegen(struct chk *k, const struct dirdef *dd);
void chk_setvar(struct chk *k, const struct dirdef *dd);
void chk_logconfig(struct chk *k, const struct dirdef *dd);
void chk_authenticate(struct chk *k, const struct dirdef *dd);
void chk_end(struct chk *k, const struct dirdef *dd);

#endif
