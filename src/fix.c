#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit.h"
#include "fsread.h"
#include "fswrite.h"
#include "hostfs.h"
#include "rules_util.h"
#include "util.h"

/* a finding's place in the before/after comparison: its rule and file */
struct tally {
	enum rule_id rule;
	const char *path;
	size_t orig, final, sel;
};

struct tallies {
	struct tally *v;
	size_t n, cap;
};

/* a fix left out because a syntax error hides what it depends on */
struct blocked {
	enum rule_id rule;
	const char *path;
	const char *why;		/* in h's arena */
	size_t n;			/* findings of that rule and file left so, in the last pass */
};

/* one pass's edits: a set per source */
struct pass {
	struct edit_set *sets;
	size_t n, cap;
	struct lint_text *texts;	/* every fixed text so far (paths and texts in h's arena) */
	size_t ntexts, captexts;
	struct blocked *blocked;
	size_t nblocked, capblocked;
};

static bool
is_syntax(enum rule_id r)
{
	return r == R_NTP001 || r == R_STK001 || r == R_HST001 || r == R_FW001;
}

/* the files a fix depends on, by kind: those its rule reads facts from, and those its
 * edits change */
enum { K_NTP = 1, K_STK = 2, K_HST = 4, K_ESX = 8 };

static unsigned
rule_reads(enum rule_id r)
{
	const char *code = rule_table[r].code;

	if (r == R_STK010 || r == R_STK011 || r == R_HST010 || r == R_HST011 || r == R_HST012)
		return K_NTP | (code[0] == 'S' ? K_STK : K_HST);
	switch (code[0]) {
	case 'N':
		return K_NTP;
	case 'S':
		return code[1] == 'T' ? K_STK : 0;	/* SVC010 reads links */
	case 'H':
		return K_HST;
	case 'F':
		return code[1] == 'W' ? K_ESX : 0;	/* FS002 changes a mode */
	default:
		return 0;
	}
}

static unsigned
path_kind(const char *path)
{
	if (strcmp(path, STEPTICKERS_PATH) == 0)
		return K_STK;
	if (strcmp(path, HOSTS_PATH) == 0)
		return K_HST;
	if (strcmp(path, ESXCONF_PATH) == 0)
		return K_ESX;
	return K_NTP;		/* ntp.conf, an included file, or a lone ntp.conf */
}

/* the names of ntp.conf's sources (all but refclocks), without case: the set a hosts
 * line is looked up in (comparing each line's names with every source was quadratic in
 * a file of many bad hosts lines and many servers) */
static void
source_names(struct host *h, struct bmap *out)
{
	const struct ntp_model *nm = &h->model.ntp;
	size_t i;

	bmap_init(out, &h->arena);
	bmap_reserve(out, nm->nsources);
	for (i = 0; i < nm->nsources; i++) {
		const char *k;
		struct bmap_slot *sl;

		if (nm->sources[i].refclock)
			continue;
		k = name_key(&h->arena, nm->sources[i].addr);
		sl = bmap_slot(out, k, strlen(k));
		sl->val = (void *)(uintptr_t)&nm->sources[i];
	}
}

