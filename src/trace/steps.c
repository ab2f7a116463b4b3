/* steps.c - the step table and the classifier (see steps.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diagnose.h"
#include "steps.h"

static const step_info_t step_table[STEP_COUNT + 1] = {
	[1] = { 1, "Client hello",
		"versions, cipher suites, compression and the client random",
		"The client says which versions and cipher suites it can use and sends a fresh random value.", SIDE_CLIENT,
		"クライアントハロー",
		"バージョン、暗号スイート、圧縮方式、クライアント乱数",
		"クライアントが、使えるバージョンと暗号スイートを伝え、新しい乱数を送ります。" },
	[2] = { 2, "Server hello",
		"the chosen version and suite, the session id and the server random",
		"The server picks one version and one cipher suite from the client's offer and sends its own random value.", SIDE_SERVER,
		"サーバーハロー",
		"選ばれたバージョンと暗号スイート、セッション ID、サーバー乱数",
		"サーバーはクライアントの提案からバージョンと暗号スイートを一つずつ選び、自分の乱数を送ります。" },
	[3] = { 3, "Server certificate",
		"the server proves who it is and may ask for a client certificate",
		"The server sends its certificate chain (and key exchange parameters) so the client can check who it is talking to.", SIDE_SERVER,
		"サーバー証明書",
		"サーバーが身元を証明し、クライアント証明書を求めることもある",
		"サーバーは証明書チェーン（と鍵交換のパラメータ）を送り、クライアントが通信相手を確かめられるようにします。" },
	[4] = { 4, "Server hello done",
		"the server's first flight is over",
		"The server says it has nothing more to send for now; it is the client's turn.", SIDE_SERVER,
		"サーバーハロー完了",
		"サーバーの最初のフライト（一方が続けて送るメッセージのまとまり）が終わる",
		"サーバーは、いま送るものはもうないと伝えます。次はクライアントの番です。" },
	[5] = { 5, "Client checks the certificate",
		"the client's verdict on the server's chain; its own certificate, or none",
		"The client checks the server's certificate against the authorities it trusts, and sends its own certificate if asked.", SIDE_CLIENT,
		"クライアントによる証明書の検証",
		"サーバーのチェーンに対するクライアントの判定と、クライアント自身の証明書（またはなし）",
		"クライアントは、信頼する認証局をもとにサーバーの証明書を検証し、求められていれば自分の証明書を送ります。" },
	[6] = { 6, "Client key exchange",
		"the premaster secret is agreed; the client proves its certificate",
		"Both sides now hold the same premaster secret, from which each computes the master secret and the keys.", SIDE_CLIENT,
		"クライアント鍵交換",
		"プリマスターシークレットの合意と、クライアントが証明書の秘密鍵を持つことの証明",
		"これで両者が同じプリマスターシークレットを持ち、それぞれがそこからマスターシークレットと鍵を計算します。" },
	[7] = { 7, "Client Finished",
		"the client switches to the new keys and sends Finished",
		"The client starts encrypting and sends Finished: a value only the holder of the master secret can compute over the whole handshake, proving it derived the same keys from the same messages.", SIDE_CLIENT,
		"クライアントの Finished",
		"クライアントが新しい鍵に切り替えて Finished を送る",
		"クライアントは暗号化を始めて Finished を送ります。Finished はマスターシークレットを持つ者だけがハンドシェイク全体から計算できる値で、同じメッセージから同じ鍵を導いたことを示します。" },
	[8] = { 8, "Server Finished",
		"the server switches to the new keys and sends Finished",
		"The server starts encrypting and sends its own Finished, keyed by the same secret; when it verifies, both sides know they agree.", SIDE_SERVER,
		"サーバーの Finished",
		"サーバーが新しい鍵に切り替えて Finished を送る",
		"サーバーも暗号化を始め、同じ秘密を鍵にした自分の Finished を送ります。これが検証できれば、両者の結果が一致していることが分かります。" },
	[9] = { 9, "Application data",
		"the handshake is done: protected application data flows",
		"The handshake is over: application data now travels encrypted and authenticated with the keys both sides derived.", -1,
		"アプリケーションデータ",
		"ハンドシェイクが終わり、保護されたアプリケーションデータが流れる",
		"ハンドシェイクは終わりました。アプリケーションデータは、両者が導いた鍵で暗号化・認証されて流れます。" },
};

const step_info_t *step_info(int number)
{
	if (number < 1 || number > STEP_COUNT)
		return NULL;
	return &step_table[number];
}

const char *step_title(int number, lang_t l)
{
	const step_info_t *si = step_info(number);
	return si ? lang_pick(l, si->title, si->title_ja) : "?";
}

const char *step_role(int number, lang_t l)
{
	const step_info_t *si = step_info(number);
	return si ? lang_pick(l, si->role, si->role_ja) : "?";
}

const char *step_achieves(int number, lang_t l)
{
	const step_info_t *si = step_info(number);
	return si ? lang_pick(l, si->achieves, si->achieves_ja) : "?";
}

const char *step_status_text(step_status_t st, lang_t l)
{
	static const char *const ja[] = {
		[STEP_NOT_REACHED] = "未到達", [STEP_DONE] = "完了", [STEP_SKIPPED] = "省略", [STEP_FAILED] = "失敗",
	};
	return lang_pick(l, step_status_name(st), (unsigned)st < sizeof ja / sizeof ja[0] ? ja[st] : NULL);
}

const char *step_reason(const handshake_t *h, int s, lang_t l)
{
	if (s < 1 || s > STEP_COUNT)
		return NULL;
	if (h->steps[s].status == STEP_FAILED && h->failure.failed && h->failure.step == s && h->failure.reason)
		return lang_pick(l, h->failure.reason, h->failure.reason_ja);
	return lang_pick(l, h->steps[s].reason, h->steps[s].reason_ja);
}

int steps_of_message(const handshake_t *h, const msg_t *m)
{
	bool tls13 = h->version == VER_TLS13;
	bool client = m->sender == SIDE_CLIENT;

	switch (m->type) {
	case CT_CHANGE_CIPHER_SPEC:
		/* TLS 1.3's compatibility CCS travels with the server's hello. */
		return client ? 7 : (tls13 ? 2 : 8);
	case CT_ALERT:
		/* An encrypted alert nobody could read matches a failure
		 * inferred from it (no alert known). */
		if (h->failure.failed && m->sender == h->failure.sender &&
		    (m->opaque ? h->failure.alert < 0 : m->alert_desc == h->failure.alert))
			return h->failure.step;
		return 9;
	case CT_HANDSHAKE:
		break;
	default:
		return 9;
	}
	if (m->opaque)    /* an encrypted handshake record nobody could read */
		return client ? 7 : (tls13 ? 3 : 8);
	switch (m->hs_type) {
	case HS_CLIENT_HELLO:          return 1;
	case HS_SERVER_HELLO:
	case HS_HELLO_RETRY_REQUEST:
	case HS_HELLO_VERIFY_REQUEST:  return 2;
	case HS_ENCRYPTED_EXTENSIONS:
	case HS_SERVER_KEY_EXCHANGE:
	case HS_CERTIFICATE_REQUEST:
	case HS_CERTIFICATE_STATUS:    return 3;
	case HS_CERTIFICATE:
	case HS_COMPRESSED_CERTIFICATE: return client ? 5 : 3;
	case HS_CERTIFICATE_VERIFY:    return client ? 6 : 3;
	case HS_SERVER_HELLO_DONE:     return 4;
	case HS_CLIENT_KEY_EXCHANGE:   return 6;
	case HS_END_OF_EARLY_DATA:     return 7;
	case HS_FINISHED:              return client ? 7 : 8;
	case HS_NEW_SESSION_TICKET:    return tls13 ? 9 : 8;
	default:                       return 9;   /* HelloRequest, KeyUpdate, ... */
	}
}

