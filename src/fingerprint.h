/* fingerprint: a finding's identity across runs. It hashes the rule, the file (as a URI,
 * src/fingerprint.c fp_uri) and the text of the finding's line with its blanks trimmed,
 * not the line number, so it survives lines added or removed above. SARIF's
 * partialFingerprints, GitLab's fingerprint and the baseline (--baseline) all use it. */
#ifndef FINGERPRINT_H
#define FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* bump the suffix whenever the fingerprint's inputs change: GitHub matches alerts on it,
 * and a baseline records it (an old baseline is refused, not silently unmatched) */
#define FINGERPRINT_KEY "esxntpLint/v1"

/* the hash of finding f, whose file is named by uri (fp_uri of its root and path) */
uint64_t fp_hash(const struct finding *f, const char *uri);

/* root/path as a URI: relative to the current directory (no "." or empty segments, each
 * byte outside RFC 3986's path characters %-escaped), or a file:// URI when absolute.
 * root may be NULL. *absolute tells which. A heap string. */
char *fp_uri(const char *root, const char *path, int *absolute);

/* "HHHHHHHHHHHHHHHH:N": the hash in hex and which occurrence of it this is (from 1), so
 * identical lines in one file get distinct fingerprints */
#define FP_TEXT_MAX 40
void fp_format(char buf[FP_TEXT_MAX], uint64_t hash, unsigned nth);
/* parses the 16 hex digits of fp_format (with or without ":N"); false if not */
bool fp_parse(const char *s, uint64_t *hash);

/* a multiset of hashes */
struct fp_slot {
	uint64_t hash;
	unsigned count;
	bool used;
};

struct fp_set {
	struct fp_slot *v;
	size_t n, cap;		/* cap: 0 or a power of two */
	size_t total;		/* the sum of the counts */
};

/* adds one hash; returns how many times it was in the set before */
unsigned fp_set_add(struct fp_set *s, uint64_t hash);
/* removes one occurrence of hash; false if it had none left */
bool fp_set_take(struct fp_set *s, uint64_t hash);
void fp_set_free(struct fp_set *s);

#endif
