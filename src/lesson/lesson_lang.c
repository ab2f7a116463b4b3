/* lesson_lang.c - the words the lesson renderer and the placeholders need
 * in each language (the lessons themselves are files), and the choice of
 * language from the locale (trace/lang.h's choice).  The step titles, in
 * both languages, come from the step table (steps.h). */
#include <stdlib.h>
#include <string.h>
#include "trace/steps.h"
#include "lesson_int.h"

static const lesson_strings_t lesson_en = {
	.step = "Step",
	.status = { "not reached", "done", "skipped", "failed" },
	.side = { "client", "server" },
	.yes = "yes", .no = "no",
	.verdict = { "absent", "verified", "MISMATCH", "unverified" },
	.outcome = { "incomplete", "complete", "failed" },
	.unknown = {
		[LU_NOT_YET] = "not known: the handshake has not got that far",
		[LU_DH_SECRET] = "not known: with (EC)DHE the premaster is the Diffie-Hellman shared secret; "
				 "it never crosses the wire and GnuTLS does not reveal it",
		[LU_TLS13] = "none: TLS 1.3 has no such value",
		[LU_ONLY_TLS13] = "none: only TLS 1.3 has this value",
		[LU_NO_EMS] = "none: this run does not use the extended master secret",
		[LU_NO_FAILURE] = "none: this handshake did not fail",
		[LU_NOT_SENT] = "none: that message was not sent in this run",
		[LU_NO_CLIENT_CERT] = "none: the client sent no certificate",
		[LU_AEAD_NO_MAC] = "none: an AEAD cipher needs no separate MAC key",
		[LU_NOT_USED] = "none: this key exchange does not use it",
		[LU_NO_IV] = "none: with this suite and version no IV is cut from the key block (a CBC record "
			     "carries its own from TLS 1.1 on)",
		[LU_NO_PREMASTER] = "not known: the premaster is not known, so the PRF cannot be worked through here",
		[LU_ONLY_TLS12] = "not shown: the worked example follows the TLS 1.2 PRF",
		[LU_NOT_NEEDED] = "not needed: one block of this hash already gives 48 bytes",
		[LU_NO_SCENARIO] = "none: this run is not a failure scenario",
		[LU_NOT_DECRYPTED] = "not known: the application data could not be decrypted",
		[LU_NO_ALERT] = "none: no alert was sent",
		[LU_NO_ERROR] = "none: that side reported no error",
		[LU_NOT_CHECKED] = "not known: the client did not get to check a certificate",
		[LU_TLS13_MASTER] = "not shown: TLS 1.3's master secret stays inside the key schedule; "
				    "the key log gives the traffic secrets derived from it",
		[LU_NOT_COMPUTED] = "not known: tlstrace could not recompute it (the keys are not known)",
		[LU_RSA_NO_DECRYPT] = "not known: the ClientKeyExchange could not be decrypted with the server's key",
	},
	.empty = "empty (0 bytes)",
	.bytes_in_all = { "... (", " bytes in all)" },
	.none = "none",
	.lesson = "Lesson",
	.run = "Live run",
	.recorded = "Recorded handshake",
	.outcome_word = "outcome",
	.summary = "Summary",
	.questions = "Check your understanding",
	.question = "Question",
	.answer = "Answer",
	.answers_hint = { "(To see the answers: ", ")" },
	.prompt = "[Enter: show the answer, q: stop] ",
	.failed_here = "The handshake failed at this step.",
	.fails_at = { "fails at step ", ", noticed by the ", "" },
	.master_check = { "the same as the one GnuTLS holds: the derivation is confirmed",
			  "DIFFERENT from the one GnuTLS holds",
			  "derived here, with nothing to compare it with",
			  "as GnuTLS logged it (not derived here)" },
	.master_from = { "not known", "recovered with the server's RSA key", "reported by GnuTLS",
			 "derived here with the PRF", "read from the key log" },
	.prf_check = { "DOES NOT match the master secret", "is exactly the master secret" },
	.masters_agree = { "DIFFERENT", "the same" },
	.cert_result = { "not trusted", "trusted" },
};

