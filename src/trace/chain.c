/* chain.c - the server's chain and the host name check, laid out for
 * step 5 (see chain.h).  Reads the Certificate and ClientHello in the
 * model; asks tls/x509 for each certificate's facts.  Decides no trust. */
#include <stdlib.h>
#include <string.h>
#include "chain.h"

void chain_build(const handshake_t *h, size_t upto, chain_t *c)
{
	chain_build_side(h, upto, SIDE_SERVER, c);
}

size_t chain_ends_at(const chain_t *c, bool *root)
{
	size_t i;

	for (i = 0; i + 1 < c->n && c->v[i].issuer_next; i++)
		;
	*root = c->n && !c->v[i].unreadable && c->v[i].facts.self_signed;
	return i;
}

void chain_build_side(const handshake_t *h, size_t upto, int side, chain_t *c)
{
	const msg_t *cert = NULL, *hello = NULL;
	size_t i;

	memset(c, 0, sizeof *c);
	if (!h)
		return;
	for (i = 0; i < upto && i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_HANDSHAKE || m->opaque)
			continue;
		if (m->sender == side && m->hs_type == HS_CERTIFICATE && !cert)
			cert = m;
		if (m->sender == SIDE_CLIENT && m->hs_type == HS_CLIENT_HELLO && !hello)
			hello = m;
	}
	if (hello && side == SIDE_SERVER)
		c->host = hello->hello.sni;
	if (!cert)
		return;
	c->have = true;
	c->at = cert->time;
	c->sent = cert->ncerts;
	for (i = 0; i < cert->ncerts && c->n < CHAIN_MAX; i++) {
		chain_cert_t *cc = &c->v[c->n++];
		if (x509_facts(msg_span(cert, cert->certs[i]), &cc->facts, &cc->unreadable) != ERR_OK)
			continue;
		if (cc->facts.not_before != (time_t)-1 && c->at < (double)cc->facts.not_before)
			cc->valid = -1;
		else if (cc->facts.not_after != (time_t)-1 && c->at > (double)cc->facts.not_after)
			cc->valid = 1;
	}
	for (i = 0; i + 1 < c->n; i++)
		c->v[i].issuer_next = c->v[i].facts.issuer && c->v[i + 1].facts.subject &&
				      strcmp(c->v[i].facts.issuer, c->v[i + 1].facts.subject) == 0;
	if (c->n && c->host)
		c->host_ok = x509_host_matches(msg_span(cert, cert->certs[0]), c->host, &c->host_by_cn);
}

void chain_check_trust(handshake_t *h, const msg_t *m, const x509_trust_t *t)
{
	const msg_t *hello = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	slice_t ders[CHAIN_MAX];
	char text[256];
	size_t i, n = 0;

	if (h->cert_checked || !m->ncerts)
		return;
	for (i = 0; i < m->ncerts && n < CHAIN_MAX; i++)
		ders[n++] = msg_span(m, m->certs[i]);
	h->cert_status = x509_trust_verify(t, ders, n, hello ? hello->hello.sni : NULL, (time_t)m->time, text,
					   sizeof text);
	h->cert_verdict = strdup(text);
	h->cert_checked = true;
	h->cert_by_ca = true;
}

void chain_free(chain_t *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		x509_facts_free(&c->v[i].facts);
	c->n = 0;
}