/* an /etc/hosts line that names a server (or peer, pool) of ntp.conf */
static bool
hosts_line_names_server(const struct host *h, const struct bmap *names, uint32_t off)
{
	const struct hst_model *m = &h->model.hosts;
	size_t lo = 0, hi = m->nlines, i;

	while (lo < hi) {	/* the last line starting at or before off */
		size_t mid = lo + (hi - lo) / 2;

		if (m->lines[mid].span.start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	for (i = m->lines[lo - 1].name0; i < m->lines[lo - 1].name0 + m->lines[lo - 1].nnames; i++)
		if (bmap_get_name(names, m->names[i].name) != NULL)
			return true;
	return false;
}

/* the kinds of file whose facts syntax finding e hides from the fixes: ntpd drops an
 * ntp.conf statement (NTP001) and esx.conf a line (FW001), so what they said is unknown;
 * a hosts line the resolver ignores matters only when it names a server of ntp.conf (a
 * dead 'XXX' or ';' line hides nothing a fix reads); a step-tickers word that is no host
 * (STK001) is read by no fix. names: source_names() of h, made when first needed */
static unsigned
hides(struct host *h, struct bmap *names, bool *have_names, const struct finding *e)
{
	switch (e->rule) {
	case R_NTP001:
		return K_NTP;
	case R_FW001:
		return K_ESX;
	case R_HST001:
		if (!*have_names) {
			source_names(h, names);
			*have_names = true;
		}
		return hosts_line_names_server(h, names, e->span.start) ? K_HST : 0;
	default:
		return 0;
	}
}

/* for each kind of file (K_*, by bit), the first syntax finding of cur that hides it:
 * found once per pass, not by a walk over every finding for every fix, which was
 * quadratic in the findings of a large file */
struct blockers {
	const struct finding *first[4];
};

static void
blockers_of(struct host *cur, struct blockers *b)
{
	struct bmap names;
	bool have_names = false;
	size_t i;
	unsigned k;
	int bit;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < cur->diags.n; i++) {
		const struct finding *e = &cur->diags.v[i];

		if (!is_syntax(e->rule) || (k = hides(cur, &names, &have_names, e)) == 0)
			continue;
		for (bit = 0; bit < 4; bit++)
			if ((k & (1u << bit)) && b->first[bit] == NULL)
				b->first[bit] = e;
	}
}

/* the syntax finding of cur that hides what f's fix depends on (the first of them), or
 * NULL; the line-end fixes (NTP003, STK005) depend on nothing: they come first, and
 * remove the syntax errors a CR made */
static const struct finding *
blocker(const struct blockers *b, const struct finding *f)
{
	unsigned deps = rule_reads(f->rule);
	const struct finding *e = NULL;
	size_t i;
	int bit;

	if (f->rule == R_NTP003 || f->rule == R_STK005)
		return NULL;
	for (i = 0; i < f->nedits; i++)
		deps |= path_kind(f->edits[i].src->path);
	/* the findings are one array: the first in it is the lowest address */
	for (bit = 0; bit < 4; bit++)
		if ((deps & (1u << bit)) && b->first[bit] != NULL &&
		    (e == NULL || b->first[bit] < e))
			e = b->first[bit];
	return e;
}

static void
note_blocked(struct host *h, struct pass *ps, const struct finding *f, const struct finding *e)
{
	size_t i;
	struct blocked *b;
	uint32_t line = 0, col = 0;

	for (i = 0; i < ps->nblocked; i++)
		if (ps->blocked[i].rule == f->rule && strcmp(ps->blocked[i].path, f->path) == 0) {
			ps->blocked[i].n++;
			return;
		}
	b = VEC_PUSH(ps->blocked, ps->nblocked, ps->capblocked);
	b->rule = f->rule;
	b->path = arena_strdup(&h->arena, f->path);
	if (e->src != NULL)
		source_linecol(e->src, e->span.start, &line, &col);
	b->why = arena_printf(&h->arena, "the syntax error at %s:%u:%u (%s) must be corrected "
	    "first: this fix depends on what that line says", e->path, line, col,
	    rule_table[e->rule].code);
	b->n = 1;
}

/* NULL: the rule has no fix; "": the finding is fixed by this run; else why it is left */
static const char *
left_reason(const struct finding *f, const struct fix_opts *fo)
{
	enum fixclass fc = rule_table[f->rule].fix;

	if (fc == FIX_NONE || !fo->enabled[f->rule] || f->suppressed)
		return NULL;
	/* a finding the rule cannot fix in this case: --unsafe-fixes would not help */
	if (fc == FIX_UNSAFE && !fo->unsafe)
		return f->nedits == 0 && f->nactions == 0 && f->nofix != NULL ? f->nofix :
		    "unsafe fix: use --unsafe-fixes";
	if (!fo->fixable[f->rule])
		return "not selected by --fixable";
	if (f->nedits == 0 && f->nactions == 0)
		return f->nofix ? f->nofix : "the rule has no fix for this case";
	return "";
}

static bool
same_action(const struct fix_action *a, const struct fix_action *b)
{
	return a->kind == b->kind && strcmp(a->path, b->path) == 0 && a->mode == b->mode &&
	    (a->target == b->target || (a->target && b->target && !strcmp(a->target, b->target))) &&
	    (a->replaces == b->replaces ||
	    (a->replaces && b->replaces && !strcmp(a->replaces, b->replaces)));
}

static bool
planned(const struct fix_plan *p, const struct fix_action *a)
{
	size_t i;

	for (i = 0; i < p->nactions; i++)
		if (same_action(&p->actions[i], a))
			return true;
	return false;
}

/* a finding fixed only by actions the plan already holds (its file text cannot show it) */
static bool
done_by_actions(const struct fix_plan *p, const struct finding *f)
{
	size_t i;

	if (f->nactions == 0 || f->nedits > 0)
		return false;
	for (i = 0; i < f->nactions; i++)
		if (!planned(p, &f->actions[i]))
			return false;
	return true;
}

static void
add_note(struct fix_plan *p, const char *s)
{
	*VEC_PUSH(p->notes, p->nnotes, p->capnotes) = s;
}

static struct tally *
tally_of(struct tallies *t, const struct finding *f)
{
	size_t i;
	struct tally *x;

	for (i = 0; i < t->n; i++)
		if (t->v[i].rule == f->rule && strcmp(t->v[i].path, f->path) == 0)
			return &t->v[i];
	x = VEC_PUSH(t->v, t->n, t->cap);
	memset(x, 0, sizeof(*x));
	x->rule = f->rule;
	x->path = f->path;
	return x;
}

static struct fix_file *
file_of(struct host *h, struct fix_plan *p, const struct source *src)
{
	struct fix_file *ff;
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, src->path) == 0)
			return &p->files[i];
	/* first seen before any edit: these are the bytes on disk */
	ff = VEC_PUSH(p->files, p->nfiles, p->capfiles);
	memset(ff, 0, sizeof(*ff));
	ff->path = arena_strdup(&h->arena, src->path);
	if (!src->absent) {
		ff->old = arena_strndup(&h->arena, src->buf, src->len);
		ff->oldlen = src->len;
		ff->st = src->st;
		ff->has_st = src->has_st;
	}
	return ff;
}

