#include "placement.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "ntpconf_check.h"

enum lkind { LK_BLANK, LK_COMMENT, LK_OTHER };

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* the offset of the '\n' ending the line that starts at s, or src->len */
static uint32_t
line_end(const struct source *src, uint32_t s)
{
	const char *nl = memchr(src->buf + s, '\n', src->len - s);

	return nl != NULL ? (uint32_t)(nl - src->buf) : src->len;
}

/* the start of the line before the one starting at s (s > 0) */
static uint32_t
prev_line(const struct source *src, uint32_t s)
{
	uint32_t i = s - 1;	/* its '\n' */

	while (i > 0 && src->buf[i - 1] != '\n')
		i--;
	return i;
}

/* a CR counts as a blank here: this is layout, not what a reader makes of the line */
static enum lkind
line_kind(const struct source *src, uint32_t s)
{
	uint32_t e = line_end(src, s), i = s;

	while (i < e && (blank(src->buf[i]) || src->buf[i] == '\r'))
		i++;
	if (i == e)
		return LK_BLANK;
	return src->buf[i] == '#' ? LK_COMMENT : LK_OTHER;
}

/* the comment line [s, e) starts with word[0..n) (after its '#' and blanks), in any case:
 * '# restrict the default', '#restrict 10.0.0.0 mask ...' */
static bool
comment_starts(const struct source *src, uint32_t s, uint32_t e, const char *word, size_t n)
{
	uint32_t i = s;

	while (i < e && (blank(src->buf[i]) || src->buf[i] == '#'))
		i++;
	return i + n <= e && strncasecmp(src->buf + i, word, n) == 0 &&
	    (i + n == e || !isalnum((unsigned char)src->buf[i + n]));
}

struct insertion
ins_before_stmt(struct source *src, uint32_t off)
{
	struct insertion ins = ins_before_line(src, off);
	uint32_t top = ins.off, c, w = ins.off, wn = 0;

	while (top > 0 && line_kind(src, prev_line(src, top)) == LK_COMMENT)
		top = prev_line(src, top);
	if (top > 0) {
		ins.off = top;
		return ins;
	}
	/* the comments run up to the file's start: its header, which nothing goes above.
	 * Yet the comment nearest the statement that starts with its directive ('# restrict
	 * the default' above 'restrict default ...') introduces it, header or not */
	while (w < src->len && blank(src->buf[w]))
		w++;
	while (w + wn < src->len && isalnum((unsigned char)src->buf[w + wn]))
		wn++;
	for (c = ins.off; wn > 0 && c > 0 && line_kind(src, prev_line(src, c)) == LK_COMMENT;) {
		c = prev_line(src, c);
		if (comment_starts(src, c, line_end(src, c), src->buf + w, wn)) {
			ins.off = c;
			break;
		}
	}
	return ins;
}

/* the words a comment line comments out, joined by one space, into out (PLACE_MAX_LINE
 * bytes); *hash: '#' and the blanks after it. false when the line is no such comment */
static bool
commented_words(const struct source *src, uint32_t s, bool crlf, char *out, size_t *len,
    struct span *hash)
{
	uint32_t e = line_end(src, s), i = s, k;
	const char *b = src->buf;
	size_t n = 0;

	if (crlf && e > s && b[e - 1] == '\r')
		e--;
	if (e - s >= PLACE_MAX_LINE)
		return false;
	for (k = s; k < e; k++)
		if ((unsigned char)b[k] < 0x20 && b[k] != '\t')
			return false;	/* a NUL, a CR, a control byte */
	while (i < e && blank(b[i]))
		i++;
	if (i == e || b[i] != '#')
		return false;
	hash->start = i++;
	while (i < e && blank(b[i]))
		i++;
	hash->end = i;
	while (i < e && b[i] != '#') {
		if (n > 0)
			out[n++] = ' ';
		while (i < e && !blank(b[i]))
			out[n++] = b[i++];
		while (i < e && blank(b[i]))
			i++;
		/* a '#' glued to a word is part of it: only a blank before one starts a comment */
		if (i < e && b[i] == '#' && !blank(b[i - 1]))
			return false;
	}
	*len = n;
	return n > 0;
}

