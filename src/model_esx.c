#include "model_esx.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "util.h"

/* Build numbers and the releases they are, sorted by build. Sources (README "Which ntpd
 * judges the file" grades them):
 *   (unmarked) VMware KB 2143832 "Build numbers and versions of VMware ESXi/ESX", ESXi 5.0
 *       GA to 6.7 EP 06, as William Lam's Get-ESXiVersion copied it ("Pulled from
 *       https://kb.vmware.com/kb/2143832"; find_string id 48139848596)
 *   b   RackN boot environments named by release and ISO build (esxi_670u2-13006603,
 *       esxi_670u3-14320388, esxi_650u3-13932383, esxi_700u1-16850804, esxi_700u1c-17325551;
 *       docs.rackn.io), and the ISO names VMware-VMvisor-Installer-6.7.0-update02-13006603,
 *       -update03-14320388
 *   c   VMware-VMvisor-Installer-201912001-15160138 listed as 6.7 U3b (a download list)
 *   d   VMware-ESXi-7.0.0-15843807-depot.zip (a blog's update log)
 *   e   an ESXi 7.0 U3 .buildInfo quoted in a program's comments: BRANCH:esx-7.0.3,
 *       BUILDNUMBER:18644231 (find_string id 6074238650)
 *   f   Broadcom KB 395110 "Unified VCF Versioning in ESXi Release": 8.0.0-1.0.20513097,
 *       8.0.2-0.0.22380479, 8.0.2-0.30.23305546, 8.0.2-0.40.23825572, 8.0.3-0.70.24674464
 * The version is VMware's triple as 'vmware -v' prints it: ESXi 6.x keeps X.Y.0 through its
 * updates ("VMware ESXi 6.7.0 build-8169922", etc/openwsman/identify.xml of 6.7 GA; "6.5.0
 * build-13932383", 6.5 U3), 7.0 and 8.0 name the update ("8.0.3-0.70.24674464"). */
