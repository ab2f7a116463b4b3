/* secret_rows.c - the secrets of a handshake as one ordered list of rows
 * (see secret_rows.h).  What each row is - its id, name, sentence, group,
 * step and side - is the table srow_defs[]; srow_build only decides which
 * rows this handshake has and points them at the values the secrets engine
 * stored in the model.  Nothing here computes: a row that needs a value
 * the model does not hold says why it is unknown. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "secret_rows_int.h"

typedef struct {
	const char *id, *label, *what;
	srow_group_t group;
	int step, side;
	unsigned flags;
} srow_def_t;

#define C SIDE_CLIENT
#define S SIDE_SERVER
#define I SROW_F_INTERMEDIATE
/* RFC 8446 7.3: [sender]_write_key/iv = HKDF-Expand-Label(Secret, "key"/"iv", "", length). */
#define HKDF_KEY "HKDF-Expand-Label(traffic secret, \"key\", \"\", key_length) (RFC 8446 7.3)"
#define HKDF_IV "HKDF-Expand-Label(traffic secret, \"iv\", \"\", 12) (RFC 8446 7.3)"
#define KB_PART "a slice of the key block, in the order of RFC 5246 6.3"
#define EXP_PART "the export suite's short write key, as the key block gives it: the final write key is made from it " \
	"and the randoms (RFC 2246 6.3, RFC 6101 6.2.2)"
#define FIN_ROWS(kind, id, label, what, fl) \
	[kind] = { "finished_detail.client." id, label, what, SROW_G_FIN_CLIENT, 7, C, fl }, \
	[kind + 1] = { "finished_detail.server." id, label, what, SROW_G_FIN_SERVER, 8, S, fl }