static struct edit_set *
set_of(struct pass *ps, struct source *src)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (ps->sets[i].src == src)
			return &ps->sets[i];
	edit_set_init(VEC_PUSH(ps->sets, ps->n, ps->cap), src);
	return &ps->sets[ps->n - 1];
}

/* adds every edit of f to the sets of their sources (a fix may touch several files);
 * fits() said they all go in */
static int
take(struct pass *ps, const struct finding *f)
{
	size_t i;

	for (i = 0; i < f->nedits; i++)
		if (edit_set_add(set_of(ps, f->edits[i].src), &f->edits[i], 1) != 0)
			return -1;
	return 0;
}

/* checks a finding's edits against the sets without changing them */
static int
fits(struct pass *ps, const struct finding *f)
{
	size_t i, j;

	for (i = 0; i < f->nedits; i++) {
		const struct edit *e = &f->edits[i];

		if (e->span.start > e->span.end || e->span.end > e->src->len)
			return 0;
		/* each set is searched, not walked: comparing every edit with every other
		 * cost 100,000 edits of step-tickers 13 s */
		for (j = 0; j < ps->n; j++)
			if (ps->sets[j].src == e->src && edit_set_conflicts(&ps->sets[j], e))
				return 0;
	}
	return !edits_conflict(f->edits, f->nedits);
}

/* line ends are fixed in a pass of their own, before any other fix: a line another fix
 * inserts then takes the file's new line end, and no pass leaves a line ntpd misreads */
static int
phase(enum rule_id r)
{
	return r == R_NTP003 || r == R_STK005 ? 0 : 1;
}

/* the file configuration management writes (FS005) that a fix of f would change, or
 * NULL: such a fix waits for --fix-managed */
static const char *
managed_path(const struct fix_plan *p, const struct finding *f, const struct fix_opts *fo)
{
	size_t i, j;

	for (i = 0; i < p->nmanaged && !fo->managed; i++) {
		for (j = 0; j < f->nedits; j++)
			if (strcmp(f->edits[j].src->path, p->managed[i]) == 0)
				return p->managed[i];
		for (j = 0; j < f->nactions; j++)
			if (strcmp(f->actions[j].path, p->managed[i]) == 0)
				return p->managed[i];
	}
	return NULL;
}

static bool
wanted(const struct fix_plan *p, const struct finding *f, const struct fix_opts *fo)
{
	const char *why = left_reason(f, fo);

	return why != NULL && *why == '\0' && !done_by_actions(p, f) &&
	    managed_path(p, f, fo) == NULL;
}

/* the findings of one pass that this run fixes (those of the first phase that has any):
 * their edits into the sets, their actions into the plan; returns how many were taken,
 * *deferred those that conflict and wait for the next pass */
/* the plan keeps its own copy of an action: one taken in a later pass comes from a
 * re-lint, whose arena is freed before the plan is used */
