/* fuzz_stk: libFuzzer target for the step-tickers lexer, grammar and model.
 * Oracles beyond "no crash": the tree prints back the input byte for byte and its tokens
 * and lines are well formed (oracle_linetree); the grammar refuses no line (every word is
 * handed to ntpdate); the model's entries are exactly the words the RHEL init script's
 * `sed 's/#.*$//'` and IFS splitting give, in file order, each on its own line of the
 * tree; and stk_lookup finds the first host-like entry of each name. */
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
ifs(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* the init script's words, one at a time: [*s, *e) from *pos, 0 at the end */
static int
next_word(const uint8_t *data, size_t size, size_t *pos, size_t *s, size_t *e)
{
	size_t i = *pos;

	for (;;) {
		while (i < size && ifs(data[i]))
			i++;
		if (i < size && data[i] == '#') {
			while (i < size && data[i] != '\n')
				i++;
			continue;
		}
		break;
	}
	if (i == size)
		return 0;
	*s = i;
	while (i < size && !ifs(data[i]) && data[i] != '#')
		i++;
	*e = *pos = i;
	return 1;
}

static int
hostlike(const struct stk_entry *e)
{
	return e->kind == STK_HOST || e->kind == STK_ADDR || e->kind == STK_INVALID;
}

static void
check_model(const struct stk_model *m, const uint8_t *data, size_t size)
{
	size_t pos = 0, s, e, i, j, len;
	const uint8_t *cr = memchr(data, '\r', size);

	for (i = 0; next_word(data, size, &pos, &s, &e); i++) {
		const struct stk_entry *en = &m->entries[i];
		const struct lt_line *l;

		FUZZ_ASSERT(i < m->nentries, "word %zu at [%zu,%zu) has no entry", i, s, e);
		FUZZ_ASSERT(en->span.start == s && en->span.end == e,
		    "entry %zu is [%u,%u), the word [%zu,%zu)", i, en->span.start, en->span.end, s, e);
		FUZZ_ASSERT(en->tline < m->tree->nlines, "entry %zu on line %u of %u", i, en->tline,
		    m->tree->nlines);
		l = &m->tree->lines[en->tline];
		FUZZ_ASSERT(m->tree->tokstart[l->tok0] <= s && e <= m->tree->tokstart[l->tokn],
		    "entry %zu lies outside its line", i);
		len = e - s;
		while (len > 0 && data[s + len - 1] == '\r')
			len--;
		FUZZ_ASSERT(strlen(en->name) <= len && memcmp(en->name, data + s, strlen(en->name)) == 0 &&
		    (strlen(en->name) == len || data[s + strlen(en->name)] == '\0'),
		    "entry %zu is named '%s', not its word without a trailing CR", i, en->name);
		FUZZ_ASSERT(en->cr == (memchr(data + s, '\r', e - s) != NULL), "entry %zu: CR flag", i);
		FUZZ_ASSERT((unsigned)en->kind <= STK_INVALID, "entry %zu has kind %d", i, (int)en->kind);
	}
	FUZZ_ASSERT(i == m->nentries, "%zu entries for %zu words", m->nentries, i);
	FUZZ_ASSERT(m->has_cr == (cr != NULL) &&
	    (cr == NULL || (m->cr_span.start == (uint32_t)(cr - data) &&
	    m->cr_span.end == m->cr_span.start + 1)), "the first CR is misplaced");
	for (i = 0; i < m->tree->nlines; i++)
		FUZZ_ASSERT(!(m->tree->lines[i].flags & LT_SYNTAX_ERROR),
		    "the grammar refused line %zu", i);
	/* lookups: the earliest host-like entry of a name, whatever its case */
	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *got = stk_lookup(m, m->entries[i].name);

		for (j = 0; j < m->nentries; j++)
			if (hostlike(&m->entries[j]) &&
			    strcasecmp(m->entries[j].name, m->entries[i].name) == 0)
				break;
		FUZZ_ASSERT(got == (j < m->nentries ? &m->entries[j] : NULL),
		    "stk_lookup('%s') gives entry %td, the first is %zu", m->entries[i].name,
		    got ? got - m->entries : -1, j);
		if (i >= 16)
			break;	/* the quadratic check stays cheap on long inputs */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lt_lexspec spec = { " \t", 1 };
	struct host h;
	struct stk_model m;
	struct source *src;

	if (size > 1 << 20)
		return 0;
	memset(&h, 0, sizeof(h));
	arena_init(&h.arena);
	src = source_new(&h.arena, STEPTICKERS_PATH, (const char *)data, size);
	model_stk_build(&h, &m, src);
	oracle_linetree(m.tree, data, size, &spec);
	check_model(&m, data, size);
	arena_free(&h.arena);
	return 0;
}
