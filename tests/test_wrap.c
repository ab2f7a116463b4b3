/* test_wrap.c - the one text wrapper (base/wrap.h): display widths, where
 * lines break in Latin and Japanese text, kinsoku, hard cuts of long
 * words, tiny widths that must still end, and malformed UTF-8 that must
 * never be split or make a line wider than asked. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "base/wrap.h"

/* The lines of s wrapped at width, joined with '|'; each line's width is
 * checked against wrap_width of its bytes and against the limit. */
static const char *lines(const char *s, unsigned width)
{
	static char out[4096];
	wrap_t w = wrap_start(s, strlen(s), width);
	wrap_line_t l;
	size_t o = 0, count = 0;

	out[0] = '\0';
	while (wrap_next(&w, &l)) {
		CU_ASSERT_TRUE_FATAL(l.off + l.len <= strlen(s));
		CU_ASSERT_EQUAL(l.width, wrap_width(s + l.off, l.len));
		/* wider than asked only when the line is one character */
		if (l.width > (width ? width : 1))
			CU_ASSERT_EQUAL(wrap_char(s + l.off, l.len).len, l.len);
		CU_ASSERT_TRUE_FATAL(o + l.len + 2 < sizeof out);
		if (count++)
			out[o++] = '|';
		memcpy(out + o, s + l.off, l.len);
		o += l.len;
		out[o] = '\0';
		CU_ASSERT_TRUE_FATAL(count < 1000);   /* an endless loop would never stop */
	}
	return out;
}

static void test_widths(void)
{
	wrap_char_t c;

	CU_ASSERT_EQUAL(wrap_width("abc", 3), 3);
	CU_ASSERT_EQUAL(wrap_width("日本語", strlen("日本語")), 6);
	CU_ASSERT_EQUAL(wrap_width("TLSの鍵", strlen("TLSの鍵")), 7);
	CU_ASSERT_EQUAL(wrap_width("ｶﾅ", strlen("ｶﾅ")), 2);       /* halfwidth katakana */
	CU_ASSERT_EQUAL(wrap_width("e\xcc\x81", 3), 1);             /* e + combining acute */
	c = wrap_char("\xe3\x81\x82", 3);                          /* あ */
	CU_ASSERT_EQUAL(c.cp, 0x3042);
	CU_ASSERT_EQUAL(c.len, 3);
	CU_ASSERT_EQUAL(c.width, 2);
	CU_ASSERT_TRUE(c.printable);
	c = wrap_char("\xf0\x9f\x94\x91", 4);                      /* U+1F511 key */
	CU_ASSERT_EQUAL(c.cp, 0x1f511);
	CU_ASSERT_EQUAL(c.len, 4);
	c = wrap_char("\t", 1);
	CU_ASSERT_FALSE(c.printable);
	CU_ASSERT_EQUAL(c.width, 1);
}

static void test_invalid_utf8(void)
{
	static const char *const bad[] = {
		"\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xc3", "\xe3\x81", "\xe3\x41\x42", "\xed\xa0\x80",  /* surrogate */
		"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xff",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		wrap_char_t c = wrap_char(bad[i], strlen(bad[i]));
		CU_ASSERT_EQUAL(c.cp, WRAP_BAD);
		CU_ASSERT_EQUAL(c.len, 1);
		CU_ASSERT_EQUAL(c.width, 1);
		CU_ASSERT_FALSE(c.printable);
	}
	/* a truncated sequence at the end of what is given: one byte, not past n */
	CU_ASSERT_EQUAL(wrap_char("\xe3\x81\x82", 2).len, 1);
	/* malformed bytes count one column each and lines stay in bounds */
	CU_ASSERT_STRING_EQUAL(lines("ab\xff\xfe" "cd", 3), "ab\xff|\xfe" "cd");
	/* a valid character after stray bytes is never split */
	CU_ASSERT_STRING_EQUAL(lines("\x80\x80あい", 3), "\x80\x80|あ|い");
	CU_ASSERT_STRING_EQUAL(lines("\xe3\x81あ", 3), "\xe3\x81|あ");
}