/* line's words joined by one space, in the arena */
static char *
norm_words(struct arena *a, const char *line, size_t len, size_t *out_len)
{
	char *out = arena_alloc(a, len + 1);
	size_t i = 0, n = 0;

	while (i < len && blank(line[i]))
		i++;
	while (i < len) {
		if (n > 0)
			out[n++] = ' ';
		while (i < len && !blank(line[i]))
			out[n++] = line[i++];
		while (i < len && blank(line[i]))
			i++;
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

void
edit_add_lines(struct diags *d, struct finding *f, const struct insertion *ins,
    const char *lines)
{
	struct source *src = ins->src;
	bool crlf = strcmp(ins->eol, "\r\n") == 0;
	size_t nl = 1, i, k, len;
	const char *p, *q;
	char **want, buf[PLACE_MAX_LINE], *rest, *o;
	struct span *hash;
	uint32_t s;
	struct bmap map;
	struct bmap_slot *sl;

	for (p = lines; *p; p++)
		nl += *p == '\n';
	if (src->absent || memchr(src->buf, '#', src->len) == NULL) {
		edit_insert_lines(d, f, ins, lines);
		return;
	}
	/* each line of the fix by its words; a commented copy found takes its place */
	want = arena_alloc(d->arena, nl * sizeof(*want));
	hash = arena_alloc(d->arena, nl * sizeof(*hash));
	bmap_init(&map, d->arena);
	for (i = 0, p = lines; i < nl; i++, p = q + 1) {
		q = strchr(p, '\n');
		if (q == NULL)
			q = p + strlen(p);
		want[i] = norm_words(d->arena, p, (size_t)(q - p), &len);
		hash[i].start = hash[i].end = UINT32_MAX;
		sl = bmap_slot(&map, want[i], len);
		if (sl->val == NULL)
			sl->val = (void *)(uintptr_t)(i + 1);
	}
	for (s = 0, k = 0; s < src->len && k < nl; s = line_end(src, s) + 1) {
		struct span h;

		if (!commented_words(src, s, crlf, buf, &len, &h) ||
		    bmap_get(&map, buf, len) == NULL)
			continue;
		sl = bmap_slot(&map, buf, len);	/* there: no key is added */
		i = (uintptr_t)sl->val - 1;
		sl->val = NULL;		/* the first copy only */
		hash[i] = h;
		k++;
	}
	if (k == 0) {
		edit_insert_lines(d, f, ins, lines);
		return;
	}
	/* the lines with no commented copy, in their order, are inserted as before */
	o = rest = arena_alloc(d->arena, strlen(lines) + 1);
	for (i = 0, p = lines; i < nl; i++, p = q + 1) {
		q = strchr(p, '\n');
		if (q == NULL)
			q = p + strlen(p);
		if (hash[i].start != UINT32_MAX) {
			diag_edit(d, f, src, hash[i], "");
			diag_related(d, f, src, source_line_of(src, hash[i].start),
			    "commented out here: the fix uncomments it");
			continue;
		}
		if (o != rest)
			*o++ = '\n';
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
	}
	*o = '\0';
	if (*rest != '\0')
		edit_insert_lines(d, f, ins, rest);
}

/* the words of a comment line (after its first '#'), lower case, each a run of letters,
 * digits, '.', '-', ':' and '_': calls fn on each until it returns false */
static void
comment_words(const struct source *src, uint32_t s, uint32_t e,
    bool (*fn)(void *ctx, const char *w, size_t n, size_t idx), void *ctx)
{
	char w[256];
	size_t n, idx = 0;
	uint32_t i = s;

	while (i < e && src->buf[i] != '#')
		i++;
	for (i++; i < e;) {
		n = 0;
		/* a word: what a host name or address is made of */
		while (i < e && (isalnum((unsigned char)src->buf[i]) || strchr(".-:_",
		    src->buf[i]) != NULL)) {
			if (n < sizeof(w))
				w[n] = (char)tolower((unsigned char)src->buf[i]);
			n++;
			i++;
		}
		if (n > 0 && n <= sizeof(w) && !fn(ctx, w, n, idx++))
			return;
		if (n == 0)
			i++;
	}
}

struct label_scan {
	const struct entry_label *en;
	const char *key;		/* name_key of en->name */
	size_t keylen;
	bool named, other, directive, only_name;
};

static bool
is_directive(const char *w, size_t n)
{
	int dir;

	for (dir = DIR_UNKNOWN + 1; dir < DIR_COUNT; dir++) {
		const char *name = ntp_dir_name((enum ntp_dir)dir);

		if (strlen(name) == n && strncasecmp(name, w, n) == 0)
			return true;
	}
	return false;
}

static bool
label_word(void *ctx, const char *w, size_t n, size_t idx)
{
	struct label_scan *ls = ctx;
	size_t t = n;

	/* the word as it stands, and without the '.' or ':' of a sentence */
	while (t > 0 && (w[t - 1] == '.' || w[t - 1] == ':'))
		t--;
	if (idx == 0 && ls->en->ntpconf && is_directive(w, t))
		ls->directive = true;
	if ((n == ls->keylen && memcmp(w, ls->key, n) == 0) ||
	    (t == ls->keylen && memcmp(w, ls->key, t) == 0))
		ls->named = true;
	else {
		ls->only_name = false;
		if (bmap_get(ls->en->all, w, n) != NULL || (t > 0 && bmap_get(ls->en->all, w, t)))
			ls->other = true;
	}
	return !ls->directive && !ls->other;
}

bool
place_label_of(struct source *src, uint32_t line_start, const struct entry_label *en,
    struct span *label)
{
	struct label_scan ls;
	uint32_t c, e;
	char key[256];
	size_t i;

	if (line_start == 0 || line_kind(src, line_start) != LK_OTHER)
		return false;
	c = prev_line(src, line_start);
	if (line_kind(src, c) != LK_COMMENT || (c > 0 && line_kind(src, prev_line(src, c)) ==
	    LK_COMMENT))
		return false;
	e = line_end(src, c);
	if (memmem(src->buf + c, e - c, "esxntp-lint:", 12) != NULL)
		return false;
	memset(&ls, 0, sizeof(ls));
	ls.en = en;
	ls.keylen = strlen(en->name);
	if (ls.keylen == 0 || ls.keylen >= sizeof(key))
		return false;
	for (i = 0; i < ls.keylen; i++)
		key[i] = (char)tolower((unsigned char)en->name[i]);
	ls.key = key;
	ls.only_name = true;
	comment_words(src, c, e, label_word, &ls);
	if (!ls.named || ls.other || ls.directive || ls.only_name)
		return false;
	label->start = c;
	label->end = line_start;
	return true;
}

void
edit_delete_entry(struct diags *d, struct finding *f, struct source *src, uint32_t off,
    const struct entry_label *en)
{
	struct span line = source_line_of(src, off), lab;
	uint32_t start = line.start, end = line_end(src, line.start);
	bool blank_before, blank_after;

	if (place_label_of(src, line.start, en, &lab))
		start = lab.start;
	if (end < src->len)
		end++;		/* its '\n' */
	blank_before = start == 0 || line_kind(src, prev_line(src, start)) == LK_BLANK;
	blank_after = end >= src->len || line_kind(src, end) == LK_BLANK;
	if (end < src->len && blank_before && blank_after) {
		/* the blank line after goes too: no two blank lines together, none first */
		end = line_end(src, end);
		if (end < src->len)
			end++;
	} else if (end >= src->len && start > 0 && blank_before) {
		/* the last lines: the blank line before them goes, and the file ends as before */
		start = prev_line(src, start);
	}
	if (end >= src->len && start > 0 && src->buf[src->len - 1] != '\n')
		start--;	/* the last line, without a '\n': the one before it goes */
	diag_edit(d, f, src, (struct span){ start, end }, "");
}
