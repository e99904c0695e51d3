/* config: esxntp-lint.ini, see config.h. libinih splits the lines; the reader below hands
 * them over one at a time, so each key and error knows its line, and it sees the section
 * headers itself (inih says nothing of a section without keys, and cuts a long name). */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "model_files.h"
#include "pathutil.h"
#include "suppress.h"
#include "util.h"

enum sect_kind { SECT_MAIN, SECT_HOST, SECT_FILE };

struct section {
	enum sect_kind kind;
	const char *glob;		/* SECT_HOST, SECT_FILE */
	int line;
	const char *esx_version;	/* SECT_HOST: esx-version, or NULL */
	int ntp_version;		/* SECT_HOST: ntp-version, or -1 */
	bool ignore[R_COUNT];		/* SECT_HOST, SECT_FILE */
	bool has_ignore;
	/* the keys set so far, to refuse a setting given twice */
	const char *keys[32];
	int nkeys;
};

struct config {
	struct arena arena;
	const char *shown;		/* the file as messages name it */
	char *dir;			/* its directory, absolute */
	struct section *v;		/* in the file's order */
	size_t n, cap;
};

/* the keys of [esxntp-lint]: the command line's settings (not its actions: fix, diff,
 * write-baseline, config) */
static const struct {
	const char *name;
	enum opt opt;
	bool list;			/* may repeat, and continue on indented lines */
} main_keys[] = {
	{ "ntp-version", OPT_NTP_VERSION, false },
	{ "esx-version", OPT_ESX_VERSION, false },
	{ "format", OPT_FORMAT, false },
	{ "fail-on", OPT_FAIL_ON, false },
	{ "enable", OPT_ENABLE, true },
	{ "disable", OPT_DISABLE, true },
	{ "fixable", OPT_FIXABLE, true },
	{ "show-source", OPT_SHOW_SOURCE, false },
	{ "color", OPT_COLOR, false },
	{ "max-file-size", OPT_MAX_FILE_SIZE, false },
	{ "unsafe-fixes", OPT_UNSAFE_FIXES, false },
	{ "backup", OPT_BACKUP, false },
	{ "no-backup", OPT_NO_BACKUP, false },
	{ "exit-non-zero-on-fix", OPT_EXIT_ON_FIX, false },
	{ "address", OPT_ADDRESS, true },
	{ "resolve", OPT_RESOLVE, false },
	{ "no-pin-pool", OPT_NO_PIN_POOL, false },
	{ "baseline", OPT_BASELINE, false },
	{ "statistics", OPT_STATISTICS, false },
	{ "quiet", OPT_QUIET, false },
};
#define NMAIN_KEYS (sizeof(main_keys) / sizeof(main_keys[0]))

/* the reader's and the handler's state while one file is parsed */
struct parse {
	struct cli *c;
	struct config *cfg;
	const char *p, *end;		/* the text not read yet */
	int line;			/* of the line read last */
	bool continued;			/* it continues the key before it (indented) */
	bool after_key;			/* a key was read since the last section header */
	int err_line;			/* the first error found here, or 0 */
	char err[600];
};

static void
fail(struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct parse *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->err_line != 0)
		return;
	ps->err_line = ps->line;
	va_start(ap, fmt);
	vsnprintf(ps->err, sizeof(ps->err), fmt, ap);
	va_end(ap);
}

static const char *
skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v'))
		s++;
	return s;
}

/* a "[NAME]" line: a new section (inih reads the same line and ignores what follows ']') */
static void
section_header(struct parse *ps, const char *s, const char *end)
{
	const char *close = memchr(s, ']', (size_t)(end - s));
	struct section *x;
	char *name;

	if (close == NULL)
		return;		/* inih reports it: "no ']'" */
	name = arena_strndup(&ps->cfg->arena, s + 1, (size_t)(close - s - 1));
	x = VEC_PUSH(ps->cfg->v, ps->cfg->n, ps->cfg->cap);
	memset(x, 0, sizeof(*x));
	x->line = ps->line;
	x->ntp_version = -1;
	if (strcmp(name, "esxntp-lint") == 0) {
		x->kind = SECT_MAIN;
	} else if (strncmp(name, "host:", 5) == 0 || strncmp(name, "file:", 5) == 0) {
		x->kind = name[0] == 'h' ? SECT_HOST : SECT_FILE;
		x->glob = name + 5;
		if (x->glob[0] == '\0')
			fail(ps, "[%s] has no glob: write [%.4s:GLOB]", name, name);
	} else {
		fail(ps, "unknown section [%s]: the sections are [esxntp-lint], [host:GLOB] and [file:GLOB]",
		    name);
	}
}

