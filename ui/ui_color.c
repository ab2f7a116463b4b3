/* ui_color.c - the colour-role table (see ui_color.h), after htop's
 * CRT_colorSchemes: one row per meaning, a colour and a monochrome form. */
#include <stdlib.h>
#include "ui_color.h"

typedef struct {
	short fg, bg;            /* -1: the terminal's default */
	attr_t color_attr;       /* added to the pair in colour */
	attr_t mono_attr;        /* the whole look without colour */
} ui_role_look_t;

static const ui_role_look_t ui_roles[UI_C__COUNT] = {
	[UI_C_NORMAL]  = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_C_TITLE]   = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_C_STATUS]  = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[UI_C_KEY]     = { COLOR_BLUE, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD },
	[UI_C_BORDER]  = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_C_FOCUS]   = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_C_CLIENT]  = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_C_SERVER]  = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
	[UI_C_SECRET]  = { COLOR_YELLOW, -1, A_NORMAL, A_BOLD },
	[UI_C_OK]      = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[UI_C_FAIL]    = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_C_WARN]    = { COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE },
	[UI_C_CCS]     = { COLOR_BLUE, -1, A_BOLD, A_UNDERLINE },
	[UI_C_DIM]     = { -1, -1, A_DIM, A_DIM },
	[UI_C_CURRENT] = { -1, -1, A_BOLD, A_BOLD },
	[UI_C_SELECT]  = { -1, -1, A_REVERSE, A_REVERSE },
	[UI_C_HILITE]  = { COLOR_YELLOW, -1, A_REVERSE | A_BOLD, A_REVERSE },
	[UI_C_HEAD]    = { -1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
};

static bool ui_color_enabled;

void ui_color_init(bool no_color)
{
	const char *env = getenv("NO_COLOR");
	int r;

	/* no-color.org: NO_COLOR present and not empty means no colour */
	ui_color_enabled = !no_color && !(env && env[0]) && has_colors();
	if (!ui_color_enabled)
		return;
	if (start_color() == ERR) {
		ui_color_enabled = false;
		return;
	}
	use_default_colors();
	for (r = 1; r < UI_C__COUNT && r < COLOR_PAIRS; r++)
		init_pair((short)r, ui_roles[r].fg, ui_roles[r].bg);
}

bool ui_color_on(void)
{
	return ui_color_enabled;
}

attr_t ui_attr(ui_role_t r)
{
	if ((unsigned)r >= UI_C__COUNT)
		return A_NORMAL;
	if (!ui_color_enabled)
		return ui_roles[r].mono_attr;
	if (r == UI_C_NORMAL || (int)r >= COLOR_PAIRS)
		return ui_roles[r].color_attr;
	return COLOR_PAIR(r) | ui_roles[r].color_attr;
}
