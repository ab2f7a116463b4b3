/* decode.c - records -> messages -> the trace model, for one connection.
 *
 * This is the state machine between the two byte streams and the model:
 * it frames records, decrypts them when the secrets engine can give keys,
 * reassembles handshake messages across records, hands each to its parser
 * and tells the secrets engine what happened.  It never fails as a whole:
 * what cannot be decoded becomes a note and decoding goes on. */
#include <stdlib.h>
#include <string.h>
#include "decode_int.h"
#include "chain.h"
#include "secrets.h"
#include "steps.h"
#include "base/cursor.h"

/* The most handshake bytes held for one message, per direction.  RFC 8446
 * 4 allows 2^24-1; real messages stay far below (OpenSSL refuses
 * certificate chains over 100 KiB by default), so a longer one is refused:
 * shown with a note, its body passed over as it comes, and decoding goes
 * on with the message after it. */
#define DECODE_MAX_HS_MSG (1024u * 1024u)
/* Opaque handshake records (encrypted, no keys) are shown with this type. */
#define DECODE_HS_OPAQUE 255


decoder_t *decoder_new(conn_t *c, const evidence_t *ev, decode_done_fn done, void *ctx)
{
	decoder_t *d = arena_zalloc(c->arena, sizeof *d);   /* next to what it decodes */

	if (!d)
		return NULL;
	d->conn = c;
	if (ev)
		d->ev = *ev;
	d->done = done;
	d->ctx = ctx;
	return d;
}

void decoder_free(decoder_t *d)
{
	int i;

	if (!d)
		return;
	for (i = 0; i < 2; i++) {
		buf_free(&d->dir[i].stream);
		buf_free(&d->dir[i].hs);
		rcrypt_free(d->dir[i].rc);
	}
	decode_dtls_free(d);
	/* d itself is the connection's (its arena) */
}

handshake_t *decode_handshake(decoder_t *d)
{
	handshake_t *h = conn_current(d->conn);

	if (!h)
		h = conn_new_handshake(d->conn);
	return h;
}

void decoder_mid_stream(decoder_t *d)
{
	int i;

	d->mid_stream = true;
	for (i = 0; i < 2; i++) {
		d->dir[i].protected_ = true;
		d->dir[i].why_opaque = "the handshake was not captured, so the keys cannot be known";
	}
	conn_note(d->conn, "%s", HANDSHAKE_MID_STREAM_REASON);
}

/* Mid-stream, the record headers are all there is to show. */
void decode_count_record(decoder_t *d, handshake_t *h, int side, uint16_t version)
{
	if (!d->mid_stream || h->index)
		return;
	h->mid_stream = true;
	h->records[side]++;
	if (!h->record_version)
		h->record_version = version;
}

static void decode_set_rc(decode_dir_t *ds, rcrypt_t *rc, const char *why)
{
	rcrypt_free(ds->rc);
	ds->rc = rc;
	ds->protected_ = true;
	ds->why_opaque = rc ? NULL : why;
}

/* Adds m to the handshake with the frame and time of the bytes that completed it. */
/* The protected record rec, whose plaintext is `plain` bytes, as on the
 * wire, cut into its parts by the suite's layout; NULL when lean (nothing
 * shows it), for a layout not known here, or a DTLS record (its header is
 * 13 bytes, not the 5 kept).  In the handshake's arena: a capture of many
 * connections read lean pays nothing for it. */
static const msg_wire_t *decode_wire(const decoder_t *d, const handshake_t *h, const record_t *rec, size_t plain)
{
	const cipher_info_t *ci = h->suite ? cipher_info(h->suite->cipher) : NULL;
	size_t len, iv = 0, tag = 0, mac = 0, ct;
	msg_wire_t *w;

	if (d->ev.lean || !ci || !h->arena || rec->dtls)
		return NULL;
	len = rec->fragment.len;
	if (h->version == VER_TLS13) {
		tag = ci->tag_len;                   /* RFC 8446 5.2: content, type, zeros; tag */
	} else if (h->suite->mac == MAC_AEAD) {
		iv = ci->record_iv_len;              /* RFC 5246 6.2.3.3: nonce_explicit, ciphertext+tag */
		tag = ci->tag_len;
	} else {
		mac = reg_mac_len(h->suite->mac);
		if (ci->block_len && h->version >= VER_TLS11)
			iv = ci->block_len;              /* RFC 5246 6.2.3.2: IV, then the block-ciphered part */
		if (h->etm) {                        /* RFC 7366 3: the MAC over the ciphertext, after it */
			tag = mac;
			mac = 0;
		}
	}
	if (len < iv + tag + plain + mac)
		return NULL;
	ct = len - iv - tag;
	w = arena_zalloc(h->arena, sizeof *w);
	if (!w || (w->bytes = arena_dup(h->arena, rec->fragment.ptr, len)) == NULL)
		return NULL;
	w->len = (uint32_t)len;
	w->hdr[0] = rec->type;
	w->hdr[1] = (uint8_t)(rec->version >> 8);
	w->hdr[2] = (uint8_t)rec->version;
	w->hdr[3] = (uint8_t)(len >> 8);
	w->hdr[4] = (uint8_t)len;
	w->iv = (uint16_t)iv;
	w->tag = (uint16_t)tag;
	w->inner_mac = (uint16_t)mac;
	w->inner_type = h->version == VER_TLS13;
	w->pad = (uint16_t)(ct - plain - mac - (w->inner_type ? 1 : 0));
	return w;
}

