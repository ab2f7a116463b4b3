/* keylog.c - the NSS key log as a hash table keyed by client random, and
 * the follow mode that reads a key log as it is written (the bytes
 * appended since the last read, a partial last line kept back). */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keylog.h"
#include "base/bytes.h"

static const char *const keylog_names[KL__COUNT] = {
	[KL_MASTER]       = "CLIENT_RANDOM",
	[KL_CLIENT_EARLY] = "CLIENT_EARLY_TRAFFIC_SECRET",
	[KL_CLIENT_HS]    = "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
	[KL_SERVER_HS]    = "SERVER_HANDSHAKE_TRAFFIC_SECRET",
	[KL_CLIENT_APP0]  = "CLIENT_TRAFFIC_SECRET_0",
	[KL_SERVER_APP0]  = "SERVER_TRAFFIC_SECRET_0",
	[KL_EXPORTER]     = "EXPORTER_SECRET",
};

struct keylog {
	keylog_entry_t **slots;  /* owned: open addressing, each entry owned */
	size_t cap, count;       /* cap is a power of two */
	/* follow mode */
	char *path;              /* owned: the followed file, NULL when not following */
	long long offset;        /* bytes of it read into complete lines or pending */
	char *pending;           /* owned: the start of a line whose newline has not come */
	size_t npending;
};

keylog_t *keylog_new(void)
{
	return calloc(1, sizeof(keylog_t));
}

void keylog_free(keylog_t *kl)
{
	size_t i;

	if (!kl)
		return;
	for (i = 0; i < kl->cap; i++)
		free(kl->slots[i]);
	free(kl->slots);
	free(kl->path);
	free(kl->pending);
	free(kl);
}

const char *keylog_label_name(keylog_label_t l)
{
	return (unsigned)l < KL__COUNT ? keylog_names[l] : "?";
}

int keylog_label_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < KL__COUNT; i++)
		if (strlen(keylog_names[i]) == n && memcmp(keylog_names[i], s, n) == 0)
			return i;
	return -1;
}

/* Client randoms are random: their first bytes hash well enough, except
 * that TLS <= 1.2 randoms start with a timestamp, so take the tail. */
static size_t keylog_hash(const uint8_t cr[32])
{
	uint64_t h;

	memcpy(&h, cr + 24, sizeof h);
	return (size_t)(h ^ (h >> 29));
}

static keylog_entry_t **keylog_slot(const keylog_t *kl, const uint8_t cr[32])
{
	size_t i = keylog_hash(cr) & (kl->cap - 1);

	while (kl->slots[i] && memcmp(kl->slots[i]->client_random, cr, 32) != 0)
		i = (i + 1) & (kl->cap - 1);
	return &kl->slots[i];
}

static err_t keylog_grow(keylog_t *kl)
{
	keylog_t bigger = { 0 };
	size_t i;

	bigger.cap = kl->cap ? kl->cap * 2 : 64;
	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	ENSURE(bigger.slots, ERR_NOMEM);
	for (i = 0; i < kl->cap; i++)
		if (kl->slots[i])
			*keylog_slot(&bigger, kl->slots[i]->client_random) = kl->slots[i];
	free(kl->slots);
	kl->slots = bigger.slots;
	kl->cap = bigger.cap;
	return ERR_OK;
}

const keylog_entry_t *keylog_find(const keylog_t *kl, const uint8_t client_random[32])
{
	if (!kl || kl->cap == 0)
		return NULL;
	return *keylog_slot(kl, client_random);
}

err_t keylog_add(keylog_t *kl, keylog_label_t l, const uint8_t client_random[32],
		 const uint8_t *secret, size_t len)
{
	keylog_entry_t **slot, *e;

	ENSURE((unsigned)l < KL__COUNT, ERR_BAD_VALUE);
	ENSURE(len > 0 && len <= KEYLOG_SECRET_MAX, ERR_BAD_LENGTH);
	if (2 * (kl->count + 1) > kl->cap)
		TRY(keylog_grow(kl));
	slot = keylog_slot(kl, client_random);
	if (!*slot) {
		*slot = calloc(1, sizeof **slot);
		ENSURE(*slot, ERR_NOMEM);
		memcpy((*slot)->client_random, client_random, 32);
		kl->count++;
	}
	e = *slot;
	if (e->len[l]) {
		/* The first value stays; a different second one is remembered. */
		if (e->len[l] != len || memcmp(e->secret[l], secret, len) != 0)
			e->conflict[l] = true;
		return ERR_OK;
	}
	memcpy(e->secret[l], secret, len);
	e->len[l] = (uint8_t)len;
	return ERR_OK;
}

static size_t keylog_token(const char *s, size_t n, size_t *start)
{
	size_t i = *start, b;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	b = i;
	while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
		i++;
	*start = b;
	return i - b;
}

