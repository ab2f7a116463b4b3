/* ui_color.h - colours by meaning.  Every pane asks for a role (client,
 * server, secret, verified, failed...), never for a colour; one table maps
 * each role to a colour pair and to a monochrome attribute (bold, reverse,
 * underline) used when the terminal has no colour, or when NO_COLOR or
 * --no-color asks for none. */
#ifndef TLSTRACE_UI_COLOR_H
#define TLSTRACE_UI_COLOR_H

#include <stdbool.h>
#include "ui_text.h"

typedef enum {
	UI_C_NORMAL,
	UI_C_TITLE,      /* the title bar */
	UI_C_STATUS,     /* the key hints line */
	UI_C_KEY,        /* a key name in the hints */
	UI_C_BORDER,     /* a pane's frame */
	UI_C_FOCUS,      /* the frame of the pane the keys go to */
	UI_C_CLIENT,     /* what the client sent */
	UI_C_SERVER,     /* what the server sent */
	UI_C_SECRET,     /* key material */
	UI_C_OK,         /* verified, done, chosen */
	UI_C_FAIL,       /* failed, mismatch, alerts */
	UI_C_WARN,       /* notes, unverified */
	UI_C_CCS,        /* ChangeCipherSpec: the switch to the new keys */
	UI_C_DIM,        /* not reached yet, framing fields */
	UI_C_CURRENT,    /* the current step and its messages */
	UI_C_SELECT,     /* the selected row */
	UI_C_HILITE,     /* the selected field's bytes */
	UI_C_HEAD,       /* headings inside a pane */
	UI_C__COUNT
} ui_role_t;

/* After initscr: colours unless no_color, NO_COLOR or a colourless terminal. */
void ui_color_init(bool no_color);
bool ui_color_on(void);
attr_t ui_attr(ui_role_t r);

#endif