static void
plan_action(struct host *h, struct fix_plan *p, const struct fix_action *a)
{
	struct fix_action *x = VEC_PUSH(p->actions, p->nactions, p->capactions);

	*x = *a;
	x->path = arena_strdup(&h->arena, a->path);
	x->target = a->target != NULL ? arena_strdup(&h->arena, a->target) : NULL;
	x->replaces = a->replaces != NULL ? arena_strdup(&h->arena, a->replaces) : NULL;
}

static size_t
collect(struct host *h, struct host *cur, struct pass *ps, struct fix_plan *p,
    const struct fix_opts *fo, size_t *deferred)
{
	size_t i, j, taken = 0;
	int ph = 1;
	struct blockers b;

	*deferred = 0;
	for (i = 0; i < cur->diags.n; i++)
		if (wanted(p, &cur->diags.v[i], fo) && phase(cur->diags.v[i].rule) < ph)
			ph = phase(cur->diags.v[i].rule);
	for (i = 0; i < ps->nblocked; i++)
		ps->blocked[i].n = 0;	/* counted again on this text */
	blockers_of(cur, &b);
	for (i = 0; i < cur->diags.n; i++) {
		const struct finding *f = &cur->diags.v[i];
		const struct finding *e;

		if (!wanted(p, f, fo) || phase(f->rule) != ph)
			continue;
		if ((e = blocker(&b, f)) != NULL) {
			note_blocked(h, ps, f, e);
			continue;
		}
		if (!fits(ps, f)) {
			(*deferred)++;
			continue;
		}
		if (take(ps, f) != 0)
			fatal("internal error: edits of %s fit but cannot be added",
			    rule_table[f->rule].code);
		for (j = 0; j < f->nactions; j++)
			if (!planned(p, &f->actions[j]))
				plan_action(h, p, &f->actions[j]);
		taken++;
	}
	return taken;
}

/* applies the pass's sets: the plan's files and the texts the next lint reads */
static void
apply(struct host *h, struct pass *ps, struct fix_plan *p)
{
	size_t i, j, len;
	char *out;

	for (i = 0; i < ps->n; i++) {
		struct edit_set *s = &ps->sets[i];
		struct fix_file *ff = file_of(h, p, s->src);
		char *text;

		out = edit_apply(s, &len);
		text = arena_alloc(&h->arena, len + 1);
		memcpy(text, out, len + 1);
		free(out);
		ff->text = text;
		ff->len = len;
		for (j = 0; j < ps->ntexts; j++)
			if (strcmp(ps->texts[j].path, ff->path) == 0)
				break;
		if (j == ps->ntexts) {
			VEC_PUSH(ps->texts, ps->ntexts, ps->captexts);
			ps->texts[j].path = ff->path;
		}
		ps->texts[j].buf = text;
		ps->texts[j].len = len;
		edit_set_free(s);
	}
	ps->n = 0;
}

/* the syntax findings of one rule in one file, before (h) and after the fixes (cur) */
struct syn_count {
	enum rule_id rule;
	const char *path;
	size_t had, has;
};

struct syn_counts {
	struct syn_count *v;
	size_t n, cap, last;
};

static struct syn_count *
syn_count_of(struct syn_counts *c, const struct finding *f)
{
	size_t i;
	struct syn_count *x;

	/* the findings are sorted by file: the one before is most often the one */
	if (c->last < c->n && c->v[c->last].rule == f->rule &&
	    strcmp(c->v[c->last].path, f->path) == 0)
		return &c->v[c->last];
	for (i = 0; i < c->n; i++)
		if (c->v[i].rule == f->rule && strcmp(c->v[i].path, f->path) == 0)
			return &c->v[c->last = i];
	x = VEC_PUSH(c->v, c->n, c->cap);
	x->rule = f->rule;
	x->path = f->path;
	x->had = x->has = 0;
	c->last = c->n - 1;
	return x;
}

/* a syntax finding of cur that h does not have (more of its rule in its file): one the
 * fixes made. Counted once per rule and file: counting them again for each finding was
 * quadratic in a file of many syntax errors */
static const struct finding *
new_syntax(const struct host *h, const struct host *cur)
{
	struct syn_counts c = { 0 };
	const struct finding *r = NULL;
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (is_syntax(h->diags.v[i].rule))
			syn_count_of(&c, &h->diags.v[i])->had++;
	for (i = 0; i < cur->diags.n; i++)
		if (is_syntax(cur->diags.v[i].rule))
			syn_count_of(&c, &cur->diags.v[i])->has++;
	for (i = 0; i < cur->diags.n && r == NULL; i++) {
		const struct finding *f = &cur->diags.v[i];
		struct syn_count *x;

		if (!is_syntax(f->rule))
			continue;
		x = syn_count_of(&c, f);
		if (x->has > x->had)
			r = f;
	}
	free(c.v);
	return r;
}

