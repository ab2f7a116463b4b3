/* ui_panes.h - the screens and panes, each a draw()/key() pair (plus a
 * click() for the mouse): the loop calls draw for everything once per
 * change, and hands a key to the pane that has the focus.  key() and
 * click() return UI_* flags (0: not handled).  Panes read the trace model
 * through ui_app_t and never change it. */
#ifndef TLSTRACE_UI_PANES_H
#define TLSTRACE_UI_PANES_H

#include "ui_app.h"
#include "ui_doc.h"

/* Key codes: a character is itself, a function key (KEY_UP, ...) is
 * flagged so that it never collides with a character. */
#define UI_FN(k) ((int)(k) | 0x400000)
#define UI_CH(c) ((int)(c))
#define UI_IS_FN(k) (((k) & 0x400000) != 0)

/* the step list (ui_steps.c) */
void ui_steps_draw(ui_app_t *a);
int  ui_steps_key(ui_app_t *a, int key);
int  ui_steps_click(ui_app_t *a, int y, int x);
/* Columns the list needs to show every title and its status word in full. */
int  ui_steps_width(void);

/* the ladder diagram (ui_ladder.c) */
void ui_ladder_draw(ui_app_t *a);
int  ui_ladder_key(ui_app_t *a, int key);
int  ui_ladder_click(ui_app_t *a, int y, int x);
/* Lines the ladder needs to show the rows of the current stop in full. */
int  ui_ladder_want(const ui_app_t *a);

/* the detail pane and its tabs (ui_detail.c) */
void ui_detail_draw(ui_app_t *a);
int  ui_detail_key(ui_app_t *a, int key);
int  ui_detail_click(ui_app_t *a, int y, int x);
const char *ui_tab_name(ui_tab_t t);

/* the Fields tab (ui_fields.c): the message's tree, the selected node */
typedef struct { const field_t *f; int depth; } ui_frow_t;
/* The rows shown (open nodes' children follow them); returns how many. */
size_t ui_fields_rows(const ui_app_t *a, const field_t *root, ui_frow_t *rows, size_t max);
size_t ui_fields_sel_index(const ui_app_t *a, const ui_frow_t *rows, size_t n);
int  ui_fields_move(ui_app_t *a, int delta);
int  ui_fields_toggle(ui_app_t *a);
/* Right/Left: open or close the selected node (Left on a closed one: its parent). */
int  ui_fields_open(ui_app_t *a, bool open);
/* e/E: every node of the message's tree opened or closed. */
int  ui_fields_all_open(ui_app_t *a, bool open);
bool ui_fields_is_open(const ui_app_t *a, const field_t *f, int depth);
void ui_fields_draw(ui_app_t *a, ui_rect_t r);
int  ui_fields_click(ui_app_t *a, ui_rect_t r, int y);
/* The deepest node whose bytes contain offset off; opens its parents. */
void ui_fields_select_at(ui_app_t *a, uint32_t off);

/* the Bytes tab (ui_bytes.c) */
void ui_bytes_draw(ui_app_t *a, ui_rect_t r);
int  ui_bytes_click(ui_app_t *a, ui_rect_t r, int y, int x);

/* the Secrets tab (ui_secrets.c) */
/* *anchor: the row where the current step's secrets begin (-1: none). */
void ui_secrets_build(const ui_app_t *a, ui_doc_t *d, int *anchor);
/* Only the Finished computations of a step (7 or 8): the evidence of a failure there. */
void ui_secrets_finished(const ui_app_t *a, ui_doc_t *d, int step);

/* the Explain tab and the About box beside it (ui_explain.c) */
void ui_explain_build(const ui_app_t *a, ui_doc_t *d, bool full);
void ui_about_draw(ui_app_t *a);
/* The failure found at step (reason, alert, causes), when it failed there. */
void ui_explain_failure(const ui_app_t *a, ui_doc_t *d, int step);
/* Fields and Bytes when the stop has no message: the explanation instead. */
void ui_explain_draw(ui_app_t *a, ui_rect_t r);

/* the Bytes tab's wire view of an encrypted message, key w (ui_wire.c) */
void ui_wire_build(const ui_app_t *a, ui_doc_t *d);
/* The selected message or application data record has a wire view. */
bool ui_wire_has(const ui_app_t *a);

/* step 9: the selected application data record, text and hex (ui_appdata.c) */
void ui_appdata_build(const ui_app_t *a, ui_doc_t *d);

/* step 5: the chain, the host name check, the verdict (ui_step5.c) */
void ui_step5_build(const ui_app_t *a, ui_doc_t *d);

/* the connection list of a capture (ui_conns.c) */
void ui_conns_draw(ui_app_t *a);
int  ui_conns_key(ui_app_t *a, int key);
int  ui_conns_click(ui_app_t *a, int y, int x);

/* the key table, the help screen, the hints line (ui_keys.c) */
/* Row i of the key table, for the tests: its hint and help in l (the
 * hint NULL when it has none); false past the end. */
bool ui_keys_words(size_t i, lang_t l, const char **hint, const char **help);
int  ui_keys_dispatch(ui_app_t *a, int key);
void ui_help_draw(ui_app_t *a);
void ui_hints_draw(ui_app_t *a);

/* the title bar: the connection (ui_conns.c) */
void ui_title_draw(ui_app_t *a);

/* a pane's frame, with its title; bright when it has the focus (ui_steps.c) */
void ui_frame(ui_rect_t r, const char *title, bool focus);

#endif
