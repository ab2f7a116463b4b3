/* ui_ladder.c - the ladder diagram: client on the left, server on the
 * right, one arrow per message in wire order up to the current stop,
 * labelled with its name.  The current step's arrows are bright, the
 * selected one reversed; ChangeCipherSpec is drawn dashed and alerts in
 * the failure colour.  A step without a message of its own gets a line
 * saying so where it happens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/steps.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

/* The arrow's words: the message name, and for an alert what it says. */
static void ui_ladder_label(const msg_t *m, char *buf, size_t n, int room)
{
	const char *enc = m->encrypted && !m->opaque ? UI_T(" (encrypted)") : "";

	if (m->type == CT_ALERT && !m->opaque) {
		const alert_info_t *ai = alert_find(m->alert_desc);
		snprintf(buf, n, UI_T("Alert %s (%s)"), ai ? ai->name : UI_T("unknown"),
			 m->alert_level == 2 ? UI_T("fatal") : m->alert_level == 1 ? UI_T("warning") : "?");
	} else {
		/* the lock note shrinks before the name does */
		if (enc[0] && ui_text_width(msg_type_name(m)) + ui_text_width(enc) > room)
			enc = ui_text_width(msg_type_name(m)) + 6 <= room ? UI_T(" (enc)") : "";
		snprintf(buf, n, "%s%s", msg_type_name(m), enc);
	}
}

/* One arrow from x0 to xr: a line, its label near the sender. */
static void ui_ladder_arrow(int y, int x0, int xr, bool c2s, const char *name, ui_role_t role, bool bright,
			    bool sel, bool dashed)
{
	attr_t line = ui_attr(role) | (bright ? A_BOLD : A_NORMAL);
	attr_t label = line | (sel ? ui_attr(UI_C_SELECT) : A_NORMAL);
	const char *dash = ui_glyph(dashed ? UI_G_DASH : UI_G_HLINE);
	int span = xr - x0 - 1, lw, fill;
	char text[200];

	snprintf(text, sizeof text, " %s ", name);
	lw = ui_text_width(text);
	if (lw > span - 3)
		lw = span - 3;
	fill = span - lw - 2;
	if (c2s) {
		ui_text_repeat(y, x0 + 1, 1, dash, line);
		ui_text_put(y, x0 + 2, lw, text, label);
		ui_text_repeat(y, x0 + 2 + lw, fill, dash, line);
		ui_text_put(y, xr - 1, 1, ui_glyph(UI_G_ARROW_R), line);
	} else {
		ui_text_put(y, x0 + 1, 1, ui_glyph(UI_G_ARROW_L), line);
		ui_text_repeat(y, x0 + 2, fill, dash, line);
		ui_text_put(y, x0 + 2 + fill, lw, text, label);
		ui_text_repeat(y, xr - 1, 1, dash, line);
	}
}

static void ui_ladder_row(const ui_app_t *a, int y, int x0, int xr, size_t i, bool current)
{
	const msg_t *m = a->hs->msgs[i];
	ui_role_t role = m->type == CT_ALERT ? UI_C_FAIL : m->type == CT_CHANGE_CIPHER_SPEC ? UI_C_CCS :
			 m->sender == SIDE_CLIENT ? UI_C_CLIENT : UI_C_SERVER;
	char name[150];

	ui_ladder_label(m, name, sizeof name, xr - x0 - 6);
	ui_ladder_arrow(y, x0, xr, m->sender == SIDE_CLIENT, name, role, current, i == a->msg_sel,
			m->type == CT_CHANGE_CIPHER_SPEC);
}

/* What a stop without a message shows after the messages: application
 * data as counted arrows, otherwise one line saying why there is none. */
typedef struct { int side; char text[200]; } ui_ladder_extra_t;