static void
relint(struct host *h, const struct lint_opts *lo, struct pass *ps, struct host *out)
{
	struct lint_opts o = *lo;

	o.texts = ps->texts;
	o.ntexts = ps->ntexts;
	o.fs = h->fs;
	if (h->root != NULL)
		host_lint(out, h->root, true, &o);
	else
		host_lint(out, h->lone, false, &o);
	diags_sort(&out->diags);
}

/* runs passes until no fixable finding with a fix is left; *final gets the last lint
 * (heap, or NULL when the first pass had nothing to do); 0, or -1 with p->refused set */
static int
run_passes(struct host *h, const struct lint_opts *lo, const struct fix_opts *fo,
    struct fix_plan *p, struct pass *ps_, struct host **final)
{
	struct pass ps = *ps_;
	struct host *cur = h, *next;
	const struct finding *bad;
	size_t taken, deferred;
	int r = 0;

	for (;;) {
		taken = collect(h, cur, &ps, p, fo, &deferred);
		if (taken == 0)
			break;
		if (p->passes == FIX_MAX_PASSES) {
			p->refused = arena_printf(&h->arena,
			    "the fixes do not converge after %d passes (a fix keeps finding work): nothing of this host is written",
			    FIX_MAX_PASSES);
			r = -1;
			break;
		}
		p->passes++;
		apply(h, &ps, p);
		next = xmalloc(sizeof(*next));
		relint(h, lo, &ps, next);
		if (cur != h) {
			host_free(cur);
			free(cur);
		}
		cur = next;
		/* an error the host had stays, and blocks the fixes that depend on it in the
		 * next collect(); one a fix made refuses them all */
		if ((bad = new_syntax(h, cur)) != NULL) {
			p->refused = arena_printf(&h->arena,
			    "the fixed %s would not parse (%s: %s): nothing of this host is written",
			    bad->path, rule_table[bad->rule].code, bad->message);
			r = -1;
			break;
		}
	}
	/* a pass cut short by the pass limit leaves its sets unapplied */
	while (ps.n > 0)
		edit_set_free(&ps.sets[--ps.n]);
	free(ps.sets);
	free(ps.texts);
	ps.sets = NULL;
	ps.texts = NULL;
	*ps_ = ps;	/* the blocked fixes, for fix_plan */
	if (r != 0 && cur != h) {
		host_free(cur);
		free(cur);
		cur = h;
	}
	*final = cur == h ? NULL : cur;
	return r;
}

/* the fixed texts pass if every finding the run fixes is gone and nothing new appeared
 * (new advice, severity info, is allowed and reported) */
static int
verify(struct host *h, struct host *final, struct fix_plan *p, struct tallies *t)
{
	size_t i;

	for (i = 0; i < final->diags.n; i++) {
		const struct finding *f = &final->diags.v[i];
		struct tally *x;

		if (done_by_actions(p, f))
			continue;
		x = tally_of(t, f);
		x->final++;
		if (x->final + x->sel > x->orig && x->sel > 0) {
			p->refused = arena_printf(&h->arena,
			    "verification failed: after the fixes %s still has a %s finding (%s): nothing of this host is written",
			    f->path, rule_table[f->rule].code, f->message);
			return -1;
		}
		if (x->final > x->orig && f->sev != SEV_INFO) {
			p->refused = arena_printf(&h->arena,
			    "verification failed: the fixes would add a finding to %s (%s: %s): nothing of this host is written",
			    f->path, rule_table[f->rule].code, f->message);
			return -1;
		}
		if (x->final > x->orig) {
			add_note(p, arena_printf(&h->arena, "after the fixes, %s has new advice: %s [%s]",
			    f->path, f->message, rule_table[f->rule].code));
			p->new_advice = true;
		}
	}
	return 0;
}

static void
set_fixed(struct fix_plan *p, struct finding *f, struct tally *x)
{
	f->fix_state = FIXST_FIXED;
	f->fix_why = NULL;
	if (x->sel > 0)
		x->sel--;
	p->nfixed++;
}

/* marks, per rule and file, as many findings fixed as the fixed texts have fewer: first
 * those this run chose, then those a later pass could fix (their fix needed an earlier one) */
