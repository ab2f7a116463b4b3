/* ui_keys.c - every key binding in one table (key, help text, handler),
 * after tmux's bind -N and nnn's bindings[]: the loop dispatches through
 * it, the help screen and the hints line are generated from it, so a
 * binding cannot exist without its help. */
#include <stdio.h>
#include <string.h>
#include "ui_color.h"
#include "ui_lang.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_text.h"

enum { UI_IN_STEPS = 1, UI_IN_CONNS = 2, UI_IN_HELP = 4 };

typedef int (*ui_key_fn)(ui_app_t *a, int key);

typedef struct {
	unsigned where;          /* UI_IN_*: the screens it works on */
	int keys[5];             /* UI_CH / UI_FN codes, 0-terminated */
	const char *label;       /* how help shows the keys; NULL: their names */
	const char *hint;        /* its word in the hints line, NULL: not there */
	const char *help;
	ui_key_fn fn;
	const char *hint_ja, *help_ja;   /* the same in Japanese */
} ui_key_t;

/* Right and Left move inside the tree when the Fields tab has the focus. */
static bool ui_k_in_tree(const ui_app_t *a, int key)
{
	return (key == UI_FN(KEY_RIGHT) || key == UI_FN(KEY_LEFT)) && a->focus == UI_PANE_DETAIL &&
	       a->tab == UI_TAB_FIELDS && ui_nav_msg(a);
}

static int ui_k_next(ui_app_t *a, int key)
{
	return ui_k_in_tree(a, key) ? ui_fields_open(a, true) : ui_nav_next(a);
}

static int ui_k_prev(ui_app_t *a, int key)
{
	return ui_k_in_tree(a, key) ? ui_fields_open(a, false) : ui_nav_prev(a);
}

static int ui_k_wire(ui_app_t *a, int key)
{
	(void)key;
	a->tab = UI_TAB_BYTES;
	a->bytes_wire = !a->bytes_wire;
	a->detail_top = 0;
	if (a->bytes_wire && !ui_wire_has(a))
		ui_app_note(a, false, UI_T("w shows an encrypted message's record as on the wire; this one has none"));
	return UI_REDRAW;
}

static int ui_k_expand(ui_app_t *a, int key)
{
	if (a->tab != UI_TAB_FIELDS || !ui_nav_msg(a)) {
		ui_app_note(a, false, UI_T("e and E open and close every field of a message's tree (Fields tab)"));
		return UI_REDRAW;
	}
	return ui_fields_all_open(a, key == UI_CH('e'));
}
static int ui_k_first(ui_app_t *a, int key) { (void)key; return ui_nav_first(a); }
static int ui_k_last(ui_app_t *a, int key)  { (void)key; return ui_nav_last(a); }
static int ui_k_rerun(ui_app_t *a, int key) { (void)key; return ui_nav_rerun(a); }

static int ui_k_select(ui_app_t *a, int key)
{
	switch (a->focus) {
	case UI_PANE_STEPS:  return ui_steps_key(a, key);
	case UI_PANE_LADDER: return ui_ladder_key(a, key);
	default:             return ui_detail_key(a, key);
	}
}

static int ui_k_page(ui_app_t *a, int key)
{
	return ui_detail_key(a, key);
}

static int ui_k_pane(ui_app_t *a, int key)
{
	a->focus = (ui_pane_t)((a->focus + (key == UI_FN(KEY_BTAB) ? UI_PANE__COUNT - 1 : 1)) % UI_PANE__COUNT);
	return UI_REDRAW;
}

static int ui_k_enter(ui_app_t *a, int key)
{
	(void)key;
	if (a->focus == UI_PANE_LADDER) {
		a->focus = UI_PANE_DETAIL;
		return UI_REDRAW;
	}
	if (a->tab == UI_TAB_FIELDS || a->tab == UI_TAB_BYTES)
		return ui_fields_toggle(a) | UI_REDRAW;
	return 0;
}

