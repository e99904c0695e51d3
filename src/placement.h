/* placement: where a fix puts its lines, as an admin would. New lines go above the comment
 * block that introduces the statement they precede; a commented-out copy of a line the fix
 * adds is uncommented instead of a second line being added; a comment that only labelled a
 * deleted line goes with it. This is layout only: in every file a fix edits, a line whose
 * first byte other than a blank is '#' is a comment (ntp.conf for every ntpd, step-tickers
 * for the init script's sed, /etc/hosts for glibc), and a line of blanks is blank. */
#ifndef PLACEMENT_H
#define PLACEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "rules_util.h"

/* a line longer than this is never uncommented: ntpd 4.1 and 4.2.0 read a line 1023 bytes
 * at a time, and a comment that long is no copy of a line a fix writes anyway */
#define PLACE_MAX_LINE 512

/* at the start of the line holding off, above the comment lines right above it (no blank
 * line between them and it); a comment block that starts the file is the file's header
 * and stays first: then right above the line. The finding still points at the line
 * (ins_span) */
struct insertion ins_before_stmt(struct source *src, uint32_t off);

/* as edit_insert_lines, except that a line whose exact copy is commented out in ins->src
 * is uncommented there instead, and the finding says so in a related note. An exact copy
 * is the first line that holds blanks, one '#', blanks, then the line's words (split on
 * space and TAB) separated by blanks, then the line's end or a blank and a '#' comment;
 * uncommenting deletes the '#' and the blanks after it. Never a line with a NUL, a
 * control byte other than TAB or a CR (but for the CR of a CR LF end when ins->eol is
 * CR LF: a classic ntpd keeps a CR in the last word, the init script in the host name),
 * nor one of PLACE_MAX_LINE bytes or more. */
void edit_add_lines(struct diags *d, struct finding *f, const struct insertion *ins,
    const char *lines);

/* the entry a fix deletes, for its label */
struct entry_label {
	const char *name;		/* its name or address */
	const struct bmap *all;		/* every entry of the file by name_key (its own too) */
	bool ntpconf;			/* a comment whose first word is an ntp.conf directive
					 * is a commented-out line, not a label */
};

/* the comment line that only labels the line starting at line_start, or false: the one
 * comment line right above it (the line above that is not a comment, so it is no part of
 * a longer block), naming the entry (one of its words, case-insensitive, a final '.' or
 * ':' dropped) among other words, naming no other entry of en->all, not a commented-out line
 * (a directive first, or nothing but the name) and no esxntp-lint directive */
bool place_label_of(struct source *src, uint32_t line_start, const struct entry_label *en,
    struct span *label);

/* as edit_delete_line, with the comment that only labelled the line (place_label_of), and,
 * when the deletion leaves two blank lines together (or a blank line at the file's start
 * or end), one of them */
void edit_delete_entry(struct diags *d, struct finding *f, struct source *src, uint32_t off,
    const struct entry_label *en);

#endif