static bool steps_has(const handshake_t *h, int step, int sender)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msg_step[i] == step && (sender < 0 || h->msgs[i]->sender == sender))
			return true;
	return false;
}

static bool steps_sent_after(const handshake_t *h, int sender, int step)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == sender && h->msg_step[i] > step && h->msg_step[i] != 9)
			return true;
	return false;
}

/* TLS 1.3 without keys: both encrypted flights, then application data
 * both ways, means both Finished were sent and accepted; they stay
 * unverified, and say that they were inferred. */
static void steps_fin_inferred(handshake_t *h, int side, const char *why)
{
	h->fin[side].verdict = FIN_UNVERIFIED;
	h->fin[side].why = arena_dup(h->arena, why, strlen(why) + 1);
}

/* The index of `side`'s last encrypted handshake record nobody could
 * read, or -1. */
static long steps_last_opaque(const handshake_t *h, int side)
{
	long last = -1;
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == side && h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->opaque)
			last = (long)i;
	return last;
}

/* The peer sent something encrypted after message index `after`. */
static bool steps_answered(const handshake_t *h, int side, long after)
{
	size_t i;

	for (i = (size_t)(after + 1); i < h->nmsgs; i++)
		if (h->msgs[i]->sender == side && h->msgs[i]->encrypted)
			return true;
	return false;
}

