/* lesson_ph.c - THE placeholder table (name, description, filler), the
 * helpers fillers share, and the fillers for the negotiation: version,
 * suite, randoms, sessions, the messages and steps.  The other fillers
 * are in lesson_ph_wire.c (certificates, failures, application data) and
 * lesson_ph_secrets.c.  Fillers only read the trace model. */
#include <stdio.h>
#include <string.h>
#include "trace/steps.h"
#include "lesson_ph.h"

const msg_t *lf_msg(const lesson_fill_t *f, int sender, int hs_type)
{
	return handshake_find(f->h, sender, CT_HANDSHAKE, hs_type);
}

int lf_absent(const lesson_fill_t *f)
{
	return f->h->done ? LU_NOT_SENT : LU_NOT_YET;
}

int lf_bytes(lesson_fill_t *f, const uint8_t *p, size_t n, int why_empty)
{
	if (!n)
		return why_empty;
	lf_hex(f, p, n);
	return LU_FILLED;
}

int lf_yesno(lesson_fill_t *f, bool v)
{
	lf_puts(f, v ? lesson_strings(f->lang)->yes : lesson_strings(f->lang)->no);
	return LU_FILLED;
}

/* ---- negotiation ---- */

static int ph_version(lesson_fill_t *f)
{
	if (!f->h->version || !reg_version_name(f->h->version))
		return LU_NOT_YET;
	lf_puts(f, reg_version_name(f->h->version));
	return LU_FILLED;
}

static int ph_suite(lesson_fill_t *f)
{
	if (!f->h->suite)
		return LU_NOT_YET;
	lf_puts(f, f->h->suite->name);
	return LU_FILLED;
}

static int ph_suite_id(lesson_fill_t *f)
{
	if (!f->h->suite)
		return LU_NOT_YET;
	lf_printf(f, "0x%04x", f->h->suite_id);
	return LU_FILLED;
}

/* The (EC)DHE group: the ServerKeyExchange's curve, or TLS 1.3's key share. */
static const group_info_t *ph_group_of(const lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_SERVER_KEY_EXCHANGE);

	if (m && m->ske_group)
		return group_find(m->ske_group);
	m = lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO);
	return m && m->hello.key_share_group ? group_find(m->hello.key_share_group) : NULL;
}

static int ph_kx(lesson_fill_t *f)
{
	const group_info_t *g;

	if (!f->h->suite)
		return LU_NOT_YET;
	if (f->h->suite->kx != KX_TLS13) {
		lf_puts(f, kx_name(f->h->suite->kx));
		return LU_FILLED;
	}
	g = ph_group_of(f);
	lf_puts(f, !g ? "(EC)DHE" : g->kind == GROUP_FF ? "DHE" : "ECDHE");
	return LU_FILLED;
}

static int ph_cipher(lesson_fill_t *f)
{
	const cipher_info_t *ci = f->h->suite ? cipher_info(f->h->suite->cipher) : NULL;

	if (!ci)
		return LU_NOT_YET;
	lf_puts(f, ci->name);
	return LU_FILLED;
}

static int ph_mac(lesson_fill_t *f)
{
	if (!f->h->suite)
		return LU_NOT_YET;
	lf_puts(f, f->h->suite->mac == MAC_AEAD || f->h->suite->tls13 ? "AEAD" : mac_name(f->h->suite->mac));
	return LU_FILLED;
}

static int ph_prf_hash(lesson_fill_t *f)
{
	if (!f->h->suite || !f->h->version)
		return LU_NOT_YET;
	lf_puts(f, hash_name(keys_prf_hash(f->h->version, f->h->suite)));
	return LU_FILLED;
}

static int ph_group(lesson_fill_t *f)
{
	const group_info_t *g = ph_group_of(f);

	if (g) {
		lf_puts(f, g->name);
		return LU_FILLED;
	}
	if (f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->kx == KX_RSA_EXPORT))
		return LU_NOT_USED;
	return f->h->suite && f->h->suite->kx == KX_DHE ? LU_NOT_USED : LU_NOT_YET;
}

