/* model_files: the facts of the host's files other than ntp.conf: step-tickers, hosts,
 * the esx.conf firewall state, the ntpd service links, the ESX release and the target
 * ntpd it implies, and how each checked file stands on disk. Every fact keeps its source
 * and span, so a finding points at real bytes and a fix can edit them. Everything here
 * lives in the host's arena. */
#ifndef MODEL_FILES_H
#define MODEL_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fsread.h"
#include "linetree.h"
#include "ntpver.h"
#include "source.h"

#define STEPTICKERS_PATH "etc/ntp/step-tickers"
#define HOSTS_PATH "etc/hosts"
#define ESXCONF_PATH "etc/vmware/esx.conf"
#define RELEASE_PATH "etc/vmware-release"
#define SYSCONFIG_NTPD_PATH "etc/sysconfig/ntpd"

/* a file the linter read or looked for, as it stands on disk */
struct m_file {
	const char *path;	/* relative to the root */
	enum fsread_status status;
	int err;		/* errno for FSR_ERROR */
	mode_t mode;		/* of the file read (status FSR_OK) */
	uid_t uid;
	struct source *src;	/* NULL unless read */
	bool checked;		/* a configuration file whose mode and owner matter (FS002/FS003) */
};

/* step-tickers: what the RHEL init script hands to ntpdate, one word at a time */
enum stk_kind {
	STK_HOST,		/* a host name */
	STK_ADDR,		/* an IPv4 or IPv6 address */
	STK_REFCLOCK,		/* 127.127.t.u */
	STK_KEYWORD,		/* ntp.conf syntax: server, prefer, minpoll 6 ... */
	STK_INVALID		/* neither a host name nor an address */
};

struct stk_entry {
	const char *name;	/* the word, NUL-terminated, without a trailing CR */
	struct span span;	/* the word's bytes, a CR included */
	uint32_t tline;		/* index of its line in the tree */
	uint32_t tok;		/* its token in the tree */
	enum stk_kind kind;
	bool cr;		/* the word carries CR bytes */
};

struct stk_model {
	bool present;		/* the file was read */
	bool uncollected;	/* absent from a capture that does not collect it (an ESX
				 * 3.x/4.x vm-support bundle): not known, so not checked */
	struct source *src;
	struct linetree *tree;
	struct stk_entry *entries;	/* every word, in file order */
	size_t nentries, capentries;
	bool has_cr;		/* a CR byte anywhere (cr_span: the first one) */
	struct span cr_span;
	uint32_t *byname;	/* the host-like entries (STK_HOST, STK_ADDR, STK_INVALID) by
				 * name, case-insensitive, then by position: for stk_lookup */
	size_t nbyname;
};

/* hosts: the first field of a line, as glibc and a reader of the file see it */
enum hst_first {
	HF_IPV4,		/* an address the resolver accepts */
	HF_IPV6,
	HF_BAD_ADDR,		/* plainly meant as an address, but not one: 127.1, 10.0.0.XXX */
	HF_NAME,		/* a host name: the line lacks its address */
	HF_JUNK			/* anything else (';' comments, template markup) */
};

struct hst_line {
	uint32_t tline;		/* index of the line in the tree */
	struct span span;	/* first to last significant byte */
	const char *addr;	/* the first field, NUL-terminated */
	struct span addr_span;
	enum hst_first first;
	bool valid;		/* the resolver uses it: a valid address and at least one name */
	uint32_t name0, nnames;	/* its names: hst_model.names[name0 .. name0 + nnames) */
	uint32_t len;		/* bytes, without the line end */
};

struct hst_name {		/* one name (canonical or alias) of a line, after the address */
	const char *name;	/* NUL-terminated, as written */
	struct span span;
	uint32_t line;		/* index into hst_model.lines */
	bool canonical;		/* the first name of its line */
	bool valid;		/* a well-formed host name */
};

struct hst_model {
	bool present;
	struct source *src;
	struct linetree *tree;
	struct hst_line *lines;	/* the lines that have a field, in file order */
	size_t nlines, caplines;
	struct hst_name *names;	/* hst_line.name0 indexes this */
	size_t nnames, capnames;
};

/* esx.conf: "/path/key = "value"" lines, and the ntpClient firewall state they give */
struct esx_kv {
	const char *key;	/* "/firewall/services/ntpClient/enabled" */
	const char *value;	/* the string's contents, unescaped */
	struct span key_span, value_span;	/* value_span: the quoted string, quotes included */
	struct span span;	/* the whole statement */
	uint32_t tline;
};