static int ui_ladder_extras(const ui_app_t *a, const ui_stop_t *st, ui_ladder_extra_t ex[2])
{
	const handshake_t *h = a->hs;
	const step_state_t *ss;
	int n = 0, side;

	if (!st || (st->first != st->end && st->step != 9))
		return 0;
	if (st->step == 9 && st->upto == h->nmsgs)
		for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
			if (!h->app_records[side])
				continue;
			ex[n].side = side;
			snprintf(ex[n].text, sizeof ex[n].text, UI_T("application data: %llu record%s, %llu bytes"),
				 (unsigned long long)h->app_records[side], h->app_records[side] == 1 ? "" : "s",
				 (unsigned long long)h->app_bytes[side]);
			n++;
		}
	if (n || st->first != st->end)
		return n;
	ss = &h->steps[st->step];
	ex[0].side = -1;
	snprintf(ex[0].text, sizeof ex[0].text, "%s %s", ss->status == STEP_SKIPPED ? UI_T("skipped:") :
		 ss->status == STEP_FAILED ? UI_T("failed:") : UI_T("no message:"),
		 ss->reason ? step_reason(h, st->step, ui_lang()) : st->step == 5 ?
		 UI_T("the client checks the certificate on its own") : UI_T("nothing on the wire"));
	return 1;
}

/* The ladder's rows in wire order: the messages shown, and at step 9 the
 * application data records between them where they crossed the wire (so
 * a close_notify comes after the data it closes); then a message-less
 * stop's own lines. */
typedef enum { UI_L_MSG, UI_L_APP, UI_L_EXTRA } ui_lkind_t;
typedef struct { ui_lkind_t kind; size_t i; } ui_lrow_t;

static ui_lrow_t *ui_ladder_rows(const ui_app_t *a, size_t nex, size_t *n)
{
	const handshake_t *h = a->hs;
	size_t vis = ui_nav_visible(a), napp = ui_nav_app_shown(a) ? h->app->n : 0, k, j = 0;
	ui_lrow_t *v = malloc((vis + napp + nex + 1) * sizeof *v);

	*n = 0;
	if (!v)
		return NULL;
	for (k = 0; k < vis; k++) {
		while (j < napp && h->app->recs[j].msgs_before <= k)
			v[(*n)++] = (ui_lrow_t){ UI_L_APP, j++ };
		v[(*n)++] = (ui_lrow_t){ UI_L_MSG, k };
	}
	while (j < napp)
		v[(*n)++] = (ui_lrow_t){ UI_L_APP, j++ };
	for (k = 0; k < nex; k++)
		v[(*n)++] = (ui_lrow_t){ UI_L_EXTRA, k };
	return v;
}

static bool ui_ladder_is_sel(const ui_app_t *a, ui_lrow_t r)
{
	return (r.kind == UI_L_MSG && r.i == a->msg_sel) || (r.kind == UI_L_APP && r.i == a->app_sel);
}

/* One application data record: an arrow with its size and whether it was read. */
static void ui_ladder_app(const ui_app_t *a, int y, int x0, int xr, int info, size_t i)
{
	const app_rec_t *r = &a->hs->app->recs[i];
	char text[96];

	snprintf(text, sizeof text, UI_T("application data %zu B%s"), r->len, r->decrypted ? "" : UI_T(" (encrypted)"));
	ui_ladder_arrow(y, x0, xr, r->side == SIDE_CLIENT, text, r->side == SIDE_CLIENT ? UI_C_CLIENT : UI_C_SERVER,
			true, i == a->app_sel, false);
	if (info) {
		snprintf(text, sizeof text, "%s %u  %zu B", UI_T(source_frame_unit(a->src)), r->frame, r->len);
		ui_text_put(y, xr + 2, info - 2, text, ui_attr(UI_C_DIM));
	}
}