/* inih's reader: one line into str[0..num), as fgets() would. A line that does not fit
 * is an error here (inih would cut it and drop the rest without a word) */
static char *
read_line(char *str, int num, void *stream)
{
	struct parse *ps = stream;
	const char *nl, *s;
	size_t len;

	if (ps->p >= ps->end)
		return NULL;
	nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	len = nl != NULL ? (size_t)(nl - ps->p) + 1 : (size_t)(ps->end - ps->p);
	ps->line++;
	if (memchr(ps->p, '\0', len) != NULL) {
		fail(ps, "a NUL byte in the line");
		len = 0;
	} else if (len + 1 > (size_t)num) {
		fail(ps, "the line is longer than %d bytes (continue a list on indented lines)",
		    num - 3);
		len = 0;
	}
	memcpy(str, ps->p, len);
	str[len] = '\0';
	ps->p = nl != NULL ? nl + 1 : ps->end;
	/* how inih reads the line: a comment, a continuation (indented, after a key), a
	 * section header, or a key */
	s = skip_blank(str, str + len);
	ps->continued = false;
	if (*s == ';' || *s == '#' || *s == '\n' || *s == '\0')
		return str;
	if (ps->after_key && s > str) {
		ps->continued = true;
	} else if (*s == '[') {
		section_header(ps, s, str + len);
		ps->after_key = false;
	} else {
		ps->after_key = true;
	}
	return str;
}

static struct section *
current(struct parse *ps)
{
	return ps->cfg->n > 0 ? &ps->cfg->v[ps->cfg->n - 1] : NULL;
}

/* a key given twice in one section (lists excepted) */
static bool
seen_key(struct parse *ps, struct section *x, const char *name)
{
	int i;

	for (i = 0; i < x->nkeys; i++)
		if (strcmp(x->keys[i], name) == 0)
			return true;
	if (x->nkeys < (int)(sizeof(x->keys) / sizeof(x->keys[0])))
		x->keys[x->nkeys++] = arena_strdup(&ps->cfg->arena, name);
	return false;
}

/* "; did you mean 'fail-on'?" for fail_on or FAIL-ON */
static const char *
suggest(const char *name, char *buf, size_t cap)
{
	size_t i, j;

	for (i = 0; i < NMAIN_KEYS; i++) {
		const char *k = main_keys[i].name;

		for (j = 0; name[j] && k[j]; j++)
			if ((name[j] == '_' ? '-' : name[j] | 0x20) != k[j])
				break;
		if (name[j] == '\0' && k[j] == '\0') {
			snprintf(buf, cap, "; did you mean '%s'?", k);
			return buf;
		}
	}
	return "";
}

static int
main_key(struct parse *ps, struct section *x, const char *name, const char *value)
{
	char err[512], hint[64];
	size_t i;

	for (i = 0; i < NMAIN_KEYS; i++)
		if (strcmp(main_keys[i].name, name) == 0)
			break;
	if (i == NMAIN_KEYS) {
		if (strcmp(name, "ignore") == 0)
			fail(ps, "'ignore' is for [host:GLOB] and [file:GLOB] sections; in [esxntp-lint], use 'disable'");
		else if (strcmp(name, "fix") == 0 || strcmp(name, "diff") == 0 ||
		    strcmp(name, "write-baseline") == 0 || strcmp(name, "config") == 0 ||
		    strcmp(name, "stdin-filename") == 0 || strcmp(name, "fix-managed") == 0 ||
		    strcmp(name, "roots-from") == 0)
			fail(ps, "'%s' is a command-line option only (it says what this run does, not how it checks)",
			    name);
		else
			fail(ps, "unknown key '%s' in [esxntp-lint]%s", name,
			    suggest(name, hint, sizeof(hint)));
		return 0;
	}
	if (ps->continued && !main_keys[i].list) {
		fail(ps, "'%s' takes one value (an indented line continues the key above it)", name);
		return 0;
	}
	if (!ps->continued && !main_keys[i].list && seen_key(ps, x, name)) {
		fail(ps, "'%s' is set twice in this section", name);
		return 0;
	}
	if (cli_set(ps->c, main_keys[i].opt, value, true, err, sizeof(err)) != 0) {
		fail(ps, "%s%s %s", name, strncmp(err, "takes", 5) == 0 ? "" : ":", err);
		return 0;
	}
	return 1;
}

