/* ui_appdata.c - one application data record of step 9 in the detail
 * pane: where it crossed the wire, its size, and its plaintext in full
 * (as far as the model kept it, APP_DATA_KEEP bytes a side): as text,
 * line by line with control bytes shown as escapes, then in hex, sixteen
 * bytes a line.  A record that could not be decrypted says why not. */
#include <stdio.h>
#include <string.h>
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

/* The text of p as lines: \r\n and \n end a line, other control bytes
 * and bytes above 0x7e are shown as \xNN. */
static void ui_appdata_text(ui_doc_t *d, const uint8_t *p, size_t n)
{
	char line[512];
	size_t used = 0, i;

	for (i = 0; i < n; i++) {
		uint8_t c = p[i];
		if (c == '\n' || used + 5 >= sizeof line) {
			line[used] = '\0';
			ui_doc_text(d, 2, UI_C_SECRET, "%s%s", line, c == '\n' ? "" : "…");
			used = 0;
			if (c == '\n')
				continue;
		}
		if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if (c >= 0x20 && c < 0x7f)
			line[used++] = (char)c;
		else
			used += (size_t)snprintf(line + used, sizeof line - used, "\\x%02x", c);
	}
	if (used) {
		line[used] = '\0';
		ui_doc_text(d, 2, UI_C_SECRET, "%s", line);
	}
}

static void ui_appdata_hex(ui_doc_t *d, const uint8_t *p, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += 16) {
		char hex[16 * 3 + 1] = "", asc[17] = "";
		for (k = 0; k < 16 && i + k < n; k++) {
			snprintf(hex + 3 * k, sizeof hex - 3 * k, "%02x ", p[i + k]);
			asc[k] = p[i + k] >= 0x20 && p[i + k] < 0x7f ? (char)p[i + k] : '.';
			asc[k + 1] = '\0';
		}
		ui_doc_text(d, 2, UI_C_NORMAL, "%04zx  %-48s %s", i, hex, asc);
	}
}

void ui_appdata_build(const ui_app_t *a, ui_doc_t *d)
{
	const app_rec_t *r = ui_nav_app(a);
	const handshake_t *h = a->hs;
	size_t n, i, nr = 0;

	if (!r)
		return;
	for (i = 0; i < h->app->n; i++)
		if (h->app->recs[i].side == r->side && &h->app->recs[i] <= r)
			nr++;
	ui_doc_head(d, UI_C_HEAD, UI_T("Application data: record %zu from the %s, %zu bytes"), nr, ui_side(r->side),
		    r->len);
	ui_doc_kv(d, UI_T("on the wire"), UI_C_NORMAL, "%s %u", UI_T(source_frame_unit(a->src)), r->frame);
	if (!r->decrypted) {
		ui_doc_kv(d, UI_T("plaintext"), UI_C_WARN, "%s", UI_T("not known: the record could not be decrypted (no keys for it)"));
		return;
	}
	n = r->off < h->app->len[r->side] ? h->app->len[r->side] - r->off : 0;
	if (n > r->len)
		n = r->len;
	ui_doc_kv(d, UI_T("plaintext"), UI_C_OK, UI_T("decrypted with the %s's write key: %zu bytes%s"), ui_side(r->side),
		  r->len, n < r->len ? UI_T("; only the first ones were kept") : "");
	if (n < r->len)
		ui_doc_kv(d, UI_T("kept"), UI_C_WARN, UI_T("%zu of %zu bytes (the first %d of each side are kept)"), n, r->len,
			  APP_DATA_KEEP);
	ui_doc_blank(d);
	ui_doc_text(d, 0, UI_C_HEAD, "%s", UI_T("As text"));
	ui_appdata_text(d, h->app->data[r->side] + r->off, n);
	ui_doc_blank(d);
	ui_doc_text(d, 0, UI_C_HEAD, "%s", UI_T("In hex"));
	ui_appdata_hex(d, h->app->data[r->side] + r->off, n);
}
