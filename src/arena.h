/* arena: a bump allocator owning everything one host's lint needs, freed at once. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* newest chunk first */
	void ***slots;			/* heap blocks freed with the arena, by address of owner */
	size_t nslots, capslots;
};

void arena_init(struct arena *a);
/* frees every chunk and every adopted heap block */
void arena_free(struct arena *a);
/* zeroed memory aligned for any object, valid until arena_free */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* a copy of p[0..n), not aligned: for keys of byte strings */
void *arena_memdup(struct arena *a, const void *p, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* *slot (a heap pointer that may be reallocated later) is freed by arena_free */
void arena_adopt(struct arena *a, void **slot);

#endif