static int ui_k_tab(ui_app_t *a, int key)
{
	ui_tab_t t = (ui_tab_t)(key - UI_CH('1'));

	if (t != a->tab)
		a->detail_top = 0, a->detail_anchor = true;
	a->tab = t;
	return UI_REDRAW;
}

static int ui_k_conns(ui_app_t *a, int key)
{
	(void)key;
	if (!a->listed) {
		ui_app_note(a, false, UI_T("c goes back to the connection list of a capture; this is a live run"));
		return UI_REDRAW;
	}
	a->screen = UI_SCREEN_CONNS;
	return UI_REDRAW;
}

static int ui_k_list(ui_app_t *a, int key)
{
	return ui_conns_key(a, key);
}

static int ui_k_autoplay(ui_app_t *a, int key)
{
	(void)key;
	a->autoplay = !a->autoplay;
	if (a->autoplay_secs <= 0)
		a->autoplay_secs = 2;
	ui_app_note(a, false, a->autoplay ? UI_T("autoplay: a step every %.1f s; any key pauses") : UI_T("autoplay paused"),
		    a->autoplay_secs);
	return UI_REDRAW;
}

static int ui_k_answers(ui_app_t *a, int key)
{
	(void)key;
	if (!a->opts->lesson_answers) {
		ui_app_note(a, false, "%s", UI_T("no lesson here: no answers to show"));
		return UI_REDRAW;
	}
	a->show_answers = !a->show_answers;
	ui_app_note(a, false, "%s", a->show_answers ? UI_T("the answers are shown under the questions at step 9")
						    : UI_T("answers hidden"));
	return UI_REDRAW;
}

static int ui_k_help(ui_app_t *a, int key)
{
	(void)key;
	a->help = true;
	a->help_top = 0;
	return UI_REDRAW;
}

static int ui_k_help_close(ui_app_t *a, int key)
{
	(void)key;
	a->help = false;
	return UI_REDRAW;
}

static int ui_k_help_scroll(ui_app_t *a, int key)
{
	a->help_top += key == UI_FN(KEY_UP) || key == UI_CH('k') ? -1 : 1;
	if (a->help_top < 0)
		a->help_top = 0;
	return UI_REDRAW;
}

static int ui_k_quit(ui_app_t *a, int key)
{
	(void)a;
	(void)key;
	return UI_QUIT;
}

static int ui_k_redraw(ui_app_t *a, int key)
{
	(void)a;
	(void)key;
	clearok(curscr, TRUE);
	return UI_RELAYOUT;
}

