/* ntpconf_check: judges each statement of an ntp.conf tree as the target ntpd would
 * (NTP001-NTP009, NTP023), and names each statement's directive for the model. */
#ifndef NTPCONF_CHECK_H
#define NTPCONF_CHECK_H

#include "diag.h"
#include "ntpconf.h"

#define NTP_DIRECTIVES(X) \
	X(SERVER, "server") X(PEER, "peer") X(POOL, "pool") X(BROADCAST, "broadcast") \
	X(MANYCASTCLIENT, "manycastclient") X(UNPEER, "unpeer") X(UNCONFIG, "unconfig") \
	X(REFCLOCK, "refclock") X(RESTRICT, "restrict") X(UNRESTRICT, "unrestrict") \
	X(DRIFTFILE, "driftfile") X(PIDFILE, "pidfile") X(LOGFILE, "logfile") \
	X(INCLUDEFILE, "includefile") X(KEYS, "keys") X(KEYSDIR, "keysdir") \
	X(STATSDIR, "statsdir") X(LEAPFILE, "leapfile") X(SAVECONFIGDIR, "saveconfigdir") \
	X(NTPSIGNDSOCKET, "ntpsigndsocket") X(LOGCONFIG, "logconfig") \
	X(TRUSTEDKEY, "trustedkey") X(REQUESTKEY, "requestkey") X(CONTROLKEY, "controlkey") \
	X(CRYPTO, "crypto") X(REVOKE, "revoke") X(AUTOMAX, "automax") \
	X(STATISTICS, "statistics") X(FILEGEN, "filegen") X(ENABLE, "enable") \
	X(DISABLE, "disable") X(TINKER, "tinker") X(TOS, "tos") X(TTL, "ttl") X(TRAP, "trap") \
	X(FUDGE, "fudge") X(SETVAR, "setvar") X(PHONE, "phone") \
	X(BROADCASTDELAY, "broadcastdelay") X(CALLDELAY, "calldelay") X(TICK, "tick") \
	X(AUTHENTICATE, "authenticate") X(CLIENTLIMIT, "clientlimit") \
	X(CLIENTPERIOD, "clientperiod") X(PPS, "pps") X(BROADCASTCLIENT, "broadcastclient") \
	X(MULTICASTCLIENT, "multicastclient") X(MANYCASTSERVER, "manycastserver") \
	X(DISCARD, "discard") X(INTERFACE, "interface") X(NIC, "nic") X(RLIMIT, "rlimit") \
	X(MRU, "mru") X(RESET, "reset") X(END, "end") X(NONVOLATILE, "nonvolatile") \
	X(NTS, "nts") X(MDNSTRIES, "mdnstries") X(DSCP, "dscp") \
	X(LEAPSMEARINTERVAL, "leapsmearinterval")

enum ntp_dir {
	DIR_NONE,	/* blank or comment-only line */
	DIR_UNKNOWN,	/* a word no ntpd knows, or bytes the grammar refused */
#define X(id, name) DIR_##id,
	NTP_DIRECTIVES(X)
#undef X
	DIR_COUNT
};

/* the most words of one statement that are checked: no real line comes near it, and
 * a longer one is refused (NTP001) rather than costing memory in proportion */
#define NTP_MAX_WORDS 1024

/* the directive's name */
const char *ntp_dir_name(enum ntp_dir d);
/* checks every statement for version v; sets stmt->dir and STMT_REJECTED */
void ntpconf_check(struct ntpconf *c, enum ntp_version v, struct diags *d);

#endif
