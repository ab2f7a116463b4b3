/* ui_stops.c - the stops of the step-by-step view (see ui_stops.h). */
#include <stdlib.h>
#include <string.h>
#include "ui_stops.h"
#include "base/vec.h"
#include "trace/steps.h"

static bool ui_stops_push(ui_stops_t *s, ui_stop_t st)
{
	if (s->n == s->cap) {
		ui_stop_t *v = vec_grow(s->v, &s->cap, s->n + 1, sizeof *v);
		if (!v)
			return false;
		s->v = v;
	}
	s->v[s->n++] = st;
	return true;
}

typedef struct { int step; size_t first, end; int side; } ui_group_t;

void ui_stops_build(ui_stops_t *s, const handshake_t *h, bool final)
{
	ui_group_t *g = NULL;
	size_t ng = 0, i, k;
	/* anchor[step]: index of the group a message-less step comes before;
	 * ng = after everything; ng + 1 = no stop */
	size_t anchor[STEP_COUNT + 1];
	bool has[STEP_COUNT + 1] = { false };
	int st;

	s->n = 0;
	s->settled = 0;
	if (!h)
		return;
	if (h->nmsgs) {
		g = malloc(h->nmsgs * sizeof *g);
		if (!g)
			return;
	}
	for (i = 0; i < h->nmsgs; i++) {
		int step = h->msg_step[i];
		if (step < 1 || step > STEP_COUNT)
			step = STEP_COUNT;
		has[step] = true;
		if (ng && g[ng - 1].step == step) {
			g[ng - 1].end = i + 1;
			continue;
		}
		g[ng++] = (ui_group_t){ step, i, i + 1, h->msgs[i]->sender };
	}
	for (st = 1; st <= STEP_COUNT; st++) {
		step_status_t status = h->steps[st].status;
		int side = step_info(st)->actor;

		anchor[st] = ng + 1;
		if (has[st] || status == STEP_NOT_REACHED)
			continue;
		/* after a failure, the steps it prevented are listed, not visited */
		if (h->failure.failed && st > h->failure.step && status != STEP_FAILED)
			continue;
		anchor[st] = ng;
		if (side < 0)
			continue;
		for (k = 0; k < ng; k++)
			if (g[k].step > st && g[k].side == side) {
				anchor[st] = k;
				break;
			}
	}
	for (k = 0; k <= ng; k++) {
		for (st = 1; st <= STEP_COUNT; st++) {
			if (anchor[st] != k)
				continue;
			if (k == ng && !final)
				continue;   /* its place depends on what comes next */
			if (!ui_stops_push(s, (ui_stop_t){ st, k < ng ? g[k].first : h->nmsgs,
							   k < ng ? g[k].first : h->nmsgs,
							   k < ng ? g[k].first : h->nmsgs }))
				goto out;
		}
		if (k < ng && !ui_stops_push(s, (ui_stop_t){ g[k].step, g[k].first, g[k].end, g[k].end }))
			goto out;
	}
out:
	s->settled = s->n;
	free(g);
}

void ui_stops_free(ui_stops_t *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

size_t ui_stops_find(const ui_stops_t *s, int step, size_t first, size_t upto)
{
	size_t i, best = 0;

	for (i = 0; i < s->settled; i++)
		if (s->v[i].step == step && s->v[i].first == first)
			return i;
	for (i = 0; i < s->settled; i++)
		if (s->v[i].step == step)
			return i;
	for (i = 0; i < s->settled; i++)
		if (s->v[i].upto <= upto)
			best = i;
	return best;
}

size_t ui_stops_of_step(const ui_stops_t *s, int step)
{
	size_t i;

	for (i = 0; i < s->settled; i++)
		if (s->v[i].step == step)
			return i;
	return s->n;
}
