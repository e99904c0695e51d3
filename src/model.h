/* model: one host's configuration as facts, built from every file's syntax tree.
 * Rules read only this (and the trees it points into); they never re-parse text. */
#ifndef MODEL_H
#define MODEL_H

#include "model_ntp.h"

struct model {
	struct ntp_model ntp;
};

#endif
