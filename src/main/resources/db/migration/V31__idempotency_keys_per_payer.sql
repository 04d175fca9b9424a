-- An idempotency key is the payer's own: two payers may use the same key for two different
-- instructions (a payer's instruction numbers are its own numbering), and neither sees the
-- other's request as a conflict. A retry is the same key from the same payer.
ALTER TABLE payment_instruction DROP CONSTRAINT payment_instruction_idempotency_key_key;
ALTER TABLE payment_instruction
    ADD CONSTRAINT payment_instruction_payer_key UNIQUE (payer_id, idempotency_key);

-- The disbursement order of an instruction keeps the dedupe key 'disburse:<idempotency key>',
-- which is also the Idempotency-Key its receiver gets. Each payer has its own endpoint
-- ('payer:<id>'), so a dedupe key is unique per receiving endpoint: the same key sent by two
-- payers is two orders, one to each payer's system.
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_dedupe_key_key;
ALTER TABLE outbox_message
    ADD CONSTRAINT outbox_message_endpoint_dedupe_key UNIQUE (endpoint, dedupe_key);
