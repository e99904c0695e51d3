/* fuzz_hosts: libFuzzer target for the /etc/hosts lexer, grammar and model.
 * Oracles beyond "no crash": the tree prints back the input byte for byte and its tokens
 * and lines are well formed (oracle_linetree); the grammar refuses no line; the model's
 * lines and names are exactly the fields glibc's reader gives (cut at '#', split on
 * space, TAB, CR, VT, FF), in file order; a line is valid only with an address and a
 * name; and hst_lookup finds the first name of a valid line, by family. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "linefiles.h"
#include "model_files.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* the fields of the line starting at *pos: f[0..max) as [start, end) pairs; returns how
 * many (all of them, even past max) and moves *pos past the line */
static size_t
line_fields(const uint8_t *data, size_t size, size_t *pos, size_t (*f)[2], size_t max)
{
	size_t i = *pos, n = 0;

	while (i < size && data[i] != '\n') {
		if (blank(data[i])) {
			i++;
			continue;
		}
		if (data[i] == '#') {
			while (i < size && data[i] != '\n')
				i++;
			break;
		}
		if (n < max)
			f[n][0] = i;
		while (i < size && data[i] != '\n' && data[i] != '#' && !blank(data[i]))
			i++;
		if (n < max)
			f[n][1] = i;
		n++;
	}
	*pos = i < size ? i + 1 : i;
	return n;
}

static void
same_word(const char *name, struct span sp, const size_t f[2], const uint8_t *data,
    const char *what, size_t line)
{
	size_t len = strlen(name);

	FUZZ_ASSERT(sp.start == f[0] && sp.end == f[1], "line %zu: %s is [%u,%u), the field [%zu,%zu)",
	    line, what, sp.start, sp.end, f[0], f[1]);
	FUZZ_ASSERT(len <= f[1] - f[0] && memcmp(name, data + f[0], len) == 0 &&
	    (len == f[1] - f[0] || data[f[0] + len] == '\0'), "line %zu: %s '%s' is not its field",
	    line, what, name);
}

static void
check_lookup(const struct hst_model *m, const char *name, int family)
{
	const struct hst_name *got = hst_lookup(m, name, family);
	size_t i;

	for (i = 0; i < m->nnames; i++) {
		const struct hst_line *l = &m->lines[m->names[i].line];

		if (l->valid && strcasecmp(m->names[i].name, name) == 0 &&
		    (family == 0 || (family == 4) == (l->first == HF_IPV4)))
			break;
	}
	FUZZ_ASSERT(got == (i < m->nnames ? &m->names[i] : NULL),
	    "hst_lookup('%s', %d) gives name %td, the first is %zu", name, family,
	    got ? got - m->names : -1, i);
}

static void
check_model(const struct hst_model *m, const uint8_t *data, size_t size)
{
	size_t f[64][2];
	size_t pos = 0, n, k = 0, nm = 0, i, j;

	while (pos < size) {
		size_t line0 = pos;
		const struct hst_line *l;

		n = line_fields(data, size, &pos, f, 64);
		if (n == 0)
			continue;
		FUZZ_ASSERT(k < m->nlines, "the line at %zu has fields and no model line", line0);
		l = &m->lines[k];
		FUZZ_ASSERT(l->tline < m->tree->nlines &&
		    m->tree->tokstart[m->tree->lines[l->tline].tok0] == line0,
		    "model line %zu is not the tree line at %zu", k, line0);
		FUZZ_ASSERT(l->nnames == n - 1 && l->name0 == nm, "model line %zu: names %u+%u, fields %zu",
		    k, l->name0, l->nnames, n);
		if (n <= 64) {
			same_word(l->addr, l->addr_span, f[0], data, "the first field", k);
			FUZZ_ASSERT(l->span.start == f[0][0] && l->span.end == f[n - 1][1],
			    "model line %zu spans [%u,%u)", k, l->span.start, l->span.end);
			for (j = 1; j < n; j++) {
				const struct hst_name *x = &m->names[nm + j - 1];

				same_word(x->name, x->span, f[j], data, "a name", k);
				FUZZ_ASSERT(x->line == k && x->canonical == (j == 1),
				    "model line %zu: name %zu belongs to line %u", k, j, x->line);
			}
		}
		FUZZ_ASSERT(l->valid == ((l->first == HF_IPV4 || l->first == HF_IPV6) && n > 1),
		    "model line %zu: valid is wrong", k);
		FUZZ_ASSERT((unsigned)l->first <= HF_JUNK, "model line %zu: kind %d", k, (int)l->first);
		nm += n - 1;
		k++;
	}
	FUZZ_ASSERT(k == m->nlines && nm == m->nnames, "%zu lines and %zu names, the model has %zu and %zu",
	    k, nm, m->nlines, m->nnames);
	for (i = 0; i < m->tree->nlines; i++)
		FUZZ_ASSERT(!(m->tree->lines[i].flags & LT_SYNTAX_ERROR),
		    "the grammar refused line %zu", i);
	for (i = 0; i < m->nnames && i < 16; i++) {
		check_lookup(m, m->names[i].name, 0);
		check_lookup(m, m->names[i].name, 4);
		check_lookup(m, m->names[i].name, 6);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lt_lexspec spec = { " \t\r\v\f", 1 };
	struct host h;
	struct hst_model m;
	struct source *src;

	if (size > 1 << 20)
		return 0;
	memset(&h, 0, sizeof(h));
	arena_init(&h.arena);
	src = source_new(&h.arena, HOSTS_PATH, (const char *)data, size);
	model_hst_build(&h, &m, src);
	oracle_linetree(m.tree, data, size, &spec);
	check_model(&m, data, size);
	arena_free(&h.arena);
	return 0;
}
