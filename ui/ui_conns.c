/* ui_conns.c - the connection list of a source, one row per handshake
 * (a renegotiation is a second row of its connection): addresses,
 * version, suite, outcome (failures marked) and both Finished verdicts.
 * Enter opens the handshake in the step view.  Also the title bar, which
 * names the connection being shown. */
#include <stdio.h>
#include <string.h>
#include "trace/steps.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

static void ui_conns_addr(char *buf, size_t n, const char *ip, unsigned port)
{
	if (!ip[0])
		snprintf(buf, n, "?");
	else if (strchr(ip, ':'))
		snprintf(buf, n, "[%s]:%u", ip, port);
	else
		snprintf(buf, n, "%s:%u", ip, port);
}

static ui_glyph_t ui_conns_fin_glyph(fin_verdict_t v, ui_role_t *role)
{
	switch (v) {
	case FIN_VERIFIED: *role = UI_C_OK;   return UI_G_DONE;
	case FIN_MISMATCH: *role = UI_C_FAIL; return UI_G_FAIL;
	case FIN_UNVERIFIED: *role = UI_C_WARN; return UI_G_PENDING;
	default:           *role = UI_C_DIM;  return UI_G_SKIP;
	}
}

/* Column widths for this screen width. */
typedef struct { int mark, num, cli, srv, ver, out, fin, suite; bool words; } ui_cols_t;

static void ui_conns_cols(const ui_app_t *a, int w, ui_cols_t *c)
{
	size_t i;
	char buf[80];

	c->mark = 2;
	c->num = 6;
	c->cli = c->srv = 8;
	for (i = 0; i < a->nrows; i++) {
		int l;
		ui_conns_addr(buf, sizeof buf, a->rows[i].conn->client_ip, a->rows[i].conn->client_port);
		l = (int)strlen(buf) + 1;
		c->cli = l > c->cli ? l : c->cli;
		ui_conns_addr(buf, sizeof buf, a->rows[i].conn->server_ip, a->rows[i].conn->server_port);
		l = (int)strlen(buf) + 1;
		c->srv = l > c->srv ? l : c->srv;
	}
	if (c->cli > 30)
		c->cli = 30;
	if (c->srv > 30)
		c->srv = 30;
	c->ver = 9;
	c->out = 14;
	/* a header wider than its values (Japanese) widens its column */
	if (ui_text_width(UI_T("version")) + 1 > c->ver)
		c->ver = ui_text_width(UI_T("version")) + 1;
	if (ui_text_width(UI_T("outcome")) + 1 > c->out)
		c->out = ui_text_width(UI_T("outcome")) + 1;
	c->words = w >= 130;
	c->fin = c->words ? 24 : 8;
	c->suite = w - (c->mark + c->num + c->cli + c->srv + c->ver + c->out + c->fin);
	/* too narrow (80 columns): the numbers, the outcome and the addresses
	 * give way, in that order, before the list runs past its frame */
	while (c->suite < 10) {
		if (c->num > 4)
			c->num--;
		else if (c->out > ui_text_width(UI_T("outcome")) + 1 && c->out > 11)
			c->out--;
		else if (c->cli > 8 || c->srv > 8)
			*(c->cli >= c->srv ? &c->cli : &c->srv) -= 1;
		else
			break;
		c->suite++;
	}
	if (c->suite < 10)
		c->suite = 10;
}

