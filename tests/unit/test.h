/* test.h: what every cmocka unit test includes, and the helpers of testutil.c. */
#ifndef TEST_H
#define TEST_H

/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "ntpconf.h"
#include "source.h"

/* the tokens ntp_lex_raw() gives for buf[0..len), one "K[bytes]" per token separated by
 * blanks (K: W word, S string, P special, E eol, V veol, B blank, C comment, N nultail;
 * bytes escaped as \n \r \t \0 \xNN); asserts the tokens cover every byte once, in order */
char *lex_dump(const char *buf, size_t len, int classic);
/* src over buf[0..len) in a, parsed as a classic or 4.2.6+ reader would */
struct ntpconf *parse_buf(struct arena *a, const char *buf, size_t len, int classic);
#define parse_str(a, s, classic) parse_buf((a), (s), strlen(s), (classic))
/* a statement's significant tokens, escaped, separated by '|' */
char *stmt_words(const struct ntpconf *c, uint32_t i);
/* asserts that the tree partitions the source: tokstart non-decreasing from 0 to len,
 * the statements cover the tokens in order, and printing gives the input back */
void assert_tree_lossless(const struct ntpconf *c);
/* the sorted findings as "LINE:COL CODE" separated by ", " ("" for none) */
char *findings_dump(struct diags *d);
/* true (and *out set to the path) if dir exists; prints a skip message otherwise */
int shared_dir(const char *rel, char *out, size_t cap);

/* writes DIR/REL (its directories made as needed) with LEN bytes of TEXT */
void put_file(const char *dir, const char *rel, const char *text, size_t len);
/* put_file of a NUL-terminated TEXT */
void put_text(const char *dir, const char *rel, const char *text);
/* a new directory /tmp/esxntp-TAG-XXXXXX (heap), and its removal (freeing the name) */
char *scratch_dir(const char *tag);
void rm_rf(char *dir);

#endif
