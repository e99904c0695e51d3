/* testutil: helpers shared by the unit tests (declared in test.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#include "ntpconf_lexer.h"
#include "rule.h"

struct sbuf {
	char *s;
	size_t n, cap;
};

static void
sb_putc(struct sbuf *b, char ch)
{
	if (b->n + 2 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	b->s[b->n++] = ch;
	b->s[b->n] = '\0';
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	while (*s)
		sb_putc(b, *s++);
}

static void
sb_escaped(struct sbuf *b, const char *p, size_t n)
{
	char hex[8];
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];

		switch (ch) {
		case '\n': sb_puts(b, "\\n"); break;
		case '\r': sb_puts(b, "\\r"); break;
		case '\t': sb_puts(b, "\\t"); break;
		case '\0': sb_puts(b, "\\0"); break;
		case '\\': sb_puts(b, "\\\\"); break;
		default:
			if (ch < 0x20 || ch >= 0x7f) {
				snprintf(hex, sizeof(hex), "\\x%02x", ch);
				sb_puts(b, hex);
			} else {
				sb_putc(b, (char)ch);
			}
		}
	}
}

static char *
sb_done(struct sbuf *b)
{
	if (b->s == NULL)
		b->s = strdup("");
	assert_non_null(b->s);
	return b->s;
}

/* ntp_lex_fill() gives the tokens ntp_lex_raw() gives, whatever room each call has */
static void
check_fill(const char *buf, size_t len, int classic, const uint32_t *rstart,
    const uint8_t *rkind, uint32_t nraw)
{
	static const uint32_t caps[] = { 1, 2, 3, 7, 4096 };
	uint32_t start[4096];
	uint8_t kind[4096];
	size_t c;

	for (c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
		struct ntp_lexer lx;
		uint32_t n = 0, got, i;

		ntp_lexer_init(&lx, buf, (uint32_t)len, classic);
		do {
			assert_true(n + caps[c] <= 4096);
			got = ntp_lex_fill(&lx, start + n, kind + n, caps[c]);
			n += got;
		} while (got == caps[c]);
		assert_int_equal(n, nraw);
		for (i = 0; i < n; i++) {
			assert_int_equal(start[i], rstart[i]);
			assert_int_equal(kind[i], rkind[i]);
		}
		assert_int_equal(ntp_lex_fill(&lx, start, kind, 1), 0);
	}
}

char *
lex_dump(const char *buf, size_t len, int classic)
{
	uint32_t rstart[4096];
	uint8_t rkind[4096];
	uint32_t nraw = 0;
	static const char kinds[] = "?WSPEVBCN";
	struct ntp_lexer lx;
	struct sbuf b = { 0 };
	uint32_t start, expect = 0;
	enum ntp_tok k;
	int eof_eol = 0;

	ntp_lexer_init(&lx, buf, (uint32_t)len, classic);
	while ((k = ntp_lex_raw(&lx, &start)) != TK_EOF) {
		assert_int_equal(start, expect);
		assert_true(lx.cur >= start);
		assert_true(lx.cur <= len);
		/* only line ends may be empty */
		if (lx.cur == start)
			assert_true(k == TK_EOL || k == TK_VEOL);
		/* at most one zero-width EOL, and only at the very end */
		assert_false(eof_eol);
		if (k == TK_EOL && lx.cur == start)
			eof_eol = 1;
		if (nraw < 4096) {
			rstart[nraw] = start;
			rkind[nraw] = (uint8_t)k;
		}
		nraw++;
		if (b.n)
			sb_putc(&b, ' ');
		sb_putc(&b, kinds[k]);
		sb_putc(&b, '[');
		sb_escaped(&b, buf + start, lx.cur - start);
		sb_putc(&b, ']');
		expect = lx.cur;
	}
	assert_int_equal(expect, len);
	assert_int_equal(lx.cur, len);
	/* TK_EOF is sticky */
	assert_int_equal(ntp_lex_raw(&lx, &start), TK_EOF);
	if (nraw <= 4096)
		check_fill(buf, len, classic, rstart, rkind, nraw);
	return sb_done(&b);
}

struct ntpconf *
parse_buf(struct arena *a, const char *buf, size_t len, int classic)
{
	struct source *src = source_new(a, "t.conf", buf, len);

	return ntpconf_parse(a, src, classic);
}

