/* lesson_ph.h - the placeholder fillers, for the one table in
 * lesson_ph.c.  Each appends its value to f->out and returns LU_FILLED,
 * or returns why the value is not known in this run. */
#ifndef TLSTRACE_LESSON_PH_H
#define TLSTRACE_LESSON_PH_H

#include "lesson_int.h"

/* shared helpers */
const msg_t *lf_msg(const lesson_fill_t *f, int sender, int hs_type);
/* A message that is not there: not sent (the handshake is over) or not yet. */
int lf_absent(const lesson_fill_t *f);
int lf_bytes(lesson_fill_t *f, const uint8_t *p, size_t n, int why_empty);
int lf_yesno(lesson_fill_t *f, bool v);

/* lesson_ph_wire.c */
int ph_server_cert_subject(lesson_fill_t *f);
int ph_server_cert_issuer(lesson_fill_t *f);
int ph_client_cert_subject(lesson_fill_t *f);
int ph_server_cert_count(lesson_fill_t *f);
int ph_client_cert_count(lesson_fill_t *f);
int ph_cert_result(lesson_fill_t *f);
int ph_cert_verdict(lesson_fill_t *f);
int ph_cert_requested(lesson_fill_t *f);
int ph_client_cert_verify_algorithm(lesson_fill_t *f);
int ph_client_cert_verify_signature(lesson_fill_t *f);
int ph_server_signature_algorithm(lesson_fill_t *f);
int ph_server_public(lesson_fill_t *f);
int ph_client_public(lesson_fill_t *f);
int ph_encrypted_premaster(lesson_fill_t *f);
int ph_encrypted_premaster_len(lesson_fill_t *f);
int ph_failure_step(lesson_fill_t *f);
int ph_failure_step_title(lesson_fill_t *f);
int ph_failure_side(lesson_fill_t *f);
int ph_failure_alert(lesson_fill_t *f);
int ph_failure_reason(lesson_fill_t *f);
int ph_failure_cause(lesson_fill_t *f);
int ph_client_error(lesson_fill_t *f);
int ph_server_error(lesson_fill_t *f);
int ph_scenario(lesson_fill_t *f);
int ph_scenario_summary(lesson_fill_t *f);
int ph_scenario_list(lesson_fill_t *f);
int ph_client_app_data(lesson_fill_t *f);
int ph_key_block_rfc_len(lesson_fill_t *f);
int ph_key_block_rfc_check(lesson_fill_t *f);
int ph_record_types(lesson_fill_t *f);
int ph_client_hello_header(lesson_fill_t *f);
int ph_ccs_body(lesson_fill_t *f);
int ph_record_iv_len(lesson_fill_t *f);
int ph_record_mac_len(lesson_fill_t *f);
int ph_record_block_len(lesson_fill_t *f);
int ph_client_finished_len(lesson_fill_t *f);
int ph_client_finished_padding(lesson_fill_t *f);
int ph_client_finished_record_len(lesson_fill_t *f);
int ph_client_app_records(lesson_fill_t *f);
int ph_client_app_bytes(lesson_fill_t *f);
int ph_dh_p(lesson_fill_t *f);
int ph_dh_p_bits(lesson_fill_t *f);
int ph_dh_g(lesson_fill_t *f);
int ph_server_signature(lesson_fill_t *f);
int ph_client_hs_key(lesson_fill_t *f);
int ph_client_hs_iv(lesson_fill_t *f);
int ph_server_hs_key(lesson_fill_t *f);
int ph_server_hs_iv(lesson_fill_t *f);
int ph_hkdf_label_key(lesson_fill_t *f);
int ph_hkdf_label_iv(lesson_fill_t *f);
int ph_downgrade_sentinel(lesson_fill_t *f);
int ph_server_app_data(lesson_fill_t *f);

/* lesson_ph_secrets.c */
int ph_premaster(lesson_fill_t *f);
int ph_premaster_version(lesson_fill_t *f);
int ph_premaster_random(lesson_fill_t *f);
int ph_master(lesson_fill_t *f);
int ph_master_from(lesson_fill_t *f);
int ph_master_check(lesson_fill_t *f);
int ph_prf_label(lesson_fill_t *f);
int ph_prf_seed(lesson_fill_t *f);
int ph_prf_a1(lesson_fill_t *f);
int ph_prf_a2(lesson_fill_t *f);
int ph_prf_block1(lesson_fill_t *f);
int ph_prf_block2(lesson_fill_t *f);
int ph_prf_check(lesson_fill_t *f);
int ph_session_hash(lesson_fill_t *f);
int ph_key_block(lesson_fill_t *f);
int ph_key_block_len(lesson_fill_t *f);
int ph_client_mac_key(lesson_fill_t *f);
int ph_server_mac_key(lesson_fill_t *f);
int ph_client_write_key(lesson_fill_t *f);
int ph_server_write_key(lesson_fill_t *f);
int ph_client_iv(lesson_fill_t *f);
int ph_server_iv(lesson_fill_t *f);
int ph_client_verify_data(lesson_fill_t *f);
int ph_server_verify_data(lesson_fill_t *f);
int ph_expected_client_verify_data(lesson_fill_t *f);
int ph_expected_server_verify_data(lesson_fill_t *f);
int ph_client_transcript_hash(lesson_fill_t *f);
int ph_server_transcript_hash(lesson_fill_t *f);
int ph_client_finished_verdict(lesson_fill_t *f);
int ph_server_finished_verdict(lesson_fill_t *f);
int ph_client_side_master(lesson_fill_t *f);
int ph_server_side_master(lesson_fill_t *f);
int ph_masters_agree(lesson_fill_t *f);
int ph_master_reused(lesson_fill_t *f);
int ph_client_hs_secret(lesson_fill_t *f);
int ph_server_hs_secret(lesson_fill_t *f);
int ph_client_app_secret(lesson_fill_t *f);
int ph_server_app_secret(lesson_fill_t *f);

#endif
