/* model_esx: the ESX release of a root that has no etc/vmware-release, as ESXi has none
 * (ESXi 6.7 GA's root has none; verified on its dump). In the order they are read:
 *   etc/vmware/.buildInfo       ESXi's build record: BUILDNUMBER, BRANCH ("esx-7.0.3")
 *   etc/openwsman/identify.xml  "VMware ESXi 6.7.0 build-8169922", as 'vmware -v' says it
 *   files only ESXi has         etc/chkconfig.db, etc/vmware/service/service.xml, ESXi's
 *                               own etc/init.d/ntpd, an ESXi Shell key in esx.conf
 * The first two can name the release; the others tell ESXi, release unknown, taken as
 * ESXi 5 or later (ESX001 says so). README "Which ntpd judges the file" has the sources. */
#ifndef MODEL_ESX_H
#define MODEL_ESX_H

#include <stdbool.h>
#include <stddef.h>

#include "model_files.h"

#define BUILDINFO_PATH "etc/vmware/.buildInfo"
#define IDENTIFY_PATH "etc/openwsman/identify.xml"
#define CHKCONFIG_DB_PATH "etc/chkconfig.db"
#define SERVICE_XML_PATH "etc/vmware/service/service.xml"
#define ESXI_INIT_PATH "etc/init.d/ntpd"

/* one build of the table (VMware KB 2143832, as copied in public scripts; see model_esx.c) */
struct esx_build {
	unsigned long build;
	const char *version;	/* VMware's triple: "6.7.0" for every 6.7 build, "7.0.3" */
	const char *name;	/* the release: "ESXi 6.7 GA", "ESXi 6.5 U1" */
};

/* the table's entry for build, or NULL */
const struct esx_build *esx_build_find(unsigned long build);

/* what etc/vmware/.buildInfo says, "KEY:value" lines */
struct buildinfo {
	unsigned long build;	/* BUILDNUMBER, or 0 */
	struct span build_span;	/* its line (first to last byte), when build != 0 */
	char version[16];	/* from BRANCH: "esx-7.0.3" -> "7.0.3", "vsphere60u2" -> "6.0"; or "" */
	bool esx;		/* an ESX build: STAGEPATH under build/esx, or BRANCH esx-X.Y.Z */
	bool vcenter;		/* CLOUDVM_VERSION: a vCenter Server appliance's */
};
void buildinfo_parse(const char *buf, size_t len, struct buildinfo *out);

/* <wsmid:ProductVersion>VMware ESXi 6.7.0 build-8169922</wsmid:ProductVersion>: the
 * version ("6.7.0"), the build, whether it says ESXi; false when there is no such line */
struct identify {
	bool esxi;
	char version[16];
	unsigned long build;
	struct span span;	/* the text between the tags */
};
bool identify_parse(const char *buf, size_t len, struct identify *out);

/* an esx.conf key only ESXi has: the ESXi Shell's settings (/adv/UserVars/ESXiShell...) */
bool esxconf_key_is_esxi(const char *key);

struct host;
/* each sets what its file tells (src: the file read); true once the version is known */
bool model_esx_buildinfo(struct host *h, struct esx_model *m, struct source *src);
bool model_esx_identify(struct host *h, struct esx_model *m, struct source *src);
/* a file only ESXi has (path; what: what in it shows ESXi), at span of src (the whole
 * file: { 0, 0 }): ESXi, release unknown. The first one found is kept */
void model_esx_marker(struct esx_model *m, const char *path, const char *what,
    struct source *src, struct span span);
/* the release in a few words, for a report's header: "ESXi 6.7.0 (etc/vmware/.buildInfo,
 * build 8169922: ESXi 6.7 GA)", "ESX 3 (etc/vmware-release)", "ESXi, release unknown
 * (etc/chkconfig.db)", "unknown (taken as ESX 3)"; a lone file: "unknown" */
const char *esx_describe(const struct esx_model *m, struct arena *a);
/* why the version is unknown, for ESX001: what was looked at and what it said */
const char *esx_unknown_why(const struct esx_model *m, struct arena *a);

#endif