static int ph_client_random(lesson_fill_t *f)
{
	return f->h->have_client_random ? lf_bytes(f, f->h->client_random, 32, 0) : LU_NOT_YET;
}

static int ph_server_random(lesson_fill_t *f)
{
	return f->h->have_server_random ? lf_bytes(f, f->h->server_random, 32, 0) : LU_NOT_YET;
}

static int ph_offered_suites(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);
	size_t i;

	if (!m)
		return LU_NOT_YET;
	for (i = 0; i < m->hello.nsuites; i++) {
		const suite_info_t *s = suite_find(m->hello.suites[i]);
		if (i)
			lf_puts(f, ", ");
		if (s)
			lf_puts(f, s->name);
		else
			lf_printf(f, "0x%04x", m->hello.suites[i]);
	}
	return m->hello.nsuites ? LU_FILLED : LU_NOT_SENT;
}

static int ph_server_name(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);

	if (!m)
		return LU_NOT_YET;
	if (!m->hello.sni)
		return LU_NOT_SENT;
	lf_puts(f, m->hello.sni);
	return LU_FILLED;
}

static int ph_client_session_id(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);

	if (!m)
		return LU_NOT_YET;
	if (!m->hello.session_id_len)
		lf_puts(f, lesson_strings(f->lang)->empty);
	return lf_bytes(f, m->hello.session_id, m->hello.session_id_len, LU_FILLED);
}

static int ph_session_id(lesson_fill_t *f)
{
	if (!lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO))
		return LU_NOT_YET;
	if (!f->h->session_id_len)
		lf_puts(f, lesson_strings(f->lang)->empty);
	return lf_bytes(f, f->h->session_id, f->h->session_id_len, LU_FILLED);
}

static int ph_session_id_len(lesson_fill_t *f)
{
	if (!lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO))
		return LU_NOT_YET;
	lf_printf(f, "%zu", f->h->session_id_len);
	return LU_FILLED;
}

static int ph_ticket_requested(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);

	return m ? lf_yesno(f, m->hello.session_ticket) : LU_NOT_YET;
}

static int ph_ticket(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_NEW_SESSION_TICKET);

	if (!m)
		return lf_absent(f);
	lf_hex_short(f, m->raw.ptr + m->ticket.off, m->ticket.len);
	return LU_FILLED;
}

static int ph_ticket_len(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_NEW_SESSION_TICKET);

	if (!m)
		return lf_absent(f);
	lf_printf(f, "%u", (unsigned)m->ticket.len);
	return LU_FILLED;
}

static int ph_ticket_lifetime(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_NEW_SESSION_TICKET);

	if (!m)
		return lf_absent(f);
	lf_printf(f, "%lu", (unsigned long)m->ticket_lifetime);
	return LU_FILLED;
}

/* RFC 5077 3.2: the ticket a ClientHello brings back in its
 * session_ticket extension (empty: it asks for a new one; none: it has
 * no such extension). */
static int ph_client_ticket(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);

	if (!m)
		return LU_NOT_YET;
	if (!m->hello.session_ticket) {   /* no extension at all: no ticket either */
		lf_puts(f, lesson_strings(f->lang)->none);
		return LU_FILLED;
	}
	lf_hex_short(f, m->raw.ptr + m->hello.ticket.off, m->hello.ticket.len);
	return LU_FILLED;
}

static int ph_resumed(lesson_fill_t *f)
{
	return lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO) ? lf_yesno(f, f->h->resumed) : LU_NOT_YET;
}

static int ph_ems(lesson_fill_t *f)
{
	return lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO) ? lf_yesno(f, f->h->ems) : LU_NOT_YET;
}

/* A version as "TLS 1.2 (0x0303)", or its code alone when unknown. */
static void lf_version(lesson_fill_t *f, uint16_t v)
{
	const char *name = reg_version_name(v);

	if (name)
		lf_printf(f, "%s (0x%04x)", name, v);
	else
		lf_printf(f, "0x%04x", v);
}

