#include "diffout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* the diff is exact below this many cells of Myers' trace; above it the changed middle of
 * the file becomes one removal and one addition (still a correct patch) */
#define TRACE_LIMIT (16u * 1024 * 1024)

struct line {
	const char *p;
	size_t len;		/* with its '\n', when it has one */
};

enum op_kind { OP_EQ, OP_DEL, OP_ADD };

struct op {
	enum op_kind kind;
	size_t a, b;		/* old and new line index (the next one for ADD / DEL) */
};

struct script {
	struct op *v;
	size_t n, cap;
};

static size_t
split(const char *buf, size_t len, struct line **out)
{
	size_t n = 0, cap = 0, i, start = 0;

	*out = NULL;
	for (i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		VEC_PUSH(*out, n, cap);
		(*out)[n - 1].p = buf + start;
		(*out)[n - 1].len = i + 1 - start;
		start = i + 1;
	}
	if (start < len) {
		VEC_PUSH(*out, n, cap);
		(*out)[n - 1].p = buf + start;
		(*out)[n - 1].len = len - start;
	}
	return n;
}

static int
same(const struct line *x, const struct line *y)
{
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

static void
push(struct script *s, enum op_kind k, size_t a, size_t b)
{
	struct op *o = VEC_PUSH(s->v, s->n, s->cap);

	o->kind = k;
	o->a = a;
	o->b = b;
}

/* row d of the trace, diagonal k (k = -d, -d + 2 ... d): the furthest x reached. A row
 * holds its d + 1 diagonals only, not all 2(n + m) + 1: a file of a million lines with a
 * few changes needs a few cells, not a copy of 4 million per change */
#define V(d, k) trace[(size_t)(d) * ((d) + 1) / 2 + (size_t)(((k) + (long)(d)) / 2)]

/* Myers' O(ND) diff of a[0..n) and b[0..m); appends the ops in reverse order; -1 when the
 * trace would be too large (more than TRACE_LIMIT cells of 2(n + m) + 1 a row, the
 * limit of the full rows this trace once kept: the same inputs fall back) */
static int
myers(const struct line *a, size_t n, const struct line *b, size_t m, size_t a0, size_t b0,
    struct script *s)
{
	size_t max = n + m, w = 2 * max + 1, d, cells = 0;
	long *trace = NULL, k, x, y, pk;

	if (max == 0)
		return 0;
	for (d = 0; d <= max; d++) {
		size_t need = (d + 1) * (d + 2) / 2;

		if (w > TRACE_LIMIT / (d + 1)) {
			free(trace);
			return -1;
		}
		if (need > cells) {
			cells = cells ? 2 * cells : 64;
			if (cells < need)
				cells = need;
			trace = xreallocarray(trace, cells, sizeof(long));
		}
		for (k = -(long)d; k <= (long)d; k += 2) {
			if (d == 0)
				x = 0;
			else if (k == -(long)d || (k != (long)d && V(d - 1, k - 1) < V(d - 1, k + 1)))
				x = V(d - 1, k + 1);
			else
				x = V(d - 1, k - 1) + 1;
			y = x - k;
			while (x < (long)n && y < (long)m && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			V(d, k) = x;
			if (x >= (long)n && y >= (long)m)
				goto found;
		}
	}
found:
	x = (long)n;
	y = (long)m;
	for (; d > 0; d--) {
		k = x - y;
		if (k == -(long)d || (k != (long)d && V(d - 1, k - 1) < V(d - 1, k + 1)))
			pk = k + 1;
		else
			pk = k - 1;
		while (x > V(d - 1, pk) && y > V(d - 1, pk) - pk) {
			push(s, OP_EQ, a0 + (size_t)--x, b0 + (size_t)--y);
		}
		if (x == V(d - 1, pk))
			push(s, OP_ADD, a0 + (size_t)x, b0 + (size_t)--y);
		else
			push(s, OP_DEL, a0 + (size_t)--x, b0 + (size_t)y);
	}
	while (x > 0 && y > 0)
		push(s, OP_EQ, a0 + (size_t)--x, b0 + (size_t)--y);
	free(trace);
	return 0;
}

/* the edit script from old to new lines, in order */
static void
diff_lines(const struct line *a, size_t n, const struct line *b, size_t m, struct script *s)
{
	size_t pre = 0, suf = 0, i, mark;

	while (pre < n && pre < m && same(&a[pre], &b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && same(&a[n - 1 - suf], &b[m - 1 - suf]))
		suf++;
	for (i = 0; i < suf; i++)
		push(s, OP_EQ, n - 1 - i, m - 1 - i);
	mark = s->n;
	/* only additions or only removals: no search (Myers would find these) */
	if (n - pre - suf == 0 || m - pre - suf == 0 ||
	    myers(n ? a + pre : a, n - pre - suf, m ? b + pre : b, m - pre - suf, pre, pre, s) != 0) {
		s->n = mark;
		for (i = m - suf; i > pre; i--)
			push(s, OP_ADD, n - suf, i - 1);
		for (i = n - suf; i > pre; i--)
			push(s, OP_DEL, i - 1, pre);
	}
	for (i = pre; i > 0; i--)
		push(s, OP_EQ, i - 1, i - 1);
	for (i = 0; i < s->n / 2; i++) {
		struct op t = s->v[i];

		s->v[i] = s->v[s->n - 1 - i];
		s->v[s->n - 1 - i] = t;
	}
}

static void
put_line(FILE *fp, char tag, const struct line *l)
{
	fputc(tag, fp);
	fwrite(l->p, 1, l->len, fp);
	if (l->len == 0 || l->p[l->len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", fp);
}

/* one hunk: ops [lo, hi) */
static void
hunk(FILE *fp, const struct script *s, size_t lo, size_t hi, const struct line *a,
    const struct line *b)
{
	size_t na = 0, nb = 0, i, sa, sb;

	for (i = lo; i < hi; i++) {
		na += s->v[i].kind != OP_ADD;
		nb += s->v[i].kind != OP_DEL;
	}
	sa = s->v[lo].a + (na > 0);
	sb = s->v[lo].b + (nb > 0);
	fprintf(fp, "@@ -%zu", sa);
	if (na != 1)
		fprintf(fp, ",%zu", na);
	fprintf(fp, " +%zu", sb);
	if (nb != 1)
		fprintf(fp, ",%zu", nb);
	fputs(" @@\n", fp);
	for (i = lo; i < hi; i++) {
		const struct op *o = &s->v[i];

		if (o->kind == OP_EQ)
			put_line(fp, ' ', &a[o->a]);
		else if (o->kind == OP_DEL)
			put_line(fp, '-', &a[o->a]);
		else
			put_line(fp, '+', &b[o->b]);
	}
}

void
out_diff_file(FILE *fp, const char *path, const char *old, size_t oldlen, const char *new,
    size_t newlen)
{
	out_diff_file_in(fp, NULL, path, old, oldlen, new, newlen);
}

void
out_diff_file_in(FILE *fp, const char *dir, const char *path, const char *old, size_t oldlen,
    const char *new, size_t newlen)
{
	const char *sep = dir != NULL && dir[0] != '\0' ? "/" : "";
	struct line *a, *b;
	size_t n = split(old ? old : "", old ? oldlen : 0, &a), m = split(new, newlen, &b);
	struct script s;
	size_t i, lo, hi, last;

	memset(&s, 0, sizeof(s));
	diff_lines(a, n, b, m, &s);
	if (dir == NULL)
		dir = "";
	if (old == NULL)
		fprintf(fp, "--- /dev/null\n+++ b/%s%s%s\n", dir, sep, path);
	else
		fprintf(fp, "--- a/%s%s%s\n+++ b/%s%s%s\n", dir, sep, path, dir, sep, path);
	for (i = 0; i < s.n; i++) {
		if (s.v[i].kind == OP_EQ)
			continue;
		lo = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0;
		/* take changes while the gap between them is at most two contexts */
		last = i;
		for (i++; i < s.n; i++) {
			if (s.v[i].kind != OP_EQ)
				last = i;
			else if (i - last > 2 * DIFF_CONTEXT)
				break;
		}
		hi = last + 1 + DIFF_CONTEXT < s.n ? last + 1 + DIFF_CONTEXT : s.n;
		hunk(fp, &s, lo, hi, a, b);
		i = hi - 1;
	}
	free(s.v);
	free(a);
	free(b);
}

void
out_diff_plan(FILE *fp, const struct host *h, const struct fix_plan *p, const char *where)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++) {
		const struct fix_file *ff = &p->files[i];

		if (ff->old != NULL && ff->oldlen == ff->len && memcmp(ff->old, ff->text, ff->len) == 0)
			continue;
		/* a lone file's one path is where it lies; a root's files lie below it */
		if (where != NULL && h->root == NULL)
			out_diff_file_in(fp, NULL, where, ff->old, ff->oldlen, ff->text, ff->len);
		else
			out_diff_file_in(fp, where, ff->path, ff->old, ff->oldlen, ff->text, ff->len);
	}
}