static int
glob_key(struct parse *ps, struct section *x, const char *name, const char *value)
{
	const char *where = x->kind == SECT_HOST ? "host" : "file";
	char err[512];
	enum ntp_version nv;
	int esx[3];

	if (strcmp(name, "ignore") == 0) {
		if (cli_select_rules(x->ignore, value, true, NULL, err, sizeof(err)) != 0) {
			fail(ps, "ignore: %s", err);
			return 0;
		}
		x->has_ignore = true;
		return 1;
	}
	if (x->kind == SECT_HOST && (strcmp(name, "esx-version") == 0 ||
	    strcmp(name, "ntp-version") == 0)) {
		if (ps->continued) {
			fail(ps, "'%s' takes one value (an indented line continues the key above it)", name);
			return 0;
		}
		if (seen_key(ps, x, name)) {
			fail(ps, "'%s' is set twice in this section", name);
			return 0;
		}
		if (name[0] == 'e') {
			if (!esx_version_parse(value, esx)) {
				fail(ps, "esx-version takes a version like 3, 3.0.1 or 4.0, not '%s'", value);
				return 0;
			}
			x->esx_version = arena_strdup(&ps->cfg->arena, value);
		} else {
			if (!ntpver_parse(value, &nv)) {
				fail(ps, "ntp-version takes 4.1, 4.2.0, 4.2.2, 4.2.8 or ntpsec, not '%s'", value);
				return 0;
			}
			x->ntp_version = (int)nv;
		}
		return 1;
	}
	if (strcmp(name, "esx-version") == 0 || strcmp(name, "ntp-version") == 0)
		fail(ps, "'%s' is set per host: in a [host:GLOB] section", name);
	else
		fail(ps, "unknown key '%s' in [%s:%s]: it takes %s", name, where, x->glob,
		    x->kind == SECT_HOST ? "esx-version, ntp-version and ignore" : "ignore");
	return 0;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse *ps = user;
	struct section *x = current(ps);

	(void)section;	/* the reader's own record: inih cuts names at 50 bytes */
	if (ps->err_line != 0)
		return 0;
	if (x == NULL) {
		fail(ps, "'%s' is outside a section: settings go under [esxntp-lint]", name);
		return 0;
	}
	if (value[0] == '\0') {
		fail(ps, "'%s' has no value", name);
		return 0;
	}
	return x->kind == SECT_MAIN ? main_key(ps, x, name, value) : glob_key(ps, x, name, value);
}

char *
config_match_path(const struct config *cfg, const char *path)
{
	char *abs, *rel;
	size_t n;

	if (strcmp(path, "-") == 0)
		return xstrdup(path);
	abs = path_absolute(path);
	if (cfg == NULL)
		return abs;
	n = strlen(cfg->dir);
	if (strcmp(abs, cfg->dir) == 0) {
		free(abs);
		return xstrdup(".");
	}
	if (strcmp(cfg->dir, "/") == 0)
		n = 0;
	if (strncmp(abs, cfg->dir, n) == 0 && abs[n] == '/') {
		rel = xstrdup(abs + n + 1);
		free(abs);
		return rel;
	}
	return abs;
}

/* the nearest esxntp-lint.ini from the current directory up, stopping after the first
 * directory that holds .git (the repository's top: a file above it is not the
 * project's) or at the filesystem root; a heap string, or NULL */