err_t keylog_add_line(keylog_t *kl, const char *line, size_t n, const char **why)
{
	uint8_t cr[32], secret[KEYLOG_SECRET_MAX];
	size_t pos = 0, len, slen;
	int label;

	*why = NULL;
	len = keylog_token(line, n, &pos);
	if (len == 0 || line[pos] == '#')
		return ERR_OK;
	label = keylog_label_parse(line + pos, len);
	/* OpenSSL also logs "RSA <8 bytes of the encrypted premaster> <premaster>":
	 * a known label, not used here. */
	if (len == 3 && memcmp(line + pos, "RSA", 3) == 0)
		return ERR_UNSUPPORTED;
	pos += len;
	len = keylog_token(line, n, &pos);
	if (!bytes_hex_decode(line + pos, len, cr, 32)) {
		*why = "not a key log line: the client random is not 64 hex digits";
		return ERR_FORMAT;
	}
	pos += len;
	slen = keylog_token(line, n, &pos);
	if (slen == 0 || slen % 2 || slen / 2 > KEYLOG_SECRET_MAX ||
	    !bytes_hex_decode(line + pos, slen, secret, slen / 2)) {
		*why = "the secret is not hex of a sensible length";
		return ERR_FORMAT;
	}
	pos += slen;
	if (keylog_token(line, n, &pos) != 0) {
		*why = "extra text after the secret";
		return ERR_FORMAT;
	}
	if (label < 0) {
		return ERR_UNSUPPORTED;   /* well formed, a label this version does not use */
	}
	if (label == KL_MASTER && slen != 96) {
		*why = "a CLIENT_RANDOM master secret must be 48 bytes (96 hex digits)";
		return ERR_FORMAT;
	}
	return keylog_add(kl, (keylog_label_t)label, cr, secret, slen / 2);
}

/* One line of a file into kl, counted in st; ERR_NOMEM is the only error. */
static err_t keylog_take_line(keylog_t *kl, const char *line, size_t n, keylog_stats_t *st)
{
	const char *why;
	err_t e;

	st->lines++;
	e = keylog_add_line(kl, line, n, &why);
	if (e == ERR_NOMEM)
		return e;
	if (e == ERR_UNSUPPORTED) {
		st->unknown_labels++;
	} else if (e != ERR_OK) {
		st->bad_lines++;
		if (!st->first_bad_line) {
			st->first_bad_line = st->lines;
			err_why(st->first_bad_why, sizeof st->first_bad_why, "%s", why ? why : err_str(e));
		}
	}
	return ERR_OK;
}

err_t keylog_follow(keylog_t *kl, const char *path, keylog_stats_t *st)
{
	unsigned long added;

	memset(st, 0, sizeof *st);
	free(kl->path);
	kl->path = strdup(path);
	ENSURE(kl->path, ERR_NOMEM);
	kl->offset = 0;
	kl->npending = 0;
	return keylog_refresh(kl, st, &added);
}

err_t keylog_refresh(keylog_t *kl, keylog_stats_t *st, unsigned long *added)
{
	char chunk[4096];
	struct stat sb;
	unsigned long before = st->lines;
	err_t err = ERR_OK;
	size_t got;
	FILE *f;

	*added = 0;
	ENSURE(kl->path, ERR_UNSUPPORTED);
	f = fopen(kl->path, "r");
	if (!f)
		return errno == ENOENT ? ERR_OK : ERR_IO;   /* not written yet */
	if (fstat(fileno(f), &sb) == 0 && (long long)sb.st_size < kl->offset) {
		kl->offset = 0;          /* truncated and written again: a new log */
		kl->npending = 0;
	}
	if (fseeko(f, (off_t)kl->offset, SEEK_SET) != 0) {
		fclose(f);
		return ERR_IO;
	}
	while (err == ERR_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		size_t i, start = 0;

		kl->offset += (long long)got;
		for (i = 0; i < got && err == ERR_OK; i++) {
			char *grown;

			if (chunk[i] != '\n')
				continue;
			if (!kl->npending) {
				err = keylog_take_line(kl, chunk + start, i + 1 - start, st);
			} else {
				grown = realloc(kl->pending, kl->npending + i + 1 - start);
				if (!grown) {
					err = ERR_NOMEM;
					break;
				}
				kl->pending = grown;
				memcpy(kl->pending + kl->npending, chunk + start, i + 1 - start);
				err = keylog_take_line(kl, kl->pending, kl->npending + i + 1 - start, st);
				kl->npending = 0;
			}
			start = i + 1;
		}
		if (err == ERR_OK && start < got) {   /* a line still being written */
			char *grown = realloc(kl->pending, kl->npending + got - start);

			if (!grown) {
				err = ERR_NOMEM;
				break;
			}
			kl->pending = grown;
			memcpy(kl->pending + kl->npending, chunk + start, got - start);
			kl->npending += got - start;
		}
	}
	if (err == ERR_OK && ferror(f))
		err = ERR_IO;
	fclose(f);
	st->entries = kl->count;
	*added = st->lines - before;
	return err;
}

err_t keylog_load(keylog_t *kl, const char *path, keylog_stats_t *st)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	err_t err = ERR_OK;

	memset(st, 0, sizeof *st);
	if (!f)
		return ERR_IO;
	while (err == ERR_OK && (got = getline(&line, &cap, f)) >= 0)
		err = keylog_take_line(kl, line, (size_t)got, st);
	if (ferror(f) && err == ERR_OK)
		err = ERR_IO;
	free(line);
	fclose(f);
	st->entries = kl->count;
	return err;
}

size_t keylog_format_line(keylog_label_t l, const uint8_t client_random[32], const uint8_t *secret,
			  size_t len, char *out, size_t cap)
{
	const char *name = keylog_label_name(l);
	size_t need = strlen(name) + 1 + 64 + 1 + 2 * len + 1;

	if (cap < need + 1 || len > KEYLOG_SECRET_MAX)
		return 0;
	memcpy(out, name, strlen(name));
	out += strlen(name);
	*out++ = ' ';
	bytes_hex_encode(client_random, 32, out);
	out += 64;
	*out++ = ' ';
	bytes_hex_encode(secret, len, out);
	out += 2 * len;
	*out++ = '\n';
	*out = '\0';
	return need;
}