static void test_latin(void)
{
	CU_ASSERT_STRING_EQUAL(lines("the quick brown fox jumps over the lazy dog", 10),
			       "the quick|brown fox|jumps over|the lazy|dog");
	/* several spaces and leading spaces: none at either end of a line */
	CU_ASSERT_STRING_EQUAL(lines("  one   two  three ", 7), "one|two|three");
	CU_ASSERT_STRING_EQUAL(lines("", 10), "");
	CU_ASSERT_STRING_EQUAL(lines("   ", 10), "");
	/* '\n' ends a line; a second one is an empty line; a final one adds none */
	CU_ASSERT_STRING_EQUAL(lines("a b\nc\n\nd\n", 10), "a b|c||d");
	/* a '\n' right after a wrapped line ends that line, no empty line */
	CU_ASSERT_STRING_EQUAL(lines("aaaa \nbb", 4), "aaaa|bb");
}

static void test_exact_width(void)
{
	CU_ASSERT_STRING_EQUAL(lines("abcde fghij", 5), "abcde|fghij");
	CU_ASSERT_STRING_EQUAL(lines("abcde fghij", 11), "abcde fghij");
	CU_ASSERT_STRING_EQUAL(lines("abcde fghij", 10), "abcde|fghij");
	/* five wide characters fill ten columns exactly */
	CU_ASSERT_STRING_EQUAL(lines("あいうえおかきくけこ", 10), "あいうえお|かきくけこ");
	CU_ASSERT_STRING_EQUAL(lines("あいうえおかきくけこ", 11), "あいうえお|かきくけこ");
}

static void test_long_word(void)
{
	CU_ASSERT_STRING_EQUAL(lines("a 0123456789abcdef b", 8), "a|01234567|89abcdef|b");
	CU_ASSERT_STRING_EQUAL(lines("supercalifragilistic", 7), "superca|lifragi|listic");
}

static void test_japanese_kinsoku(void)
{
	/* 。 would start the second line at 8 columns: え goes down with it */
	CU_ASSERT_STRING_EQUAL(lines("あいうえ。かきく", 8), "あいう|え。かき|く");
	/* 」 and 。 at the break point */
	CU_ASSERT_STRING_EQUAL(lines("「鍵」です。次へ", 10), "「鍵」で|す。次へ");
	CU_ASSERT_STRING_EQUAL(lines("「鍵」です。次へ", 12), "「鍵」です。|次へ");
	CU_ASSERT_STRING_EQUAL(lines("「鍵」です。次へ", 4), "「鍵|」で|す。|次へ");
	CU_ASSERT_STRING_EQUAL(lines("これは「鍵」。次", 10), "これは|「鍵」。次");
	/* 、 small kana and ー never start a line */
	CU_ASSERT_STRING_EQUAL(lines("あいうえ、お", 8), "あいう|え、お");
	CU_ASSERT_STRING_EQUAL(lines("あいうきゃく", 8), "あいう|きゃく");
	CU_ASSERT_STRING_EQUAL(lines("あいうサーバ", 8), "あいう|サーバ");
	CU_ASSERT_STRING_EQUAL(lines("あいうキット", 8), "あいう|キット");
	/* an opening bracket never ends a line */
	CU_ASSERT_STRING_EQUAL(lines("あいう「えお」", 8), "あいう|「えお」");
	CU_ASSERT_STRING_EQUAL(lines("あいう（え）", 8), "あいう|（え）");
	CU_ASSERT_TRUE(wrap_no_line_start(0x3002) && wrap_no_line_start(0x3001) && wrap_no_line_start(0x300d) &&
		       wrap_no_line_start(0xff0c) && wrap_no_line_start(0xff0e) && wrap_no_line_start(0x30fc) &&
		       wrap_no_line_start(0x3063) && wrap_no_line_start(0x30c3) && wrap_no_line_start(0xff09) &&
		       wrap_no_line_start(')') && wrap_no_line_start(0xff64) && wrap_no_line_start(0xff61));
	CU_ASSERT_TRUE(wrap_no_line_end(0x300c) && wrap_no_line_end(0x300e) && wrap_no_line_end(0xff08) &&
		       wrap_no_line_end('(') && wrap_no_line_end(0xff62));
	CU_ASSERT_FALSE(wrap_no_line_start(0x3042) || wrap_no_line_end(0x300d) || wrap_no_line_start(0x300c));
}