/* Messages from index `first` on that came, whole and nothing else, in
 * the protected record rec: each keeps the record as on the wire (the
 * views show which part of its plaintext is which message). */
static void decode_keep_wire(const decoder_t *d, handshake_t *h, size_t first, const record_t *rec, size_t plain)
{
	const msg_wire_t *w;
	size_t i, sum = 0;

	for (i = first; i < h->nmsgs; i++) {
		if (!h->msgs[i]->encrypted || h->msgs[i]->opaque)
			return;
		sum += h->msgs[i]->raw.len;
	}
	if (first >= h->nmsgs || sum != plain || (w = decode_wire(d, h, rec, plain)) == NULL)
		return;
	for (i = first; i < h->nmsgs; i++)
		h->msgs[i]->wire = w;
}

static bool decode_add(decoder_t *d, handshake_t *h, msg_t *m)
{
	m->frame = d->frame;
	m->time = d->time;
	if (handshake_add_msg(h, m) != ERR_OK) {
		conn_note(d->conn, "out of memory: a message was dropped");
		return false;
	}
	return true;
}

static void decode_build_trees(handshake_t *h)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		(void)msg_build_tree(h->msgs[i], &(msg_ctx_t){ .version = h->version, .suite = h->suite, .sender = h->msgs[i]->sender, .lean = false });
	steps_update(h);
}

void decoder_finalize(handshake_t *h, bool lean)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		msg_t *m = h->msgs[i];
		if (m->unparsed) {
			/* After the ServerHello, as when it arrived: the version
			 * and suite it was sent under are the handshake's. */
			(void)msg_parse(m, &(msg_ctx_t){ .version = h->version, .suite = h->suite,
							 .sender = m->sender, .lean = lean });
			m->unparsed = false;
		}
	}
	secrets_finish(h, lean);
	steps_update(h);
	if (lean && h->outcome == OUTCOME_FAILED)
		decode_build_trees(h);   /* the diagnosis reads certificates and lists */
}

void decode_report(decoder_t *d, bool final)
{
	while (d->reported < d->conn->nhs) {
		handshake_t *h = d->conn->hs[d->reported];
		if (!final && h == conn_current(d->conn))
			break;
		if (!d->ev.defer_final)
			decoder_finalize(h, d->ev.lean);
		h->done = true;
		d->reported++;
		if (d->done)
			d->done(d->ctx, d->conn, h);
	}
}

