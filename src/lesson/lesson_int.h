/* lesson_int.h - inside the lesson module: the fill context the
 * placeholder functions write into, the reasons a value is not known, and
 * the few words the renderer and the fillers need in each language. */
#ifndef TLSTRACE_LESSON_INT_H
#define TLSTRACE_LESSON_INT_H

#include <stdarg.h>
#include "lesson.h"

/* Why a placeholder has no value in this run; each has a phrase per
 * language (lesson_lang.c).  0 means the value was written. */
typedef enum {
	LU_FILLED = 0,
	LU_NOT_YET,          /* the handshake has not got that far (or stopped before) */
	LU_DH_SECRET,        /* (EC)DHE premaster: never on the wire, not revealed */
	LU_TLS13,            /* TLS 1.3 has no such value */
	LU_ONLY_TLS13,       /* only TLS 1.3 has it */
	LU_NO_EMS,           /* no extended master secret in this run */
	LU_NO_FAILURE,       /* the handshake did not fail */
	LU_NOT_SENT,         /* the message that carries it was not sent */
	LU_NO_CLIENT_CERT,   /* the client sent no certificate */
	LU_AEAD_NO_MAC,      /* AEAD suites have no MAC key */
	LU_NOT_USED,         /* this key exchange does not use it */
	LU_NO_PREMASTER,     /* the premaster is not known, so the worked example cannot be done */
	LU_ONLY_TLS12,       /* the worked example is for TLS 1.2's PRF */
	LU_NOT_NEEDED,       /* a second PRF block is not needed with this hash */
	LU_NO_SCENARIO,      /* this run is not a failure scenario */
	LU_NOT_DECRYPTED,    /* the application data could not be decrypted */
	LU_NO_ALERT,         /* no alert was sent */
	LU_NO_ERROR,         /* that side reported no error */
	LU_NOT_CHECKED,      /* the client did not check a certificate */
	LU_TLS13_MASTER,     /* TLS 1.3's master secret stays inside the key schedule */
	LU_NOT_COMPUTED,     /* the value could not be recomputed (keys not known) */
	LU_RSA_NO_DECRYPT,   /* the RSA premaster could not be decrypted */
	LU__COUNT
} lesson_unknown_t;

struct lesson_fill {
	const lesson_t *lesson;
	lesson_lang_t lang;
	const handshake_t *h;    /* never NULL inside a filler */
	const handshake_t *second;   /* the run's second handshake (lesson_t second); NULL: none */
	buf_t *out;
	bool failed;             /* out of memory */
};

/* Appending to the value (failures are remembered in f->failed). */
void lf_printf(lesson_fill_t *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lf_puts(lesson_fill_t *f, const char *s);
void lf_hex(lesson_fill_t *f, const uint8_t *p, size_t n);
/* The first 16 bytes in hex, then "... (N bytes in all)" when longer. */
void lf_hex_short(lesson_fill_t *f, const uint8_t *p, size_t n);

/* The words of a language. */
typedef struct {
	const char *step;            /* "Step" */
	const char *step_title[STEP_COUNT + 1];  /* [1..9]; NULL: step_info's (English) title */
	const char *status[4];       /* by step_status_t */
	const char *side[2];         /* by SIDE_* */
	const char *yes, *no;
	const char *verdict[4];      /* by fin_verdict_t */
	const char *outcome[3];      /* by outcome_t */
	const char *unknown[LU__COUNT];
	const char *empty;           /* an empty value: "empty (0 bytes)" */
	const char *bytes_in_all[2]; /* around a byte count: "... (", " bytes in all)" */
	const char *none;            /* an empty list */
	const char *lesson;          /* "Lesson" */
	const char *run;             /* "Live run" */
	const char *recorded;        /* "Recorded handshake": a lesson filled from a capture */
	const char *outcome_word;    /* "outcome" */
	const char *summary;         /* "Summary" */
	const char *questions;       /* "Check your understanding" */
	const char *question;        /* "Question" */
	const char *answer;          /* "Answer" */
	const char *answers_hint[2]; /* around the command that shows the answers */
	const char *prompt;          /* asking a question on a terminal: Enter shows the answer */
	const char *failed_here;     /* "The handshake failed here." */
	const char *fails_at[3];     /* around step and side: "fails at step ", ", noticed by the ", "" */
	const char *master_check[4]; /* derived = reported, differs, only derived, only reported */
	const char *master_from[5];  /* by secret_from_t */
	const char *prf_check[2];    /* the worked example gives the master: no, yes */
	const char *masters_agree[2];/* the two sides' masters: differ, agree */
	const char *cert_result[2];  /* the client's check of the server certificate: not trusted, trusted */
} lesson_strings_t;

const lesson_strings_t *lesson_strings(lesson_lang_t lang);
/* The step's title in the language. */
const char *lesson_step_title(lesson_lang_t lang, int step);


#endif
