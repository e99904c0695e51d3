/* fuzz_ntpconf: libFuzzer target for the ntp.conf lexer, grammar and checker.
 * Oracles beyond "no crash": the tree prints back the input byte for byte under both
 * readers, its tokens are those the lexer gives one at a time, the statements partition
 * the tokens in order, and every finding and edit points inside its source. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ntpconf.h"
#include "ntpconf_check.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_tree(const struct ntpconf *c, const uint8_t *data, size_t size)
{
	char *out = malloc(size + 1);
	size_t n = ntpconf_print(c, out, size);
	uint32_t i;

	FUZZ_ASSERT(n == size, "print length %zu != input length %zu", n, size);
	FUZZ_ASSERT(memcmp(out, data, size) == 0, "print differs from the input");
	free(out);
	for (i = 0; i < c->ntok; i++)
		FUZZ_ASSERT(c->tokstart[i] <= c->tokstart[i + 1], "token %u goes backwards", i);
	FUZZ_ASSERT(c->ntok == 0 || c->tokstart[0] == 0, "first token does not start at 0");
	FUZZ_ASSERT(c->tokstart[c->ntok] == size, "tokens do not end at the input's end");
	for (i = 0; i < c->nstmts; i++) {
		const struct ntp_stmt *s = &c->stmts[i];

		FUZZ_ASSERT(s->tok0 <= s->tokn, "statement %u is inverted", i);
		FUZZ_ASSERT(i == 0 ? s->tok0 == 0 : s->tok0 == c->stmts[i - 1].tokn,
		    "statement %u does not follow the one before", i);
	}
	FUZZ_ASSERT(c->nstmts == 0 ? c->ntok == 0 : c->stmts[c->nstmts - 1].tokn == c->ntok,
	    "statements do not cover every token");
}

/* the parser's tokens, read a buffer at a time, are the lexer's one at a time */
static void
check_tokens(const struct ntpconf *c, const struct source *src)
{
	struct ntp_lexer lx;
	uint32_t i = 0, start;
	enum ntp_tok k;

	ntp_lexer_init(&lx, src->buf, src->len, c->classic);
	while ((k = ntp_lex_raw(&lx, &start)) != TK_EOF) {
		FUZZ_ASSERT(i < c->ntok, "the lexer gives more than the parser's %u tokens", c->ntok);
		FUZZ_ASSERT(c->tokstart[i] == start && c->tokkind[i] == k,
		    "token %u: the parser has kind %u at %u, the lexer kind %u at %u", i,
		    c->tokkind[i], c->tokstart[i], k, start);
		i++;
	}
	FUZZ_ASSERT(i == c->ntok, "the lexer gives %u tokens, the parser %u", i, c->ntok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* both readers print the input back; one version (by the input's size, so every
	 * version gets its share) judges it, which keeps each run cheap */
	static const enum ntp_version classic[] = { NTPV_41, NTPV_420 };
	static const enum ntp_version modern[] = { NTPV_428, NTPV_SEC };
	int reader;

	if (size > 1 << 20)
		return 0;
	for (reader = 0; reader < 2; reader++) {
		enum ntp_version v = reader ? classic[size / 2 % 2] : modern[size / 2 % 2];
		struct arena a;
		struct diags d;
		struct source *src;
		struct ntpconf *c;

		arena_init(&a);
		diags_init(&d, &a);
		src = source_new(&a, "etc/ntp.conf", (const char *)data, size);
		c = ntpconf_parse(&a, src, reader);
		check_tree(c, data, size);
		check_tokens(c, src);
		if (size % 2 == (size_t)reader) {
			ntpconf_check(c, v, &d);
			oracle_diags(&d);
		}
		arena_free(&a);
	}
	return 0;
}