void ui_conns_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_list;
	ui_cols_t c;
	int rows = r.h - 3, row, x, y;
	char buf[200];

	/* a source still yielding connections: the list grows while shown */
	if (!ui_nav_rows(a))
		ui_app_note(a, true, "%s", UI_T("out of memory: the newest connections are not listed"));
	snprintf(buf, sizeof buf, UI_T("%s: %zu TLS connection%s, %zu handshake%s"), source_label(a->src),
		 a->nconns, a->nconns == 1 ? "" : "s", a->nrows, a->nrows == 1 ? "" : "s");
	ui_frame(r, buf, true);
	ui_conns_cols(a, r.w - 2, &c);
	x = r.x + 1;
	y = r.y + 1;
	attrset(ui_attr(UI_C_HEAD));
	mvhline(y, x, ' ', r.w - 2);
	x += c.mark;
	ui_text_put(y, x, c.num - 1, "#", ui_attr(UI_C_HEAD)); x += c.num;
	ui_text_put(y, x, c.cli - 1, UI_T("client"), ui_attr(UI_C_HEAD)); x += c.cli;
	ui_text_put(y, x, c.srv - 1, UI_T("server"), ui_attr(UI_C_HEAD)); x += c.srv;
	ui_text_put(y, x, c.ver - 1, UI_T("version"), ui_attr(UI_C_HEAD)); x += c.ver;
	ui_text_put(y, x, c.suite - 1, UI_T("cipher suite"), ui_attr(UI_C_HEAD)); x += c.suite;
	ui_text_put(y, x, c.out - 1, UI_T("outcome"), ui_attr(UI_C_HEAD)); x += c.out;
	ui_text_put(y, x, c.fin - 1, c.words ? UI_T("Finished client/server") : UI_T("Fin c s"), ui_attr(UI_C_HEAD));
	if (a->row_sel < (size_t)a->row_top)
		a->row_top = a->row_sel;
	if (rows > 0 && a->row_sel >= a->row_top + (size_t)rows)
		a->row_top = a->row_sel - (size_t)rows + 1;
	for (row = 0; row < rows; row++) {
		size_t i = a->row_top + (size_t)row;
		const ui_row_t *rw;
		const handshake_t *h;
		attr_t base;
		ui_role_t orole, frole;
		ui_glyph_t g;

		if (i >= a->nrows)
			break;
		rw = &a->rows[i];
		h = rw->hs;
		base = i == a->row_sel ? ui_attr(UI_C_SELECT) : A_NORMAL;
		y = r.y + 2 + row;
		x = r.x + 1;
		attrset(base);
		mvhline(y, x, ' ', r.w - 2);
		orole = h->outcome == OUTCOME_COMPLETE ? UI_C_OK : h->outcome == OUTCOME_FAILED ? UI_C_FAIL : UI_C_WARN;
		g = h->outcome == OUTCOME_COMPLETE ? UI_G_DONE : h->outcome == OUTCOME_FAILED ? UI_G_FAIL : UI_G_PENDING;
		ui_text_put(y, x, 1, ui_glyph(g), base | ui_attr(orole));
		x += c.mark;
		if (rw->conn->nhs > 1)
			snprintf(buf, sizeof buf, "%u.%u", rw->conn->id, h->index);
		else
			snprintf(buf, sizeof buf, "%u", rw->conn->id);
		ui_text_put(y, x, c.num - 1, buf, base); x += c.num;
		ui_conns_addr(buf, sizeof buf, rw->conn->client_ip, rw->conn->client_port);
		ui_text_put(y, x, c.cli - 1, buf, base | ui_attr(UI_C_CLIENT)); x += c.cli;
		ui_conns_addr(buf, sizeof buf, rw->conn->server_ip, rw->conn->server_port);
		ui_text_put(y, x, c.srv - 1, buf, base | ui_attr(UI_C_SERVER)); x += c.srv;
		ui_text_put(y, x, c.ver - 1, handshake_version_name(h) ? handshake_version_name(h) : "-", base);
		x += c.ver;
		ui_text_put(y, x, c.suite - 1, h->suite ? h->suite->name : h->suite_id ? UI_T("unknown suite") : "-", base);
		x += c.suite;
		if (h->outcome == OUTCOME_FAILED)
			snprintf(buf, sizeof buf, UI_T("%s failed at %d"), ui_glyph(UI_G_FAIL), h->failure.step);
		else
			snprintf(buf, sizeof buf, "%s", UI_T(outcome_name(h->outcome)));
		ui_text_put(y, x, c.out - 1, buf, base | ui_attr(orole));
		x += c.out;
		if (c.words) {
			snprintf(buf, sizeof buf, "%s/%s", UI_T(fin_verdict_name(h->fin[SIDE_CLIENT].verdict)),
				 UI_T(fin_verdict_name(h->fin[SIDE_SERVER].verdict)));
			ui_text_put(y, x, c.fin - 1, buf, base);
		} else {
			g = ui_conns_fin_glyph(h->fin[SIDE_CLIENT].verdict, &frole);
			ui_text_put(y, x + 4, 1, ui_glyph(g), base | ui_attr(frole));
			g = ui_conns_fin_glyph(h->fin[SIDE_SERVER].verdict, &frole);
			ui_text_put(y, x + 6, 1, ui_glyph(g), base | ui_attr(frole));
		}
	}
	if (!a->nrows)
		ui_text_put(r.y + 3, r.x + 3, r.w - 6, UI_T("no TLS handshake in this capture"), ui_attr(UI_C_DIM));
}