static const struct esx_build builds[] = {
	{ 469512, "5.0.0", "ESXi 5.0 GA" },
	{ 474610, "5.0.0", "ESXi 5.0 P01" },
	{ 504890, "5.0.0", "ESXi 5.0 EP 1" },
	{ 515841, "5.0.0", "ESXi 5.0 P02" },
	{ 623860, "5.0.0", "ESXi 5.0 U1" },
	{ 653509, "5.0.0", "ESXi 5.0 EP 2" },
	{ 702118, "5.0.0", "ESXi 5.0 EP 3" },
	{ 721882, "5.0.0", "ESXi 5.0 EP 4" },
	{ 768111, "5.0.0", "ESXi 5.0 P03" },
	{ 799733, "5.1.0", "ESXi 5.1 GA" },
	{ 821926, "5.0.0", "ESXi 5.0 P04" },
	{ 838463, "5.1.0", "ESXi 5.1.0a" },
	{ 914586, "5.0.0", "ESXi 5.0 U2" },
	{ 914609, "5.1.0", "ESXi 5.1 P01" },
	{ 1021289, "5.1.0", "ESXi 5.1 EP 2" },
	{ 1024429, "5.0.0", "ESXi 5.0 P05" },
	{ 1065491, "5.1.0", "ESXi 5.1 U1" },
	{ 1117897, "5.0.0", "ESXi 5.0 EP 5" },
	{ 1117900, "5.1.0", "ESXi 5.1 EP 3" },
	{ 1157734, "5.1.0", "ESXi 5.1 P02" },
	{ 1254542, "5.0.0", "ESXi 5.0 P06" },
	{ 1311175, "5.0.0", "ESXi 5.0 U3" },
	{ 1312873, "5.1.0", "ESXi 5.1 P03" },
	{ 1331820, "5.5.0", "ESXi 5.5 GA" },
	{ 1474528, "5.5.0", "ESXi 5.5 P01" },
	{ 1483097, "5.1.0", "ESXi 5.1 U2" },
	{ 1489271, "5.0.0", "ESXi 5.0 P07" },
	{ 1612806, "5.1.0", "ESXi 5.1 EP 4" },
	{ 1623387, "5.5.0", "ESXi 5.5 U1" },
	{ 1743533, "5.1.0", "ESXi 5.1 P04" },
	{ 1746018, "5.5.0", "ESXi 5.5 U1a" },
	{ 1746974, "5.5.0", "ESXi 5.5 EP 3" },
	{ 1851670, "5.0.0", "ESXi 5.0 P08" },
	{ 1881737, "5.5.0", "ESXi 5.5 EP 4" },
	{ 1892794, "5.5.0", "ESXi 5.5 P02" },
	{ 1900470, "5.1.0", "ESXi 5.1 EP 5" },
	{ 1918656, "5.0.0", "ESXi 5.0 EP 6" },
	{ 2000251, "5.1.0", "ESXi 5.1 P05" },
	{ 2000308, "5.0.0", "ESXi 5.0 P09" },
	{ 2068190, "5.5.0", "ESXi 5.5 U2" },
	{ 2143827, "5.5.0", "ESXi 5.5 P03" },
	{ 2191751, "5.1.0", "ESXi 5.1 P06" },
	{ 2302651, "5.5.0", "ESXi 5.5 EP 5" },
	{ 2312428, "5.0.0", "ESXi 5.0 P10" },
	{ 2323236, "5.1.0", "ESXi 5.1 U3" },
	{ 2403361, "5.5.0", "ESXi 5.5 P04" },
	{ 2456374, "5.5.0", "ESXi 5.5 EP 6" },
	{ 2494585, "6.0.0", "ESXi 6.0 GA" },
	{ 2509828, "5.0.0", "ESXi 5.0 P11" },
	{ 2583090, "5.1.0", "ESXi 5.1 P07" },
	{ 2615704, "6.0.0", "ESXi 6.0 EP 1" },
	{ 2638301, "5.5.0", "ESXi 5.5 EP 7" },
	{ 2715440, "6.0.0", "ESXi 6.0 EP 2" },
	{ 2718055, "5.5.0", "ESXi 5.5 P05" },
	{ 2809209, "6.0.0", "ESXi 6.0.0b" },
	{ 3029758, "6.0.0", "ESXi 6.0 U1" },
	{ 3029944, "5.5.0", "ESXi 5.5 U3" },
	{ 3070626, "5.1.0", "ESXi 5.1 P08" },
	{ 3073146, "6.0.0", "ESXi 6.0 U1a EP 3" },
	{ 3086167, "5.0.0", "ESXi 5.0 P12" },
	{ 3116895, "5.5.0", "ESXi 5.5 U3a" },
	{ 3247720, "6.0.0", "ESXi 6.0 EP 4" },
	{ 3248547, "5.5.0", "ESXi 5.5 U3b" },
	{ 3343343, "5.5.0", "ESXi 5.5 EP 9" },
	{ 3380124, "6.0.0", "ESXi 6.0 U1b" },
	{ 3568722, "5.5.0", "ESXi 5.5 EP 10" },
	{ 3568940, "6.0.0", "ESXi 6.0 EP 5" },
	{ 3620759, "6.0.0", "ESXi 6.0 U2" },
	{ 3825889, "6.0.0", "ESXi 6.0 EP 6" },
	{ 3872664, "5.1.0", "ESXi 5.1 P09" },
	{ 3982828, "5.0.0", "ESXi 5.0 P13" },
	{ 4179633, "5.5.0", "ESXi 5.5 P08" },
	{ 4192238, "6.0.0", "ESXi 6.0 P03" },
	{ 4345813, "5.5.0", "ESXi 5.5 P09" },
	{ 4510822, "6.0.0", "ESXi 6.0 EP 7" },
	{ 4564106, "6.5.0", "ESXi 6.5 GA" },
	{ 4600944, "6.0.0", "ESXi 6.0 P04" },
	{ 4722766, "5.5.0", "ESXi 5.5 P10" },
	{ 4887370, "6.5.0", "ESXi 6.5.0a" },
	{ 5050593, "6.0.0", "ESXi 6.0 U3" },
	{ 5146846, "6.5.0", "ESXi 6.5 P01" },
	{ 5224529, "6.5.0", "ESXi 6.5 EP 1a" },
	{ 5224934, "6.0.0", "ESXi 6.0 EP 7a" },
	{ 5230635, "5.5.0", "ESXi 5.5 EP 11" },
	{ 5251623, "6.0.0", "ESXi 6.0 EP 7c" },
	{ 5310538, "6.5.0", "ESXi 6.5.0d" },
	{ 5572656, "6.0.0", "ESXi 6.0 P05" },
	{ 5969303, "6.5.0", "ESXi 6.5 U1" },
	{ 6765664, "6.5.0", "ESXi 6.5 U1 EP 4" },
	{ 7388607, "6.5.0", "ESXi 6.5 P02" },
	{ 7967591, "6.5.0", "ESXi 6.5 U1g" },
	{ 8169922, "6.7.0", "ESXi 6.7 GA" },
	{ 8294253, "6.5.0", "ESXi 6.5 U2" },
	{ 8935087, "6.5.0", "ESXi 6.5 U2b" },
	{ 8941472, "6.7.0", "ESXi 6.7 EP 02" },
	{ 9214924, "6.7.0", "ESXi 6.7 EP 02a" },
	{ 9298722, "6.5.0", "ESXi 6.5 U2c" },
	{ 9484548, "6.7.0", "ESXi 6.7 EP 03" },
	{ 10175896, "6.5.0", "ESXi 6.5 EP 09" },
	{ 10176752, "6.7.0", "ESXi 6.7 EP 04" },
	{ 10302608, "6.7.0", "ESXi 6.7 U1" },
	{ 10390116, "6.5.0", "ESXi 6.5 EP 10" },
	{ 10719125, "6.5.0", "ESXi 6.5 EP 11" },
	{ 10764712, "6.7.0", "ESXi 6.7 EP 05" },
	{ 10884925, "6.5.0", "ESXi 6.5 P03" },
	{ 11675023, "6.7.0", "ESXi 6.7 EP 06" },
	{ 11925212, "6.5.0", "ESXi 6.5 EP 12" },
	{ 13006603, "6.7.0", "ESXi 6.7 U2" },	/* b */
	{ 13932383, "6.5.0", "ESXi 6.5 U3" },	/* b */
	{ 14320388, "6.7.0", "ESXi 6.7 U3" },	/* b */
	{ 15160138, "6.7.0", "ESXi 6.7 U3b" },	/* c */
	{ 15843807, "7.0.0", "ESXi 7.0 GA" },	/* d */
	{ 16850804, "7.0.1", "ESXi 7.0 U1" },	/* b */
	{ 17325551, "7.0.1", "ESXi 7.0 U1c" },	/* b */
	{ 18644231, "7.0.3", "ESXi 7.0 U3" },	/* e */
	{ 20513097, "8.0.0", "ESXi 8.0 GA" },	/* f */
	{ 22380479, "8.0.2", "ESXi 8.0 U2" },	/* f */
	{ 23305546, "8.0.2", "ESXi 8.0 U2b" },	/* f */
	{ 23825572, "8.0.2", "ESXi 8.0 U2c" },	/* f */
	{ 24674464, "8.0.3", "ESXi 8.0 U3e" },	/* f */
};