static const lesson_strings_t lesson_ja = {
	.step = "ステップ",
	.status = { "未到達", "完了", "省略", "失敗" },
	.side = { "クライアント", "サーバー" },
	.yes = "はい", .no = "いいえ",
	.verdict = { "送られていない", "一致", "不一致", "未検証" },
	.outcome = { "未完了", "成功", "失敗" },
	.unknown = {
		[LU_NOT_YET] = "不明: ハンドシェイクがまだそこまで進んでいません",
		[LU_DH_SECRET] = "不明: (EC)DHE ではプリマスターシークレットは Diffie-Hellman の共有秘密で、"
				 "通信路には一度も流れず、GnuTLS も明かしません",
		[LU_TLS13] = "なし: TLS 1.3 にはこの値がありません",
		[LU_ONLY_TLS13] = "なし: TLS 1.3 にだけある値です",
		[LU_NO_EMS] = "なし: この実行では拡張マスターシークレットを使っていません",
		[LU_NO_FAILURE] = "なし: このハンドシェイクは失敗していません",
		[LU_NOT_SENT] = "なし: この実行ではそのメッセージは送られていません",
		[LU_NO_CLIENT_CERT] = "なし: クライアントは証明書を送っていません",
		[LU_AEAD_NO_MAC] = "なし: AEAD 暗号には別個の MAC 鍵が要りません",
		[LU_NOT_USED] = "なし: この鍵交換方式では使いません",
		[LU_NO_IV] = "なし: このスイートとバージョンでは鍵ブロックから IV を切り出しません"
			     "（TLS 1.1 以降の CBC レコードは自分の IV を運びます）",
		[LU_NO_PREMASTER] = "不明: プリマスターシークレットが分からないため、ここでは PRF の計算をたどれません",
		[LU_ONLY_TLS12] = "省略: この計算例は TLS 1.2 の PRF に沿っています",
		[LU_NOT_NEEDED] = "不要: このハッシュ関数では 1 ブロックで 48 バイトに達します",
		[LU_NO_SCENARIO] = "なし: この実行は失敗シナリオではありません",
		[LU_NOT_DECRYPTED] = "不明: アプリケーションデータを復号できませんでした",
		[LU_NO_ALERT] = "なし: アラートは送られていません",
		[LU_NO_ERROR] = "なし: その側はエラーを報告していません",
		[LU_NOT_CHECKED] = "不明: クライアントは証明書の検証までたどり着いていません",
		[LU_TLS13_MASTER] = "非表示: TLS 1.3 のマスターシークレットは鍵スケジュールの内部にとどまり、"
				    "鍵ログに出るのはそこから導かれたトラフィックシークレットです",
		[LU_NOT_COMPUTED] = "不明: 鍵が分からないため tlstrace では再計算できませんでした",
		[LU_RSA_NO_DECRYPT] = "不明: サーバーの秘密鍵では ClientKeyExchange を復号できませんでした",
	},
	.empty = "空（0 バイト）",
	.bytes_in_all = { "…（全 ", " バイト）" },
	.none = "なし",
	.lesson = "レッスン",
	.run = "実行したハンドシェイク",
	.recorded = "記録したハンドシェイク",
	.outcome_word = "結果",
	.summary = "まとめ",
	.questions = "理解度チェック",
	.question = "問",
	.answer = "答え",
	.answers_hint = { "（答えを見るには: ", "）" },
	.prompt = "［Enter: 答えを表示、q: 終了］",
	.failed_here = "ハンドシェイクはこのステップで失敗しました。",
	.fails_at = { "ステップ ", " で失敗、", "が検出" },
	.master_check = { "GnuTLS が持つ値と一致（導出が正しいことを確認）",
			  "GnuTLS が持つ値と不一致",
			  "ここで導出（比べる相手なし）",
			  "GnuTLS が記録した値（ここでは導出していない）" },
	.master_from = { "不明", "サーバーの RSA 秘密鍵で復号", "GnuTLS が報告した値",
			 "ここで PRF により導出", "鍵ログから読んだ値" },
	.prf_check = { "マスターシークレットと不一致", "マスターシークレットと完全に一致" },
	.masters_agree = { "異なる", "同じ" },
	.cert_result = { "信頼できない", "信頼できる" },
};

const lesson_strings_t *lesson_strings(lesson_lang_t lang)
{
	return lang == LESSON_JA ? &lesson_ja : &lesson_en;
}

const char *lesson_step_title(lesson_lang_t lang, int step)
{
	return step_title(step, lang == LESSON_JA ? LANG_JA : LANG_EN);   /* the step table has both */
}

lesson_lang_t lesson_lang_from_env(void)
{
	return lang_from_env() == LANG_JA ? LESSON_JA : LESSON_EN;
}

/* The lessons' language is the interface's (trace/lang.h), in the
 * lessons' own type. */
bool lesson_lang_parse(const char *s, lesson_lang_t *out)
{
	lang_t l;

	if (!lang_parse(s, &l))
		return false;
	*out = l == LANG_JA ? LESSON_JA : LESSON_EN;
	return true;
}

const char *lesson_lang_code(lesson_lang_t lang)
{
	return lang_code(lang == LESSON_JA ? LANG_JA : LANG_EN);
}