static int ph_client_hello_version(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);

	if (!m)
		return LU_NOT_YET;
	lf_version(f, m->hello.legacy_version);
	return LU_FILLED;
}

static int ph_server_hello_version(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO);

	if (!m)
		return lf_absent(f);
	lf_version(f, m->hello.legacy_version);
	return LU_FILLED;
}

static int ph_supported_versions(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);
	size_t i;

	if (!m)
		return LU_NOT_YET;
	if (!m->hello.nversions)
		return LU_ONLY_TLS13;
	for (i = 0; i < m->hello.nversions; i++) {
		if (i)
			lf_puts(f, ", ");
		lf_version(f, m->hello.versions[i]);
	}
	return LU_FILLED;
}

/* RFC 8446 4.1.3: legacy_session_id_echo, the client's session id sent back. */
static int ph_session_id_echoed(lesson_fill_t *f)
{
	const msg_t *c = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO), *s = lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO);

	if (!c || !s)
		return LU_NOT_YET;
	return lf_yesno(f, c->hello.session_id_len == s->hello.session_id_len &&
			       memcmp(c->hello.session_id, s->hello.session_id, c->hello.session_id_len) == 0);
}

static int ph_message_flow(lesson_fill_t *f)
{
	const lesson_strings_t *w = lesson_strings(f->lang);
	size_t i;

	if (!f->h->nmsgs)
		return LU_NOT_YET;
	for (i = 0; i < f->h->nmsgs; i++) {
		const msg_t *m = f->h->msgs[i];
		lf_printf(f, "%s%s -> %s  %s%s%d%s", i ? "\n" : "", w->side[m->sender != SIDE_CLIENT],
			  w->side[m->sender == SIDE_CLIENT], msg_type_name(m),
			  f->lang == LESSON_JA ? "（ステップ " : "  (step ", f->h->msg_step[i], f->lang == LESSON_JA ? "）" : ")");
	}
	return LU_FILLED;
}

/* Between the numbers of a list of steps: "1, 2" in English, 「1、2」 in Japanese. */
static const char *ph_list_sep(const lesson_fill_t *f)
{
	return f->lang == LESSON_JA ? "、" : ", ";
}

static int ph_step_order(lesson_fill_t *f)
{
	int order[STEP_COUNT], i;

	if (!f->h->nmsgs)
		return LU_NOT_YET;
	lesson_step_order(f->h, order);
	for (i = 0; i < STEP_COUNT; i++)
		lf_printf(f, "%s%d", i ? ph_list_sep(f) : "", order[i]);
	return LU_FILLED;
}

static int ph_skipped_steps(lesson_fill_t *f)
{
	int s, n = 0;

	for (s = 1; s <= STEP_COUNT; s++)
		if (f->h->steps[s].status == STEP_SKIPPED)
			lf_printf(f, "%s%d", n++ ? ph_list_sep(f) : "", s);
	if (!n)
		lf_puts(f, lesson_strings(f->lang)->none);
	return LU_FILLED;
}

static int ph_outcome(lesson_fill_t *f)
{
	lf_puts(f, lesson_strings(f->lang)->outcome[f->h->outcome]);
	return LU_FILLED;
}

/* ---- the table ---- */