void ui_ladder_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_ladder;
	int ix = r.x + 1, iw = r.w - 2, ih = r.h - 2;
	/* "flight 2  897 B": the unit's word (wider in Japanese) and the room for the rest */
	int info = iw >= 62 ? 12 + ui_text_width(UI_T(source_frame_unit(a->src))) : 0;
	int x0 = ix + 4, xr = ix + iw - info - 2, rows = ih - 1, row, cur = ui_nav_step(a);
	size_t extra, nrows = 0, k;
	ui_ladder_extra_t ex[2];
	const ui_stop_t *st = a->stops.settled ? &a->stops.v[a->stop] : NULL;
	char title[160], buf[96];
	attr_t vline = ui_attr(UI_C_BORDER);
	ui_lrow_t *lr;
	int last = -1;

	if (cur)
		snprintf(title, sizeof title, UI_T("Step %d: %s"), cur, step_title(cur, ui_lang()));
	else
		snprintf(title, sizeof title, "%s", UI_T("Handshake"));
	ui_frame(r, title, a->focus == UI_PANE_LADDER);
	if (!a->hs) {
		ui_text_put(r.y + 2, ix + 2, iw - 4, !ui_nav_final(a) ? UI_T("waiting for the first flight") : UI_T("no handshake"), ui_attr(UI_C_DIM));
		return;
	}
	/* header: who is who */
	if (a->conn && a->conn->client_ip[0])
		snprintf(buf, sizeof buf, UI_T("client %s:%u"), a->conn->client_ip, a->conn->client_port);
	else
		snprintf(buf, sizeof buf, "%s", UI_T("client"));
	ui_text_put(r.y + 1, x0 - 2, xr - x0, buf, ui_attr(UI_C_CLIENT) | A_BOLD);
	if (a->conn && a->conn->server_ip[0])
		snprintf(buf, sizeof buf, UI_T("%s:%u server"), a->conn->server_ip, a->conn->server_port);
	else
		snprintf(buf, sizeof buf, "%s", UI_T("server"));
	{
		int bw = ui_text_width(buf), bx = (info ? xr + 3 : ix + iw) - bw;
		if (bx < x0 + (xr - x0) / 2)
			bx = x0 + (xr - x0) / 2;
		ui_text_put(r.y + 1, bx, ix + iw - bx, buf, ui_attr(UI_C_SERVER) | A_BOLD);
	}
	/* a message-less stop gets lines of its own after the messages */
	extra = ui_nav_app_shown(a) ? 0 : (size_t)ui_ladder_extras(a, st, ex);
	lr = ui_ladder_rows(a, extra, &nrows);
	if (!lr)
		return;
	/* scroll: keep the current group, then the selection, in view */
	for (k = 0; k < nrows && st; k++)
		if (lr[k].kind != UI_L_MSG || (lr[k].i >= st->first && lr[k].i < st->end))
			last = (int)k;
	if (last >= a->ladder_top + rows)
		a->ladder_top = last - rows + 1;
	for (k = 0; k < nrows; k++)
		if (ui_ladder_is_sel(a, lr[k])) {
			if ((int)k < a->ladder_top)
				a->ladder_top = (int)k;
			if ((int)k >= a->ladder_top + rows)
				a->ladder_top = (int)k - rows + 1;
		}
	if (a->ladder_top > (int)nrows - rows)
		a->ladder_top = (int)nrows - rows;
	if (a->ladder_top < 0)
		a->ladder_top = 0;
	for (row = 0; row < rows; row++) {
		int y = r.y + 2 + row;
		bool current;

		k = (size_t)(a->ladder_top + row);
		ui_text_put(y, x0, 1, ui_glyph(UI_G_VLINE), vline);
		ui_text_put(y, xr, 1, ui_glyph(UI_G_VLINE), vline);
		if (k >= nrows)
			continue;
		if (lr[k].kind == UI_L_MSG) {
			size_t i = lr[k].i;
			const msg_t *m = a->hs->msgs[i];
			current = st && i >= st->first && i < st->end;
			snprintf(buf, sizeof buf, "%2d", a->hs->msg_step[i]);
			ui_text_put(y, ix, 3, buf, current ? ui_attr(UI_C_CURRENT) : ui_attr(UI_C_DIM));
			ui_ladder_row(a, y, x0, xr, i, current);
			if (info) {
				snprintf(buf, sizeof buf, "%s %u  %zu B", UI_T(source_frame_unit(a->src)), m->frame, m->raw.len);
				ui_text_put(y, xr + 2, info - 2, buf, ui_attr(UI_C_DIM));
			}
		} else if (lr[k].kind == UI_L_APP) {
			ui_text_put(y, ix, 3, " 9", ui_attr(UI_C_CURRENT));
			ui_ladder_app(a, y, x0, xr, info, lr[k].i);
		} else {
			const ui_ladder_extra_t *e = &ex[lr[k].i];
			bool fail = a->hs->steps[st->step].status == STEP_FAILED;
			snprintf(buf, sizeof buf, "%2d", st->step);
			ui_text_put(y, ix, 3, buf, ui_attr(UI_C_CURRENT));
			if (e->side >= 0)
				ui_ladder_arrow(y, x0, xr, e->side == SIDE_CLIENT, e->text,
						e->side == SIDE_CLIENT ? UI_C_CLIENT : UI_C_SERVER, true, false, false);
			else
				ui_text_put(y, x0 + 2, xr - x0 - 3, e->text, ui_attr(fail ? UI_C_FAIL : UI_C_CURRENT));
		}
	}
	/* more rows than room: a mark on the frame where they are */
	if (a->ladder_top > 0)
		ui_text_put(r.y + 1, r.x + r.w - 3, 1, ui_glyph(UI_G_KEY_UP), ui_attr(UI_C_KEY));
	if (a->ladder_top + rows < (int)nrows)
		ui_text_put(r.y + r.h - 1, r.x + r.w - 3, 1, ui_glyph(UI_G_KEY_DOWN), ui_attr(UI_C_KEY));
	free(lr);
}