static void decode_server_hello(decoder_t *d, handshake_t *h, const msg_t *m)
{
	const msg_hello_t *sh = &m->hello;
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	const char *why = NULL;
	rcrypt_t *rc;

	h->version = sh->selected_version ? sh->selected_version : sh->legacy_version;
	if (d->dtls) {
		/* RFC 6347 1.1: "DTLS 1.2 ... is based on TLS 1.2"; RFC 4347
		 * 1: DTLS 1.0 "is based on TLS 1.1": their PRF, record
		 * protection (explicit CBC IVs) and Finished. */
		h->dtls_version = h->version;
		h->version = h->version == VER_DTLS10 ? VER_TLS11 : h->version == VER_DTLS12 ? VER_TLS12 : 0;
		if (!h->version) {
			conn_note(d->conn, "the ServerHello chose version 0x%04x, which is not DTLS 1.0 or 1.2: what "
				  "follows is not decoded as such", h->dtls_version);
			decode_set_rc(&d->dir[SIDE_SERVER], NULL, "the DTLS version is not one tlstrace decodes");
			decode_set_rc(&d->dir[SIDE_CLIENT], NULL, "the DTLS version is not one tlstrace decodes");
			return;
		}
	}
	if (reg_tls13_draft(h->version)) {
		/* A TLS 1.3 draft: 1.3's record protection and flights. */
		h->draft_version = h->version;
		h->version = VER_TLS13;
	}
	h->suite_id = sh->suite;
	h->suite = suite_find(sh->suite);
	if (sh->is_hrr) {
		/* RFC 8446 4.1.4: the client answers with a second ClientHello;
		 * no keys and no random yet. */
		h->hrr = true;
		return;
	}
	memcpy(h->server_random, sh->random, 32);
	h->have_server_random = true;
	memcpy(h->session_id, sh->session_id, sh->session_id_len);
	h->session_id_len = sh->session_id_len;
	if (ch) {
		h->ems = sh->ems && ch->hello.ems;
		h->etm = sh->etm && ch->hello.etm && h->suite && cipher_info(h->suite->cipher) &&
			 cipher_info(h->suite->cipher)->kind == CKIND_CBC;
		if (h->version == VER_TLS13)
			h->resumed = sh->pre_shared_key;
		else if (sh->session_id_len && ch->hello.session_id_len == sh->session_id_len &&
			 memcmp(ch->hello.session_id, sh->session_id, sh->session_id_len) == 0)
			h->resumed = true;   /* RFC 5246 7.4.1.3: the server echoed the session to resume */
	}
	if (h->draft_version) {
		/* The drafts' key schedules differ from RFC 8446 7.1 (labels
		 * "TLS 1.3, " before draft 20, no "derived" step before 22). */
		static const char why_draft[] = "the handshake is a TLS 1.3 draft, whose key schedule tlstrace does not implement";
		decode_set_rc(&d->dir[SIDE_SERVER], NULL, why_draft);
		decode_set_rc(&d->dir[SIDE_CLIENT], NULL, why_draft);
		return;
	}
	secrets_on_server_hello(h, &d->ev);
	if (h->version != VER_TLS13)
		return;
	/* RFC 8446 7: everything after ServerHello is protected with the
	 * handshake traffic keys, except compatibility ChangeCipherSpecs. */
	if (secrets_rcrypt_tls13(h, KL_SERVER_HS, &rc, &why) != ERR_OK)
		rc = NULL;
	decode_set_rc(&d->dir[SIDE_SERVER], rc, why);
	if (secrets_rcrypt_tls13(h, KL_CLIENT_HS, &rc, &why) != ERR_OK)
		rc = NULL;
	decode_set_rc(&d->dir[SIDE_CLIENT], rc, why);
}

/* RFC 6347 4.2.1: a HelloVerifyRequest answers the first ClientHello
 * with a cookie; the ClientHellos so far stay out of the Finished hash
 * (4.2.6), as does the HelloVerifyRequest itself (secrets.c). */
static void decode_dtls_hvr(handshake_t *h, msg_t *hvr)
{
	size_t i;

	h->hvr = true;
	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->hs_type == HS_CLIENT_HELLO)
			h->msgs[i]->no_transcript = true;
	msg_note(hvr, "HelloVerifyRequest: the server keeps no state yet and asks the client to send its "
		 "ClientHello again with this %u-byte cookie, proving it receives at its source address "
		 "(RFC 6347 4.2.1); it and the first ClientHello are left out of the Finished hash (4.2.6)",
		 (unsigned)hvr->hello.cookie.len);
}

/* The ClientHello again after a HelloVerifyRequest: step 1 once more. */
static void decode_dtls_second_hello(handshake_t *h, msg_t *m)
{
	msg_note(m, "ClientHello again, now with the server's %u-byte cookie: DTLS runs over UDP, whose source "
		 "address anyone can forge, so a server first answers with a stateless cookie exchange; only a "
		 "client that really receives at its address can echo the cookie, and only then does the server "
		 "spend state and send its large flight (a defence against denial of service and amplification, "
		 "RFC 6347 4.2.1)", (unsigned)m->hello.cookie.len);
	/* RFC 6347 4.2.1: "the client MUST use the same parameter values
	 * (version, random, session_id, cipher_suites, compression_method)". */
	if (memcmp(h->client_random, m->hello.random, 32) != 0) {
		msg_note(m, "ClientHello: its random differs from the first ClientHello's, which RFC 6347 4.2.1 "
			 "forbids; this one (the one the Finished hash covers) is used");
		memcpy(h->client_random, m->hello.random, 32);
	}
}

static bool decode_handshake_over(const handshake_t *h)
{
	return h->fin[SIDE_CLIENT].verdict != FIN_ABSENT && h->fin[SIDE_SERVER].verdict != FIN_ABSENT;
}

bool decoder_handshake_ended(const decoder_t *d)
{
	const handshake_t *h = conn_current(d->conn);

	return h && d->reported + 1 == d->conn->nhs && decode_handshake_over(h);
}

