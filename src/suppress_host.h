/* suppress_host: hands the comments of every file a host read to the suppress module. */
#ifndef SUPPRESS_HOST_H
#define SUPPRESS_HOST_H

struct host;

/* applies the inline suppressions of h's files to h's findings */
void suppress_host(struct host *h);

#endif