static bool ui_k_in(ui_rect_t r, int y, int x)
{
	return r.w > 0 && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

static int ui_k_mouse(ui_app_t *a, int key)
{
	MEVENT ev;
	int up;

	(void)key;
	if (getmouse(&ev) != OK)
		return 0;
	if (a->help)
		return ui_k_help_close(a, key);
	if (a->too_small)
		return 0;
	up = (ev.bstate & BUTTON4_PRESSED) ? 1 : 0;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		up = -1;
#endif
	if (a->screen == UI_SCREEN_CONNS) {
		if (up)
			return ui_conns_key(a, up > 0 ? UI_FN(KEY_UP) : UI_FN(KEY_DOWN));
		return ui_conns_click(a, ev.y, ev.x);
	}
	if (up) {
		if (ui_k_in(a->r_ladder, ev.y, ev.x))
			return ui_ladder_key(a, up > 0 ? UI_FN(KEY_UP) : UI_FN(KEY_DOWN));
		if (ui_k_in(a->r_detail, ev.y, ev.x))
			return ui_detail_key(a, up > 0 ? UI_FN(KEY_UP) : UI_FN(KEY_DOWN));
		return 0;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return 0;
	if (ui_k_in(a->r_steps, ev.y, ev.x))
		return ui_steps_click(a, ev.y, ev.x);
	if (ui_k_in(a->r_ladder, ev.y, ev.x))
		return ui_ladder_click(a, ev.y, ev.x);
	if (ui_k_in(a->r_detail, ev.y, ev.x))
		return ui_detail_click(a, ev.y, ev.x);
	return 0;
}

#define UI_K_ENTER UI_CH('\n'), UI_CH('\r'), UI_FN(KEY_ENTER)

static const ui_key_t ui_keys[] = {
	{ UI_IN_STEPS, { UI_CH('n'), UI_FN(KEY_RIGHT), UI_CH(' ') }, NULL, "next",
	  "next step (live: the engine runs the next flight only now); in the Fields tab with the focus, "
	  "Right opens the selected field", ui_k_next,
	  "次へ", "次のステップへ（ライブでは、ここで初めて次のフライト、つまり一方が続けて送るメッセージのまとまりを実行します）。フィールドタブにフォーカスがあるときは、→ で選んだフィールドを開きます" },
	{ UI_IN_STEPS, { UI_CH('p'), UI_FN(KEY_LEFT), UI_FN(KEY_BACKSPACE) }, NULL, "back",
	  "previous step (shows the earlier state; nothing is re-run); in the Fields tab with the focus, "
	  "Left closes the selected field (or goes to its parent)", ui_k_prev,
	  "戻る", "前のステップへ（前の状態を表示するだけで、何も再実行しません）。フィールドタブにフォーカスがあるときは、← で選んだフィールドを閉じます（または親へ移ります）" },
	{ UI_IN_STEPS, { UI_FN(KEY_UP), UI_FN(KEY_DOWN), UI_CH('k'), UI_CH('j') }, NULL, "select",
	  "select a message (ladder), a field (Fields, Bytes), scroll (Secrets, Explain), a step (steps)", ui_k_select,
	  "選択", "メッセージ（ラダー）、フィールド（フィールド、バイト）、ステップ（ステップ一覧）を選ぶ。秘密情報と説明ではスクロール" },
	{ UI_IN_STEPS, { UI_CH('\t'), UI_FN(KEY_BTAB) }, NULL, "pane",
	  "next pane: ladder, detail, steps (Shift-Tab: back)", ui_k_pane,
	  "ペイン", "次のペインへ: ラダー、詳細、ステップ（Shift-Tab で逆順）" },
	{ UI_IN_STEPS, { UI_K_ENTER }, NULL, "open",
	  "open or close the selected field; on the ladder: go to its fields", ui_k_enter,
	  "開く", "選んだフィールドを開く・閉じる。ラダーでは、そのメッセージのフィールドへ移る" },
	{ UI_IN_STEPS, { UI_CH('w') }, NULL, NULL,
	  "Bytes tab: an encrypted message as its record was on the wire (header, IV or nonce, ciphertext, "
	  "MAC or tag, padding), or back to its plaintext", ui_k_wire,
	  NULL, "バイトタブ: 暗号化されたメッセージを、通信路上のレコードの姿（ヘッダー、IV またはナンス、暗号文、MAC またはタグ、パディング）で表示する。もう一度押すと平文に戻る" },
	{ UI_IN_STEPS, { UI_CH('e'), UI_CH('E') }, NULL, NULL,
	  "Fields tab: open every field of the message (e), close them all (E)", ui_k_expand,
	  NULL, "フィールドタブ: メッセージのフィールドをすべて開く（e）、すべて閉じる（E）" },
	{ UI_IN_STEPS, { UI_CH('1'), UI_CH('2'), UI_CH('3'), UI_CH('4') }, "1 2 3 4", "tabs",
	  "detail tabs: Fields, Bytes, Secrets, Explain", ui_k_tab,
	  "タブ", "詳細のタブ: フィールド、バイト、秘密情報、説明" },
	{ UI_IN_STEPS, { UI_FN(KEY_PPAGE), UI_FN(KEY_NPAGE) }, NULL, NULL,
	  "page up and down in the detail pane", ui_k_page,
	  NULL, "詳細ペインを 1 ページ上・下へ" },
	{ UI_IN_STEPS, { UI_CH('g'), UI_FN(KEY_HOME) }, NULL, NULL, "first step", ui_k_first,
	  NULL, "最初のステップ" },
	{ UI_IN_STEPS, { UI_CH('G'), UI_FN(KEY_END) }, NULL, NULL, "last step (live: runs to the end)", ui_k_last,
	  NULL, "最後のステップ（ライブでは最後まで実行）" },
	{ UI_IN_STEPS, { UI_CH('r') }, NULL, "re-run",
	  "live: run the handshake again (new randoms, new secrets)", ui_k_rerun,
	  "再実行", "ライブ: ハンドシェイクをもう一度実行する（新しい乱数、新しい秘密）" },
	{ UI_IN_STEPS, { UI_CH('c') }, NULL, "list", "capture: back to the connection list", ui_k_conns,
	  "一覧", "キャプチャ: 接続一覧に戻る" },
	{ UI_IN_STEPS, { UI_CH('a') }, NULL, NULL, "autoplay on or off (--autoplay SECONDS sets the pace)",
	  ui_k_autoplay,
	  NULL, "自動再生のオン・オフ（--autoplay SECONDS で間隔を指定）" },
	{ UI_IN_STEPS, { UI_CH('A') }, NULL, NULL, "lessons: show or hide the answers to the questions (step 9)",
	  ui_k_answers,
	  NULL, "レッスン: 問いの答えを表示する・隠す（ステップ 9）" },
	{ UI_IN_CONNS, { UI_FN(KEY_UP), UI_FN(KEY_DOWN), UI_CH('k'), UI_CH('j') }, NULL, "select",
	  "select a connection", ui_k_list,
	  "選択", "接続を選ぶ" },
	{ UI_IN_CONNS, { UI_FN(KEY_PPAGE), UI_FN(KEY_NPAGE), UI_FN(KEY_HOME), UI_FN(KEY_END) }, NULL, NULL,
	  "page up, page down, first, last", ui_k_list,
	  NULL, "1 ページ上、1 ページ下、先頭、末尾" },
	{ UI_IN_CONNS, { UI_K_ENTER, UI_FN(KEY_RIGHT) }, NULL, "open",
	  "step through the selected handshake", ui_k_list,
	  "開く", "選んだハンドシェイクを 1 ステップずつ見る" },
	{ UI_IN_STEPS | UI_IN_CONNS, { UI_FN(KEY_MOUSE) }, "click", NULL,
	  "select a step, a message, a tab, a field, a byte, a connection; the wheel scrolls", ui_k_mouse,
	  NULL, "ステップ、メッセージ、タブ、フィールド、バイト、接続を選ぶ。ホイールでスクロール" },
	{ UI_IN_STEPS | UI_IN_CONNS, { UI_CH('?'), UI_FN(KEY_F(1)) }, NULL, "help", "this help", ui_k_help,
	  "ヘルプ", "このヘルプ" },
	{ UI_IN_STEPS | UI_IN_CONNS, { UI_CH(12) }, NULL, NULL, "redraw the screen", ui_k_redraw,
	  NULL, "画面を描き直す" },
	{ UI_IN_STEPS | UI_IN_CONNS, { UI_CH('q') }, NULL, "quit", "quit", ui_k_quit,
	  "終了", "終了" },
	{ UI_IN_HELP, { UI_CH(27), UI_CH('q'), UI_CH('?') }, NULL, "close", "close this help", ui_k_help_close,
	  "閉じる", "このヘルプを閉じる" },
	{ UI_IN_HELP, { UI_FN(KEY_UP), UI_FN(KEY_DOWN), UI_CH('k'), UI_CH('j') }, NULL, NULL, "scroll this help",
	  ui_k_help_scroll,
	  NULL, "このヘルプをスクロール" },
	{ UI_IN_HELP, { UI_FN(KEY_MOUSE) }, "click", NULL, "close this help", ui_k_mouse,
	  NULL, "このヘルプを閉じる" },
};
#define UI_NKEYS (sizeof ui_keys / sizeof ui_keys[0])

bool ui_keys_words(size_t i, lang_t l, const char **hint, const char **help)
{
	if (i >= UI_NKEYS)
		return false;
	*hint = l == LANG_JA ? ui_keys[i].hint_ja : ui_keys[i].hint;
	*help = l == LANG_JA ? ui_keys[i].help_ja : ui_keys[i].help;
	return true;
}

static unsigned ui_keys_where(const ui_app_t *a)
{
	return a->help ? UI_IN_HELP : a->screen == UI_SCREEN_CONNS ? UI_IN_CONNS : UI_IN_STEPS;
}

int ui_keys_dispatch(ui_app_t *a, int key)
{
	unsigned where = ui_keys_where(a);
	size_t i, k;

	for (i = 0; i < UI_NKEYS; i++) {
		if (!(ui_keys[i].where & where))
			continue;
		for (k = 0; k < 5 && ui_keys[i].keys[k]; k++)
			if (ui_keys[i].keys[k] == key)
				return ui_keys[i].fn(a, key);
	}
	return 0;
}

/* "n", "Space", "↑", "PgUp": the name a key has on the keyboard. */
static const char *ui_key_name(int key, char *buf, size_t n)
{
	if (UI_IS_FN(key)) {
		int k = key & ~0x400000;
		switch (k) {
		case KEY_UP:        return ui_glyph(UI_G_KEY_UP);
		case KEY_DOWN:      return ui_glyph(UI_G_KEY_DOWN);
		case KEY_LEFT:      return ui_glyph(UI_G_KEY_LEFT);
		case KEY_RIGHT:     return ui_glyph(UI_G_KEY_RIGHT);
		case KEY_PPAGE:     return "PgUp";
		case KEY_NPAGE:     return "PgDn";
		case KEY_HOME:      return "Home";
		case KEY_END:       return "End";
		case KEY_BTAB:      return "S-Tab";
		case KEY_ENTER:     return NULL;   /* the same as Enter */
		case KEY_BACKSPACE: return "Bksp";
		case KEY_MOUSE:     return UI_T("click");
		default:
			if (k >= KEY_F(1) && k <= KEY_F(12)) {
				snprintf(buf, n, "F%d", k - KEY_F0);
				return buf;
			}
			return NULL;
		}
	}
	switch (key) {
	case ' ':  return "Space";
	case '\t': return "Tab";
	case '\n': return "Enter";
	case '\r': return NULL;
	case 27:   return "Esc";
	case 12:   return "Ctrl-L";
	default:
		snprintf(buf, n, "%c", key);
		return buf;
	}
}

static void ui_key_label(const ui_key_t *k, char *out, size_t n, size_t max_keys)
{
	size_t i, used = 0;
	char one[16];

	if (k->label) {
		snprintf(out, n, "%s", UI_T(k->label));
		return;
	}
	out[0] = '\0';
	for (i = 0; i < 5 && k->keys[i] && i < max_keys; i++) {
		const char *name = ui_key_name(k->keys[i], one, sizeof one);
		if (!name)
			continue;
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? " " : "", name);
		if (used >= n)
			break;
	}
}

/* The hints line: the table's hints in order, the optional ones left out
 * when the line is too narrow for all of them. */
static bool ui_hint_optional(const ui_key_t *k)
{
	return k->fn == ui_k_enter || k->fn == ui_k_rerun || k->fn == ui_k_pane;
}

static int ui_hints_pass(ui_app_t *a, bool draw, bool all, int gap)
{
	ui_rect_t r = a->r_status;
	unsigned where = ui_keys_where(a);
	int x = r.x + 1;
	size_t i;

	if (a->autoplay) {
		const char *ap = UI_T("AUTOPLAY (any key pauses)  ");
		x += draw ? ui_text_put(r.y, x, r.w - x, ap, ui_attr(UI_C_KEY)) : ui_text_width(ap);
	}
	for (i = 0; i < UI_NKEYS; i++) {
		char keys[48];
		const char *hint;
		int kw, hw;
		if (!(ui_keys[i].where & where) || !ui_keys[i].hint)
			continue;
		if (where == UI_IN_STEPS && ((ui_keys[i].fn == ui_k_rerun && !source_can_rerun(a->src)) ||
						 (ui_keys[i].fn == ui_k_conns && !a->listed)))
			continue;
		if (!all && ui_hint_optional(&ui_keys[i]))
			continue;
		ui_key_label(&ui_keys[i], keys, sizeof keys, ui_keys[i].fn == ui_k_select ? 2 : 1);
		if (ui_keys[i].fn == ui_k_tab)
			snprintf(keys, sizeof keys, "1-4");
		kw = ui_text_width(keys);
		hint = lang_pick(ui_lang(), ui_keys[i].hint, ui_keys[i].hint_ja);
		hw = ui_text_width(hint);
		if (draw && x + kw + 1 + hw <= r.x + r.w) {
			ui_text_put(r.y, x, kw, keys, ui_attr(UI_C_KEY));
			ui_text_put(r.y, x + kw + 1, hw, hint, ui_attr(UI_C_STATUS));
		}
		x += kw + 1 + hw + gap;
	}
	return x - gap;
}

void ui_hints_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_status;

	attrset(ui_attr(UI_C_STATUS));
	mvhline(r.y, r.x, ' ', r.w);
	if (a->note[0]) {
		ui_text_put(r.y, r.x + 1, r.w - 2, a->note, ui_attr(a->note_bad ? UI_C_FAIL : UI_C_STATUS) | A_BOLD);
		return;
	}
	/* all of them, two spaces apart; else one space apart (80 columns
	 * keep Tab, Enter and r); else without the optional ones */
	if (ui_hints_pass(a, false, true, 2) <= r.x + r.w)
		ui_hints_pass(a, true, true, 2);
	else if (ui_hints_pass(a, false, true, 1) <= r.x + r.w)
		ui_hints_pass(a, true, true, 1);
	else
		ui_hints_pass(a, true, false, 2);
}