const struct esx_build *
esx_build_find(unsigned long build)
{
	size_t lo = 0, hi = sizeof(builds) / sizeof(builds[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (builds[mid].build == build)
			return &builds[mid];
		if (builds[mid].build < build)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* a build number: 1 to 9 digits, nothing else */
static unsigned long
build_number(const char *p, size_t n)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 9)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return 0;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	return v;
}

/* "X.Y" or "X.Y.Z", each part 1 or 2 digits, into out; false if it is not one */
static bool
version_triple(const char *p, size_t n, char *out, size_t cap)
{
	size_t i, parts = 1, digits = 0;

	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)p[i])) {
			if (++digits > 2)
				return false;
		} else if (p[i] == '.' && digits > 0 && parts < 3) {
			parts++;
			digits = 0;
		} else {
			return false;
		}
	}
	if (digits == 0 || parts < 2 || n >= cap)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static bool
has_prefix(const char *p, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);

	return n >= len && memcmp(p, prefix, len) == 0;
}

/* BRANCH: "esx-7.0.3" (ESXi 7.0 U3) names the release; "vsphere60u2" (an ESXi 6.0 U2
 * build in a vm-support bundle) the major and minor; "onprem" (6.7 GA) nothing */
static void
branch_version(const char *v, size_t n, struct buildinfo *out)
{
	if (has_prefix(v, n, "esx-")) {
		if (version_triple(v + 4, n - 4, out->version, sizeof(out->version)))
			out->esx = true;
	} else if (has_prefix(v, n, "vsphere") && n >= 9 && isdigit((unsigned char)v[7]) &&
	    isdigit((unsigned char)v[8]) && (n == 9 || v[9] == 'u')) {
		snprintf(out->version, sizeof(out->version), "%c.%c", v[7], v[8]);
	}
}