void decoder_report_ended(decoder_t *d)
{
	if (decoder_handshake_ended(d))
		decode_report(d, true);
}

/* Messages whose facts decide nothing while decoding: only the views,
 * the steps and the diagnosis read them.  The server's Certificate, its
 * ServerKeyExchange and the ClientKeyExchange do decide something, with an
 * RSA key to try. */
static bool decode_only_shown(const decoder_t *d, uint8_t hs_type)
{
	switch (hs_type) {
	case HS_SERVER_KEY_EXCHANGE:
		return !d->ev.rsa;   /* RSA_EXPORT's temporary key, to check the one given against */
	case HS_CERTIFICATE_REQUEST:
	case HS_SERVER_HELLO_DONE:
	case HS_CERTIFICATE_VERIFY:
	case HS_ENCRYPTED_EXTENSIONS:
	case HS_CERTIFICATE_STATUS:
		return true;
	case HS_CERTIFICATE:
		return !d->ev.rsa && !d->ev.trust;
	case HS_CLIENT_KEY_EXCHANGE:
		return !d->ev.rsa;
	default:
		return false;
	}
}

void decode_message(decoder_t *d, int side, msg_t *m)
{
	handshake_t *h = conn_current(d->conn);
	msg_ctx_t ctx;
	size_t index;
	const char *why = NULL;
	rcrypt_t *rc;

	if (m->hs_type == HS_CLIENT_HELLO && h && decode_handshake_over(h)) {
		h = conn_new_handshake(d->conn);     /* a renegotiation */
		decode_report(d, false);
	}
	if (!h)
		h = decode_handshake(d);
	if (!h) {
		msg_free(m);
		return;
	}
	ctx = (msg_ctx_t){ .version = h->version, .suite = h->suite, .sender = side, .lean = d->ev.lean };
	if (d->ev.defer_final && decode_only_shown(d, m->hs_type))
		m->unparsed = true;  /* parsed by decoder_finalize, away from this thread */
	else
		(void)msg_parse(m, &ctx);    /* a parse error is already a note on the message */
	index = h->nmsgs;
	if (!decode_add(d, h, m))
		return;
	switch (m->hs_type) {
	case HS_CLIENT_HELLO:
		/* RFC 8446 4.1.4: "the client MUST respond with a new
		 * ClientHello" to a HelloRetryRequest; without the server's
		 * side that answer is all that shows of it. */
		if (h->hvr && h->have_client_random) {
			decode_dtls_second_hello(h, m);
			break;
		}
		if (h->have_client_random && !h->hrr && !handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO))
			msg_note(m, "ClientHello: a second one in this handshake, with no ServerHello seen: the answer "
				 "to a HelloRetryRequest (RFC 8446 4.1.4) that the capture does not hold");
		if (!h->have_client_random) {
			memcpy(h->client_random, m->hello.random, 32);
			h->have_client_random = true;
		}
		break;
	case HS_SERVER_HELLO:
		decode_server_hello(d, h, m);
		break;
	case HS_HELLO_VERIFY_REQUEST:
		if (d->dtls && side == SIDE_SERVER)
			decode_dtls_hvr(h, m);
		break;
	case HS_CERTIFICATE_REQUEST:
		h->client_auth_requested = true;
		break;
	case HS_CERTIFICATE:
		if (side == SIDE_SERVER)
			secrets_on_server_certificate(h, m, &d->ev);
		if (side == SIDE_SERVER && d->ev.trust)
			chain_check_trust(h, m, d->ev.trust);
		break;
	case HS_CLIENT_KEY_EXCHANGE:
		secrets_on_client_key_exchange(h, m, &d->ev);
		break;
	case HS_FINISHED:
		/* RFC 5246 7.4.9 / RFC 8446 4.4.4: one Finished per side and
		 * handshake.  Another is not checked again: each check hashes
		 * the transcript, so a flood of them would cost its square. */
		if (h->fin[side].verdict != FIN_ABSENT) {
			msg_note(m, "Finished: the %s already sent its Finished in this handshake; this one is not checked",
				 model_side_name(side));
			break;
		}
		secrets_check_finished(h, index);
		if (side == SIDE_SERVER && h->fin[SIDE_SERVER].verdict == FIN_VERIFIED)
			secrets_remember_session(h, &d->ev, d->conn->id);
		if (h->version == VER_TLS13) {
			/* RFC 8446 7.1: after its Finished each side protects
			 * with the application traffic keys. */
			keylog_label_t l = side == SIDE_CLIENT ? KL_CLIENT_APP0 : KL_SERVER_APP0;
			if (secrets_rcrypt_tls13(h, l, &rc, &why) != ERR_OK)
				rc = NULL;
			decode_set_rc(&d->dir[side], rc, why);
		}
		break;
	case HS_KEY_UPDATE:
		if (h->version == VER_TLS13) {
			if (secrets_key_update(h, side, &rc) != ERR_OK) {
				rc = NULL;
				why = "the application traffic secret before this KeyUpdate is not known";
			}
			decode_set_rc(&d->dir[side], rc, why);
		}
		break;
	default:
		break;
	}
}

