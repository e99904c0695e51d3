/* util: the only calls to malloc; out of memory ends the process with status 2. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>

/* exit status for usage errors and internal failures */
#define EXIT_INTERNAL 2

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for an array, checking nmemb * size for overflow */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh heap string */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* prints "esxntp-lint: msg" on stderr and exits with EXIT_INTERNAL */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* the length of the character at p[0..n) if a terminal shows it as text: printable ASCII,
 * or a well-formed UTF-8 sequence of a code point from U+00A0 up (no C1 control, no
 * surrogate, none past U+10FFFF, no overlong form); 0 for a control byte or bad UTF-8 */
size_t utf8_printable(const unsigned char *p, size_t n);
/* the length of the well-formed UTF-8 character at p[0..n) (any code point, controls
 * included), its code point in *out; 0 for bad UTF-8 (overlong, surrogate, past
 * U+10FFFF, cut short) */
size_t utf8_decode(const unsigned char *p, size_t n, unsigned *out);

/* grows *p (of *cap elements of size sz) so that it holds at least n elements */
void grow(void *pp, size_t *cap, size_t n, size_t sz);

#define VEC_PUSH(arr, n, cap) \
	(grow(&(arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

#endif
