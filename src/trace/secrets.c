/* secrets.c - the secrets engine (see secrets.h).
 *
 * Every value it stores is either read from the wire, decrypted with a key
 * the user (or the live engine) supplied, or derived here; what came from a
 * key log is kept apart and compared, never silently preferred. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "secrets.h"
#include "crypto/derive.h"

enum { SECRETS_MAX_PARTS = 64 };

/* RFC 5246 7.4.9: handshake_messages is every handshake message of this
 * handshake up to, not including, `end` (HelloRequest excluded).  For
 * TLS 1.3 (RFC 8446 4.4.1) post-handshake messages are excluded too, and
 * after a HelloRetryRequest the first ClientHello is replaced by a
 * message_hash of it; mh (4 + hash bytes) holds that synthetic message. */
static size_t secrets_transcript(const handshake_t *h, size_t end, slice_t *parts, uint8_t *mh)
{
	bool tls13 = h->version == VER_TLS13;
	hash_alg_t alg = keys_prf_hash(h->version, h->suite);
	size_t i, n = 0;
	bool first_ch = true;

	for (i = 0; i < end && i < h->nmsgs && n < SECRETS_MAX_PARTS; i++) {
		const msg_t *m = h->msgs[i];

		if (m->type != CT_HANDSHAKE || m->opaque || m->hs_type == HS_HELLO_REQUEST)
			continue;
		/* RFC 6347 4.2.6: "in cases where the cookie exchange is used,
		 * the initial ClientHello and HelloVerifyRequest MUST NOT be
		 * included in the CertificateVerify or Finished MAC
		 * computations"; each DTLS message is hashed with its 12-byte
		 * header as if sent in one fragment (raw holds it so). */
		if (m->no_transcript || m->hs_type == HS_HELLO_VERIFY_REQUEST)
			continue;
		if (tls13 && (m->hs_type == HS_NEW_SESSION_TICKET || m->hs_type == HS_KEY_UPDATE))
			continue;
		if (tls13 && h->hrr && m->hs_type == HS_CLIENT_HELLO && first_ch) {
			first_ch = false;
			parts[n++] = slice_make(mh, derive_message_hash(alg, m->raw.ptr, m->raw.len, mh));
			continue;
		}
		parts[n++] = buf_slice(&m->raw);
	}
	return n;
}

/* What the key log says for this client random.  Looked up again at each
 * use (an O(1) lookup): a live peer logs its secrets only as it computes
 * them, after the hello that the decoder has already seen. */
static void secrets_lookup(handshake_t *h, const evidence_t *ev)
{
	const keylog_entry_t *e;

	if (!ev->keylog || !h->have_client_random)
		return;
	e = keylog_find(ev->keylog, h->client_random);
	if (!e)
		return;
	h->sec.logged = *e;
	h->sec.have_logged = true;
	h->sec.reported_from = ev->live ? FROM_LIVE : FROM_KEYLOG;
	if (e->len[KL_MASTER] == 48) {
		memcpy(h->sec.master_reported, e->secret[KL_MASTER], 48);
		h->sec.have_master_reported = true;
	}
}

void secrets_on_server_hello(handshake_t *h, const evidence_t *ev)
{
	secrets_lookup(h, ev);
}

void secrets_on_server_certificate(handshake_t *h, msg_t *cert, const evidence_t *ev)
{
	/* RSA_EXPORT: checked at the ClientKeyExchange (secrets_export_key),
	 * once it is known whether a temporary key came after. */
	if (!ev->rsa || ev->live || !cert->ncerts || !h->suite || h->suite->kx != KX_RSA)
		return;
	if (!rsakey_matches_cert(ev->rsa, msg_span(cert, cert->certs[0]))) {
		h->sec.rsa_key_mismatch = true;
		msg_note(cert, "the RSA private key given (--rsa-key) does not belong to this certificate: "
			 "the premaster cannot be recovered with it");
	}
}

/* rfc2246#section-7.4.3: an RSA_EXPORT server whose certificate key is
 * longer than 512 bits sends a temporary 512-bit key in its
 * ServerKeyExchange, and the client encrypts the premaster to that key;
 * otherwise to the certificate's.  The --rsa-key given must be that one. */