#define PH(n, d) { #n, d, ph_##n, false, false }
#define PH_LESSON(n, d) { #n, d, ph_##n, true, false }
#define PH_PAIR(n, d) { #n, d, ph_##n, false, true }
static const lesson_placeholder_t lesson_placeholders[] = {
	/* negotiation */
	PH(version, "the negotiated protocol version (ServerHello; TLS 1.3: its supported_versions)"),
	PH(suite, "the cipher suite the server chose, by its IANA name"),
	PH(suite_id, "the chosen suite's two-byte code (0x003c)"),
	PH(kx, "the key exchange: RSA, DHE or ECDHE (TLS 1.3: the family of the key_share group)"),
	PH(cipher, "the record cipher of the chosen suite (AES-128-CBC, AES-128-GCM, ...)"),
	PH(mac, "the record MAC of the chosen suite (AEAD when the cipher authenticates by itself)"),
	PH(prf_hash, "the hash of the version's PRF for this suite (TLS 1.0/1.1: MD5+SHA-1)"),
	PH(group, "the (EC)DHE group: the ServerKeyExchange's curve, or TLS 1.3's key_share group"),
	PH(client_random, "the 32-byte ClientHello.random, hex"),
	PH(server_random, "the 32-byte ServerHello.random, hex"),
	PH(offered_suites, "the cipher suites the ClientHello offered, in order"),
	PH(server_name, "the server_name (SNI) the client asked for"),
	PH(client_session_id, "the session id the ClientHello carried (empty: no resumption asked)"),
	PH(session_id, "the session id of the ServerHello, hex"),
	PH(session_id_len, "the length of the ServerHello's session id, in bytes"),
	PH(ticket_requested, "whether the ClientHello carried the session_ticket extension (RFC 5077)"),
	PH(ticket, "the NewSessionTicket's ticket (first 16 bytes, hex)"),
	PH(ticket_len, "the ticket's length in bytes"),
	PH(ticket_lifetime, "the ticket's lifetime (hint), in seconds"),
	PH(client_ticket, "the ticket the ClientHello brought back in its session_ticket extension (RFC 5077 3.2; empty: it asks for one; none: no extension)"),
	PH(resumed, "whether this handshake resumed an earlier session"),
	PH(ems, "whether the extended master secret (RFC 7627) was negotiated"),
	PH(client_hello_version, "the ClientHello's version field (TLS 1.3: legacy_version, always TLS 1.2)"),
	PH(server_hello_version, "the ServerHello's version field (TLS 1.3: legacy_version, always TLS 1.2)"),
	PH(supported_versions, "the versions the ClientHello's supported_versions extension offered (RFC 8446 4.2.1)"),
	PH(session_id_echoed, "whether the ServerHello's session id is the ClientHello's (TLS 1.3: legacy_session_id_echo)"),
	PH(downgrade_sentinel, "whether the server random ends with RFC 8446 4.1.3's DOWNGRD sentinel"),
	PH(message_flow, "every message in wire order, one per line: who sent it, its type, its step"),
	PH(step_order, "the nine steps in the order this handshake met them (TLS 1.3: 1, 2, 3, 4, 8, 5, 6, 7, 9)"),
	PH(skipped_steps, "the steps this handshake skipped"),
	PH(outcome, "complete, failed or incomplete"),
	/* certificates and signatures */
	PH(server_cert_subject, "the subject of the server's certificate"),
	PH(server_cert_issuer, "the issuer (the certificate authority) of the server's certificate"),
	PH(server_cert_count, "how many certificates the server's Certificate carried"),
	PH(cert_result, "the client's verdict on the server's certificate: trusted or not"),
	PH(cert_verdict, "GnuTLS's own words for the client's check of the server certificate (English)"),
	PH(cert_requested, "whether the server sent a CertificateRequest"),
	PH(client_cert_count, "how many certificates the client's Certificate carried (0: an empty one)"),
	PH(client_cert_subject, "the subject of the client's certificate"),
	PH(client_cert_verify_algorithm, "the signature scheme of the client's CertificateVerify"),
	PH(client_cert_verify_signature, "the client's CertificateVerify signature (first 16 bytes, hex)"),
	PH(server_signature_algorithm, "the signature scheme of the ServerKeyExchange (TLS 1.3: the server's CertificateVerify)"),
	PH(server_public, "the server's (EC)DHE public value from the ServerKeyExchange (first 16 bytes, hex)"),
	PH(client_public, "the client's (EC)DHE public value from the ClientKeyExchange (first 16 bytes, hex)"),
	PH(encrypted_premaster, "RSA: the premaster encrypted to the server's key, from the ClientKeyExchange (first 16 bytes)"),
	PH(server_signature, "the signature of the ServerKeyExchange (TLS 1.3: the server's CertificateVerify), first 16 bytes"),
	PH(dh_p, "DHE: the prime p of the ServerKeyExchange (first 16 bytes, hex)"),
	PH(dh_p_bits, "DHE: the size of p in bits"),
	PH(dh_g, "DHE: the generator g of the ServerKeyExchange, hex"),
	PH(encrypted_premaster_len, "RSA: the encrypted premaster's length in bytes (the RSA key's size)"),
	/* secrets */
	PH(premaster, "the 48-byte premaster secret (RSA: decrypted with the server's key), hex"),
	PH(premaster_version, "the first two bytes of an RSA premaster: the client's highest version"),
	PH(premaster_random, "the 46 random bytes of an RSA premaster"),
	PH(master, "the 48-byte master secret, hex"),
	PH(master_from, "where the master secret shown came from (derived here, GnuTLS, key log)"),
	PH(master_check, "the derived master secret compared with the one GnuTLS holds"),
	PH(prf_label, "the label of the master secret's PRF: master secret or extended master secret"),
	PH(prf_seed, "the seed of the master secret's PRF: client_random + server_random, or the session hash"),
	PH(prf_a1, "worked PRF (TLS 1.2): A(1) = HMAC(premaster, label + seed)"),
	PH(prf_a2, "worked PRF (TLS 1.2): A(2) = HMAC(premaster, A(1))"),
	PH(prf_block1, "worked PRF (TLS 1.2): HMAC(premaster, A(1) + label + seed), the first output block"),
	PH(prf_block2, "worked PRF (TLS 1.2): HMAC(premaster, A(2) + label + seed), the second output block"),
	PH(prf_check, "whether the first 48 bytes of the worked PRF are the master secret"),
	PH(session_hash, "RFC 7627 session hash: the hash of the handshake up to the ClientKeyExchange"),
	PH(key_block, "the key block: PRF(master, \"key expansion\", server_random + client_random), hex"),
	PH(key_block_len, "the key block's length in bytes"),
	PH(client_mac_key, "the client's MAC key (cut from the key block)"),
	PH(server_mac_key, "the server's MAC key"),
	PH(client_write_key, "the client's write key (TLS 1.3: its application traffic key)"),
	PH(server_write_key, "the server's write key (TLS 1.3: its application traffic key)"),
	PH(client_iv, "the client's IV (TLS 1.3: its application traffic IV)"),
	PH(server_iv, "the server's IV (TLS 1.3: its application traffic IV)"),
	PH(key_block_rfc_len, "the key block's length as RFC 5246 6.3 (TLS 1.0: RFC 2246) needs it for this suite and version"),
	PH(key_block_rfc_check, "tlstrace's key block length compared with the RFC's, and why they differ"),
	PH(client_hs_key, "TLS 1.3: the client's handshake traffic key, from its handshake traffic secret"),
	PH(client_hs_iv, "TLS 1.3: the client's handshake traffic IV"),
	PH(server_hs_key, "TLS 1.3: the server's handshake traffic key"),
	PH(server_hs_iv, "TLS 1.3: the server's handshake traffic IV"),
	PH(hkdf_label_key, "TLS 1.3: the HkdfLabel bytes that HKDF-Expand-Label feeds for \"key\" (length, \"tls13 key\", empty context)"),
	PH(hkdf_label_iv, "TLS 1.3: the HkdfLabel bytes for \"iv\""),
	PH(client_verify_data, "the verify_data the client's Finished carried"),
	PH(server_verify_data, "the verify_data the server's Finished carried"),
	PH(expected_client_verify_data, "the client's verify_data as recomputed here from the transcript"),
	PH(expected_server_verify_data, "the server's verify_data as recomputed here from the transcript"),
	PH(client_transcript_hash, "the hash of the handshake messages the client's Finished covers"),
	PH(server_transcript_hash, "the hash of the handshake messages the server's Finished covers"),
	PH(client_finished_verdict, "the check of the client's Finished: verified, mismatch, unverified, absent"),
	PH(server_finished_verdict, "the check of the server's Finished"),
	PH(client_side_master, "the master secret the client's GnuTLS logged"),
	PH(server_side_master, "the master secret the server's GnuTLS logged"),
	PH(masters_agree, "whether the two sides' logged master secrets are the same"),
	PH_PAIR(master_reused, "whether the second handshake's master secret, as both sides' GnuTLS logged it, is this one's (resume=)"),
	PH(client_hs_secret, "TLS 1.3: CLIENT_HANDSHAKE_TRAFFIC_SECRET from the key log"),
	PH(server_hs_secret, "TLS 1.3: SERVER_HANDSHAKE_TRAFFIC_SECRET from the key log"),
	PH(client_app_secret, "TLS 1.3: CLIENT_TRAFFIC_SECRET_0 from the key log"),
	PH(server_app_secret, "TLS 1.3: SERVER_TRAFFIC_SECRET_0 from the key log"),
	/* failures */
	PH(failure_step, "the step whose check failed (1..9)"),
	PH(failure_step_title, "that step's title"),
	PH(failure_side, "the side that detected the failure"),
	PH(failure_alert, "the alert sent, name and number"),
	PH(failure_reason, "tlstrace's diagnosis in one sentence (English)"),
	PH(failure_cause, "the most likely cause, with its evidence (English)"),
	PH(client_error, "GnuTLS's error on the client side (English)"),
	PH(server_error, "GnuTLS's error on the server side (English)"),
	PH_LESSON(scenario, "the failure scenario this lesson runs"),
	PH_LESSON(scenario_summary, "what is wrong in that scenario (English, from the scenario table)"),
	PH_LESSON(scenario_list, "every failure scenario, one per line, with the step where it fails and who notices"),
	/* the record layer */
	PH(record_types, "every message in wire order with the content type of its record (TLS 1.3: outer and inner)"),
	PH(client_hello_header, "the ClientHello's 4-byte handshake header, hex, with its type and length"),
	PH(ccs_body, "the body of the client's ChangeCipherSpec, hex"),
	PH(record_iv_len, "the explicit IV or nonce each protected record carries, in bytes (TLS 1.0 CBC, ChaCha20: 0)"),
	PH(record_mac_len, "the MAC each protected record carries, in bytes"),
	PH(record_block_len, "the block size of a CBC cipher, in bytes"),
	PH(client_finished_len, "the client's Finished message with its header, in bytes (the plaintext of its record)"),
	PH(client_finished_padding, "CBC: the least padding (with its length byte) the client's Finished record needs, in bytes"),
	PH(client_finished_record_len, "the least length of the record carrying the client's Finished: IV + message + MAC + padding, or + tag"),
	PH(client_app_records, "how many application data records the client sent"),
	PH(client_app_bytes, "how many bytes of application data the client sent (plaintext)"),
	/* application data */
	PH(client_app_data, "the start of the client's application data, decrypted"),
	PH(server_app_data, "the start of the server's application data, decrypted"),
};
#undef PH
#undef PH_LESSON
#undef PH_PAIR

size_t lesson_placeholder_count(void)
{
	return sizeof lesson_placeholders / sizeof lesson_placeholders[0];
}

const lesson_placeholder_t *lesson_placeholder_at(size_t i)
{
	return i < lesson_placeholder_count() ? &lesson_placeholders[i] : NULL;
}

const lesson_placeholder_t *lesson_placeholder_find(const char *name, size_t n)
{
	size_t i, plen = strlen(LESSON_SECOND_PREFIX);

	if (n > plen && memcmp(name, LESSON_SECOND_PREFIX, plen) == 0) {
		/* Only the trace's values have a second: not the lesson's own,
		 * not one that already compares the two handshakes. */
		const lesson_placeholder_t *p = lesson_placeholder_find(name + plen, n - plen);
		return p && !p->from_lesson && !p->pair ? p : NULL;
	}
	for (i = 0; i < lesson_placeholder_count(); i++)
		if (strlen(lesson_placeholders[i].name) == n && memcmp(lesson_placeholders[i].name, name, n) == 0)
			return &lesson_placeholders[i];
	return NULL;
}