static void
mark(struct host *h, struct fix_plan *p, struct tallies *t, const struct fix_opts *fo)
{
	size_t i;
	int round;

	for (i = 0; i < t->n; i++)
		t->v[i].sel = t->v[i].orig > t->v[i].final ? t->v[i].orig - t->v[i].final : 0;
	/* a syntax error of a CR LF line is gone with the CR */
	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];

		if (is_syntax(f->rule) && f->fix_state == FIXST_NONE && tally_of(t, f)->sel > 0)
			set_fixed(p, f, tally_of(t, f));
	}
	for (round = 0; round < 2; round++) {
		for (i = 0; i < h->diags.n; i++) {
			struct finding *f = &h->diags.v[i];
			struct tally *x;

			if (f->fix_state != FIXST_LEFT)
				continue;
			x = tally_of(t, f);
			if (round == 0 && done_by_actions(p, f))
				set_fixed(p, f, x);
			else if (x->sel > 0 && (round == 0 ? f->fix_why[0] == '\0' :
			    f->nedits == 0 && f->nactions == 0 && fo->fixable[f->rule] &&
			    (fo->unsafe || rule_table[f->rule].fix != FIX_UNSAFE)))
				set_fixed(p, f, x);
		}
	}
}

/* a directory root on a kernel without openat2(), where nothing is written */
static bool
no_openat2(const struct host *h)
{
	int fd;

	if (h->rootfd < 0)
		return false;
	fd = open_in_root(h->rootfd, ".", O_PATH | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	return fd == -2;
}

/* the directories missing below the root for the files the plan creates (etc/ntp for
 * step-tickers): made first, 0755 root:root, as GNU patch makes them for --diff's new
 * files (the same bytes either way). The actions go first in the plan, parents first. */
static void
plan_dirs(struct host *h, struct fix_plan *p)
{
	struct fix_action *dirs = NULL;
	size_t i, n = 0, cap = 0;
	const char *slash;
	struct stat st;
	char *dir;
	int r;

	for (i = 0; i < p->nfiles && h->fs != NULL; i++) {
		if (p->files[i].old != NULL)
			continue;
		for (slash = strchr(p->files[i].path, '/'); slash != NULL;
		    slash = strchr(slash + 1, '/')) {
			struct fix_action a = { .kind = FIXACT_MKDIR, .mode = 0755 };
			size_t k;

			dir = arena_strndup(&h->arena, p->files[i].path,
			    (size_t)(slash - p->files[i].path));
			r = h->fs->ops->stat(h->fs, dir, true, &st);
			if (r == 0 && S_ISDIR(st.st_mode))
				continue;
			if (r == 0 || errno != ENOENT || no_openat2(h))
				break;	/* not a directory, or no openat2: the write says why */
			a.path = dir;
			for (k = 0; k < n && strcmp(dirs[k].path, dir) != 0; k++)
				;
			if (k == n)
				*VEC_PUSH(dirs, n, cap) = a;
		}
	}
	if (n == 0)
		return;
	for (i = 0; i < p->nactions; i++)
		*VEC_PUSH(dirs, n, cap) = p->actions[i];
	free(p->actions);
	p->actions = dirs;
	p->nactions = n;
	p->capactions = cap;
}

void
fix_plan(struct host *h, const struct lint_opts *lo, const struct fix_opts *fo,
    struct fix_plan *p)
{
	struct tallies t;
	struct host *final = NULL;
	struct pass ps;
	size_t i, nsel = 0;

	memset(p, 0, sizeof(*p));
	memset(&t, 0, sizeof(t));
	memset(&ps, 0, sizeof(ps));
	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == R_FS005)
			*VEC_PUSH(p->managed, p->nmanaged, p->capmanaged) = h->diags.v[i].path;
	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];
		const char *why = left_reason(f, fo), *mp;

		tally_of(&t, f)->orig++;
		if (why == NULL)
			continue;
		if (*why == '\0' && (mp = managed_path(p, f, fo)) != NULL)
			why = arena_printf(&h->arena, "%s says configuration management writes it "
			    "(FS005): change its source, or use --fix-managed", mp);
		f->fix_state = FIXST_LEFT;
		f->fix_why = why;
		if (*why == '\0') {
			tally_of(&t, f)->sel++;
			nsel++;
		}
	}
	/* a syntax error blocks the fixes that depend on what it hides (collect()); the
	 * line-end pass comes first, and removes those a CR made */
	if (nsel > 0 && run_passes(h, lo, fo, p, &ps, &final) == 0) {
		/* a blocked finding is not one this run fixes: verify() must not miss it */
		for (i = 0; i < ps.nblocked; i++) {
			struct tally *x = tally_of(&t, &(struct finding){ .rule = ps.blocked[i].rule,
			    .path = ps.blocked[i].path });

			x->sel -= ps.blocked[i].n < x->sel ? ps.blocked[i].n : x->sel;
		}
		if (final != NULL && verify(h, final, p, &t) == 0) {
			mark(h, p, &t, fo);
			plan_dirs(h, p);
		}
	}
	for (i = 0; i < ps.nblocked; i++) {
		size_t j, n = ps.blocked[i].n;

		for (j = 0; j < h->diags.n && n > 0; j++) {
			struct finding *f = &h->diags.v[j];

			if (f->fix_state == FIXST_LEFT && f->fix_why[0] == '\0' &&
			    f->rule == ps.blocked[i].rule && strcmp(f->path, ps.blocked[i].path) == 0) {
				f->fix_why = ps.blocked[i].why;
				n--;
			}
		}
	}
	free(ps.blocked);
	if (final != NULL) {
		host_free(final);
		free(final);
	}
	if (p->refused != NULL) {
		p->nfiles = p->nactions = p->nfixed = 0;
		for (i = 0; i < h->diags.n; i++)
			if (h->diags.v[i].fix_state == FIXST_LEFT && h->diags.v[i].fix_why[0] == '\0')
				h->diags.v[i].fix_why = p->refused;
	}
	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].fix_state == FIXST_LEFT && h->diags.v[i].fix_why[0] == '\0')
			h->diags.v[i].fix_why = "its fix did not remove it";
	free(t.v);
}