/* A message longer than DECODE_MAX_HS_MSG: its header is kept as the
 * message, with a note, unparsed; the body is passed over. */
static void decode_refuse_message(decoder_t *d, int side, const uint8_t *hdr, uint8_t type, uint32_t len)
{
	handshake_t *h = decode_handshake(d);
	msg_t *m = h ? msg_new_in(d->conn->arena, CT_HANDSHAKE, side, hdr, 4) : NULL;

	if (!m)
		return;
	m->hs_type = type;
	m->encrypted = d->dir[side].hs_encrypted;
	/* RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... } Handshake; */
	msg_note(m, "%s: the message claims %u bytes, more than the %u KiB held for one message; "
		 "it is not decoded and its body is passed over", msg_type_name(m), (unsigned)len,
		 DECODE_MAX_HS_MSG / 1024);
	(void)decode_add(d, h, m);
}

static void decode_handshake_bytes(decoder_t *d, int side, slice_t body, bool encrypted)
{
	decode_dir_t *ds = &d->dir[side];
	const uint8_t *base;
	size_t off = 0, len;
	bool direct;

	if (ds->hs_skip) {   /* the rest of a refused message */
		size_t k = body.len < ds->hs_skip ? body.len : ds->hs_skip;
		ds->hs_skip -= k;
		body.ptr += k;
		body.len -= k;
		if (!body.len)
			return;
	}
	/* Nothing held from before (the usual case): messages are cut from
	 * the record itself, and only an unfinished one is copied to wait
	 * for the rest, as decoder_feed does with records. */
	direct = ds->hs.len == 0;
	if (!direct && buf_append(&ds->hs, body.ptr, body.len) != ERR_OK) {
		conn_note(d->conn, "out of memory while reassembling a handshake message");
		return;
	}
	base = direct ? body.ptr : ds->hs.ptr;
	len = direct ? body.len : ds->hs.len;
	ds->hs_encrypted |= encrypted;
	/* Messages are cut at an offset and the buffer moved once: a record
	 * packed with tiny messages costs linear time. */
	while (off < len) {   /* (an empty buffer may have no memory at all) */
		cursor_t c = cursor_make(base + off, len - off);
		uint8_t type;
		uint32_t mlen;
		msg_t *m;

		if (cursor_u8(&c, &type) != ERR_OK || cursor_u24(&c, &mlen) != ERR_OK)
			break;
		if (mlen > DECODE_MAX_HS_MSG) {
			size_t have = cursor_left(&c);
			decode_refuse_message(d, side, base + off, type, mlen);
			ds->hs_skip = mlen > have ? mlen - have : 0;
			off += 4 + (mlen > have ? have : mlen);
			continue;
		}
		if (cursor_left(&c) < mlen)
			break;
		m = msg_new_in(d->conn->arena, CT_HANDSHAKE, side, base + off, 4 + (size_t)mlen);
		off += 4 + (size_t)mlen;
		if (!m) {
			conn_note(d->conn, "out of memory: a handshake message was dropped");
			continue;
		}
		m->hs_type = type;
		m->encrypted = ds->hs_encrypted;
		decode_message(d, side, m);
	}
	if (!direct)
		buf_consume(&ds->hs, off);
	else if (off < len && buf_append(&ds->hs, base + off, len - off) != ERR_OK)
		conn_note(d->conn, "out of memory while reassembling a handshake message");
	if (ds->hs.len == 0)
		ds->hs_encrypted = false;
}

static void decode_opaque(decoder_t *d, int side, uint8_t type, slice_t body, const char *why)
{
	handshake_t *h = decode_handshake(d);
	msg_t *m = msg_new_in(d->conn->arena, type, side, body.ptr, body.len);
	size_t index;

	if (!h || !m) {
		msg_free(m);
		return;
	}
	m->encrypted = true;
	m->opaque = true;
	m->hs_type = type == CT_HANDSHAKE ? DECODE_HS_OPAQUE : 0;
	msg_note_join(m, "encrypted, not decrypted: ", why ? why : "the keys are not known", NULL);
	index = h->nmsgs;
	if (!decode_add(d, h, m))
		return;
	/* TLS <= 1.2: the one protected handshake message right after a
	 * ChangeCipherSpec is that side's Finished. */
	if (type == CT_HANDSHAKE && h->version != VER_TLS13 && h->fin[side].verdict == FIN_ABSENT)
		secrets_check_finished(h, index);
}