static void secrets_export_key(handshake_t *h, const evidence_t *ev)
{
	msg_t *ske = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE);
	msg_t *cert = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);

	if (ske && !ske->unparsed && ske->exchange.len) {
		if (rsakey_matches_modulus(ev->rsa, msg_span(ske, ske->exchange))) {
			msg_note(ske, "the RSA private key given (--rsa-key) is this temporary RSA_EXPORT key: "
				 "the premaster is encrypted to it");
		} else {
			h->sec.rsa_key_mismatch = true;
			msg_note(ske, "the RSA private key given (--rsa-key) is not this temporary RSA_EXPORT key, "
				 "which the premaster is encrypted to: it cannot be recovered with it");
		}
	} else if (cert && cert->ncerts && !rsakey_matches_cert(ev->rsa, msg_span(cert, cert->certs[0]))) {
		h->sec.rsa_key_mismatch = true;
		msg_note(cert, "the RSA private key given (--rsa-key) does not belong to this certificate: "
			 "the premaster cannot be recovered with it");
	}
}

static size_t secrets_index_of(const handshake_t *h, const msg_t *m)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i] == m)
			return i;
	return h->nmsgs;
}

/* The logged master becomes the master when nothing better is known. */
static void secrets_take_logged_master(handshake_t *h, const evidence_t *ev)
{
	if (h->sec.have_master || !h->sec.have_master_reported)
		return;
	memcpy(h->sec.master, h->sec.master_reported, 48);
	h->sec.have_master = true;
	h->sec.master_from = ev->live ? FROM_LIVE : FROM_KEYLOG;
}

static const char *secrets_no_premaster_why(const handshake_t *h)
{
	if (!h->suite)
		return "the cipher suite is unknown, so the key exchange cannot be read";
	switch (h->suite->kx) {
	case KX_DHE: case KX_ECDHE: case KX_DHE_PSK: case KX_ECDHE_PSK:
		return "with (EC)DHE the premaster is the Diffie-Hellman shared secret: each side computed it "
		       "from its own private value, it never crossed the wire, and the library does not reveal it";
	case KX_RSA: case KX_RSA_EXPORT: case KX_RSA_PSK:
		return "the server's private key was not given, so the encrypted premaster cannot be opened";
	default:
		return "this key exchange's premaster cannot be recovered from the wire";
	}
}

/* RFC 7627 3: session_hash = Hash(handshake_messages) up to and including
 * the ClientKeyExchange.  Computed when the master is derived from it, or
 * at the end (secrets_finish) only to be shown. */
static void secrets_session_hash(handshake_t *h, const msg_t *cke)
{
	slice_t parts[SECRETS_MAX_PARTS];
	uint8_t mh[4 + HASH_MAX_LEN];
	hash_alg_t alg = keys_prf_hash(h->version, h->suite);
	size_t n;

	if (!h->ems || h->sec.session_hash_len)
		return;
	n = secrets_transcript(h, secrets_index_of(h, cke) + 1, parts, mh);
	h->sec.session_hash_len = derive_transcript_hash(alg, parts, n, h->sec.session_hash);
}

void secrets_finish(handshake_t *h, bool lean)
{
	const msg_t *cke;

	if (lean)
		return;   /* a hash of the whole transcript per handshake, for nothing */
	cke = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_KEY_EXCHANGE);
	if (cke && !cke->opaque && h->suite && h->have_client_random && h->have_server_random &&
	    h->version != VER_TLS13)
		secrets_session_hash(h, cke);
}

