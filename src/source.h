/* source: one input file's bytes, its display path and its line map. */
#ifndef SOURCE_H
#define SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "arena.h"

/* a byte range [start, end) of a source */
struct span {
	uint32_t start, end;
};

struct source {
	const char *path;	/* as shown to the user: relative to the root, or as given */
	char *buf;		/* the file's bytes, NUL-terminated (the NUL is not counted) */
	uint32_t len;
	uint32_t *lines;	/* offset of each line start; built on first use */
	uint32_t nlines;
	struct arena *arena;
	struct stat st;		/* of the file when it was read (the fix writer checks it) */
	int has_st;
	int absent;		/* no such file: a fix's edits create it (0644 root:root) */
};

/* largest input a source can hold (offsets are 32-bit) */
#define SOURCE_MAX_LEN 0xfffffff0u

/* a source over a copy of buf[0..len) made in the arena */
struct source *source_new(struct arena *a, const char *path, const char *buf, size_t len);
/* 1-based line and byte column of offset off */
void source_linecol(struct source *s, uint32_t off, uint32_t *line, uint32_t *col);
/* start and end (excluding the line end) of the line holding off */
struct span source_line_of(struct source *s, uint32_t off);
/* offset of the start of 1-based line n, or len past the end */
uint32_t source_line_start(struct source *s, uint32_t n);

#endif