void
buildinfo_parse(const char *buf, size_t len, struct buildinfo *out)
{
	size_t off = 0;

	memset(out, 0, sizeof(*out));
	while (off < len) {
		const char *l = buf + off, *nl = memchr(l, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - l) : len - off;
		const char *colon = memchr(l, ':', n);

		if (colon != NULL) {
			const char *v = colon + 1;
			size_t k = (size_t)(colon - l), vn = n - k - 1;

			while (vn > 0 && (v[vn - 1] == '\r' || v[vn - 1] == ' ' || v[vn - 1] == '\t'))
				vn--;
			if (k == 11 && memcmp(l, "BUILDNUMBER", 11) == 0 &&
			    (out->build = build_number(v, vn)) != 0) {
				out->build_span.start = (uint32_t)off;
				out->build_span.end = (uint32_t)(off + k + 1 + vn);
			} else if (k == 6 && memcmp(l, "BRANCH", 6) == 0) {
				branch_version(v, vn, out);
			} else if (k == 9 && memcmp(l, "STAGEPATH", 9) == 0) {
				/* "build/esx/release" on ESXi 6.7 GA and 7.0 U3 */
				if (has_prefix(v, vn, "build/esx/"))
					out->esx = true;
			} else if (k == 15 && memcmp(l, "CLOUDVM_VERSION", 15) == 0) {
				out->vcenter = true;
			}
		}
		off += n + 1;
	}
	if (out->vcenter)
		out->esx = false;
}

bool
identify_parse(const char *buf, size_t len, struct identify *out)
{
	static const char open[] = "<wsmid:ProductVersion>", close[] = "</wsmid:ProductVersion>";
	const char *p, *end, *v;
	size_t n;

	memset(out, 0, sizeof(*out));
	p = memmem(buf, len, open, sizeof(open) - 1);
	if (p == NULL)
		return false;
	p += sizeof(open) - 1;
	end = memmem(p, len - (size_t)(p - buf), close, sizeof(close) - 1);
	if (end == NULL)
		return false;
	out->span.start = (uint32_t)(p - buf);
	out->span.end = (uint32_t)(end - buf);
	if (has_prefix(p, (size_t)(end - p), "VMware ESXi "))
		out->esxi = true, p += 12;
	else if (has_prefix(p, (size_t)(end - p), "VMware ESX "))
		p += 11;
	else
		return false;
	for (v = p; p < end && *p != ' '; p++)
		;
	if (!version_triple(v, (size_t)(p - v), out->version, sizeof(out->version)))
		return false;
	n = (size_t)(end - p);
	if (n > 7 && memcmp(p, " build-", 7) == 0)
		out->build = build_number(p + 7, n - 7);
	return true;
}

bool
esxconf_key_is_esxi(const char *key)
{
	/* UserVars.ESXiShellTimeOut, UserVars.ESXiShellInteractiveTimeOut: the ESXi Shell of
	 * ESXi 5 and later (the vSphere Security guides); advanced options are /adv/ keys */
	return strncmp(key, "/adv/UserVars/ESXiShell", 23) == 0;
}

/* the version is known from source path: its parts, the product, where it is said */
static void
set_version(struct host *h, struct esx_model *m, const char *version, enum esx_from from,
    const char *path)
{
	int v[3];

	m->version = arena_strdup(&h->arena, version);
	esx_version_parse(m->version, v);
	m->major = v[0];
	m->minor = v[1];
	m->patch = v[2];
	m->from = from;
	m->source = path;
	if (m->major >= 5)
		m->product = ESXP_ESXI;
}

