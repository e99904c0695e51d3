/* gen_scale: writes the inputs of tests/unit/scale_cases.c for make bench and
 * tests/sh/scale_time.sh.
 *   gen_scale -l              one line per case, tab-separated: NAME, root or file, UNIT,
 *                             time or memory (what grew), ARGS ("-": none), what it drives
 *   gen_scale NAME N PATH     the case at size N: a host root or a file at PATH */
#include <stdio.h>
#include <stdlib.h>

#include "scale_cases.h"

int
main(int argc, char **argv)
{
	const struct scale_case *c;

	if (argc == 2 && argv[1][0] == '-' && argv[1][1] == 'l') {
		for (c = scale_cases; c->name != NULL; c++)
			printf("%s\t%s\t%zu\t%s\t%s\t%s\n", c->name, c->root ? "root" : "file",
			    c->unit, c->time_only ? "time" : "memory", *c->args ? c->args : "-",
			    c->what);
		return 0;
	}
	if (argc != 4 || (c = scale_case_find(argv[1])) == NULL) {
		fprintf(stderr, "usage: gen_scale -l | gen_scale NAME N PATH\n");
		return 2;
	}
	scale_generate(c, strtoul(argv[2], NULL, 10), argv[3]);
	return 0;
}