int ui_ladder_want(const ui_app_t *a)
{
	size_t n = 0;
	ui_lrow_t *lr = a->hs ? ui_ladder_rows(a, 2, &n) : NULL;

	free(lr);
	return (int)n + 3;   /* the frame, the header line */
}

/* Up and Down over the rows that can be selected: messages and records. */
int ui_ladder_key(ui_app_t *a, int key)
{
	int delta = key == UI_FN(KEY_UP) || key == UI_CH('k') ? -1 : key == UI_FN(KEY_DOWN) || key == UI_CH('j') ? 1 : 0;
	size_t n, k, at;
	ui_lrow_t *lr;

	if (!delta)
		return 0;
	lr = ui_ladder_rows(a, 0, &n);
	if (!lr || !n) {
		free(lr);
		return 0;
	}
	for (at = n, k = 0; k < n; k++)
		if (ui_ladder_is_sel(a, lr[k]))
			at = k;
	at = at == n ? n - 1 : delta < 0 ? (at > 0 ? at - 1 : 0) : (at + 1 < n ? at + 1 : n - 1);
	if (lr[at].kind == UI_L_APP)
		ui_nav_select_app(a, lr[at].i);
	else
		ui_nav_select_msg(a, lr[at].i);
	free(lr);
	return UI_REDRAW;
}

int ui_ladder_click(ui_app_t *a, int y, int x)
{
	int row = y - (a->r_ladder.y + 2);
	size_t k, n;
	ui_lrow_t *lr;

	(void)x;
	a->focus = UI_PANE_LADDER;
	if (row < 0)
		return UI_REDRAW;
	k = (size_t)(a->ladder_top + row);
	lr = ui_ladder_rows(a, 0, &n);
	if (lr && k < n)
		lr[k].kind == UI_L_APP ? ui_nav_select_app(a, lr[k].i) : ui_nav_select_msg(a, lr[k].i);
	free(lr);
	return UI_REDRAW;
}