int ui_conns_key(ui_app_t *a, int key)
{
	int page = a->r_list.h > 4 ? a->r_list.h - 4 : 1;
	long sel = (long)a->row_sel;

	if (!a->nrows)
		return 0;
	if (key == UI_FN(KEY_UP) || key == UI_CH('k'))
		sel--;
	else if (key == UI_FN(KEY_DOWN) || key == UI_CH('j'))
		sel++;
	else if (key == UI_FN(KEY_PPAGE))
		sel -= page;
	else if (key == UI_FN(KEY_NPAGE))
		sel += page;
	else if (key == UI_FN(KEY_HOME) || key == UI_CH('g'))
		sel = 0;
	else if (key == UI_FN(KEY_END) || key == UI_CH('G'))
		sel = (long)a->nrows - 1;
	else if (key == UI_CH('\n') || key == UI_CH('\r') || key == UI_FN(KEY_ENTER) || key == UI_FN(KEY_RIGHT)) {
		ui_nav_open(a, a->rows[a->row_sel].ci, a->rows[a->row_sel].hs);
		return UI_REDRAW;
	} else
		return 0;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)a->nrows)
		sel = (long)a->nrows - 1;
	a->row_sel = (size_t)sel;
	return UI_REDRAW;
}

int ui_conns_click(ui_app_t *a, int y, int x)
{
	long i = (long)a->row_top + (y - (a->r_list.y + 2));

	(void)x;
	if (y < a->r_list.y + 2 || i < 0 || i >= (long)a->nrows)
		return 0;
	if ((size_t)i == a->row_sel)
		return ui_conns_key(a, UI_CH('\n'));
	a->row_sel = (size_t)i;
	return UI_REDRAW;
}

void ui_title_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_title;
	const handshake_t *h = a->hs;
	char buf[600], ends[240], cli[80], srv[80], failed[160] = "";
	attr_t at = ui_attr(UI_C_TITLE);
	int used;

	attrset(at);
	mvhline(r.y, r.x, ' ', r.w);
	if (a->screen == UI_SCREEN_CONNS || !a->conn) {
		snprintf(buf, sizeof buf, " tlstrace %s %s", ui_glyph(UI_G_DOT),
			 a->listed ? UI_T("choose a connection") : source_label(a->src));
		ui_text_put(r.y, r.x, r.w, buf, at | A_BOLD);
		return;
	}
	if (a->conn->client_ip[0]) {
		ui_conns_addr(cli, sizeof cli, a->conn->client_ip, a->conn->client_port);
		ui_conns_addr(srv, sizeof srv, a->conn->server_ip, a->conn->server_port);
		snprintf(ends, sizeof ends, UI_T("connection %u%s: %s %s %s"), a->conn->id,
			 a->conn->nhs > 1 ? UI_T(" (renegotiated)") : "", cli, ui_glyph(UI_G_TO), srv);
	} else {
		snprintf(ends, sizeof ends, UI_T("live: GnuTLS client %s server"), ui_glyph(UI_G_TO));
	}
	/* a failure, once its step is reached: where, and who found it */
	if (h && h->failure.failed && step_info(h->failure.step) && ui_nav_seen(a, h->failure.step)) {
		snprintf(failed, sizeof failed, UI_T(" %s FAILED at step %d, detected by the %s "), ui_glyph(UI_G_FAIL),
			 h->failure.step, ui_side(h->failure.sender));
		if (!a->conn->client_ip[0])
			snprintf(ends, sizeof ends, "%s", UI_T("live"));
	}
	snprintf(buf, sizeof buf, " tlstrace %s %s %s %s %s %s", ui_glyph(UI_G_DOT), ends, ui_glyph(UI_G_DOT),
		 h && handshake_version_name(h) && ui_nav_seen(a, 2) ? handshake_version_name(h)
										  : UI_T("version at step 2"),
		 ui_glyph(UI_G_DOT),
		 h && h->suite && ui_nav_seen(a, 2) ? h->suite->name : UI_T("suite at step 2"));
	used = ui_text_width(buf);
	if (failed[0] && ui_text_width(failed) > r.w - used - 1)   /* too narrow: where, not who */
		snprintf(failed, sizeof failed, UI_T(" %s FAILED at step %d "), ui_glyph(UI_G_FAIL), h->failure.step);
	if (failed[0]) {
		/* the failure keeps its place; the suite's name gives way */
		int fw = ui_text_width(failed), x = r.x + r.w - fw;
		if (x < r.x + r.w / 2)
			x = r.x + r.w / 2;
		ui_text_put(r.y, r.x, x - 1 - r.x, buf, at | A_BOLD);
		ui_text_put(r.y, x, r.x + r.w - x, failed, ui_attr(UI_C_FAIL) | A_BOLD | A_REVERSE);
	} else {
		ui_text_put(r.y, r.x, r.w, buf, at | A_BOLD);
	}
}
