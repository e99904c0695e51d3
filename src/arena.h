/* arena: a bump allocator owning everything one host's lint needs, freed at once. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* newest chunk first */
	size_t next_size;		/* the next chunk's size (bump() in arena.c) */
	size_t nchunks;
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
/* the slot for element n of *v, an array of elements of size sz in the arena that holds
 * n: when n is 0 or a power of two (the array is full) the array moves to a zeroed block
 * twice as large. Appending n elements so costs O(n) time and less than 4n elements of
 * arena memory (the old blocks stay until arena_free); a copy of the array per element
 * would cost memory quadratic in n. The capacity is implied by n: only the owner of the
 * array may append to it, and nothing else may set *v */
void *arena_append(struct arena *a, void *v, size_t n, size_t sz);
/* the bytes a holds: its chunks and the heap blocks it adopted (as malloc sized them) */
size_t arena_bytes(const struct arena *a);
/* the bytes handed out from its chunks (padding and tails too small for a request
 * included) and the heap blocks it adopted: what the tests measure, so that the size of
 * the chunks does not show */
size_t arena_used(const struct arena *a);
/* *slot (a heap pointer that may be reallocated later) is freed by arena_free */
void arena_adopt(struct arena *a, void **slot);

#endif
