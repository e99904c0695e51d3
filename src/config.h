/* config: the config file esxntp-lint.ini (README "Configuration"), read with libinih.
 *   [esxntp-lint]        the command line's settings (fail-on = error, disable = NTP031)
 *   [host:GLOB]          for the roots GLOB matches: esx-version, ntp-version, ignore
 *   [file:GLOB]          for the files GLOB matches: ignore
 * GLOB is an fnmatch() pattern ('*' also matches '/') on the path relative to the config
 * file's directory. An error (unknown section or key, bad value) ends the run with
 * "FILE:LINE: ..." and status 2. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>

#include "arena.h"
#include "lint.h"

#define CONFIG_NAME "esxntp-lint.ini"

struct cli;
struct config;

/* finds the config file (c->config_file, or esxntp-lint.ini in the current directory or
 * the nearest parent, up to the first that holds .git or the filesystem root) unless
 * c->no_config, applies its [esxntp-lint] sections to c through cli_set and keeps the
 * others in c->cfg */
void config_load(struct cli *c);
void config_free(struct config *cfg);
/* the config file's path as shown in messages, or NULL without one */
const char *config_shown(const struct config *cfg);
/* a path written in the config file: relative to its directory, unless absolute */
const char *config_path(const struct config *cfg, struct arena *a, const char *v);

/* the path of a root or file as the globs see it: made absolute from the current
 * directory, "." and ".." resolved as written (no symlink followed), then relative to
 * the config file's directory when below it. A heap string. */
char *config_match_path(const struct config *cfg, const char *path);
/* the host at path (a root or lone file as given): the ESX and ntpd versions of its
 * [host:] sections (the last that sets each), in lo unless the command line gave them */
void config_host_opts(const struct config *cfg, const char *path, bool given_esx,
    bool given_ntp, struct arena *a, struct lint_opts *lo);
/* marks SUPP_CONFIG the findings of h (its root or lone file as given; standard input,
 * "-", is stdin_name when not NULL) that its [host:] and [file:] sections ignore; returns
 * how many */
size_t config_suppress(const struct config *cfg, struct host *h, const char *stdin_name);

#endif
