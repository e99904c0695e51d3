/* hostread: reads a host root's files other than ntp.conf (the ESX release first, since it
 * decides which ntpd judges ntp.conf; then step-tickers, hosts, esx.conf and the ntpd
 * service), records how each file stands on disk, and builds their facts in the model. */
#ifndef HOSTREAD_H
#define HOSTREAD_H

#include <stdbool.h>
#include <stddef.h>

struct fsread;
struct host;
struct lint_opts;

/* dir (below the root, no trailing '/') was found missing, or not a directory: it and
 * the files below it are reported missing without an open. A root captured with a few
 * files has no etc/rc.d or etc/ntp, and each of the files and rc directories below them
 * was a failed open; host_load notes each file it finds missing the same way */
void host_note_absent(struct host *h, const char *dir);

/* reads rel from the texts the host is linted with (lint_opts.texts), else from the disk
 * below the root (or as given for a lone file) */
void host_read(struct host *h, const char *rel, size_t limit, struct fsread *r);

/* reads rel below the root into a source; every attempt is recorded in the model's file
 * list. A failure is FS001 when report is set (missing too, unless quiet_missing) */
struct source *host_load(struct host *h, const char *rel, size_t limit, bool report,
    bool quiet_missing, bool checked);
/* the ESX version (etc/vmware-release, or --esx-version) and the target ntpd
 * (--ntp-version, or the ESX release's); for a lone file root-less (rootfd < 0) too */
void host_read_release(struct host *h, const struct lint_opts *o);
/* for a root whose etc/vmware-release names no version: ESXi's build record, identity
 * and the files only ESXi has (src/model_esx.h), into the model's esx facts */
void host_read_esxi(struct host *h, const struct lint_opts *o);
/* step-tickers, hosts, esx.conf, the ntpd init script and its rc links */
void host_read_files(struct host *h, const struct lint_opts *o);

#endif
