/* cli: the settings of a run, from the command line and the config file. Both set them
 * through cli_set(), so a setting means the same in either place; the config file is
 * applied first and the command line on top of it, so the command line wins. */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "addrbook.h"
#include "arena.h"
#include "fix.h"
#include "lint.h"
#include "output.h"
#include "probe.h"

enum { FAIL_NEVER = 3 };

/* the settings: getopt_long values of the long options, and the keys of the config file */
enum opt {
	OPT_NTP_VERSION = 256, OPT_ESX_VERSION, OPT_FORMAT, OPT_FAIL_ON, OPT_ENABLE,
	OPT_DISABLE, OPT_SHOW_SOURCE, OPT_COLOR, OPT_MAX_FILE_SIZE, OPT_FIX, OPT_UNSAFE_FIXES,
	OPT_DIFF, OPT_FIXABLE, OPT_BACKUP, OPT_NO_BACKUP, OPT_EXIT_ON_FIX, OPT_ADDRESS,
	OPT_RESOLVE, OPT_LIST_RULES, OPT_EXPLAIN, OPT_STDIN_FILENAME, OPT_CONFIG, OPT_NO_CONFIG,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_FIX_MANAGED, OPT_NO_PIN_POOL,
	OPT_PROBE, OPT_MAX_OFFSET, OPT_PROBE_TIMEOUT, OPT_ROOTS_FROM, OPT_QUIET, OPT_STATISTICS,
	OPT_END
};

struct config;

struct cli {
	struct arena arena;	/* the settings' strings that outlive their source */
	struct lint_opts lint;
	struct out_opts out;
	int fail_on;		/* enum severity, or FAIL_NEVER */
	bool enabled[R_COUNT];
	int color;		/* -1 auto, 0 never, 1 always */
	int show_source;	/* -1 auto, 0 never, 1 always */
	bool fix, diff;		/* --fix, --diff */
	bool exit_on_fix;	/* --exit-non-zero-on-fix */
	struct fix_opts fo;
	struct addr_book addrs;	/* --address, --resolve */
	const char *stdin_name;	/* --stdin-filename, or NULL */
	const char *baseline;	/* --baseline FILE, or NULL */
	const char *write_baseline;	/* --write-baseline FILE, or NULL */
	const char *config_file;	/* --config FILE, or NULL */
	bool no_config;		/* --no-config */
	bool list_rules;
	bool probe;		/* --probe (the command line's only: it acts on the live host) */
	struct probe_opts po;	/* --max-offset, --probe-timeout */
	const char *roots_from;	/* --roots-from FILE ("-": standard input), or NULL */
	bool quiet;		/* --quiet: no progress line, no notes on standard error */
	bool statistics;	/* --statistics: only the findings per rule */
	/* which settings the command line gave (they win over the config file's sections) */
	bool given[OPT_END - 256];
	/* a list setting (--enable, --fixable) replaces the selection the first time each
	 * source (config file, command line) gives it, and adds to it after that */
	bool enable_seen, fixable_seen;
	struct cli_arg {	/* the options of the command line, applied after the config */
		enum opt opt;
		const char *value;
	} *args;
	size_t nargs, capargs;
	char **paths;		/* the PATHs, npaths of them */
	int npaths;
	struct config *cfg;	/* the config file read, or NULL */
};

#define CLI_GIVEN(c, opt) ((c)->given[(opt) - 256])

/* defaults */
void cli_init(struct cli *c);
void cli_free(struct cli *c);
/* reads argv: --help, --version and --explain are done at once (and exit), the other
 * options are kept to be applied by cli_apply_args after the config file */
void cli_parse(struct cli *c, int argc, char **argv);
/* applies the options cli_parse kept, in their order */
void cli_apply_args(struct cli *c);
/* checks the settings against each other; --list-rules is done here (and exits) */
void cli_finish(struct cli *c);

/* sets one setting from value (NULL for an option without a value; a config file's
 * booleans are "true" or "false" and the like); 0, or -1 with why in err ("takes error,
 * warning, info or never, not 'x'"), for the caller to prefix with where it came from */
int cli_set(struct cli *c, enum opt o, const char *value, bool from_config, char *err,
    size_t cap);
/* --enable, --disable, --fixable and a config file's ignore: the rules, names or families
 * in list (separated by commas or blanks) set to on in set[R_COUNT]. With seen, the first
 * call clears set first (a selection), and sets *seen. 0, or -1 with err set (set as it was) */
int cli_select_rules(bool *set, const char *list, bool on, bool *seen, char *err, size_t cap);
/* the long option's name ("fail-on"), for messages */
const char *cli_opt_name(enum opt o);

/* whether the report gets colour: --color (or the config's color), then FORCE_COLOR,
 * then NO_COLOR, then whether it goes to a terminal */
bool cli_use_color(const struct cli *c, bool tty);
/* "esxntp-lint: MSG\nTry 'esxntp-lint --help'." on stderr, exit 2 */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
