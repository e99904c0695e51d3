/* lttest: helpers for the line-file parser tests (declared in lttest.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "linefiles.h"
#include "lttest.h"

struct linetree *
lt_parse_buf(struct arena *a, enum lt_kind k, const char *buf, size_t len)
{
	static const char *const names[] = { "etc/ntp/step-tickers", "etc/hosts",
		"etc/vmware/esx.conf" };
	struct source *src = source_new(a, names[k], buf, len);

	switch (k) {
	case LTK_STK:
		return stk_parse_tree(a, src);
	case LTK_HST:
		return hst_parse_tree(a, src);
	default:
		return esx_parse_tree(a, src);
	}
}

void
assert_lt_lossless(const struct linetree *t)
{
	uint32_t i, j, next = 0;
	size_t n;
	char *out;

	if (t->ntok > 0)
		assert_int_equal(t->tokstart[0], 0);
	for (i = 0; i < t->ntok; i++) {
		assert_true(t->tokstart[i] <= t->tokstart[i + 1]);
		assert_true(t->tokkind[i] != LT_EOF && t->tokkind[i] <= LT_COMMENT);
		/* only a line end at the very end of the input may be empty */
		if (t->tokstart[i] == t->tokstart[i + 1]) {
			assert_int_equal(t->tokkind[i], LT_EOL);
			assert_int_equal(i, t->ntok - 1);
		}
	}
	assert_int_equal(t->tokstart[t->ntok], t->src->len);
	for (i = 0; i < t->nlines; i++) {
		const struct lt_line *l = &t->lines[i];
		uint32_t words = 0;

		assert_int_equal(l->tok0, next);
		assert_true(l->tokn > l->tok0);
		for (j = l->tok0; j < l->tokn; j++) {
			if (!LT_IS_TRIVIA(t->tokkind[j]) && t->tokkind[j] != LT_EOL)
				words++;
			if (t->tokkind[j] == LT_EOL)
				assert_int_equal(j, l->tokn - 1);
		}
		assert_int_equal(words, l->nwords);
		if (l->flags & LT_SYNTAX_ERROR)
			assert_true(l->errtok >= l->tok0 && l->errtok < l->tokn);
		else
			assert_int_equal(l->errtok, LT_NOTOK);
		next = l->tokn;
	}
	assert_int_equal(next, t->ntok);
	out = malloc((size_t)t->src->len + 1);
	assert_non_null(out);
	n = lt_print(t, out, t->src->len);
	assert_int_equal(n, t->src->len);
	assert_memory_equal(out, t->src->buf, n);
	free(out);
}

static void
put_escaped(char **p, const char *s, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\n')
			*p += sprintf(*p, "\\n");
		else if (ch == '\r')
			*p += sprintf(*p, "\\r");
		else if (ch == '\t')
			*p += sprintf(*p, "\\t");
		else if (ch < 0x20 || ch >= 0x7f)
			*p += sprintf(*p, "\\x%02x", ch);
		else
			*(*p)++ = (char)ch;
	}
}

char *
lt_dump(const struct linetree *t)
{
	static const char kinds[] = "?WS=EBC";
	char *out = malloc((size_t)t->src->len * 4 + (size_t)t->ntok * 8 + t->nlines * 4 + 1);
	char *p = out;
	uint32_t i, j;

	assert_non_null(out);
	for (i = 0; i < t->nlines; i++) {
		const struct lt_line *l = &t->lines[i];

		if (i)
			p += sprintf(p, " | ");
		if (l->flags & LT_SYNTAX_ERROR)
			*p++ = '!';
		for (j = l->tok0; j < l->tokn; j++) {
			struct span sp = lt_tok_span(t, j);

			if (j > l->tok0)
				*p++ = ' ';
			if ((l->flags & LT_SYNTAX_ERROR) && j == l->errtok)
				*p++ = '^';
			*p++ = kinds[t->tokkind[j]];
			*p++ = '[';
			put_escaped(&p, t->src->buf + sp.start, sp.end - sp.start);
			*p++ = ']';
		}
	}
	*p = '\0';
	return out;
}

void
expect_lt(enum lt_kind k, const char *s, size_t len, const char *want)
{
	struct arena a;
	struct linetree *t;
	char *got;

	arena_init(&a);
	t = lt_parse_buf(&a, k, s, len);
	assert_lt_lossless(t);
	got = lt_dump(t);
	assert_string_equal(got, want);
	free(got);
	arena_free(&a);
}