enum fw_state { FW_UNKNOWN, FW_OPEN, FW_CLOSED };

#define FW_NTP_KEY "/firewall/services/ntpClient/enabled"
#define M_NONE UINT32_MAX

struct fw_model {
	bool present;		/* esx.conf was read */
	struct source *src;
	struct linetree *tree;
	struct esx_kv *kvs;	/* the well-formed lines, in file order */
	size_t nkvs, capkvs;
	size_t nfirewall;	/* keys under /firewall/ */
	uint32_t last_firewall;	/* index into kvs of the last /firewall/ key, or M_NONE */
	enum fw_state ntp_client;	/* open / closed ("false", or absent among other
					 * /firewall/ keys: closed is the default) / unknown */
	uint32_t ntp_kv;	/* index into kvs of the (last) ntpClient enabled key, or M_NONE */
	struct span key_span;	/* the span of that key's line, when ntp_kv != M_NONE */
};

/* the ntpd SysV service: its init script and its rc links */
struct svc_link {
	const char *path;	/* "etc/rc.d/rc3.d/S58ntpd", relative to the root */
	const char *dir;	/* "etc/rc.d/rc3.d" */
	const char *target;	/* the symlink's target as written, or NULL when not a link */
	int runlevel;		/* 0..6 */
	char kind;		/* 'S' or 'K' */
	int order;		/* the NN of S<NN>ntpd */
};

#define SVC_RUNLEVELS 7

/* a runlevel's state in 'chkconfig --list' output: "N:on", "N:off", or anything else (a
 * translated word, a missing column) */
enum chk_state { CHK_UNKNOWN, CHK_OFF, CHK_ON };

/* the 'chkconfig --list' output an ESX 3.x/4.x vm-support bundle recorded
 * (tmp/chkconfig.PID.txt), read when the bundle lacks the ntpd init script
 * (src/model_chkconfig.c; where it lies: src/hostread.c) */
struct chk_record {
	bool present;		/* the record was read */
	struct source *src;
	bool listed;		/* it has an ntpd line */
	struct span span;	/* the (first) ntpd line, without its newline */
	enum chk_state level[SVC_RUNLEVELS];	/* from that line */
};

struct svc_model {
	bool script_present;	/* etc/rc.d/init.d/ntpd or etc/init.d/ntpd was read */
	const char *script_path;
	struct source *script;
	bool has_chkconfig;	/* the "# chkconfig: LEVELS START STOP" header */
	const char *chk_levels;	/* "-" or "345" */
	int chk_start, chk_stop;	/* -1 without the header */
	struct span chk_span;	/* the header line */
	struct svc_link *links;	/* S<NN>ntpd and K<NN>ntpd links, every rc directory */
	size_t nlinks, caplinks;
	bool start[SVC_RUNLEVELS];	/* an S link in runlevel N */
	bool kill[SVC_RUNLEVELS];	/* a K link in runlevel N */
	const char *rcdir[SVC_RUNLEVELS];	/* the first rc directory found for runlevel N */
	/* a temp link .S<NN>ntpd.esxntp-lint.tmp in runlevel N's directory: a --fix of SVC010
	 * was cut short there (its path, and the NN), or NULL */
	const char *pending[SVC_RUNLEVELS];
	int pending_order[SVC_RUNLEVELS];
	/* no init script in an ESX 3.x/4.x vm-support bundle: its chkconfig record */
	struct chk_record rec;
};

/* the ESX release and the ntpd it ships. ESX 2 to 4 name it in etc/vmware-release; ESXi
 * has no such file, and is known by its build record, its WS-Management identity or the
 * files only ESXi has (src/model_esx.h) */
enum esx_from {
	ESXV_NONE,
	ESXV_RELEASE,		/* etc/vmware-release */
	ESXV_BUILDINFO,		/* etc/vmware/.buildInfo: its branch, or its build in the table */
	ESXV_IDENTIFY,		/* etc/openwsman/identify.xml */
	ESXV_FILES,		/* a file only ESXi has: ESXi, release unknown */
	ESXV_OPTION		/* --esx-version */
};

enum esx_product { ESXP_UNKNOWN, ESXP_ESX, ESXP_ESXI };