void secrets_on_client_key_exchange(handshake_t *h, msg_t *cke, const evidence_t *ev)
{
	secrets_t *s = &h->sec;
	hash_alg_t alg;
	err_t e;

	secrets_lookup(h, ev);
	if (!h->suite || !h->have_client_random || !h->have_server_random) {
		s->premaster_why = secrets_no_premaster_why(h);
		return;
	}
	alg = keys_prf_hash(h->version, h->suite);
	if (h->suite->kx == KX_RSA_EXPORT && ev->rsa && !ev->live)
		secrets_export_key(h, ev);
	if ((h->suite->kx == KX_RSA || h->suite->kx == KX_RSA_EXPORT) && ev->rsa && cke->exchange.len) {
		e = rsakey_decrypt_premaster(ev->rsa, msg_span(cke, cke->exchange), s->premaster);
		if (e != ERR_OK) {
			msg_note(cke, "the premaster could not be decrypted with the server key given: %s "
				 "(is it the key of this server's certificate?)", err_str(e));
			s->premaster_why = "decrypting the ClientKeyExchange with the given private key failed";
		} else {
			const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
			uint16_t pv = (uint16_t)(s->premaster[0] << 8 | s->premaster[1]);

			s->premaster_len = 48;
			s->premaster_from = FROM_RSA_KEY;
			/* RFC 5246 7.4.7.1: the first two bytes are the version the
			 * client offered, a defence against version rollback. */
			if (ch && pv != ch->hello.legacy_version)
				msg_note(cke, "premaster starts with version 0x%04x but the ClientHello offered 0x%04x",
					 pv, ch->hello.legacy_version);
		}
	} else if (!s->premaster_len) {
		s->premaster_why = secrets_no_premaster_why(h);
	}
	if (s->premaster_len) {
		secrets_session_hash(h, cke);
		/* the PRF's intermediates, for showing: a kilobyte, so in the
		 * arena and only for a master derived here (NULL: not kept) */
		if (!s->master_prf)
			s->master_prf = arena_alloc(h->arena, sizeof *s->master_prf);
		e = derive_master(h->version, alg, s->premaster, s->premaster_len, h->client_random,
				  h->server_random, h->ems ? s->session_hash : NULL, s->session_hash_len,
				  s->master, s->master_prf);
		if (e == ERR_OK) {
			s->have_master = true;
			s->master_from = FROM_DERIVED;
		}
	}
	if (s->have_master && s->have_master_reported) {
		s->master_agrees = memcmp(s->master, s->master_reported, 48) == 0;
		if (!s->master_agrees)
			msg_note(cke, "MASTER SECRET DISAGREES: derived here from the premaster it is not the one "
				 "the %s reports; every key after this is in doubt",
				 ev->live ? "GnuTLS key log" : "key log");
	}
	secrets_take_logged_master(h, ev);
}

/* RFC 5246 7.3: an abbreviated handshake reuses the master secret of the
 * session it resumes; if that session was made earlier in this capture,
 * its master is known. */
static void secrets_resume(handshake_t *h, const evidence_t *ev)
{
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	const session_t *s = NULL;

	if (h->sec.have_master || !h->resumed || !ev->sessions || !ch || h->version == VER_TLS13)
		return;
	if (ch->hello.ticket.len)   /* RFC 5077 3.4: a ticket takes precedence */
		s = sessions_find(ev->sessions, ch->raw.ptr + ch->hello.ticket.off, ch->hello.ticket.len);
	if (!s && h->session_id_len)
		s = sessions_find(ev->sessions, h->session_id, h->session_id_len);
	if (!s || s->version != h->version || s->suite != h->suite_id) {
		/* RFC 5246 7.3: an abbreviated handshake has no key exchange of
		 * its own; its master is the session's, made earlier */
		h->sec.premaster_why = sessions_forgotten(ev->sessions)
			? "resumed session: its master secret was made by an earlier connection that is not in this "
			  "capture, had no keys, or was forgotten (the session cache keeps the most recent sessions)"
			: "resumed session: its master secret was made by an earlier connection that is not in this "
			  "capture or had no keys";
		return;
	}
	memcpy(h->sec.master, s->master, 48);
	h->sec.have_master = true;
	h->sec.master_from = (secret_from_t)s->from;
	h->sec.resumed_from = (int)s->connection;
}

