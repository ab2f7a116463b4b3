/* compare.c - two handshakes laid side by side (compare.h).  For each
 * field, compare_side.c says in words what each handshake holds (a list
 * of items: one for a single value, several for suites, extensions,
 * messages, certificates); here the two sides' items are aligned into
 * lines (lists by their longest common subsequence, so the same suite
 * sits on one line and one only A offers stands alone) and each line is
 * marked when the sides differ.  Only reads the model (and the secret
 * rows and the chain built from it); never computes a secret. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compare_int.h"
#include "base/vec.h"
#include "secret_rows.h"
#include "steps.h"

/* Lists longer than this are paired by position, not aligned. */
#define CMP_ALIGN_MAX 600

static const cmp_field_info_t cmp_fields[CMP_F__COUNT] = {
	[CMP_F_STATUS]           = { "status", "status", true, 0 },
	[CMP_F_MESSAGES]         = { "messages", "messages", true, 0 },
	[CMP_F_ORDER]            = { "order", "on the wire", true, 0 },
	[CMP_F_VERSIONS_OFFERED] = { "versions_offered", "versions offered", false, 1 },
	[CMP_F_SUITES_OFFERED]   = { "suites_offered", "suites offered", false, 1 },
	[CMP_F_EXTS_OFFERED]     = { "extensions_offered", "extensions offered", false, 1 },
	[CMP_F_SNI]              = { "server_name", "server name (SNI)", false, 1 },
	[CMP_F_VERSION]          = { "version", "version chosen", false, 2 },
	[CMP_F_SUITE]            = { "cipher_suite", "suite chosen", false, 2 },
	[CMP_F_KX]               = { "key_exchange", "key exchange", false, 2 },
	[CMP_F_EXTS_ANSWERED]    = { "extensions_answered", "extensions answered", false, 2 },
	[CMP_F_RESUMED]          = { "resumed", "resumed session", false, 2 },
	[CMP_F_EMS]              = { "extended_master_secret", "extended master secret", false, 2 },
	[CMP_F_HS_SECRETS]       = { "handshake_traffic_secrets", "handshake traffic secrets", false, 2 },
	[CMP_F_CERTS]            = { "certificates", "certificates", false, 3 },
	[CMP_F_CERT_VERDICT]     = { "certificate_verdict", "client's verdict", false, 5 },
	[CMP_F_PREMASTER]        = { "premaster", "premaster secret", false, 6 },
	[CMP_F_MASTER]           = { "master", "master secret", false, 6 },
	[CMP_F_FIN_CLIENT]       = { "finished_client", "client Finished", false, 7 },
	[CMP_F_FIN_SERVER]       = { "finished_server", "server Finished", false, 8 },
	[CMP_F_APP_SECRETS]      = { "application_traffic_secrets", "application traffic secrets", false, 8 },
	[CMP_F_APP_DATA]         = { "application_data", "application data", false, 9 },
	[CMP_F_OUTCOME]          = { "outcome", "outcome", false, CMP_OUTCOME_STEP },
	[CMP_F_FAILURE]          = { "failure", "failure", false, CMP_OUTCOME_STEP },
};

const cmp_field_info_t *cmp_field_info(cmp_field_t f)
{
	return (unsigned)f < CMP_F__COUNT ? &cmp_fields[f] : NULL;
}

const char *cmp_step_title(int step)
{
	const step_info_t *si = step_info(step);

	return si ? si->title : step == CMP_OUTCOME_STEP ? "Outcome" : "";
}

/* Lists whose items are compared as sets in order (aligned); the others
 * are paired line by line. */
static bool cmp_aligned(cmp_field_t f)
{
	return f == CMP_F_MESSAGES || f == CMP_F_SUITES_OFFERED || f == CMP_F_EXTS_OFFERED || f == CMP_F_EXTS_ANSWERED;
}

/* ---- lines ---- */

static bool cmp_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static err_t cmp_line(cmp_t *c, cmp_row_t *r, const char *a, const char *b)
{
	cmp_line_t *grown = vec_push_arena(&c->arena, r->lines, r->nlines, sizeof *grown);

	if (!grown)
		return ERR_NOMEM;
	r->lines = grown;
	r->lines[r->nlines].a = a;
	r->lines[r->nlines].b = b;
	r->lines[r->nlines].differs = !cmp_eq(a, b);
	r->differs |= r->lines[r->nlines].differs;
	r->nlines++;
	return ERR_OK;
}