/* a lone file's directory, opened: for a lone file it is the root */
static int
open_dir_of(const char *path, const char **rel)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	*rel = slash ? slash + 1 : path;
	dir = slash == path ? xstrdup("/") : slash ? xstrndup(path, (size_t)(slash - path)) :
	    xstrdup(".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

/* the directory a host's files are written below, and a file's path in it */
static int
write_root(const struct host *h, const char *path, const char **rel)
{
	if (h->root != NULL) {
		*rel = path;
		return dup(h->rootfd);
	}
	return open_dir_of(path, rel);
}

int
fix_lock(const char *path, bool is_root, struct fsw_err *e)
{
	const char *rel;
	int dirfd, lock;

	if (is_root)
		dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	else
		dirfd = open_dir_of(path, &rel);
	if (dirfd < 0) {
		snprintf(e->msg, sizeof(e->msg), "cannot open %s to lock it: %s", path,
		    strerror(errno));
		return -1;
	}
	lock = fsw_lock(dirfd, FIX_LOCK_WAIT_MS, e);
	close(dirfd);
	return lock;
}

static void
leave(struct host *h, const char *path, const struct fix_action *a, const char *why)
{
	size_t i, j;

	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];

		if (f->fix_state != FIXST_FIXED)
			continue;
		for (j = 0; a != NULL && j < f->nactions; j++)
			if (same_action(a, &f->actions[j]))
				break;
		if ((path != NULL && strcmp(f->path, path) == 0) || (a != NULL && j < f->nactions)) {
			f->fix_state = FIXST_LEFT;
			f->fix_why = why;
		}
	}
}

/* the mode bits the plan's chmod actions clear on path: the new file is written without
 * them, and so is its backup */
static mode_t
clears(const struct fix_plan *p, const char *path)
{
	mode_t m = 0;
	size_t i;

	for (i = 0; i < p->nactions; i++)
		if (p->actions[i].kind == FIXACT_CHMOD && strcmp(p->actions[i].path, path) == 0)
			m |= (mode_t)p->actions[i].mode;
	return m;
}

static void
action_failed(struct host *h, struct fix_plan *p, size_t i, const char *msg)
{
	p->action_errors[i] = arena_strdup(&h->arena, msg);
	p->write_failed = true;
	leave(h, NULL, &p->actions[i], p->action_errors[i]);
}

/* the symlink actions (SVC010's rc links) as one change: all made, or, if one fails before
 * the first is made, none; a change cut short leaves temp links the next run finishes */