/* Every break of a long Japanese paragraph at every width from 6 to 40
 * (its longest run that may not be broken, ちょっ or （CA）, is 6 wide):
 * no line starts with a closing mark nor ends with an opening one, none
 * is wider than asked, and the lines put together give the text back. */
static void test_japanese_paragraph(void)
{
	static const char text[] = "クライアントとサーバーは、ハンドシェイクの中で暗号スイートを決め、"
		"鍵交換を行い、共通鍵を導き出します。「サーバー証明書」は認証局（CA）が署名した公開鍵証明書です。"
		"ちょっと待って、キャッシュは？";
	static const char *const no_start[] = { "、", "。", "」", "）", "ー", "ャ", "ッ", "ょ", "っ", "？" };
	static const char *const no_end[] = { "「", "（" };
	unsigned width;
	size_t i;

	for (width = 6; width <= 40; width++) {
		wrap_t w = wrap_start(text, strlen(text), width);
		wrap_line_t l;
		char joined[sizeof text];
		size_t o = 0;

		while (wrap_next(&w, &l)) {
			CU_ASSERT_TRUE(l.width <= width);
			for (i = 0; i < sizeof no_start / sizeof no_start[0]; i++)
				CU_ASSERT_FALSE(l.off > 0 && strncmp(text + l.off, no_start[i], strlen(no_start[i])) == 0);
			for (i = 0; i < sizeof no_end / sizeof no_end[0]; i++)
				CU_ASSERT_FALSE(l.len >= 3 && l.off + l.len < strlen(text) &&
						strncmp(text + l.off + l.len - 3, no_end[i], 3) == 0);
			memcpy(joined + o, text + l.off, l.len);
			o += l.len;
		}
		joined[o] = '\0';
		CU_ASSERT_STRING_EQUAL(joined, text);
	}
}

static void test_mixed(void)
{
	/* spaces between Latin words and Japanese are break points, and so is
	 * the place between a Latin letter and a wide character */
	CU_ASSERT_STRING_EQUAL(lines("サーバーは ServerHello を送ります。", 14), "サーバーは|ServerHello を|送ります。");
	CU_ASSERT_STRING_EQUAL(lines("鍵はTLSで使う", 6), "鍵は|TLSで|使う");
	CU_ASSERT_STRING_EQUAL(lines("鍵はTLSで使う", 7), "鍵はTLS|で使う");
	/* a Latin word is not split where there is room to move it down */
	CU_ASSERT_STRING_EQUAL(lines("あいうabcd", 8), "あいう|abcd");
	/* an ASCII closing mark after a wide character stays with it */
	CU_ASSERT_STRING_EQUAL(lines("あいう(え)", 8), "あいう|(え)");
}