static void steps_infer_finished(handshake_t *h)
{
	long last;
	int side;

	if (diagnose_tls13_complete_inferred(h)) {
		for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
			steps_fin_inferred(h, side, "inferred: encrypted and not visible without keys; application data "
					   "flowing both ways after both encrypted flights shows it was accepted");
		return;
	}
	if (h->version != VER_TLS13)
		return;
	/* An encrypted flight the peer answered in kind ended with its
	 * Finished (RFC 8446 2): sent, though not visible. */
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		last = steps_last_opaque(h, side);
		if (h->fin[side].verdict == FIN_ABSENT && last >= 0 && steps_answered(h, !side, last))
			steps_fin_inferred(h, side, "inferred: encrypted and not visible without keys; the peer's "
					   "answer shows the flight it ends was sent");
	}
}

static void steps_outcome(handshake_t *h)
{
	bool cf, sf;

	steps_infer_finished(h);
	cf = h->fin[SIDE_CLIENT].verdict != FIN_ABSENT;
	sf = h->fin[SIDE_SERVER].verdict != FIN_ABSENT;

	if (h->failure.failed)
		h->outcome = OUTCOME_FAILED;
	else if (cf && sf)
		h->outcome = OUTCOME_COMPLETE;
	else
		h->outcome = OUTCOME_INCOMPLETE;
}

/* Why a step is skipped, or done without visible messages, in both
 * languages: one row per reason. */
typedef enum { SR_RESUMED, SR_RESUMED_PSK, SR_NO_HELLO_DONE, SR_TLS13_KX, SR_INFERRED_PAST, SR_INFERRED_HIDDEN,
	       SR_MID_STREAM, SR__COUNT } steps_why_t;

static const struct { const char *en, *ja; } steps_whys[SR__COUNT] = {
	[SR_RESUMED] = { "resumed session: no certificate, no key exchange",
			 "セッションの再開: 証明書も鍵交換もありません" },
	[SR_RESUMED_PSK] = { "resumed with a pre-shared key: no certificates to check or prove",
			     "事前共有鍵（PSK）による再開: 検証する証明書も、持ち主だと証明する証明書もありません" },
	[SR_NO_HELLO_DONE] = { "TLS 1.3 has no ServerHelloDone: the server's flight ends with its Finished",
			       "TLS 1.3 には ServerHelloDone がありません。サーバーのフライトは Finished で終わります" },
	[SR_TLS13_KX] = { "TLS 1.3: the key exchange already happened in the ClientHello and ServerHello key shares, "
			  "and the client has no certificate to prove",
			  "TLS 1.3: 鍵交換は ClientHello と ServerHello の key_share ですでに済んでおり、"
			  "クライアントには持ち主だと証明する証明書もありません" },
	[SR_INFERRED_PAST] = { "done (inferred): not visible without keys, but the handshake went on past it",
			       "完了（推定）: 鍵がないと見えませんが、ハンドシェイクはその先へ進んでいます" },
	[SR_INFERRED_HIDDEN] = { "done (inferred): its messages are encrypted and not visible without keys",
				 "完了（推定）: メッセージは暗号化されていて、鍵がないと見えません" },
	[SR_MID_STREAM] = { HANDSHAKE_MID_STREAM_REASON,
			    "ハンドシェイクはキャプチャされていません。キャプチャがその後に始まったため、"
			    "レコードだけを表示しています" },
};

/* Sets a step's status with one of the reasons above (SR__COUNT: none). */
static void steps_set(handshake_t *h, int s, step_status_t st, steps_why_t why)
{
	handshake_set_step(h, s, st, why < SR__COUNT ? steps_whys[why].en : NULL);
	h->steps[s].reason_ja = why < SR__COUNT ? steps_whys[why].ja : NULL;
}

/* Why a step this handshake does not have is skipped; SR__COUNT if it has it. */
static steps_why_t steps_skip_reason(const handshake_t *h, int step)
{
	bool tls13 = h->version == VER_TLS13;

	if (h->resumed && step >= 3 && step <= 6 && !tls13)
		return SR_RESUMED;
	if (h->resumed && tls13 && (step == 5 || step == 6) && !steps_has(h, step, -1))
		return SR_RESUMED_PSK;
	if (tls13 && step == 4)
		return SR_NO_HELLO_DONE;
	if (tls13 && step == 6 && !steps_has(h, 6, -1))
		return SR_TLS13_KX;
	return SR__COUNT;
}