void ui_help_draw(ui_app_t *a)
{
	static const struct { unsigned where; const char *title; } sections[] = {
		{ UI_IN_STEPS, "Stepping through a handshake" },
		{ UI_IN_CONNS, "The connection list (tlstrace read)" },
		{ UI_IN_HELP, "This help" },
	};
	int w = COLS - 8 < 100 ? COLS - 8 : 100, h, x0, y0, y;
	size_t s, i;
	ui_doc_t d;

	ui_doc_init(&d, w - 4, 20);
	for (s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		if (sections[s].where == UI_IN_CONNS && !a->listed)
			continue;
		if (s)
			ui_doc_blank(&d);
		ui_doc_head(&d, UI_C_HEAD, "%s", UI_T(sections[s].title));
		for (i = 0; i < UI_NKEYS; i++) {
			char keys[64];
			if (!(ui_keys[i].where & sections[s].where))
				continue;
			if (sections[s].where != UI_IN_HELP && (ui_keys[i].where & UI_IN_HELP))
				continue;
			if (sections[s].where == UI_IN_CONNS && (ui_keys[i].where & UI_IN_STEPS))
				continue;   /* listed once, with the step keys */
			ui_key_label(&ui_keys[i], keys, sizeof keys, 5);
			ui_doc_kv(&d, keys, UI_C_NORMAL, "%s", lang_pick(ui_lang(), ui_keys[i].help, ui_keys[i].help_ja));
		}
	}
	h = (int)d.n + 2 < LINES - 2 ? (int)d.n + 2 : LINES - 2;
	x0 = (COLS - w) / 2;
	y0 = (LINES - h) / 2;
	if (a->help_top > (int)d.n - (h - 2))
		a->help_top = (int)d.n - (h - 2);
	if (a->help_top < 0)
		a->help_top = 0;
	attrset(A_NORMAL);
	for (y = 0; y < h; y++)
		mvhline(y0 + y, x0, ' ', w);
	ui_frame((ui_rect_t){ y0, x0, h, w }, UI_T("Help: keys (Esc or q closes)"), true);
	ui_doc_draw(&d, (ui_rect_t){ y0 + 1, x0 + 2, h - 2, w - 4 }, a->help_top);
	ui_doc_free(&d);
}