static const srow_def_t srow_defs[SROW_K__COUNT] = {
	[SROW_K_CLIENT_RANDOM] = { "client_random", "client random", "32 bytes the client chose (ClientHello)", SROW_G_CHOICE, 1, C, 0 },
	[SROW_K_SERVER_RANDOM] = { "server_random", "server random", "32 bytes the server chose (ServerHello)", SROW_G_CHOICE, 2, S, 0 },
	[SROW_K_VERSION] = { "version", "version", "the protocol version the server chose", SROW_G_CHOICE, 2, -1, 0 },
	[SROW_K_SUITE] = { "cipher_suite", "chosen cipher suite", "key exchange, cipher, MAC and PRF hash in one", SROW_G_CHOICE, 2, -1, 0 },
	[SROW_K_OPTIONS] = { "options", "options", "extensions that change the key derivation or the records", SROW_G_CHOICE, 2, -1, 0 },
	[SROW_K_TRAFFIC_NONE] = { "secrets.traffic", "traffic secrets", "TLS 1.3's secrets come only from a key log", SROW_G_TLS13, 2, -1, 0 },
	[SROW_K_CLIENT_HS] = { "secrets.client_handshake_traffic_secret", "client hs traffic secret", "from the key log: what the client's handshake keys come from (RFC 8446 7.1)", SROW_G_TLS13, 2, C, 0 },
	[SROW_K_SERVER_HS] = { "secrets.server_handshake_traffic_secret", "server hs traffic secret", "from the key log: what the server's handshake keys come from (RFC 8446 7.1)", SROW_G_TLS13, 2, S, 0 },
	[SROW_K_CLIENT_HS_KEY] = { "secrets.keys.client_handshake.write_key", "client hs write key", HKDF_KEY, SROW_G_TLS13, 2, C, 0 },
	[SROW_K_CLIENT_HS_IV] = { "secrets.keys.client_handshake.iv", "client hs IV", HKDF_IV, SROW_G_TLS13, 2, C, 0 },
	[SROW_K_SERVER_HS_KEY] = { "secrets.keys.server_handshake.write_key", "server hs write key", HKDF_KEY, SROW_G_TLS13, 2, S, 0 },
	[SROW_K_SERVER_HS_IV] = { "secrets.keys.server_handshake.iv", "server hs IV", HKDF_IV, SROW_G_TLS13, 2, S, 0 },
	[SROW_K_CLIENT_APP] = { "secrets.client_traffic_secret_0", "client app traffic secret", "from the key log: the client's first application traffic secret", SROW_G_TLS13, 8, C, 0 },
	[SROW_K_SERVER_APP] = { "secrets.server_traffic_secret_0", "server app traffic secret", "from the key log: the server's first application traffic secret", SROW_G_TLS13, 8, S, 0 },
	[SROW_K_EXPORTER] = { "secrets.exporter_secret", "exporter secret", "from the key log: for keying material exporters (RFC 8446 7.5)", SROW_G_TLS13, 8, -1, 0 },
	[SROW_K_CLIENT_APP_KEY] = { "secrets.keys.client_application.write_key", "client app write key", HKDF_KEY, SROW_G_TLS13, 8, C, 0 },
	[SROW_K_CLIENT_APP_IV] = { "secrets.keys.client_application.iv", "client app IV", HKDF_IV, SROW_G_TLS13, 8, C, 0 },
	[SROW_K_SERVER_APP_KEY] = { "secrets.keys.server_application.write_key", "server app write key", HKDF_KEY, SROW_G_TLS13, 8, S, 0 },
	[SROW_K_SERVER_APP_IV] = { "secrets.keys.server_application.iv", "server app IV", HKDF_IV, SROW_G_TLS13, 8, S, 0 },
	[SROW_K_PREMASTER] = { "secrets.premaster", "premaster secret", "what the key exchange agreed (RSA: 2 version bytes + 46 random)", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_SESSION_HASH] = { "secrets.session_hash", "session hash (RFC 7627)", "Hash(handshake_messages) up to the ClientKeyExchange (RFC 7627 3)", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_MASTER_FORMULA] = { "secrets.master_formula", "master secret =", "RFC 5246 8.1 (RFC 7627 4 for the extended master secret)", SROW_G_MASTER, 6, -1, SROW_F_LINE },
	[SROW_K_PRF_A1] = { "secrets.master_prf.a1", "PRF A(1)", "A(1) = HMAC(premaster, A(0)), A(0) = label + seed (RFC 5246 5)", SROW_G_MASTER, 6, -1, I },
	[SROW_K_PRF_B1] = { "secrets.master_prf.block1", "PRF block 1", "HMAC(premaster, A(1) + label + seed): the master's first bytes", SROW_G_MASTER, 6, -1, I },
	[SROW_K_PRF_A2] = { "secrets.master_prf.a2", "PRF A(2)", "A(2) = HMAC(premaster, A(1))", SROW_G_MASTER, 6, -1, I },
	[SROW_K_PRF_B2] = { "secrets.master_prf.block2", "PRF block 2", "HMAC(premaster, A(2) + label + seed): the next bytes", SROW_G_MASTER, 6, -1, I },
	[SROW_K_PRF_A3] = { "secrets.master_prf.a3", "PRF A(3)", "A(3) = HMAC(premaster, A(2))", SROW_G_MASTER, 6, -1, I },
	[SROW_K_PRF_B3] = { "secrets.master_prf.block3", "PRF block 3", "HMAC(premaster, A(3) + label + seed): the next bytes", SROW_G_MASTER, 6, -1, I },
	[SROW_K_MASTER] = { "secrets.master", "master secret", "48 bytes every key of the connection comes from", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_MASTER_REPORTED] = { "secrets.master_reported", "key log says", "the master a second source gives, to check the derivation", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_MASTER_AGREES] = { "secrets.master_agrees", "agreement", "the derived master against the reported one", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_RSA_KEY] = { "secrets.rsa_key", "RSA key", "the private key given against the certificate's public key", SROW_G_MASTER, 6, -1, 0 },
	[SROW_K_CLIENT_SIDE_MASTER] = { "live.client_master", "client's master", "the master the client's GnuTLS logged", SROW_G_MASTER, 6, C, 0 },
	[SROW_K_SERVER_SIDE_MASTER] = { "live.server_master", "server's master", "the master the server's GnuTLS logged", SROW_G_MASTER, 6, S, 0 },
	[SROW_K_KEY_BLOCK_FORMULA] = { "secrets.keys.key_block_formula", "key block =", "RFC 5246 6.3", SROW_G_KEYS, 6, -1, SROW_F_LINE },
	[SROW_K_KEY_BLOCK] = { "secrets.keys.key_block", "key block", "PRF output cut into the keys below", SROW_G_KEYS, 6, -1, 0 },
	[SROW_K_CLIENT_MAC] = { "secrets.keys.client.mac_key", "client MAC key", KB_PART, SROW_G_KEYS, 6, C, 0 },
	[SROW_K_CLIENT_KEY] = { "secrets.keys.client.write_key", "client write key", KB_PART, SROW_G_KEYS, 6, C, 0 },
	[SROW_K_CLIENT_IV] = { "secrets.keys.client.iv", "client IV", KB_PART, SROW_G_KEYS, 6, C, 0 },
	[SROW_K_SERVER_MAC] = { "secrets.keys.server.mac_key", "server MAC key", KB_PART, SROW_G_KEYS, 6, S, 0 },
	[SROW_K_SERVER_KEY] = { "secrets.keys.server.write_key", "server write key", KB_PART, SROW_G_KEYS, 6, S, 0 },
	[SROW_K_SERVER_IV] = { "secrets.keys.server.iv", "server IV", KB_PART, SROW_G_KEYS, 6, S, 0 },
	[SROW_K_CLIENT_EXPORT_KEY] = { "secrets.keys.client.export_key_material", "client export key", EXP_PART, SROW_G_KEYS, 6, C, I },
	[SROW_K_SERVER_EXPORT_KEY] = { "secrets.keys.server.export_key_material", "server export key", EXP_PART, SROW_G_KEYS, 6, S, I },
	[SROW_K_EXPORT_FORMULA] = { "secrets.keys.export_formula", "export expansion:", "RFC 2246 6.3, RFC 6101 6.2.2", SROW_G_KEYS, 6, -1, SROW_F_LINE },
	FIN_ROWS(SROW_K_FIN_LABEL, "label", "finished label", "the label of the computation (RFC 5246 7.4.9, RFC 8446 4.4.4)", I),
	FIN_ROWS(SROW_K_FIN_TH, "transcript_hash", "transcript hash", "Hash of every handshake message before this Finished", 0),
	FIN_ROWS(SROW_K_FIN_KEY, "key", "finished key", "the secret the verify_data is made with", I),
	FIN_ROWS(SROW_K_FIN_EXPECTED, "expected", "expected", "verify_data recomputed here", 0),
	FIN_ROWS(SROW_K_FIN_RECEIVED, "received", "received", "verify_data as the Finished message carried it", 0),
	[SROW_K_FIN_VERDICT] = { "finished.client", "verdict", "expected against received", SROW_G_FIN_CLIENT, 7, C, 0 },
	[SROW_K_FIN_VERDICT + 1] = { "finished.server", "verdict", "expected against received", SROW_G_FIN_SERVER, 8, S, 0 },
	[SROW_K_APP] = { "application_data.client.first_bytes", "client sent", "application data records, and the first bytes when decrypted", SROW_G_APP, 9, C, SROW_F_LINE },
	[SROW_K_APP + 1] = { "application_data.server.first_bytes", "server sent", "application data records, and the first bytes when decrypted", SROW_G_APP, 9, S, SROW_F_LINE },
};
#undef C
#undef S
#undef I

