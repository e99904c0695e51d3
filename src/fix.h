/* fix: --fix, --unsafe-fixes, --diff. Chooses the fixes a run may make, applies their edits
 * in memory in passes (an edit that conflicts waits for the next pass), re-lints the fixed
 * texts, and accepts the result only if it parses, the fixed findings are gone and no new
 * finding appeared. fix_write then writes each file atomically (src/fswrite.c). */
#ifndef FIX_H
#define FIX_H

#include <stdbool.h>
#include <sys/stat.h>

#include "lint.h"

/* how long a --fix run waits for another one on the same root */
#define FIX_LOCK_WAIT_MS 30000

/* passes before the fixes of a host count as not converging (inserts at one place, such
 * as one hosts line per missing server, take a pass each) */
#define FIX_MAX_PASSES 32

struct fix_opts {
	bool unsafe;			/* --unsafe-fixes */
	bool fixable[R_COUNT];		/* --fixable */
	bool enabled[R_COUNT];		/* --enable / --disable */
	const char *backup;		/* suffix (".bk"), or NULL for --no-backup */
	bool managed;			/* --fix-managed: also the files FS005 reports */
};

/* one file the fixes change: its text as read and as fixed */
struct fix_file {
	const char *path;		/* below the root, or the lone file's path */
	const char *old;		/* NULL: the file does not exist, the fix creates it */
	size_t oldlen;
	struct stat st;			/* when it was read */
	bool has_st;
	char *text;			/* the fixed text */
	size_t len;
	const char *backup;		/* the backup fix_write made, or NULL */
	const char *error;		/* why fix_write did not write it, or NULL (a problem
					 * after a write is a note of the plan) */
};

struct fix_plan {
	struct fix_file *files;
	size_t nfiles, capfiles;
	struct fix_action *actions;	/* chmod and symlink changes, after the texts */
	size_t nactions, capactions;
	const char **action_errors;	/* per action: why it failed, or NULL */
	const char *refused;		/* why nothing of this host is written, or NULL */
	const char **managed;		/* the files FS005 reports, left alone without
					 * --fix-managed */
	size_t nmanaged, capmanaged;
	const char **notes;		/* things the report should say (new advice, ...) */
	size_t nnotes, capnotes;
	int passes;
	size_t nfixed;			/* findings the plan fixes */
	bool new_advice;		/* the fixed texts have new info findings (notes) */
	bool write_failed;
};

/* plans the fixes of h, which host_lint linted with lo; sets each finding's fix_state and
 * fix_why. Strings live in h's arena; fix_plan_free frees the rest */
void fix_plan(struct host *h, const struct lint_opts *lo, const struct fix_opts *fo,
    struct fix_plan *p);
/* writes the plan below h's root (or the lone file's directory); on a failure the files
 * and findings concerned are marked and p->write_failed is set */
void fix_write(struct host *h, struct fix_plan *p, const struct fix_opts *fo);
/* removes what a killed --fix left beside the host's files (lock held): temp files, and a
 * backup link made right before a swap that did not happen */
void fix_remove_stale(struct host *h, const struct fix_opts *fo);
void fix_plan_free(struct fix_plan *p);
struct fsw_err;
/* takes the advisory lock of the root (or of a lone file's directory) before the host is
 * read, so two --fix runs cannot interleave; a descriptor to close, or -1 with e set */
int fix_lock(const char *path, bool is_root, struct fsw_err *e);

#endif