struct esx_model {
	bool release_present;	/* etc/vmware-release was read */
	struct source *release;
	struct span release_span;	/* its first line, first to last non-blank byte */
	bool release_known;	/* it names an ESX version */
	const char *version;	/* "3", "4.0", "3.0.1", "6.7.0" ... or NULL when unknown */
	int major, minor, patch;	/* -1 where not given */
	enum esx_from from;	/* what told the version, or (ESXV_FILES) only the product */
	enum esx_product product;	/* ESX with a service console, ESXi, or not known */
	const char *source;	/* the file (relative path) or option that told it, or NULL */
	const char *what;	/* ESXV_FILES: what in it shows ESXi, for ESX001 */
	struct source *ev_src;	/* where it is said (the BUILDNUMBER line...), or NULL */
	struct span ev_span;
	unsigned long build;	/* the build number a file named, or 0 */
	const char *build_name;	/* the release of that build ("ESXi 6.7 GA"), or NULL */
	bool looked;		/* the ESXi evidence was looked for (no version yet) */
	bool buildinfo_present;	/* etc/vmware/.buildInfo was read */
	bool vcenter;		/* and it is a vCenter Server appliance's, not a host's */
	bool esxconf_read;	/* etc/vmware/esx.conf was read (and model.fw built) for its keys */
	enum ntp_version target;	/* the ntpd that judges ntp.conf */
	bool target_from_option;	/* --ntp-version chose it */
};

/* The Red Hat release a service console is built on, which decides the ntpd init script
 * that reads step-tickers (Red Hat's ntp package, mirror mattias-ohlsson/ntp):
 * ESX 2.x Red Hat 7.2 (ntp-4.1.0-4's ntpd.init, cdb4f7a), ESX 3.x RHEL 3 (ntp-4.1.2-5,
 * ac3eb03), ESX 4.x RHEL 5 (ntp-4.2.2p1, 9932589). ESXi has no service console. */
enum rh_era {
	ERA_NONE,		/* ESXi, or a lone ntp.conf: no step-tickers */
	ERA_RH72,		/* ntpdate if the file is not empty; ntpd never given -g */
	ERA_RHEL3,		/* a file with no word falls back to ntp.conf's servers */
	ERA_RHEL5		/* ntpdate only if the file has a letter or digit (or -x) */
};

/* when the init script adds -g to ntpd's options */
enum boot_g {
	BOOTG_NEVER,		/* Red Hat 7.2: ntpd gets only OPTIONS */
	BOOTG_ALWAYS,		/* ntpdate is not run: ntpd always gets -g */
	BOOTG_ON_FAILURE	/* ntpdate is run: -g when it fails */
};

/* what `service ntpd start` does before ntpd starts, read the way the era's init script
 * reads step-tickers, OPTIONS (etc/sysconfig/ntpd) and ntp.conf */
struct boot_model {
	enum rh_era era;
	const char *options;		/* ntpd's OPTIONS, from the file or the package default */
	bool options_from_file;		/* etc/sysconfig/ntpd sets OPTIONS */
	struct source *sysconfig;	/* etc/sysconfig/ntpd, when read */
	struct span options_span;	/* its OPTIONS= line */
	bool opt_x, opt_g;		/* -x (step with ntpdate), -g (allow a large first step) */
	bool stk_nonempty;		/* [ -s /etc/ntp/step-tickers ] */
	bool ntpdate;			/* the script runs ntpdate */
	bool from_conf;			/* ... with ntp.conf's server and peer addresses, as the
					 * file gives no word (RHEL 3) or nothing useful (RHEL 5 -x) */
	size_t nhosts;			/* the words ntpdate is handed as hosts */
	size_t nusable;			/* of them, host names and addresses it can look up: no
					 * CR, no ntp.conf keyword, no reference clock */
	enum boot_g g;
};

/* unrendered template markup ({{ }}, {% %}, <% %>, ${ }) in a file: the lines that hold it
 * outside comments. FS004 reports the file once; no other finding is made on these lines
 * (they are template code, not what the host reads) */
struct markup_file {
	struct source *src;
	struct span first;		/* the first opener */
	struct span *lines;		/* each line holding markup, in file order */
	uint32_t nlines;
	bool ntpconf;			/* an ntp.conf (or an included file) */
	uint32_t dropped;		/* its statements on markup lines the target drops */
};

struct markup_model {
	struct markup_file *v;
	size_t n, cap;
};

struct files_model {
	struct m_file *v;	/* every file read or looked for, in that order */
	size_t n, cap;
	bool root_is_slash;	/* the root being linted is the system's "/" */
};