static const char *const srow_titles[SROW__GROUPS] = {
	[SROW_G_CHOICE] = "Randoms and the choice",
	[SROW_G_MASTER] = "Premaster and master secret",
	[SROW_G_KEYS] = "Key block and keys",
	[SROW_G_TLS13] = "TLS 1.3 key schedule (traffic secrets from the key log, keys by HKDF)",
	[SROW_G_FIN_CLIENT] = "Client Finished",
	[SROW_G_FIN_SERVER] = "Server Finished",
	[SROW_G_APP] = "Application data",
};

static bool srow_is_fin(srow_group_t g)
{
	return g == SROW_G_FIN_CLIENT || g == SROW_G_FIN_SERVER;
}

const srow_t *srow_next_in_step(const srow_list_t *l, int step, size_t *i, bool *heading)
{
	size_t k = *i == SIZE_MAX ? 0 : *i + 1, j;

	for (; k < l->n; k++) {
		const srow_t *r = &l->v[k];

		if (r->step != step)
			continue;
		*heading = srow_is_fin(r->group) && (k == 0 || l->v[k - 1].group != r->group);
		if (*heading) {
			for (j = k; j < l->n && l->v[j].group == r->group && !(l->v[j].flags & SROW_F_ABSENT); j++)
				;
			if (j < l->n && l->v[j].group == r->group) {
				k = j;   /* the verdict row says the Finished is absent: skip the group */
				continue;
			}
		}
		*i = k;
		return r;
	}
	*i = l->n;
	return NULL;
}