/* Longest common subsequence: what both have, in order, on shared lines. */
static err_t cmp_align(cmp_t *c, cmp_row_t *r, const cmp_side_t *a, const cmp_side_t *b)
{
	size_t n = a->n, m = b->n, i, j, w = m + 1;
	unsigned *L = calloc((n + 1) * (m + 1), sizeof *L);
	err_t e = ERR_OK;

	if (!L)
		return ERR_NOMEM;
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			L[i * w + j] = cmp_eq(a->v[i], b->v[j]) ? L[(i + 1) * w + j + 1] + 1
				     : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j] : L[i * w + j + 1];
	for (i = j = 0; e == ERR_OK && (i < n || j < m);) {
		if (i < n && j < m && cmp_eq(a->v[i], b->v[j]))
			e = cmp_line(c, r, a->v[i++], b->v[j++]);
		else if (i < n && (j >= m || L[(i + 1) * w + j] >= L[i * w + j + 1]))
			e = cmp_line(c, r, a->v[i++], NULL);
		else
			e = cmp_line(c, r, NULL, b->v[j++]);
	}
	free(L);
	return e;
}

static err_t cmp_pair(cmp_t *c, cmp_row_t *r, const cmp_side_t *a, const cmp_side_t *b)
{
	size_t i;

	for (i = 0; i < a->n || i < b->n; i++)
		TRY(cmp_line(c, r, i < a->n ? a->v[i] : NULL, i < b->n ? b->v[i] : NULL));
	return ERR_OK;
}

static err_t cmp_row(cmp_t *c, const srow_list_t *rows[2], const handshake_t *const hs[2], cmp_field_t f, int step)
{
	cmp_side_t sd[2];
	cmp_row_t *r;
	bool empty;
	int k;

	for (k = 0; k < 2; k++) {
		memset(&sd[k], 0, sizeof sd[k]);
		sd[k].c = c;
		sd[k].h = hs[k];
		sd[k].rows = rows[k];
		cmp_side(&sd[k], f, step);
		if (sd[k].nomem)
			return ERR_NOMEM;
	}
	if (sd[0].na && sd[1].na)
		return ERR_OK;   /* neither version has it */
	if (!(r = vec_push_arena(&c->arena, c->rows, c->nrows, sizeof *r)))
		return ERR_NOMEM;
	c->rows = r;
	r = &c->rows[c->nrows++];
	memset(r, 0, sizeof *r);
	r->step = step;
	r->field = f;
	empty = !sd[0].n || !sd[1].n;
	for (k = 0; k < 2; k++)
		if (!sd[k].n)   /* "none" stands level with the other side's first item */
			cmp_item(&sd[k], "none");
	if (sd[0].nomem || sd[1].nomem)
		return ERR_NOMEM;
	if (cmp_aligned(f) && !empty && sd[0].n <= CMP_ALIGN_MAX && sd[1].n <= CMP_ALIGN_MAX)
		TRY(cmp_align(c, r, &sd[0], &sd[1]));
	else
		TRY(cmp_pair(c, r, &sd[0], &sd[1]));
	c->ndiff += r->differs;
	return ERR_OK;
}

err_t cmp_build(const handshake_t *a, const handshake_t *b, cmp_t *c)
{
	const handshake_t *const hs[2] = { a, b };
	srow_list_t *l = malloc(2 * sizeof *l);
	const srow_list_t *rows[2];
	err_t e = ERR_OK;
	int step;
	unsigned f;

	memset(c, 0, sizeof *c);
	if (!l)
		return ERR_NOMEM;
	srow_build(a, &l[0]);
	srow_build(b, &l[1]);
	rows[0] = &l[0];
	rows[1] = &l[1];
	for (step = 1; e == ERR_OK && step <= CMP_OUTCOME_STEP; step++)
		for (f = 0; e == ERR_OK && f < CMP_F__COUNT; f++) {
			const cmp_field_info_t *fi = &cmp_fields[f];
			if (fi->per_step ? step <= STEP_COUNT : fi->step == step)
				e = cmp_row(c, rows, hs, (cmp_field_t)f, step);
		}
	free(l);
	return e;
}

void cmp_free(cmp_t *c)
{
	arena_release(&c->arena);
	memset(c, 0, sizeof *c);
}

size_t cmp_step_diffs(const cmp_t *c, int step)
{
	size_t i, n = 0;

	for (i = 0; i < c->nrows; i++)
		n += c->rows[i].step == step && c->rows[i].differs;
	return n;
}

const cmp_row_t *cmp_find(const cmp_t *c, cmp_field_t f)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].field == f)
			return &c->rows[i];
	return NULL;
}

bool cmp_parse_conn_ref(const char *ref, char *path, size_t pathlen, long *n, char *why, size_t whylen)
{
	const char *hash = strrchr(ref, '#');
	size_t plen = hash ? (size_t)(hash - ref) : strlen(ref);
	char *end;

	*n = -1;
	if (plen == 0 || plen >= pathlen) {
		err_why(why, whylen, "'%s' names no capture file", ref);
		return false;
	}
	memcpy(path, ref, plen);
	path[plen] = '\0';
	if (!hash)
		return true;
	if (hash[1] < '0' || hash[1] > '9' || (*n = strtol(hash + 1, &end, 10), *end) || *n < 0 || *n > 0x7fffffff) {
		err_why(why, whylen, "'%s': after # comes a connection number (0, 1, ... as read numbers them), "
			"not '%s'", ref, hash + 1);
		*n = -1;
		return false;
	}
	return true;
}
