/* fuzz_esxconf: libFuzzer target for the esx.conf lexer, grammar and firewall model.
 * Oracles beyond "no crash": the tree prints back the input byte for byte and its tokens
 * and lines are well formed (oracle_linetree); the grammar accepts exactly the empty lines
 * and the `/key = "value"` ones (a closed string); each accepted line is one key/value of
 * the model, in file order, its value unescaped; and the ntpClient state is that of the
 * last ntpClient key (closed by default once any /firewall/ key is set). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "linefiles.h"
#include "model_files.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a string token that ends in its own closing quote */
static int
closed(const struct lt_word *w)
{
	uint32_t i;

	if (w->len < 2 || w->text[w->len - 1] != '"')
		return 0;
	for (i = 1; i < w->len - 1; i++)
		if (w->text[i] == '\\')
			i++;
	return i == w->len - 1;
}

/* the string's bytes between the quotes, a backslash taking the next byte as it is;
 * compared up to a NUL, which ends the model's C string */
static int
same_value(const char *value, const struct lt_word *w)
{
	uint32_t i;
	size_t o = 0;

	for (i = 1; i + 1 < w->len; i++) {
		if (w->text[i] == '\\')
			i++;
		if (value[o] == '\0')
			return w->text[i] == '\0';
		if (value[o++] != w->text[i])
			return 0;
	}
	return value[o] == '\0';
}

static void
check_model(const struct fw_model *m)
{
	const struct linetree *t = m->tree;
	struct lt_word w[4];
	size_t k = 0, nfw = 0;
	uint32_t i, n, last_ntp = M_NONE, last_fw = M_NONE;

	for (i = 0; i < t->nlines; i++) {
		const struct lt_line *l = &t->lines[i];
		const struct esx_kv *kv;
		int ok;

		n = lt_words(t, l, w, 4);
		ok = n == 3 && w[0].kind == LT_WORD && w[0].text[0] == '/' && w[1].kind == LT_EQUALS &&
		    w[2].kind == LT_STRING && closed(&w[2]);
		FUZZ_ASSERT(!(l->flags & LT_SYNTAX_ERROR) == (n == 0 || ok),
		    "line %u (%u words) is %s by the grammar", i, n,
		    (l->flags & LT_SYNTAX_ERROR) ? "refused" : "accepted");
		if (!ok)
			continue;
		FUZZ_ASSERT(k < m->nkvs, "line %u has no key/value", i);
		kv = &m->kvs[k];
		FUZZ_ASSERT(kv->tline == i, "key/value %zu is on line %u, not %u", k, kv->tline, i);
		FUZZ_ASSERT(kv->key_span.start == w[0].span.start && kv->key_span.end == w[0].span.end &&
		    kv->value_span.start == w[2].span.start && kv->value_span.end == w[2].span.end &&
		    kv->span.start == w[0].span.start && kv->span.end == w[2].span.end,
		    "key/value %zu: spans differ from its words", k);
		FUZZ_ASSERT(strlen(kv->key) <= w[0].len && memcmp(kv->key, w[0].text, strlen(kv->key)) == 0 &&
		    (strlen(kv->key) == w[0].len || w[0].text[strlen(kv->key)] == '\0'),
		    "key/value %zu: key '%s' is not its word", k, kv->key);
		FUZZ_ASSERT(same_value(kv->value, &w[2]), "key/value %zu: value '%s' is not its string unescaped",
		    k, kv->value);
		if (strncmp(kv->key, "/firewall/", 10) == 0) {
			nfw++;
			last_fw = (uint32_t)k;
		}
		if (strcmp(kv->key, FW_NTP_KEY) == 0)
			last_ntp = (uint32_t)k;
		k++;
	}
	FUZZ_ASSERT(k == m->nkvs, "%zu accepted lines, %zu key/values", k, m->nkvs);
	FUZZ_ASSERT(m->nfirewall == nfw && m->last_firewall == last_fw && m->ntp_kv == last_ntp,
	    "firewall keys: %zu/%u/%u, the model says %zu/%u/%u", nfw, last_fw, last_ntp,
	    m->nfirewall, m->last_firewall, m->ntp_kv);
	if (last_ntp == M_NONE)
		FUZZ_ASSERT(m->ntp_client == (nfw > 0 ? FW_CLOSED : FW_UNKNOWN), "ntpClient state without its key");
	else
		FUZZ_ASSERT(m->ntp_client == (strcasecmp(m->kvs[last_ntp].value, "true") == 0 ? FW_OPEN :
		    strcasecmp(m->kvs[last_ntp].value, "false") == 0 ? FW_CLOSED : FW_UNKNOWN),
		    "ntpClient state differs from its value '%s'", m->kvs[last_ntp].value);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lt_lexspec spec = { " \t\r", 0 };
	struct host h;
	struct fw_model m;
	struct source *src;

	if (size > 1 << 20)
		return 0;
	memset(&h, 0, sizeof(h));
	arena_init(&h.arena);
	src = source_new(&h.arena, ESXCONF_PATH, (const char *)data, size);
	model_fw_build(&h, &m, src);
	oracle_linetree(m.tree, data, size, &spec);
	check_model(&m);
	arena_free(&h.arena);
	return 0;
}