const char *srow_group_title(srow_group_t g)
{
	return (unsigned)g < SROW__GROUPS ? srow_titles[g] : "";
}

const char *srow_reporter(secret_from_t reported_from)
{
	return reported_from == FROM_LIVE ? "GnuTLS" : "the key log";
}

const char *srow_reported_label(secret_from_t reported_from)
{
	return reported_from == FROM_LIVE ? "GnuTLS reports" : "key log says";
}

const srow_t *srow_find(const srow_list_t *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

const srow_t *srow_get(const srow_list_t *l, srow_kind_t k)
{
	return (unsigned)k < SROW_K__COUNT && l->at[k] ? &l->v[l->at[k] - 1] : NULL;
}

/* Appends the row of kind k; a scratch row when the list is full. */
srow_t *srow_put(srow_list_t *l, srow_kind_t k)
{
	static srow_t scratch;
	const srow_def_t *d = &srow_defs[k];
	srow_t *r;

	if (l->n == SROW_MAX) {
		l->truncated = true;
		r = &scratch;
	} else {
		l->at[k] = (unsigned char)(l->n + 1);
		r = &l->v[l->n++];
	}
	memset(r, 0, sizeof *r);
	r->id = d->id;
	r->label = d->label;
	r->what = d->what;
	r->group = d->group;
	r->step = d->step;
	r->side = d->side;
	r->flags = d->flags;
	return r;
}

srow_t *srow_bytes(srow_list_t *l, srow_kind_t k, const uint8_t *p, size_t n)
{
	srow_t *r = srow_put(l, k);

	r->val = n ? p : NULL;
	r->len = n ? n : 0;
	return r;
}

/* The strings up to a NULL, joined, kept in the list's pool: what every
 * handshake's rows need, without a printf each (a large capture's JSON
 * builds the rows once a handshake). */
const char *srow_cat(srow_list_t *l, ...)
{
	va_list ap;
	char *start = l->pool + l->used, *p = start, *end = l->pool + SROW_POOL;
	const char *part;

	if (p >= end)
		return "";
	va_start(ap, l);
	while ((part = va_arg(ap, const char *)) != NULL) {
		size_t n = strlen(part);

		if (n >= (size_t)(end - p)) {
			n = (size_t)(end - p) - 1;
			l->truncated = true;
		}
		memcpy(p, part, n);
		p += n;
	}
	va_end(ap);
	*p++ = '\0';
	l->used = (size_t)(p - l->pool);
	return start;
}

/* Text for a row, kept in the list's pool. */
const char *srow_printf(srow_list_t *l, const char *fmt, ...)
{
	va_list ap;
	char *p = l->pool + l->used;
	size_t room = SROW_POOL - l->used;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(p, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		l->truncated = true;
		n = room ? (int)room - 1 : 0;
	}
	l->used += (size_t)n + 1 < room ? (size_t)n + 1 : room;
	return p;
}