void secrets_remember_session(handshake_t *h, const evidence_t *ev, unsigned connection)
{
	const msg_t *nst = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_NEW_SESSION_TICKET);
	session_t s;

	if (!ev->sessions || !h->sec.have_master || h->version == VER_TLS13 || !h->suite)
		return;
	memcpy(s.master, h->sec.master, 48);
	s.version = h->version;
	s.suite = h->suite_id;
	s.connection = connection;
	s.from = (int)h->sec.master_from;
	if (h->session_id_len)
		(void)sessions_add(ev->sessions, h->session_id, h->session_id_len, &s);
	if (nst && !nst->opaque && nst->ticket.len)
		(void)sessions_add(ev->sessions, nst->raw.ptr + nst->ticket.off, nst->ticket.len, &s);
}

bool secrets_ensure_keys(handshake_t *h, const evidence_t *ev, const char **why)
{
	err_t e;

	if (h->sec.have_keys)
		return true;
	secrets_lookup(h, ev);
	secrets_resume(h, ev);
	secrets_take_logged_master(h, ev);
	if (!h->suite) {
		*why = "the cipher suite is not known";
		return false;
	}
	if (!h->sec.have_master) {
		*why = h->sec.premaster_why ? h->sec.premaster_why : "no master secret: neither a private key nor a key log gave it";
		return false;
	}
	e = keys_from_master(h->version, h->suite, h->sec.master, h->client_random, h->server_random,
			     &h->sec.keys);
	if (e != ERR_OK) {
		*why = "this suite's key block cannot be derived here";
		return false;
	}
	h->sec.have_keys = true;
	return true;
}

err_t secrets_rcrypt(handshake_t *h, const evidence_t *ev, int side, rcrypt_t **out, const char **why)
{
	const char *missing;
	err_t e;

	*out = NULL;
	if (h->suite && (missing = rcrypt_missing(h->suite)) != NULL) {
		(void)secrets_ensure_keys(h, ev, why);   /* the keys are known and shown; the cipher is not */
		snprintf(h->sec.cannot_decrypt, sizeof h->sec.cannot_decrypt,
			 "cannot decrypt: no implementation of %s", missing);
		*why = h->sec.cannot_decrypt;
		return ERR_UNSUPPORTED;
	}
	if (!secrets_ensure_keys(h, ev, why))
		return ERR_NO_KEYS;
	e = rcrypt_new(h->version, h->suite, h->etm,
		       side == SIDE_CLIENT ? &h->sec.keys.client : &h->sec.keys.server, out);
	if (e != ERR_OK)
		*why = err_str(e);
	return e;
}

err_t secrets_rcrypt_tls13(handshake_t *h, keylog_label_t label, rcrypt_t **out, const char **why)
{
	const keylog_entry_t *e = &h->sec.logged;
	int side = (label == KL_CLIENT_HS || label == KL_CLIENT_APP0) ? SIDE_CLIENT : SIDE_SERVER;
	bool app = label == KL_CLIENT_APP0 || label == KL_SERVER_APP0;
	keys_dir_t *k = app ? &h->sec.app_keys[side] : &h->sec.hs_keys[side];

	*out = NULL;
	if (!h->suite) {
		*why = "the cipher suite is not known";
		return ERR_NO_KEYS;
	}
	if (!h->sec.have_logged || !e->len[label]) {
		*why = "the key log has no traffic secret for this connection";
		return ERR_NO_KEYS;
	}
	if (e->len[label] != hash_len(keys_prf_hash(VER_TLS13, h->suite))) {
		*why = "the key log's traffic secret has the wrong length for this cipher suite's hash";
		return ERR_BAD_LENGTH;
	}
	TRY(keys_from_traffic_secret(h->suite, e->secret[label], e->len[label], k));
	if (app) {
		memcpy(h->sec.app_secret[side], e->secret[label], e->len[label]);
		h->sec.app_secret_len = e->len[label];
		h->sec.have_app_keys = true;
	} else {
		h->sec.have_hs_keys = true;
	}
	return rcrypt_new_tls13(h->suite, k, out);
}

