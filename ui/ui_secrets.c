/* ui_secrets.c - the Secrets tab: the handshake's secret rows
 * (trace/secret_rows.h), in their order and under their groups' headings,
 * up to the current stop: the randoms and the choice, the premaster (or why
 * it is unknown), the master secret with its PRF formula, A(i) and blocks,
 * where it came from and whether the key log / GnuTLS agrees, the key block
 * and keys (TLS 1.3: the traffic secrets and the keys HKDF made), and each
 * Finished's computation, expected against received.  A row the stop has
 * not reached says from which step it will be shown.  This file only lays
 * rows out: it computes nothing and reads no secret outside the rows. */
#include <stdio.h>
#include <stdlib.h>
#include "trace/secret_rows.h"
#include "trace/steps.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

static const char *ui_secrets_from(const srow_t *r)
{
	switch (r->from) {
	case FROM_RSA_KEY: return UI_T("decrypted from the ClientKeyExchange with the server's RSA private key");
	case FROM_DERIVED: return r->qualifier ? UI_T("derived here with the version's PRF") : UI_T("derived here");
	case FROM_KEYLOG:  return UI_T("taken from the key log (it cannot be recomputed from the wire)");
	case FROM_LIVE:    return UI_T("taken from GnuTLS's own key log (it cannot be recomputed from the wire)");
	default:           return UI_T("unknown");
	}
}

/* The colour of a row by what it is: unknown, failed, confirmed, a value
 * a side chose in the clear, a value from the wire, or a secret. */
static ui_role_t ui_secrets_role(const srow_t *r)
{
	if (!r->val && !r->text)
		return UI_C_WARN;
	if (r->check == SROW_MISMATCH)
		return UI_C_FAIL;
	if (r->check == SROW_AGREES && !r->val)
		return UI_C_OK;
	if (r->group == SROW_G_CHOICE)
		return r->side == SIDE_CLIENT ? UI_C_CLIENT : r->side == SIDE_SERVER ? UI_C_SERVER : UI_C_NORMAL;
	if (r->val && r->from == FROM_NONE)
		return UI_C_NORMAL;   /* read from the wire (a received verify_data) */
	return r->val ? UI_C_SECRET : UI_C_NORMAL;
}

static void ui_secrets_row(ui_doc_t *d, const srow_t *r)
{
	ui_role_t role = ui_secrets_role(r);
	const char *lab = srow_label_in(r, ui_lang());

	if (r->flags & SROW_F_LINE) {   /* a formula or a count: its words, not its bytes */
		ui_doc_kv(d, lab, UI_C_NORMAL, "%s", r->text ? srow_text_in(r, ui_lang()) : "");
	} else if (r->val) {
		char label[64];

		/* a step of the computation above it (PRF A(i), a Finished's key) */
		snprintf(label, sizeof label, "%s%s", (r->flags & SROW_F_INTERMEDIATE) ? "  " : "", lab);
		ui_doc_hex(d, label, role, r->val, r->len);
		if (r->qualifier || r->from == FROM_RSA_KEY)
			ui_doc_kv(d, UI_T("  from"), UI_C_NORMAL, "%s", ui_secrets_from(r));
	} else if (r->text) {
		const char *glyph = r->check == SROW_AGREES ? ui_glyph(UI_G_DONE)
				  : r->check == SROW_MISMATCH ? ui_glyph(UI_G_FAIL) : NULL;

		ui_doc_kv(d, lab, role, "%s%s%s%s%s", glyph ? glyph : "", glyph ? " " : "", srow_text_in(r, ui_lang()),
			  r->note ? ": " : "", r->note ? r->note : "");
	} else {
		ui_doc_kv(d, lab, role, UI_T("unknown: %s"), r->unknown ? UI_T(srow_unknown_in(r, ui_lang())) : UI_T("not known"));
	}
}

void ui_secrets_finished(const ui_app_t *a, ui_doc_t *d, int step)
{
	srow_list_t *l;
	int group = -1;
	size_t i;

	if (!a->hs || (l = malloc(sizeof *l)) == NULL)
		return;
	srow_build(a->hs, l);
	for (i = 0; i < l->n; i++) {
		const srow_t *r = &l->v[i];
		if (r->step != step || (r->group != SROW_G_FIN_CLIENT && r->group != SROW_G_FIN_SERVER))
			continue;
		if ((int)r->group != group) {
			group = (int)r->group;
			ui_doc_head(d, UI_C_HEAD, "%s", srow_group_title_in(r->group, ui_lang()));
		}
		ui_secrets_row(d, r);
	}
	free(l);
}

void ui_secrets_build(const ui_app_t *a, ui_doc_t *d, int *anchor)
{
	int step = ui_nav_step(a), fin = -1, here;

	bool said[STEP_COUNT + 1] = { false };   /* "shown from step N" already said */
	srow_list_t *l;
	int group = -1;
	size_t i;

	*anchor = -1;
	if (!a->hs) {
		ui_doc_text(d, 0, UI_C_DIM, "%s", UI_T("Nothing yet."));
		return;
	}
	l = malloc(sizeof *l);
	if (!l) {
		ui_doc_text(d, 0, UI_C_WARN, "%s", UI_T("Out of memory."));
		return;
	}
	srow_build(a->hs, l);
	for (i = 0; i < l->n; i++) {
		const srow_t *r = &l->v[i];
		bool seen = ui_nav_seen(a, r->step);

		if (!seen && said[r->step])
			continue;
		/* the step's own rows: a Finished's computation before anything
		 * else of the step (the keys that appear with it), from its heading */
		here = (int)d->n;   /* the heading, when the row starts a group, comes first */
		if (r->step == step && (r->group == SROW_G_FIN_CLIENT || r->group == SROW_G_FIN_SERVER) && fin < 0)
			fin = here;
		if (r->step == step && *anchor < 0)
			*anchor = here;
		if ((int)r->group != group) {
			group = (int)r->group;
			ui_doc_head(d, UI_C_HEAD, "%s", srow_group_title_in(r->group, ui_lang()));
		}
		if (!seen) {
			ui_doc_kv(d, srow_label_in(r, ui_lang()), UI_C_DIM, UI_T("shown from step %d (%s) on"), r->step,
				  step_title(r->step, ui_lang()));
			said[r->step] = true;
			continue;
		}
		ui_secrets_row(d, r);
	}
	free(l);
	if (fin >= 0)
		*anchor = fin;
}
