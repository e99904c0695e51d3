/* The tree is lossless: printing what was parsed gives the input back byte for byte, in
 * both lexer modes, for every corpus file, the shared real-world and ntpd-verdict files
 * when present, and thousands of generated near-ntp.conf byte strings. The checker runs
 * on each for every ntpd version and must leave the tree as it was. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#include "ntpconf_check.h"

/* names the input being tested, so a failure says which one */
struct rt_state {
	char what[4200];
	/* what the inputs exercised */
	size_t syntax_errors, veols, nultails, findings;
};

static void
count(struct rt_state *st, const struct ntpconf *c)
{
	uint32_t i;

	for (i = 0; i < c->nstmts; i++)
		st->syntax_errors += (c->stmts[i].flags & STMT_SYNTAX_ERROR) != 0;
	for (i = 0; i < c->ntok; i++) {
		st->veols += c->tokkind[i] == TK_VEOL;
		st->nultails += c->tokkind[i] == TK_NULTAIL;
	}
}

static void
roundtrip(struct rt_state *st, const char *buf, size_t len)
{
	int classic, v;

	for (classic = 0; classic < 2; classic++) {
		/* each diags is adopted by the arena: one per version, alive until arena_free */
		struct diags diags[NTPV_COUNT];
		struct arena a;
		struct ntpconf *c;

		arena_init(&a);
		c = parse_buf(&a, buf, len, classic);
		assert_tree_lossless(c);
		count(st, c);
		for (v = 0; v < NTPV_COUNT; v++) {
			struct diags *d = &diags[v];
			size_t i;

			if (NTPV_IS_CLASSIC(v) != classic)
				continue;
			diags_init(d, &a);
			ntpconf_check(c, (enum ntp_version)v, d);
			for (i = 0; i < d->n; i++) {
				assert_true(d->v[i].span.start <= d->v[i].span.end);
				assert_true(d->v[i].span.end <= len);
			}
			st->findings += d->n;
			for (i = 0; i < c->nstmts; i++)
				assert_true(c->stmts[i].dir < DIR_COUNT);
		}
		assert_tree_lossless(c);
		arena_free(&a);
	}
	st->what[0] = '\0';
}

static size_t
roundtrip_file(struct rt_state *st, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	assert_non_null(f);
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	assert_false(ferror(f));
	fclose(f);
	snprintf(st->what, sizeof(st->what), "%s", path);
	roundtrip(st, buf, len);
	free(buf);
	return 1;
}

/* every regular file below dir, in a stable order; returns how many */
static size_t
roundtrip_tree(struct rt_state *st, const char *dir)
{
	struct dirent **names;
	struct stat sb;
	char path[4096];
	size_t count = 0;
	int i, n;

	n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, name);
			/* lstat: a symlink in a host tree may point anywhere */
			if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
				count += roundtrip_tree(st, path);
			else if (S_ISREG(sb.st_mode))
				count += roundtrip_file(st, path);
		}
		free(names[i]);
	}
	free(names);
	return count;
}

static void
test_corpus(void **state)
{
	size_t n = roundtrip_tree(*state, "corpus");

	/* the corpus is part of the repository: it must be there */
	assert_true(n >= 50);
	printf("roundtrip: %zu corpus files\n", n);
}

static void
test_shared(void **state)
{
	static const char *const dirs[] = { "realworld", "reference/ntpd-verdicts" };
	char dir[256];
	size_t i, n;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!shared_dir(dirs[i], dir, sizeof(dir)))
			continue;
		n = roundtrip_tree(*state, dir);
		printf("roundtrip: %zu files in %s\n", n, dir);
	}
}

/* xorshift64*: the same strings on every run */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static const char *const pieces[] = {
	"server", "peer", "pool", "restrict", "default", "nomodify", "notrap", "kod", "mask",
	"255.255.255.0", "127.0.0.1", "127.127.1.0", "10.0.0.1", "::1", "-4", "-6", "iburst",
	"minpoll", "maxpoll", "key", "driftfile", "/var/lib/ntp/drift", "fudge", "stratum",
	"setvar", "trustedkey", "...", "tinker", "panic", "tos", "discard", "average",
	"logconfig", "=syncall", "filegen", "type", "day", "enable", "disable", "end",
	"includefile", "broadcastclient", "statistics", "0x1f", "1e3", "fast",
	" ", " ", " ", "\t", "\v", "\f", "\"", "\"", "#", "\r", "\n", "\n", "\n", "\r\n",
	"(", ")", ";", "=", "{", "}", ",", "|", "\\",
};

static size_t
gen(uint64_t *s, char *out, size_t cap)
{
	size_t len = 0, want = rnd(s) % 600, npieces = sizeof(pieces) / sizeof(pieces[0]);

	/* one string in eight is long, to cross 4.2.0's 1023-byte line limit */
	if (rnd(s) % 8 == 0)
		want = 1000 + rnd(s) % 5000;
	while (len < want && len < cap) {
		uint64_t r = rnd(s) % 100;
		const char *p;
		size_t n, i;

		if (r < 70) {
			p = pieces[rnd(s) % npieces];
			n = strlen(p);
			if (n > cap - len)
				n = cap - len;
			memcpy(out + len, p, n);
			len += n;
		} else if (r < 80) {
			out[len++] = (char)(rnd(s) & 0xff);	/* any byte, NUL included */
		} else if (r < 85) {
			out[len++] = '\0';
		} else if (r < 90) {
			/* a long run of one byte: a long word or long blanks */
			char ch = " a\t#\"x"[rnd(s) % 6];

			n = rnd(s) % 2100;
			for (i = 0; i < n && len < cap; i++)
				out[len++] = ch;
		} else {
			out[len++] = (char)(' ' + rnd(s) % 95);
		}
	}
	return len;
}

static void
test_generated(void **state)
{
	struct rt_state *st = *state;
	size_t cap = 16384, len, total = 0;
	char *buf = malloc(cap);
	uint64_t seed = 0x6e7470636f6e66ULL;	/* "ntpconf" */
	int i;

	assert_non_null(buf);
	for (i = 0; i < 3000; i++) {
		len = gen(&seed, buf, cap);
		snprintf(st->what, sizeof(st->what), "generated string %d (%zu bytes)", i, len);
		roundtrip(st, buf, len);
		total += len;
	}
	free(buf);
	printf("roundtrip: 3000 generated strings, %zu bytes: %zu syntax errors, %zu split "
	    "lines, %zu NUL tails, %zu findings\n", total, st->syntax_errors, st->veols,
	    st->nultails, st->findings);
	/* the generator reaches the paths it is there for */
	assert_true(st->syntax_errors > 1000);
	assert_true(st->veols > 100);
	assert_true(st->nultails > 1000);
}

static int
setup(void **state)
{
	struct rt_state *st = calloc(1, sizeof(*st));

	*state = st;
	return st == NULL;
}

static int
teardown(void **state)
{
	struct rt_state *st = *state;

	if (st->what[0] != '\0')
		printf("roundtrip: failed on %s\n", st->what);
	free(st);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_corpus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generated, setup, teardown),
	};

	return cmocka_run_group_tests_name("roundtrip", tests, NULL, NULL);
}