err_t secrets_key_update(handshake_t *h, int side, rcrypt_t **out)
{
	uint8_t next[KEYLOG_SECRET_MAX];
	size_t n = h->sec.app_secret_len;

	*out = NULL;
	ENSURE(h->suite && n, ERR_NO_KEYS);
	/* RFC 8446 7.2: the next application traffic secret (keys.c). */
	TRY(keys_next_traffic_secret(h->suite, h->sec.app_secret[side], n, next));
	memcpy(h->sec.app_secret[side], next, n);
	TRY(keys_from_traffic_secret(h->suite, next, n, &h->sec.app_keys[side]));
	return rcrypt_new_tls13(h->suite, &h->sec.app_keys[side], out);
}

static void secrets_fin_why(handshake_t *h, finished_check_t *f, fin_verdict_t v, const char *why)
{
	f->verdict = v;
	f->why = why ? arena_dup(h->arena, why, strlen(why) + 1) : NULL;   /* in the arena, as model.h says */
}

void secrets_check_finished(handshake_t *h, size_t index)
{
	msg_t *m = h->msgs[index];
	int side = m->sender;
	finished_check_t *f = &h->fin[side];
	slice_t parts[SECRETS_MAX_PARTS], vd;
	uint8_t mh[4 + HASH_MAX_LEN];
	derive_fin_t d;
	hash_alg_t alg;
	size_t n;
	err_t e;

	f->received_len = 0;
	if (m->opaque) {
		/* A suite whose cipher has no implementation here says so
		 * ("cannot decrypt: no implementation of SEED"): the keys are
		 * known, the cipher is not. */
		secrets_fin_why(h, f, FIN_UNVERIFIED, h->sec.cannot_decrypt[0] ? h->sec.cannot_decrypt
					      : "the Finished message is encrypted and the keys are not known");
		return;
	}
	vd = msg_span(m, m->verify_data);
	if (vd.len > sizeof f->received)
		vd.len = sizeof f->received;
	memcpy(f->received, vd.ptr, vd.len);
	f->received_len = vd.len;
	if (!h->suite) {
		secrets_fin_why(h, f, FIN_UNVERIFIED, "the cipher suite is not known");
		return;
	}
	alg = keys_prf_hash(h->version, h->suite);
	n = secrets_transcript(h, index, parts, mh);
	if (h->version == VER_TLS13) {
		keylog_label_t base = side == SIDE_CLIENT ? KL_CLIENT_HS : KL_SERVER_HS;

		if (!h->sec.have_logged || !h->sec.logged.len[base]) {
			secrets_fin_why(h, f, FIN_UNVERIFIED, "the key log has no handshake traffic secret for this connection");
			return;
		}
		e = derive_finished(h->version, alg, side == SIDE_CLIENT, h->sec.logged.secret[base],
				    h->sec.logged.len[base], parts, n, &d);
	} else if (!h->sec.have_master) {
		secrets_fin_why(h, f, FIN_UNVERIFIED, "the master secret is not known");
		return;
	} else {
		e = derive_finished(h->version, alg, side == SIDE_CLIENT, h->sec.master, 48, parts, n, &d);
	}
	/* What was computed is kept even when it failed half way (the
	 * transcript hash is made first). */
	memcpy(f->transcript_hash, d.transcript_hash, d.transcript_hash_len);
	f->transcript_hash_len = d.transcript_hash_len;
	memcpy(f->expected, d.expected, d.expected_len);
	f->expected_len = d.expected_len;
	memcpy(f->key, d.key, d.key_len);
	f->key_len = d.key_len;
	f->label = d.label;
	if (e != ERR_OK) {
		secrets_fin_why(h, f, FIN_UNVERIFIED, err_str(e));
		return;
	}
	if (f->expected_len == f->received_len && memcmp(f->expected, f->received, f->received_len) == 0) {
		secrets_fin_why(h, f, FIN_VERIFIED, NULL);
	} else {
		secrets_fin_why(h, f, FIN_MISMATCH, side == SIDE_CLIENT
			? "the client's Finished is not what the transcript and keys give: the two sides do not share the same handshake or the same master secret"
			: "the server's Finished is not what the transcript and keys give: the two sides do not share the same handshake or the same master secret");
		msg_note(m, "Finished does not verify: expected verify_data differs from the one received");
	}
}