char *
stmt_words(const struct ntpconf *c, uint32_t i)
{
	const struct ntp_stmt *s = &c->stmts[i];
	struct ntp_word *w = calloc(s->nwords + 1, sizeof(*w));
	struct sbuf b = { 0 };
	uint32_t j, n;

	assert_non_null(w);
	n = ntpconf_words(c, s, w, s->nwords);
	assert_int_equal(n, s->nwords);
	for (j = 0; j < n; j++) {
		if (j)
			sb_putc(&b, '|');
		/* the span is the token's, the text its contents */
		assert_int_equal(w[j].span.start, c->tokstart[w[j].tok]);
		assert_int_equal(w[j].span.end, c->tokstart[w[j].tok + 1]);
		sb_escaped(&b, w[j].text, w[j].len);
	}
	free(w);
	return sb_done(&b);
}

void
assert_tree_lossless(const struct ntpconf *c)
{
	uint32_t i, next = 0;
	size_t n;
	char *out;

	if (c->ntok > 0)
		assert_int_equal(c->tokstart[0], 0);
	for (i = 0; i < c->ntok; i++) {
		assert_true(c->tokstart[i] <= c->tokstart[i + 1]);
		assert_true(c->tokkind[i] != TK_EOF && c->tokkind[i] <= TK_NULTAIL);
		if (c->tokstart[i] == c->tokstart[i + 1])
			assert_true(c->tokkind[i] == TK_EOL || c->tokkind[i] == TK_VEOL);
	}
	assert_int_equal(c->tokstart[c->ntok], c->src->len);
	for (i = 0; i < c->nstmts; i++) {
		const struct ntp_stmt *s = &c->stmts[i];
		uint32_t j, words = 0;

		assert_int_equal(s->tok0, next);
		assert_true(s->tokn > s->tok0);
		for (j = s->tok0; j < s->tokn; j++) {
			enum ntp_tok k = c->tokkind[j];

			if (!TK_IS_TRIVIA(k) && k != TK_EOL && k != TK_VEOL)
				words++;
			/* a line end closes its statement */
			if (k == TK_EOL || k == TK_VEOL)
				assert_int_equal(j, s->tokn - 1);
		}
		assert_int_equal(words, s->nwords);
		if (s->flags & STMT_SYNTAX_ERROR) {
			assert_false(c->classic);
			assert_true(s->errtok >= s->tok0 && s->errtok < s->tokn);
		} else {
			assert_int_equal(s->errtok, NTP_NOTOK);
		}
		next = s->tokn;
	}
	assert_int_equal(next, c->ntok);
	out = malloc((size_t)c->src->len + 1);
	assert_non_null(out);
	n = ntpconf_print(c, out, c->src->len);
	assert_int_equal(n, c->src->len);
	assert_memory_equal(out, c->src->buf, n);
	free(out);
}

char *
findings_dump(struct diags *d)
{
	struct sbuf b = { 0 };
	char tmp[64];
	size_t i;

	diags_sort(d);
	for (i = 0; i < d->n; i++) {
		uint32_t line, col;

		source_linecol(d->v[i].src, d->v[i].span.start, &line, &col);
		snprintf(tmp, sizeof(tmp), "%s%u:%u %s", i ? ", " : "", line, col,
		    rule_table[d->v[i].rule].code);
		sb_puts(&b, tmp);
	}
	return sb_done(&b);
}

int
shared_dir(const char *rel, char *out, size_t cap)
{
	struct stat st;

	snprintf(out, cap, "../shared/%s", rel);
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	printf("skipped: %s is absent\n", out);
	return 0;
}

void
put_file(const char *dir, const char *rel, const char *text, size_t len)
{
	char path[256], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

void
put_text(const char *dir, const char *rel, const char *text)
{
	put_file(dir, rel, text, strlen(text));
}

char *
scratch_dir(const char *tag)
{
	char *d = malloc(strlen(tag) + 32);

	assert_non_null(d);
	sprintf(d, "/tmp/esxntp-%s-XXXXXX", tag);
	assert_non_null(mkdtemp(d));
	return d;
}

void
rm_rf(char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}
