/* version: the release of esxntp-lint. */
#ifndef VERSION_H
#define VERSION_H
#define ESXNTP_LINT_VERSION "0.1.0"
#endif
