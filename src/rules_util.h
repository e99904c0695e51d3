/* rules_util: what several rules share: where a missing line goes, edits written in the
 * file's own style (line end, separator), and which restrict entry covers an address. */
#ifndef RULES_UTIL_H
#define RULES_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model_files.h"
#include "model_ntp.h"

struct host;

/* where new lines go in a file */
struct insertion {
	struct source *src;
	uint32_t off;		/* the new bytes go here */
	uint32_t at;		/* a finding about the missing line points here (off, or the
				 * statement below the comments the new lines go above) */
	bool need_nl;		/* the file lacks a final newline: one comes first */
	const char *eol;	/* the line end of new lines: the file's own (src_eol) */
};

/* at the end of src */
struct insertion ins_append(struct source *src);
/* at the start of the line holding off */
struct insertion ins_before_line(struct source *src, uint32_t off);
/* at the start of the line after the one holding off */
struct insertion ins_after_line(struct source *src, uint32_t off);
/* ntp.conf lines for h's target: LF when its ntpd rejects CR LF (NTP003 converts the
 * file), else the file's own line end */
void ins_for_ntpconf(const struct host *h, struct insertion *ins);
/* the empty span a finding about the missing line points at */
struct span ins_span(const struct insertion *ins);

/* "\r\n" when the file's first line ends so, else "\n" */
const char *src_eol(const struct source *src);
/* adds to f an edit inserting lines ('\n'-separated, no final '\n') at ins, each ended
 * with ins->eol */
void edit_insert_lines(struct diags *d, struct finding *f, const struct insertion *ins,
    const char *lines);
/* adds to f an edit deleting the whole line holding off, its line end included */
void edit_delete_line(struct diags *d, struct finding *f, struct source *src, uint32_t off);

/* " " or "\t": what follows the directive word of the statement of cf nearest to stmt,
 * preferring one of directive dir */
const char *conf_sep(const struct conf_file *cf, uint32_t stmt, enum ntp_dir dir);

/* the IPv4 or IPv6 address s in binary (16 bytes, IPv4 in the first 4); its family or 0 */
int addr_parse(const char *s, unsigned char out[16]);
/* restrict r covers the numeric address a (of family fam): the number of mask bits it
 * matches with, or -1 when it does not cover it; "default" covers with 0 bits */
int restrict_covers(const struct m_restrict *r, int fam, const unsigned char a[16]);
/* r is a default entry: "default", or the old "0.0.0.0 mask 0.0.0.0" */
bool restrict_is_default(const struct m_restrict *r);
/* the name of restrict flag bit b (one RF_* bit) */
const char *restrict_flag_name(unsigned b);

/* a server, peer or pool line that is not a reference clock (127.127.t.u) */
bool source_is_network(const struct m_source *s);
/* pool.ntp.org or a name below it: resolves to rotating addresses */
bool name_is_pool(const char *name);

/* the init script's era in a message: "Red Hat 7.2", "RHEL 3", "RHEL 5" */
const char *era_name(enum rh_era e);
/* what ntpd does at boot when ntpdate did not step the clock (with or without -g) */
const char *boot_ntpd_text(const struct host *h);
/* the host has step-tickers: a service console (not ESXi) and an ntp.conf, and a capture
 * that collects /etc/ntp (not an ESX 3.x/4.x vm-support bundle that lacks it) */
bool has_step_tickers(const struct host *h);
/* what losing one word of step-tickers does at boot (STK001-STK005): a sentence, and
 * *sev: info while ntpdate keeps a host it can look up, or when the script does not hand
 * the file's words to ntpdate at all; warning when ntpdate is left with none */
const char *stk_word_effect(struct host *h, enum severity *sev);

/* the main ntp.conf, or NULL when it was not read */
struct conf_file *main_conf(struct host *h);

/* a hash map from byte strings to pointers, in the arena: rules that compare every
 * entry with every other use it to stay linear on large files */
struct bmap_slot {
	const void *key;
	uint32_t len, hash;
	void *val;
};

struct bmap {
	struct arena *arena;
	struct bmap_slot *v;
	/* the table is a heap block the arena frees: a grown map frees its old table at
	 * once instead of keeping every size it had until the arena goes */
	void **heap;
	size_t cap, n;
};

void bmap_init(struct bmap *m, struct arena *a);
/* room for n keys without a rehash (the old table and the new one live at once then) */
void bmap_reserve(struct bmap *m, size_t n);
/* the value stored under key[0..len), or NULL */
void *bmap_get(const struct bmap *m, const void *key, size_t len);
/* the slot for key: a new one (val NULL) is added when there is none; the key's bytes
 * must outlive the map */
struct bmap_slot *bmap_slot(struct bmap *m, const void *key, size_t len);
/* name in lower case (in the arena, or name itself when it has no upper case): the key
 * of a case-insensitive name */
const char *name_key(struct arena *a, const char *name);
/* the value stored under name, compared without case (keys made with name_key) */
void *bmap_get_name(const struct bmap *m, const char *name);
/* the first network source of each address (by name_key); names_only: not the numeric ones */
void ntp_server_index(struct arena *a, const struct ntp_model *m, bool names_only,
    struct bmap *out);

/* the live commands that enable and show the ntpClient firewall service on the host's
 * ESX release */
const char *fw_enable_cmd(const struct host *h);
const char *fw_query_cmd(const struct host *h);

#endif