bool
model_esx_buildinfo(struct host *h, struct esx_model *m, struct source *src)
{
	struct buildinfo bi;
	const struct esx_build *b;

	m->buildinfo_present = true;
	buildinfo_parse(src->buf, src->len, &bi);
	if (bi.vcenter) {
		m->vcenter = true;
		return false;
	}
	if (bi.build != 0) {
		m->build = bi.build;
		m->ev_src = src;
		m->ev_span = bi.build_span;
	}
	b = bi.build != 0 ? esx_build_find(bi.build) : NULL;
	if (b != NULL) {
		m->build_name = b->name;
		set_version(h, m, b->version, ESXV_BUILDINFO, BUILDINFO_PATH);
		return true;
	}
	if (bi.version[0] != '\0') {
		set_version(h, m, bi.version, ESXV_BUILDINFO, BUILDINFO_PATH);
		if (m->ev_src == NULL)
			m->ev_src = src;
		return true;
	}
	/* an ESX build of no release known here: ESX with a service console has
	 * etc/vmware-release, so a root without it is ESXi */
	if (bi.esx && bi.build != 0)
		model_esx_marker(m, BUILDINFO_PATH, NULL, src, bi.build_span);
	return false;
}

bool
model_esx_identify(struct host *h, struct esx_model *m, struct source *src)
{
	struct identify id;

	if (!identify_parse(src->buf, src->len, &id))
		return false;
	if (m->build == 0)
		m->build = id.build;
	set_version(h, m, id.version, ESXV_IDENTIFY, IDENTIFY_PATH);
	m->product = id.esxi ? ESXP_ESXI : m->major >= 5 ? ESXP_ESXI : ESXP_ESX;
	m->ev_src = src;
	m->ev_span = id.span;
	return true;
}

void
model_esx_marker(struct esx_model *m, const char *path, const char *what,
    struct source *src, struct span span)
{
	if (m->product == ESXP_ESXI)
		return;
	m->product = ESXP_ESXI;
	m->from = ESXV_FILES;
	m->source = path;
	m->what = what;
	m->ev_src = src;
	m->ev_span = span;
}

const char *
esx_describe(const struct esx_model *m, struct arena *a)
{
	const char *product = esx_product_name(m);

	if (m->version != NULL) {
		const char *build = m->build == 0 ? "" : m->build_name != NULL ?
		    arena_printf(a, ", build %lu: %s", m->build, m->build_name) :
		    arena_printf(a, ", build %lu", m->build);

		return arena_printf(a, "%s %s (%s%s)", product != NULL ? product : "ESX",
		    m->version, m->source, build);
	}
	if (m->product == ESXP_ESXI)
		return arena_printf(a, "ESXi, release unknown (%s)", m->source);
	return m->looked ? "unknown (taken as ESX 3)" : "unknown";
}

const char *
esx_unknown_why(const struct esx_model *m, struct arena *a)
{
	const char *bi;

	if (m->product == ESXP_ESXI) {
		if (m->what == NULL)
			return arena_printf(a, "%s names ESXi build %lu, which is not in "
			    "esxntp-lint's table of releases", BUILDINFO_PATH, m->build);
		return arena_printf(a, "%s shows ESXi, and neither %s nor %s names the release",
		    m->what, BUILDINFO_PATH, IDENTIFY_PATH);
	}
	if (!m->looked)
		return "";
	bi = m->vcenter ? arena_printf(a, "%s is a vCenter Server appliance's "
	    "(CLOUDVM_VERSION), not a host's", BUILDINFO_PATH) :
	    m->buildinfo_present ? arena_printf(a, "%s names no ESX build", BUILDINFO_PATH) :
	    arena_printf(a, "no %s", BUILDINFO_PATH);
	return arena_printf(a, "%s, no %s, and no file only ESXi has (%s, %s, ESXi's %s, an "
	    "ESXi Shell key in %s)", bi, IDENTIFY_PATH, CHKCONFIG_DB_PATH, SERVICE_XML_PATH,
	    ESXI_INIT_PATH, ESXCONF_PATH);
}