static void decode_ccs(decoder_t *d, int side, slice_t body)
{
	handshake_t *h = decode_handshake(d);
	decode_dir_t *ds = &d->dir[side];
	msg_t *m = msg_new_in(d->conn->arena, CT_CHANGE_CIPHER_SPEC, side, body.ptr, body.len);
	const char *why = NULL;
	rcrypt_t *rc = NULL;

	if (!h || !m) {
		msg_free(m);
		return;
	}
	(void)msg_parse(m, &(msg_ctx_t){ .version = h->version, .suite = h->suite, .sender = side, .lean = d->ev.lean });
	if (!decode_add(d, h, m))
		return;
	if (h->version == VER_TLS13)
		return;   /* RFC 8446 D.4: middlebox compatibility only, changes nothing */
	if (side == SIDE_SERVER && !handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_KEY_EXCHANGE))
		h->resumed = true;   /* RFC 5246 7.3: abbreviated handshake */
	if (secrets_rcrypt(h, &d->ev, side, &rc, &why) != ERR_OK) {
		rc = NULL;
		msg_note_join(m, "what the ", model_side_name(side), " sends from here on cannot be decrypted: ", why, NULL);
	}
	decode_set_rc(ds, rc, why);
}

static void decode_alert(decoder_t *d, int side, slice_t body, bool encrypted)
{
	handshake_t *h = decode_handshake(d);
	msg_t *m = msg_new_in(d->conn->arena, CT_ALERT, side, body.ptr, body.len);

	if (!h || !m) {
		msg_free(m);
		return;
	}
	m->encrypted = encrypted;
	(void)msg_parse(m, &(msg_ctx_t){ .version = h->version, .suite = h->suite, .sender = side, .lean = d->ev.lean });
	decode_add(d, h, m);
}

/* Keeps a record of step 9 for the views (not when lean: the analyst's
 * summary shows counts only): its place on the wire, and its plaintext
 * up to APP_DATA_KEEP bytes a side.  Out of arena memory, it is only
 * counted. */
static void decode_app_keep(decoder_t *d, handshake_t *h, int side, slice_t body, bool readable,
			    const record_t *record)
{
	app_keep_t *k;
	app_rec_t *rec;

	if (d->ev.lean || !h->arena)
		return;   /* before touching h->app: a cache line of its own */
	k = h->app;
	if (!k && (k = h->app = arena_zalloc(h->arena, sizeof *k)) == NULL)
		return;
	if (k->n >= APP_RECS_KEEP)
		return;
	if (k->n == k->cap_recs) {
		size_t cap = k->cap_recs ? 2 * k->cap_recs : 8;
		app_rec_t *v = arena_grow(h->arena, k->recs, k->cap_recs * sizeof *v, cap * sizeof *v);
		if (!v)
			return;
		k->recs = v;
		k->cap_recs = cap;
	}
	rec = &k->recs[k->n++];
	*rec = (app_rec_t){ (uint8_t)side, readable, d->frame, body.len, k->len[side], h->nmsgs, NULL };
	if (readable && record && k->wire_bytes + record->fragment.len <= APP_WIRE_KEEP &&
	    (rec->wire = decode_wire(d, h, record, body.len)) != NULL)
		k->wire_bytes += record->fragment.len;
	if (readable && body.len && k->len[side] < APP_DATA_KEEP) {   /* an empty record adds nothing (and data may be NULL) */
		size_t n = APP_DATA_KEEP - k->len[side], need;
		if (n > body.len)
			n = body.len;
		need = k->len[side] + n;
		if (need > k->cap[side]) {
			size_t cap = k->cap[side] ? 2 * k->cap[side] : 1024;
			uint8_t *p;
			while (cap < need)
				cap *= 2;
			if (cap > APP_DATA_KEEP)
				cap = APP_DATA_KEEP;
			p = arena_grow(h->arena, k->data[side], k->cap[side], cap);
			if (!p) {
				rec->decrypted = false;
				return;
			}
			k->data[side] = p;
			k->cap[side] = cap;
		}
		memcpy(k->data[side] + k->len[side], body.ptr, n);
		k->len[side] += n;
	}
}