static void
make_links(struct host *h, struct fix_plan *p)
{
	struct fsw_link *v = NULL;
	size_t *at = NULL, n = 0, cap = 0, capat = 0, nat = 0, i;

	for (i = 0; i < p->nactions; i++) {
		const struct fix_action *a = &p->actions[i];
		struct fsw_link *l;

		if (a->kind != FIXACT_SYMLINK)
			continue;
		l = VEC_PUSH(v, n, cap);
		memset(l, 0, sizeof(*l));
		l->path = a->path;
		l->target = a->target;
		l->replaces = a->replaces;
		*VEC_PUSH(at, nat, capat) = i;
	}
	if (n > 0 && fsw_links(h->rootfd, v, n) != 0)
		for (i = 0; i < n; i++)
			if (v[i].err.msg[0] != '\0')
				action_failed(h, p, at[i], v[i].err.msg);
	free(v);
	free(at);
}

/* the directories the created files need, before the files */
static void
make_dirs(struct host *h, struct fix_plan *p)
{
	struct fsw_err e;
	size_t i;

	for (i = 0; i < p->nactions && h->root != NULL; i++)
		if (p->actions[i].kind == FIXACT_MKDIR &&
		    fsw_mkdir(h->rootfd, p->actions[i].path, &e) != 0)
			action_failed(h, p, i, e.msg);
}

/* no file of the plan was written below dir */
static bool
dir_unused(const struct fix_plan *p, const char *dir)
{
	size_t i, n = strlen(dir);

	for (i = 0; i < p->nfiles; i++)
		if (p->files[i].error == NULL && strncmp(p->files[i].path, dir, n) == 0 &&
		    p->files[i].path[n] == '/')
			return false;
	return true;
}

void
fix_write(struct host *h, struct fix_plan *p, const struct fix_opts *fo)
{
	struct fsw_err e;
	const char *rel;
	char *bk;
	size_t i;
	int rootfd, r;

	p->action_errors = arena_alloc(&h->arena, (p->nactions + 1) * sizeof(*p->action_errors));
	memset(p->action_errors, 0, (p->nactions + 1) * sizeof(*p->action_errors));
	make_dirs(h, p);
	for (i = 0; i < p->nfiles; i++) {
		struct fix_file *ff = &p->files[i];
		struct fsw_orig o = { ff->old, ff->oldlen, ff->has_st ? &ff->st : NULL,
		    clears(p, ff->path) };

		bk = NULL;
		rootfd = write_root(h, ff->path, &rel);
		if (rootfd < 0) {
			snprintf(e.msg, sizeof(e.msg), "%s: not written: cannot open its directory", ff->path);
			r = -1;
		} else {
			r = fsw_replace(rootfd, rel, ff->text, ff->len, &o, fo->backup, &bk, &e);
		}
		if (r < 0) {
			ff->error = arena_strdup(&h->arena, e.msg);
			p->write_failed = true;
			leave(h, ff->path, NULL, ff->error);
		} else if (r > 0) {
			/* written, and what went wrong after is said, not ignored */
			add_note(p, arena_strdup(&h->arena, e.msg));
			p->write_failed = true;
		}
		if (bk != NULL) {
			ff->backup = arena_strdup(&h->arena, bk);
			free(bk);
		}
		if (rootfd >= 0)
			close(rootfd);
	}
	if (h->root == NULL)
		return;
	/* a directory made for a file that could not be written goes again (the deepest
	 * first; one that is not empty stays) */
	for (i = p->nactions; i-- > 0;)
		if (p->actions[i].kind == FIXACT_MKDIR && p->action_errors[i] == NULL &&
		    dir_unused(p, p->actions[i].path))
			fsw_rmdir_empty(h->rootfd, p->actions[i].path);
	for (i = 0; i < p->nactions; i++)
		if (p->actions[i].kind == FIXACT_CHMOD &&
		    fsw_chmod_clear(h->rootfd, p->actions[i].path, (mode_t)p->actions[i].mode, &e) != 0)
			action_failed(h, p, i, e.msg);
	make_links(h, p);
}

void
fix_remove_stale(struct host *h, const struct fix_opts *fo)
{
	const struct files_model *m = &h->model.files;
	const char *rel;
	size_t i;
	int rootfd;

	for (i = 0; i < m->n; i++) {
		if (m->v[i].src == NULL || (rootfd = write_root(h, m->v[i].path, &rel)) < 0)
			continue;
		fsw_remove_stale(rootfd, rel, fo->backup);
		close(rootfd);
	}
}

void
fix_plan_free(struct fix_plan *p)
{
	free(p->files);
	free(p->actions);
	free(p->notes);
	free(p->managed);
	memset(p, 0, sizeof(*p));
}