/* Where a step comes in the handshake (TLS 1.3 runs the server's Finished,
 * step 8, before the client's steps 5-7), to tell what comes after a failure. */
static int steps_rank(const handshake_t *h, int step)
{
	if (h->version == VER_TLS13 && step >= 5 && step <= 8)
		return step == 8 ? 5 : step + 1;
	return step;
}

/* The step's messages are all encrypted ones nobody could read. */
static bool steps_only_opaque(const handshake_t *h, int step)
{
	size_t i;
	bool any = false;

	for (i = 0; i < h->nmsgs; i++) {
		if (h->msg_step[i] != step || h->msgs[i]->type == CT_CHANGE_CIPHER_SPEC)
			continue;
		if (!h->msgs[i]->opaque)
			return false;
		any = true;
	}
	return any;
}

/* TLS 1.3 without keys: a step with no visible message that the record
 * pattern shows was passed (steps 3-8 before a later inferred failure or
 * a completion inferred from application data). */
static bool steps_opaque_flights(const handshake_t *h)
{
	return h->version == VER_TLS13 && steps_has(h, 3, SIDE_SERVER) && steps_only_opaque(h, 3);
}

static bool steps_inferred(const handshake_t *h, int step)
{
	if (!steps_opaque_flights(h) || step < 3 || step > 8 || step == 4 || step == 6)
		return false;
	if (h->outcome == OUTCOME_COMPLETE)
		return true;
	return h->failure.failed && steps_rank(h, step) < steps_rank(h, h->failure.step);
}

void steps_update(handshake_t *h)
{
	size_t i;
	int s;

	for (i = 0; i < h->nmsgs; i++)
		h->msg_step[i] = (uint8_t)steps_of_message(h, h->msgs[i]);
	diagnose_handshake(h);
	/* a failing alert's step may have changed with the diagnosis */
	for (i = 0; i < h->nmsgs; i++)
		h->msg_step[i] = (uint8_t)steps_of_message(h, h->msgs[i]);
	steps_outcome(h);

	for (s = 1; s <= STEP_COUNT; s++) {
		steps_why_t skip = steps_skip_reason(h, s);
		bool have = steps_has(h, s, -1);

		if (h->failure.failed && s == h->failure.step) {
			handshake_set_step(h, s, STEP_FAILED, h->failure.reason ? h->failure.reason : "failed");
			h->steps[s].reason_ja = h->failure.reason ? h->failure.reason_ja : "失敗";
			continue;
		}
		/* After the step that failed nothing was achieved, even when the
		 * sender's messages were already on the wire (the client's whole
		 * flight after a rejected empty Certificate). */
		if (h->failure.failed && steps_rank(h, s) > steps_rank(h, h->failure.step)) {
			steps_set(h, s, skip < SR__COUNT ? STEP_SKIPPED : STEP_NOT_REACHED, skip);
			continue;
		}
		if (skip < SR__COUNT && !have) {
			steps_set(h, s, STEP_SKIPPED, skip);
			continue;
		}
		if (s == 5) {
			/* The client's check of the server certificate shows in its
			 * going on: its own Certificate, or its next messages. */
			have = steps_has(h, 5, SIDE_CLIENT) || steps_sent_after(h, SIDE_CLIENT, 5);
		}
		if (s == 9)
			have = have || h->app_records[0] || h->app_records[1];
		/* RFC 6347 4.2.1: a HelloVerifyRequest only asks for the
		 * ClientHello again; the server hello is still to come. */
		if (s == 2 && h->hvr && !handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO))
			have = false;
		if (!have && steps_inferred(h, s))
			steps_set(h, s, STEP_DONE, SR_INFERRED_PAST);
		else if (have) {
			/* application data is encrypted anyway: only handshake steps are hidden */
			bool hidden = s < 9 && (steps_only_opaque(h, s) || (!steps_has(h, s, -1) && steps_opaque_flights(h)));
			steps_set(h, s, STEP_DONE, hidden ? SR_INFERRED_HIDDEN : SR__COUNT);
		} else {
			steps_set(h, s, STEP_NOT_REACHED, h->mid_stream && s < 9 ? SR_MID_STREAM : SR__COUNT);
		}
	}
}