struct host;
/* the facts of each file, from its tree (src: the file read, or NULL when it was not) */
void model_stk_build(struct host *h, struct stk_model *m, struct source *src);
void model_hst_build(struct host *h, struct hst_model *m, struct source *src);
void model_fw_build(struct host *h, struct fw_model *m, struct source *src);
/* the init script's "# chkconfig:" header (the links are read by hostread.c) */
void model_svc_script(struct host *h, struct svc_model *m, struct source *src,
    const char *path);
/* one line of 'chkconfig --list' output (n bytes, no newline): true when it is the line of
 * service ("ntpd" then a blank, at the line's start; xinetd's services are indented), with
 * level[N] from each "N:on" / "N:off" column after it, CHK_UNKNOWN where none says */
bool chk_list_line(const char *s, size_t n, const char *service,
    enum chk_state level[SVC_RUNLEVELS]);
/* the record's ntpd line, if any (src: the record read) */
void model_chk_build(struct chk_record *c, struct source *src);
/* what the init script of the host's era does at boot, from step-tickers, ntp.conf and
 * etc/sysconfig/ntpd (sysconfig: NULL when absent); after model_stk_build */
void model_boot_build(struct host *h, struct boot_model *m, struct source *sysconfig);
/* the words of an OPTIONS value the way the era's init script's getopts sees them */
void boot_scan_options(enum rh_era era, const char *options, bool *x, bool *g);
/* the era of the service console of ESX major version major (-1: unknown, taken as ESX 3) */
enum rh_era esx_rh_era(int major);
/* the clock is stepped by ntpdate before ntpd starts: it is run with a host it can use */
bool boot_steps(const struct boot_model *m);
/* ntpd is started with -g (from OPTIONS, or added by the script because ntpdate did not
 * step the clock) */
bool boot_ntpd_g(const struct boot_model *m);
/* the markup of ntp.conf (and its includes), step-tickers, hosts and esx.conf ('#'
 * starts a comment in each, wherever it stands; not the init script, where '${' is
 * shell); marks the ntp.conf sources written on markup lines as templated */
void model_markup_build(struct host *h, struct markup_model *m);
/* offset off of src is on a line that holds template markup */
bool markup_at(const struct markup_model *m, const struct source *src, uint32_t off);
/* the release file's version; then the version and target from the options */
void model_esx_build(struct host *h, struct esx_model *m, struct source *release,
    const char *esx_option, int ntp_option);

/* the target ntpd: --ntp-version (ntp_option >= 0), else the ntpd of the release */
void model_esx_target(struct esx_model *m, int ntp_option);

/* parses an ESX version "3", "4.0", "3.0.1"; v[] gets -1 for missing parts */
bool esx_version_parse(const char *s, int v[3]);
/* the version a vmware-release line names ("VMware ESX Server 3" -> "3"), or NULL */
const char *esx_release_version(struct arena *a, const char *line, size_t n);
/* the ntpd that ships with ESX major version major (-1: unknown, taken as ESX 3) */
enum ntp_version esx_ntp_version(int major);
/* the ESX version is known and is at most major.minor.patch (missing parts count as 0) */
bool esx_at_most(const struct esx_model *e, int major, int minor, int patch);
/* ESXi: no service console (no step-tickers, rc links, esxcfg-firewall); known as ESXi, or
 * of release 5 or later (ESX with a service console ended at 4.1) */
bool esx_is_esxi(const struct esx_model *e);
/* ESXi 5 or later, or ESXi of unknown release (taken as 5 or later): esxcli's firewall */
bool esx_has_esxcli(const struct esx_model *e);
/* "ESX" (a service console), "ESXi", or NULL when not known */
const char *esx_product_name(const struct esx_model *e);

/* word, written alone on a line of step-tickers, is read back as a host-like entry (not
 * as ntp.conf syntax, not split into several words): a fix may list it there */
bool stk_word_is_host(const char *word);
/* the first host-like entry (a host name, an address or an invalid word: what ntpdate is
 * handed as a host) named name, case-insensitive; NULL if none. O(log n) */
const struct stk_entry *stk_lookup(const struct stk_model *m, const char *name);
/* the first name entry matching name (case-insensitive) on a line the resolver uses,
 * of family 4 or 6 (0: either); NULL if none */
const struct hst_name *hst_lookup(const struct hst_model *m, const char *name, int family);
/* the m_file for path, or NULL */
const struct m_file *files_find(const struct files_model *m, const char *path);

#endif