/* Widths 0 to 3 always end, lose no byte and split no character. */
static void test_tiny_widths(void)
{
	static const char text[] = "「鍵」を TLS 1.2 で、ﾃｽﾄ。x\xff" "e\xcc\x81 end";
	unsigned width;

	CU_ASSERT_STRING_EQUAL(lines("あい", 1), "あ|い");
	CU_ASSERT_STRING_EQUAL(lines("あい", 0), "あ|い");
	CU_ASSERT_STRING_EQUAL(lines("ab c", 1), "a|b|c");
	CU_ASSERT_STRING_EQUAL(lines("あ。", 3), "あ|。");      /* no choice left */
	CU_ASSERT_STRING_EQUAL(lines("e\xcc\x81" "e\xcc\x81", 1), "e\xcc\x81|e\xcc\x81");  /* a mark stays */
	for (width = 0; width <= 3; width++) {
		wrap_t w = wrap_start(text, strlen(text), width);
		wrap_line_t l;
		size_t n = 0, bytes = 0;

		while (wrap_next(&w, &l) && n < 200) {
			wrap_char_t first = wrap_char(text + l.off, strlen(text) - l.off);
			CU_ASSERT_TRUE(l.len > 0);
			CU_ASSERT_TRUE(first.cp != WRAP_BAD || (unsigned char)text[l.off] == 0xff);
			CU_ASSERT_TRUE(l.width <= (width > 2 ? width : 2));
			bytes += l.len;
			n++;
		}
		CU_ASSERT_TRUE(n < 200);
		CU_ASSERT_EQUAL(bytes, strlen(text) - 4);     /* all but the four spaces */
	}
}

/* The width may change between lines (a label on the first line only). */
static void test_width_changes(void)
{
	static const char text[] = "one two three four";
	wrap_t w = wrap_start(text, strlen(text), 3);
	wrap_line_t l;

	CU_ASSERT_TRUE(wrap_next(&w, &l));
	CU_ASSERT_EQUAL(l.len, 3);
	w.width = 20;
	CU_ASSERT_TRUE(wrap_next(&w, &l));
	CU_ASSERT_EQUAL(strncmp(text + l.off, "two three four", l.len), 0);
	CU_ASSERT_EQUAL(l.len, strlen("two three four"));
	CU_ASSERT_FALSE(wrap_next(&w, &l));
}

/* Under a global LC_CTYPE that is not UTF-8 ("C"), widths and breaks are
 * the same: the wrapper never splits a sequence nor counts a CJK
 * character as one column. */
static void test_c_locale(void)
{
	char *saved = strdup(setlocale(LC_CTYPE, NULL));

	CU_ASSERT_PTR_NOT_NULL_FATAL(saved);
	CU_ASSERT_PTR_NOT_NULL_FATAL(setlocale(LC_CTYPE, "C"));
	CU_ASSERT_FALSE(wrap_locale_utf8());
	CU_ASSERT_EQUAL(wrap_width("日本語", strlen("日本語")), 6);
	CU_ASSERT_STRING_EQUAL(lines("あいうえ。かきく", 8), "あいう|え。かき|く");
	CU_ASSERT_STRING_EQUAL(lines("サーバーは ServerHello を送ります。", 14), "サーバーは|ServerHello を|送ります。");
	setlocale(LC_CTYPE, saved);
	free(saved);
	/* and wrap_locale_init gives the program a UTF-8 LC_CTYPE */
	CU_ASSERT_TRUE(wrap_locale_init());
	CU_ASSERT_TRUE(wrap_locale_utf8());
}

static const test_case_t cases[] = {
	{ "display widths: ASCII, CJK, halfwidth kana, combining marks", test_widths },
	{ "malformed UTF-8: one byte each, never split", test_invalid_utf8 },
	{ "Latin words break at spaces; newlines", test_latin },
	{ "a line exactly as wide as asked", test_exact_width },
	{ "a word longer than the line is cut", test_long_word },
	{ "Japanese: 。」、small kana and ー never start a line, 「 never ends one", test_japanese_kinsoku },
	{ "a Japanese paragraph at every width from 6 to 40", test_japanese_paragraph },
	{ "Japanese and ASCII mixed", test_mixed },
	{ "widths 0-3 end and split nothing", test_tiny_widths },
	{ "the width can change between lines", test_width_changes },
	{ "the same in a global \"C\" locale", test_c_locale },
	{ NULL, NULL },
};

const test_suite_t test_wrap_suite = { "wrap", cases };