static void decode_app_data(decoder_t *d, int side, slice_t body, bool readable, const record_t *record)
{
	handshake_t *h = decode_handshake(d);

	if (!h)
		return;
	decode_app_keep(d, h, side, body, readable, record);
	h->app_records[side]++;
	h->app_bytes[side] += body.len;
	if (readable && !h->app_decrypted[side]) {
		size_t n = body.len < sizeof h->app_preview[side] ? body.len : sizeof h->app_preview[side];
		memcpy(h->app_preview[side], body.ptr, n);
		h->app_preview_len[side] = n;
		h->app_decrypted[side] = true;
	}
}

/* TLS 1.3 without keys: which protected records are still handshake?
 * RFC 8446 2: the server's flight after ServerHello (EncryptedExtensions
 * .. Finished) ends when the client answers; the client's (Certificate ..
 * Finished) ends when the server next speaks.  What follows is
 * application data.  (A server's 0.5-RTT data would be taken for
 * handshake: without keys nothing tells them apart.) */
bool decode_tls13_in_handshake(const decoder_t *d, const handshake_t *h, int side)
{
	if (h->fin[side].verdict != FIN_ABSENT)
		return false;
	return side == SIDE_SERVER ? !d->tls13_client_spoke : !d->tls13_server_answered;
}

/* RFC 8446 5.2: TLSInnerPlaintext is the content, its type (1 byte) and
 * any zero padding, sealed with an AEAD tag.  An Alert is 2 bytes; no
 * handshake message is that short (an empty client Certificate is 8, a
 * Finished at least 36), so a record of exactly 2 + 1 + tag bytes is
 * an unpadded alert, or (rarely) 2 bytes of application data. */
bool decode_tls13_alert_sized(const handshake_t *h, size_t len)
{
	const cipher_info_t *ci = h->suite ? cipher_info(h->suite->cipher) : NULL;
	size_t tag = ci && ci->tag_len ? ci->tag_len : 16;

	return len == 2 + 1 + tag;
}

/* The first such record: how much application data had flowed before it
 * tells a close_notify at the end from an alert that ends a handshake. */
void decode_tls13_alert_seen(handshake_t *h)
{
	if (h->opaque_alert_seen)
		return;
	h->opaque_alert_seen = true;
	h->app_before_alert[SIDE_CLIENT] = h->app_records[SIDE_CLIENT];
	h->app_before_alert[SIDE_SERVER] = h->app_records[SIDE_SERVER];
}

void decode_tls13_flights(decoder_t *d, int side)
{
	if (side == SIDE_CLIENT)
		d->tls13_client_spoke = true;
	else if (d->tls13_client_spoke)
		d->tls13_server_answered = true;
}

/* Does a handshake record that should be protected read as plaintext
 * handshake messages?  RFC 8446 4: struct { HandshakeType msg_type;
 * uint24 length; ... }: each message a known type whose length ends
 * exactly where the next starts, the last at the record's end.  For
 * ciphertext the odds of that are about one in 2^24 per record. */
static bool decode_plain_handshake(slice_t body)
{
	cursor_t c = cursor_make(body.ptr, body.len);

	if (!body.len)
		return false;
	while (cursor_left(&c)) {
		uint8_t type;
		uint32_t len;

		if (cursor_u8(&c, &type) || cursor_u24(&c, &len) || !hs_type_name(type) || cursor_skip(&c, len))
			return false;
	}
	return true;
}

/* Why a protected record did not verify, naming the key log when the
 * keys came from it: a wrong entry is the user's to fix. */
static const char *decode_crypto_why(const decoder_t *d, const handshake_t *h)
{
	bool from_log = !d->ev.live && (h->version == VER_TLS13 ? h->sec.have_logged
								: h->sec.master_from == FROM_KEYLOG);

	return from_log ? "its MAC or tag does not verify with the key log's secret: that entry does not fit this connection"
			: "its MAC or tag does not verify: wrong keys, or the record was altered in transit";
}

