/* The streaming JSON writer gives the bytes jansson's json_dumpf gives for the whole
 * tree: random strings (control bytes, quotes, backslashes, good and bad UTF-8) against
 * json_dumps of out_json_text, and a nested document written member by member against
 * the same document built and dumped at once, indented and compact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "jsonw.h"
#include "output.h"

/* what the writer wrote, as a string */
struct capture {
	char *buf;
	size_t len;
	FILE *fp;
};

static void
cap_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
}

static char *
cap_close(struct capture *c)
{
	assert_int_equal(fclose(c->fp), 0);
	return c->buf;
}

static void
test_strings_as_jansson(void **state)
{
	static const unsigned char alphabet[] = { 'a', ' ', '"', '\\', '/', '\b', '\f', '\n',
		'\r', '\t', 0x01, 0x1b, 0x1f, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xa9, 0xe2, 0x82,
		0xac, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x90, 0xff };
	char s[24];
	int trial, i, n;

	srand(7);
	for (trial = 0; trial < 20000; trial++) {
		struct capture c;
		struct jsonw w;
		json_t *j;
		char *want, *got;

		n = rand() % (int)(sizeof(s) - 1);
		for (i = 0; i < n; i++)
			s[i] = (char)alphabet[rand() % (int)sizeof(alphabet)];
		s[n] = '\0';
		j = out_json_text(s);
		want = json_dumps(j, JSON_ENCODE_ANY);
		json_decref(j);
		cap_open(&c);
		jsonw_init(&w, c.fp, 2);
		jsonw_text(&w, NULL, s);
		jsonw_flush(&w);
		got = cap_close(&c);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

/* the same document, once built and dumped by jansson, once written member by member */
static void
document(int indent)
{
	static const char *const names[] = { "a", "bb", "c" };
	struct capture c;
	struct jsonw w;
	json_t *doc = json_object(), *arr = json_array(), *o, *inner;
	size_t flags = JSON_PRESERVE_ORDER | (indent ? JSON_INDENT(indent) : JSON_COMPACT);
	char *want, *got;
	int i, k;

	cap_open(&c);
	jsonw_init(&w, c.fp, indent);
	jsonw_open(&w, NULL, '{');
	json_object_set_new(doc, "tool", json_string("x"));
	jsonw_text(&w, "tool", "x");
	json_object_set_new(doc, "none", json_null());
	jsonw_text(&w, "none", NULL);
	json_object_set_new(doc, "empty", json_array());
	jsonw_open(&w, "empty", '[');
	jsonw_close(&w);
	json_object_set_new(doc, "list", arr);
	jsonw_open(&w, "list", '[');
	for (i = 0; i < 4; i++) {
		o = json_object();
		inner = json_array();
		jsonw_open(&w, NULL, '{');
		json_object_set_new(o, "n", json_integer(i * 1000 - 1500));
		jsonw_int(&w, "n", i * 1000 - 1500);
		json_object_set_new(o, "ok", json_boolean(i % 2));
		jsonw_bool(&w, "ok", i % 2);
		json_object_set_new(o, "in", inner);
		jsonw_open(&w, "in", '[');
		for (k = 0; k < i; k++) {
			json_array_append_new(inner, json_string(names[k]));
			jsonw_text(&w, NULL, names[k]);
		}
		jsonw_close(&w);
		/* a member jansson writes: an object holding an empty object and an array */
		json_object_set_new(o, "j", json_pack("{s:{}, s:[i, s]}", "e", "f", i, "z"));
		jsonw_put(&w, "j", json_pack("{s:{}, s:[i, s]}", "e", "f", i, "z"));
		json_array_append_new(arr, o);
		jsonw_close(&w);
	}
	jsonw_close(&w);
	jsonw_close(&w);
	jsonw_flush(&w);
	got = cap_close(&c);
	want = json_dumps(doc, flags);
	json_decref(doc);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void
test_document_indented(void **state)
{
	document(2);
}

static void
test_document_compact(void **state)
{
	document(0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_as_jansson),
		cmocka_unit_test(test_document_indented),
		cmocka_unit_test(test_document_compact),
	};

	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