static char *
discover(void)
{
	char *dir = path_absolute("."), *p;
	struct stat st;

	for (;;) {
		char *cand = xasprintf("%s%s" CONFIG_NAME, dir, strcmp(dir, "/") == 0 ? "" : "/");
		char *git = xasprintf("%s%s.git", dir, strcmp(dir, "/") == 0 ? "" : "/");
		bool top = lstat(git, &st) == 0;

		free(git);
		if (stat(cand, &st) == 0 && !S_ISDIR(st.st_mode)) {
			free(dir);
			return cand;
		}
		free(cand);
		if (top || strcmp(dir, "/") == 0)
			break;
		p = strrchr(dir, '/');
		p[p == dir ? 1 : 0] = '\0';
	}
	free(dir);
	return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 4096 > cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 8192);
		k = fread(buf + n, 1, cap - n, fp);
		n += k;
	} while (k > 0 && n < (1u << 20));
	if (ferror(fp) || n >= (1u << 20)) {
		int e = ferror(fp) ? errno : EFBIG;

		fclose(fp);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

void
config_load(struct cli *c)
{
	struct config *cfg;
	struct parse ps;
	char *found = NULL, *text, *abs, *slash;
	size_t len = 0;
	int r;

	if (c->no_config)
		return;
	if (c->config_file == NULL && (found = discover()) == NULL)
		return;
	cfg = xcalloc(1, sizeof(*cfg));
	arena_init(&cfg->arena);
	arena_adopt(&cfg->arena, (void **)&cfg->v);
	c->cfg = cfg;
	abs = path_absolute(found ? found : c->config_file);
	slash = strrchr(abs, '/');
	cfg->dir = arena_strndup(&cfg->arena, abs, slash == abs ? 1 : (size_t)(slash - abs));
	/* a file found in the current directory is named as such, one further up in full */
	if (found != NULL) {
		char *rel = config_match_path(NULL, ".");

		cfg->shown = arena_strdup(&cfg->arena, strcmp(cfg->dir, rel) == 0 ? CONFIG_NAME : found);
		free(rel);
	} else {
		cfg->shown = c->config_file;
	}
	free(abs);
	text = slurp(found ? found : c->config_file, &len);
	free(found);
	if (text == NULL)
		fatal("config file %s cannot be read: %s", cfg->shown, strerror(errno));
	memset(&ps, 0, sizeof(ps));
	ps.c = c;
	ps.cfg = cfg;
	ps.p = text;
	ps.end = text + len;
	r = ini_parse_stream(read_line, &ps, handler, &ps);
	free(text);
	/* as a compiler reports an error in a file: FILE:LINE: error: ... */
	if (ps.err_line != 0 && (r <= 0 || ps.err_line <= r)) {
		fprintf(stderr, "%s:%d: error: %s\n", cfg->shown, ps.err_line, ps.err);
		exit(EXIT_INTERNAL);
	}
	if (r > 0) {
		fprintf(stderr, "%s:%d: error: not a '[section]' nor a 'key = value' line\n",
		    cfg->shown, r);
		exit(EXIT_INTERNAL);
	}
	if (r < 0)
		fatal("config file %s cannot be read", cfg->shown);
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	arena_free(&cfg->arena);
	free(cfg);
}

const char *
config_shown(const struct config *cfg)
{
	return cfg ? cfg->shown : NULL;
}

const char *
config_path(const struct config *cfg, struct arena *a, const char *v)
{
	if (v[0] == '/' || cfg == NULL)
		return arena_strdup(a, v);
	return arena_printf(a, "%s%s%s", cfg->dir, strcmp(cfg->dir, "/") == 0 ? "" : "/", v);
}

static bool
matches(const struct section *x, const char *path)
{
	return fnmatch(x->glob, path, 0) == 0;
}

void
config_host_opts(const struct config *cfg, const char *path, bool given_esx, bool given_ntp,
    struct arena *a, struct lint_opts *lo)
{
	char *hostpath;
	size_t i;

	if (cfg == NULL)
		return;
	hostpath = config_match_path(cfg, path);
	for (i = 0; i < cfg->n; i++) {
		const struct section *x = &cfg->v[i];

		if (x->kind != SECT_HOST || !matches(x, hostpath))
			continue;
		if (x->esx_version != NULL && !given_esx)
			lo->esx_version = arena_strdup(a, x->esx_version);
		if (x->ntp_version >= 0 && !given_ntp)
			lo->ntp_version = x->ntp_version;
	}
	free(hostpath);
}

size_t
config_suppress(const struct config *cfg, struct host *h, const char *stdin_name)
{
	bool host_ignore[R_COUNT], file_ignore[R_COUNT];
	const char *given = h->root != NULL ? h->root : h->lone, *last = NULL;
	char *hostpath;
	size_t i, j, n = 0;
	int r;

	if (cfg == NULL)
		return 0;
	if (h->root == NULL && strcmp(given, "-") == 0 && stdin_name != NULL)
		given = stdin_name;
	hostpath = config_match_path(cfg, given);
	memset(host_ignore, 0, sizeof(host_ignore));
	for (i = 0; i < cfg->n; i++)
		if (cfg->v[i].kind == SECT_HOST && cfg->v[i].has_ignore && matches(&cfg->v[i], hostpath))
			for (r = 0; r < R_COUNT; r++)
				host_ignore[r] |= cfg->v[i].ignore[r];
	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		/* findings come sorted by path: the file sections are matched once a file */
		if (last == NULL || strcmp(last, f->path) != 0) {
			char *fp = h->root == NULL ? xstrdup(given) : xasprintf("%s/%s", given, f->path);
			char *norm = config_match_path(cfg, fp);

			memset(file_ignore, 0, sizeof(file_ignore));
			for (j = 0; j < cfg->n; j++)
				if (cfg->v[j].kind == SECT_FILE && cfg->v[j].has_ignore &&
				    matches(&cfg->v[j], norm))
					for (r = 0; r < R_COUNT; r++)
						file_ignore[r] |= cfg->v[j].ignore[r];
			free(fp);
			free(norm);
			last = f->path;
		}
		if (host_ignore[f->rule] || file_ignore[f->rule]) {
			f->suppressed = SUPP_CONFIG;
			n++;
		}
	}
	free(hostpath);
	return n;
}