void decode_record(decoder_t *d, int side, const record_t *rec)
{
	decode_dir_t *ds = &d->dir[side];
	handshake_t *h = decode_handshake(d);
	buf_t plain = { 0 };
	uint8_t type = rec->type;
	slice_t body = rec->fragment;
	bool encrypted = false, opaque = false;
	const char *why = NULL;
	size_t nmsgs;

	if (!h)
		return;
	nmsgs = h->nmsgs;
	decode_count_record(d, h, side, rec->version);
	/* RFC 8446 5.2: a protected TLS 1.3 record always says
	 * application_data outside; anything else is plaintext (a
	 * compatibility CCS, or an alert a peer sent without its keys). */
	if (rec->dtls ? decode_dtls_protected(d, side, rec, &why)
		      : ds->protected_ && !(h->version == VER_TLS13 && type != CT_APPLICATION_DATA)) {
		encrypted = true;
		if (why) {
			opaque = true;
		} else if (ds->rc) {
			uint8_t inner;
			err_t e = rcrypt_decrypt(ds->rc, rec->type, rec->version, body.ptr, body.len, &plain, &inner);
			if (e == ERR_OK) {
				type = inner;
				body = buf_slice(&plain);
			} else {
				opaque = true;
				why = e == ERR_CRYPTO ? decode_crypto_why(d, h) : err_str(e);
			}
		} else {
			opaque = true;
			why = ds->why_opaque;
		}
	}
	if (opaque && h->version == VER_TLS13 && type == CT_APPLICATION_DATA) {
		if (!ds->alert_guessed && decode_tls13_alert_sized(h, body.len)) {
			ds->alert_guessed = true;
			type = CT_ALERT;
			decode_tls13_alert_seen(h);
			why = "its size is that of an alert (2 bytes, the content type and the AEAD tag); "
			      "inferred, the keys are not known";
		} else if (decode_tls13_in_handshake(d, h, side)) {
			type = CT_HANDSHAKE;
		}
	}
	if (h->version == VER_TLS13 && encrypted)
		decode_tls13_flights(d, side);
	if (opaque && rec->type == CT_HANDSHAKE && !ds->rc && !rec->dtls && decode_plain_handshake(body)) {
		/* RFC 8446 D.4: a client's compatibility ChangeCipherSpec
		 * before its second ClientHello changes nothing; nor does a
		 * CCS whose keys were never agreed (the server side missing),
		 * and mid-stream a record may be the start of a handshake. */
		conn_note(d->conn, "the %s's handshake record at frame %u was taken for protected (%s) but "
			  "parses as handshake messages in the clear: decoded as such", model_side_name(side), d->frame,
			  why ? why : "the keys are not known");
		opaque = false;
		encrypted = false;
	}
	switch (type) {
	case CT_HANDSHAKE:
		if (opaque)
			decode_opaque(d, side, CT_HANDSHAKE, body, why);
		else if (rec->dtls)
			decode_dtls_handshake(d, side, rec, body, encrypted);
		else
			decode_handshake_bytes(d, side, body, encrypted);
		break;
	case CT_CHANGE_CIPHER_SPEC:
		if (rec->dtls && decode_dtls_ccs_again(d, side, rec))
			break;
		decode_ccs(d, side, body);
		if (rec->dtls)
			decode_dtls_ccs(d, side);
		break;
	case CT_ALERT:
		if (opaque)
			decode_opaque(d, side, CT_ALERT, body, why);
		else
			decode_alert(d, side, body, encrypted);
		if (!encrypted && ds->protected_ && h->version == VER_TLS13 && h->nmsgs)
			msg_note(h->msgs[h->nmsgs - 1], "sent unencrypted although the handshake keys were already in use");
		break;
	case CT_APPLICATION_DATA:
		decode_app_data(d, side, body, !opaque, encrypted ? rec : NULL);
		break;
	case CT_HEARTBEAT:
		/* RFC 6520 4: struct { HeartbeatMessageType type; uint16 payload_length;
		 * opaque payload[payload_length]; opaque padding[padding_length]; }
		 * with heartbeat_request(1), heartbeat_response(2). */
		conn_note(d->conn, "the %s sent a heartbeat record (RFC 6520) at frame %u, %zu bytes%s; "
			  "it is not part of the handshake", model_side_name(side), d->frame, body.len,
			  opaque ? ", encrypted" : body.len && body.ptr[0] == 1 ? ": heartbeat_request"
			  : body.len && body.ptr[0] == 2 ? ": heartbeat_response" : ": of unknown message type");
		break;
	default:
		conn_note(d->conn, "the %s sent a record of content type %u, which is not decoded here",
			  model_side_name(side), type);
		break;
	}
	/* DTLS: each message made here carries its record's epoch and
	 * sequence number (a handshake message the record that completed it) */
	if (rec->dtls && conn_current(d->conn) == h)
		for (size_t i = nmsgs; i < h->nmsgs; i++) {
			h->msgs[i]->epoch = rec->epoch;
			h->msgs[i]->record_seq = rec->seq;
		}
	/* messages that are the whole of a record decrypted here: keep the record */
	if (encrypted && !opaque && conn_current(d->conn) == h && h->nmsgs > nmsgs)
		decode_keep_wire(d, h, nmsgs, rec, body.len);
	buf_free(&plain);
}
