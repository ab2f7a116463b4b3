/* ui_wire.c - the Bytes tab's other view of an encrypted message (key w):
 * the record as it crossed the wire, cut into its parts (header, explicit
 * IV or nonce, ciphertext, MAC or tag in the clear), then what the
 * ciphertext held once decrypted: the message's own bytes, and after
 * them the MAC, the padding or TLS 1.3's inner type, by their lengths.
 * Lays out what the decoder kept (msg_wire_t); computes nothing. */
#include <stdio.h>
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

static const char *ui_wire_type(uint8_t t)
{
	switch (t) {
	case CT_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
	case CT_ALERT:              return "alert";
	case CT_HANDSHAKE:          return "handshake";
	case CT_APPLICATION_DATA:   return "application_data";
	default:                    return "unknown";
	}
}

/* The record itself: header, explicit IV or nonce, ciphertext, MAC or tag. */
static void ui_wire_record(const ui_app_t *a, const msg_wire_t *w, ui_doc_t *d)
{
	uint32_t ct = w->len - w->iv - w->tag;

	ui_doc_head(d, UI_C_HEAD, UI_T("The record as on the wire: %u bytes after its 5-byte header"), w->len);
	ui_doc_hex(d, UI_T("header"), UI_C_NORMAL, w->hdr, 5);
	ui_doc_kv(d, UI_T("  says"), UI_C_NORMAL, UI_T("%s (%u), version 0x%02x%02x, length %u"), ui_wire_type(w->hdr[0]),
		  w->hdr[0], w->hdr[1], w->hdr[2], w->len);
	if (w->iv)
		ui_doc_hex(d, w->tag && !w->inner_mac ? UI_T("explicit nonce") : UI_T("explicit IV"), UI_C_NORMAL,
			   w->bytes, w->iv);
	ui_doc_hex(d, UI_T("ciphertext"), UI_C_SECRET, w->bytes + w->iv, ct);
	if (w->tag)
		ui_doc_hex(d, a->hs && a->hs->suite && a->hs->suite->mac != MAC_AEAD && a->hs->version != VER_TLS13 ?
			   UI_T("MAC (encrypt-then-MAC)") : UI_T("AEAD tag"), UI_C_NORMAL, w->bytes + w->iv + ct, w->tag);
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, UI_T("The ciphertext, decrypted (%u bytes)"), ct);
}

/* What follows the content inside the ciphertext. */
static void ui_wire_trailer(const msg_wire_t *w, ui_doc_t *d)
{
	if (w->inner_mac)
		ui_doc_kv(d, "MAC", UI_C_NORMAL, UI_T("%u bytes (HMAC over the sequence number, the header and the content)"),
			  w->inner_mac);
	if (w->inner_type)
		ui_doc_kv(d, UI_T("inner type"), UI_C_NORMAL, "%s", UI_T("1 byte: the real content type (RFC 8446 5.2)"));
	if (w->pad || w->inner_mac)
		ui_doc_kv(d, UI_T("padding"), UI_C_NORMAL, UI_T("%u bytes%s"), w->pad,
			  w->inner_type ? UI_T(" of zeros") : w->pad ? UI_T(" (each the padding length, the last one too)") : "");
}

bool ui_wire_has(const ui_app_t *a)
{
	const msg_t *m = ui_nav_msg(a);
	const app_rec_t *r = ui_nav_app(a);

	return (m && m->wire) || (r && r->wire);
}

void ui_wire_build(const ui_app_t *a, ui_doc_t *d)
{
	const msg_t *m = ui_nav_msg(a);
	const app_rec_t *r = ui_nav_app(a);
	const handshake_t *h = a->hs;
	const msg_wire_t *w = m ? m->wire : r ? r->wire : NULL;
	size_t i, n = 0, k = 0;

	if (!w) {
		ui_doc_text(d, 0, UI_C_DIM, "%s", UI_T("This message did not come whole in a record that was decrypted here: "
			    "there is no record to show as on the wire."));
		return;
	}
	ui_wire_record(a, w, d);
	if (r) {   /* application data: its plaintext, as far as it was kept */
		size_t kept = r->off < h->app->len[r->side] ? h->app->len[r->side] - r->off : 0;
		if (kept > r->len)
			kept = r->len;
		ui_doc_hex(d, UI_T("content"), UI_C_OK, h->app->data[r->side] + r->off, kept);
		ui_doc_kv(d, UI_T("  is"), UI_C_NORMAL, UI_T("%zu bytes of application data (tab 2 without w: as text)%s"),
			  r->len, kept < r->len ? UI_T("; only the first ones were kept") : "");
		ui_wire_trailer(w, d);
		return;
	}
	/* the messages that shared the record, in order; this one marked */
	for (i = 0; i < h->nmsgs; i++)
		n += h->msgs[i]->wire == w;
	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *o = h->msgs[i];
		if (o->wire != w)
			continue;
		k++;
		ui_doc_hex(d, o == m ? UI_T("content") : UI_T("  and"), o == m ? UI_C_OK : UI_C_DIM, o->raw.ptr, o->raw.len);
		if (n > 1)
			ui_doc_kv(d, UI_T("  is"), o == m ? UI_C_NORMAL : UI_C_DIM, UI_T("the %s's %zu bytes, message %zu of the "
				  "%zu this record carried%s"), msg_type_name(o), o->raw.len, k, n,
				  o == m ? UI_T(" (the one selected)") : "");
		else
			ui_doc_kv(d, UI_T("  is"), UI_C_NORMAL, UI_T("the %s's %zu bytes (tab 2 without w: field by field)"),
				  msg_type_name(o), o->raw.len);
	}
	ui_wire_trailer(w, d);
}
