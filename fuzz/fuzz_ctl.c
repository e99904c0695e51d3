/* fuzz_ctl: libFuzzer target for the mode 6 response parser (ctl_parse), the fragment
 * reassembly (ctl_reasm_add) and the READSTAT list (ctl_readstat), READVAR's text
 * (ctl_peer_vars, ctl_sys_vars) of a whole response. Input: datagrams, each after its
 * 2-byte big-endian length; the request answered (opcode, sequence, association) is the
 * one the first datagram names, so that fragments get past the header checks. Oracles
 * beyond "no crash, no undefined behaviour": a fragment is accepted only when every
 * header check holds (the checks are redone here from the bytes); the kept fragments are
 * sorted, disjoint, at most 32 and inside the largest response, and the reassembled
 * bytes are exactly each kept fragment's data; a response is whole only when the kept
 * fragments cover 0 to the last one's end without a gap, and nothing is kept after; the
 * association list is whole pairs, without 0 or a repeat, each pair found in the data. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "probe_ntp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static struct ctl_reasm reasm;

/* where each kept fragment's bytes came from, by its offset's slot */
static const uint8_t *src_of[CTL_MAX_FRAGS];

static void
check_reasm(const struct ctl_reasm *r, const uint8_t *const *src)
{
	size_t i;

	FUZZ_ASSERT(r->nfrags <= CTL_MAX_FRAGS, "%zu fragments kept", r->nfrags);
	for (i = 0; i < r->nfrags; i++) {
		FUZZ_ASSERT((uint32_t)r->off[i] + r->cnt[i] <= CTL_MAX_RESP, "fragment past the end");
		FUZZ_ASSERT(i == 0 || (uint32_t)r->off[i - 1] + r->cnt[i - 1] <= r->off[i],
		    "fragments overlap or are out of order");
		FUZZ_ASSERT(r->cnt[i] == 0 || memcmp(r->data + r->off[i], src[i], r->cnt[i]) == 0,
		    "the response's bytes are not the fragment's");
	}
	if (r->seen_last && r->nfrags > 0)
		FUZZ_ASSERT((uint32_t)r->off[r->nfrags - 1] + r->cnt[r->nfrags - 1] <= r->end,
		    "a fragment past the last one's end");
}

static void
check_whole(const struct ctl_reasm *r, uint8_t op)
{
	uint32_t at = 0;
	size_t i, j, n;
	struct ctl_assoc a[16];
	bool trunc;

	for (i = 0; i < r->nfrags; i++) {
		FUZZ_ASSERT(r->off[i] == at, "a gap at %u in a whole response", at);
		at += r->cnt[i];
	}
	FUZZ_ASSERT(at == r->end && r->seen_last, "a whole response ends at %u, not %u", at, r->end);
	if (op == CTL_OP_READSTAT) {
		int rc = ctl_readstat(r->data, r->end, a, 16, &n, &trunc);

		FUZZ_ASSERT((rc < 0) == (r->end % 4 != 0), "pairs misjudged");
		for (i = 0; rc == 0 && i < n; i++) {
			bool found = false;

			FUZZ_ASSERT(a[i].assoc != 0, "association 0 listed");
			for (j = 0; j < i; j++)
				FUZZ_ASSERT(a[j].assoc != a[i].assoc, "association %u twice", a[i].assoc);
			for (j = 0; j + 4 <= r->end && !found; j += 4)
				found = be16(r->data + j) == a[i].assoc && be16(r->data + j + 2) == a[i].status;
			FUZZ_ASSERT(found, "pair %u/%u not in the data", a[i].assoc, a[i].status);
		}
		FUZZ_ASSERT(rc != 0 || n <= 16, "more than max");
	} else {
		struct ctl_peer_vars p;
		struct ctl_sys_vars s;

		ctl_peer_vars(r->data, r->end, &p);
		ctl_sys_vars(r->data, r->end, &s);
		FUZZ_ASSERT(strlen(p.srcadr) < CTL_TEXT_MAX && strlen(s.refid) < CTL_TEXT_MAX,
		    "text not bounded");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0;
	uint8_t op = CTL_OP_READVAR;
	uint16_t seq = 1, assoc = 0;
	bool first = true, whole = false;
	const uint8_t *src[CTL_MAX_FRAGS];

	ctl_reasm_init(&reasm);
	memset(src_of, 0, sizeof(src_of));
	while (at + 2 <= size) {
		size_t len = be16(data + at), i, k;
		const uint8_t *p = data + at + 2;
		struct ctl_frag f;
		enum ctl_verdict v;
		enum ctl_add add;
		uint8_t err;
		bool hdr_ok;

		if (len > size - at - 2)
			len = size - at - 2;
		at += 2 + len;
		if (first && len >= CTL_HDR_LEN) {
			op = p[1] & 0x1f;
			seq = be16(p + 2);
			assoc = be16(p + 6);
		}
		first = false;
		v = ctl_parse(p, len, op, seq, assoc, &f, &err);
		FUZZ_ASSERT(ctl_verdict_text(v)[0] != '?', "no text for verdict %d", v);
		hdr_ok = len >= CTL_HDR_LEN && ((p[0] >> 3) & 7) >= 1 && ((p[0] >> 3) & 7) <= 4 &&
		    (p[0] & 7) == 6 && (p[1] & 0x80) && be16(p + 2) == seq && (p[1] & 0x1f) == op;
		if (v == CTL_ERROR) {
			FUZZ_ASSERT(hdr_ok && (p[1] & 0x40) && err == p[4], "error verdict without an error");
			continue;
		}
		if (v != CTL_OK)
			continue;
		FUZZ_ASSERT(hdr_ok && !(p[1] & 0x40) && be16(p + 6) == assoc,
		    "a fragment accepted against its header");
		FUZZ_ASSERT(f.count <= len - CTL_HDR_LEN && f.count <= CTL_MAX_DATA &&
		    (uint32_t)f.offset + f.count <= CTL_MAX_RESP && f.data == p + CTL_HDR_LEN,
		    "a fragment's count or offset out of bounds");
		add = ctl_reasm_add(&reasm, &f);
		if (whole)
			FUZZ_ASSERT(add != CTLR_MORE && add != CTLR_DONE, "kept after the response was whole");
		if (add == CTLR_MORE || add == CTLR_DONE) {
			/* the slot the fragment took, to check its bytes stay its own */
			for (k = 0; k < reasm.nfrags && reasm.off[k] != f.offset; k++)
				;
			FUZZ_ASSERT(k < reasm.nfrags && reasm.cnt[k] == f.count, "kept fragment not found");
			for (i = reasm.nfrags - 1; i > k; i--)
				src_of[i] = src_of[i - 1];
			src_of[k] = f.data;
		}
		memcpy(src, src_of, sizeof(src));
		check_reasm(&reasm, src);
		if (add == CTLR_DONE) {
			check_whole(&reasm, op);
			whole = true;
		}
	}
	return 0;
}
