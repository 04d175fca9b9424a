/**
 * Medical advance payment (医疗垫付): an injured person's rescue costs are paid to the hospital
 * before liability is settled.
 *
 * <h2>What is where</h2>
 * <ul>
 *   <li>{@link cn.anxing.payment.PaymentRoutes} declares the routes (parse, call, respond) and
 *       {@link cn.anxing.payment.PaymentViews} writes every answer's JSON, once. Nothing else in
 *       the feature knows JSON or HTTP.</li>
 *   <li>The use cases take and return records: {@link cn.anxing.payment.PaymentService} (apply,
 *       notice, liability, bill, registration), {@link cn.anxing.payment.AdvancePayments} (the
 *       payer pays, confirms, corrects) and {@link cn.anxing.payment.PaymentReads} (what people
 *       see, and who may see it). They throw {@link cn.anxing.error.DomainException} with a
 *       {@link cn.anxing.payment.rules.PaymentError}.</li>
 *   <li>Three stores hold the SQL: {@link cn.anxing.payment.ApplicationStore} (hospitals, payers,
 *       applications, bills, timeline), {@link cn.anxing.payment.LedgerStore} (the transactions
 *       that move money, over {@code InstructionStore}'s idempotent instructions and
 *       {@code LedgerPostings}' headroom and double-entry ledger) and
 *       {@link cn.anxing.payment.PaymentQueries} (the read models as records).</li>
 *   <li>{@code cn.anxing.payment.rules} holds the rules and values in plain Java: limits,
 *       deadlines, bill checks, the transition table, idempotency, the ledger's postings.</li>
 *   <li>{@link cn.anxing.payment.PaymentModule} builds all of it from the
 *       {@link cn.anxing.platform.Platform}.</li>
 * </ul>
 *
 * <h2>What it may not touch</h2>
 * It reads no table of another feature: accident cases come through
 * {@link cn.anxing.accident.facts.AccidentFacts}, which the accident feature offers; it imports
 * nothing else of {@code cn.anxing.accident} but the liability grades the rules map to
 * {@code LiabilityState}. Messages to payers' systems go through {@code cn.anxing.outbox}.
 *
 * <h2>Who does what</h2>
 * <ol>
 *   <li>The injured person or their family applies from the accident case ({@code driver} or
 *       {@code parent}; the case must be one of Anxing's, by case number or id, as
 *       {@code AccidentFacts} finds it, and its time is the accident's), or the officer
 *       ({@code police}) opens it for them, naming their phone so that they see it when they
 *       sign in; an officer may also open one for a case handled outside Anxing, giving its
 *       time. The police notice is due within 3 working days
 *       ({@link cn.anxing.payment.rules.WorkingCalendar}). Who is hurt is said as people say
 *       it: their name, how they are related to the applicant
 *       ({@link cn.anxing.payment.rules.InjuredRelation}) and, if given, their resident ID
 *       number ({@link cn.anxing.payment.rules.ResidentIdNumber}, checked by its check
 *       character), which only the police, the application's hospital and its payers read in
 *       full; everyone else, the applicant included, reads it masked.</li>
 *   <li>The police issue the notice: each vehicle with its compulsory insurer and liability so
 *       far, or marked uninsured or fled; the fund is named for those. Without vehicles, the
 *       accident case's parties and the insurers they named are used. Liability may be set
 *       later ({@code /liability}), which raises the insurer's limit.</li>
 *   <li>The hospital bills itemised rescue costs (date, invoice number, fen). When the fund is
 *       a payer every item must lie in its rescue window (168 hours since 2022). Its review is
 *       due within 5 working days.</li>
 *   <li>The payer pays a bill with an {@code Idempotency-Key} of its own (8-128 of
 *       {@code [A-Za-z0-9_:-]}; the same key from another payer is another payment): the
 *       insurer up to its medical limit for this person (liable, not liable, or the no-liability
 *       limit while liability is undetermined; {@link cn.anxing.payment.rules.PayerLimitRule} on
 *       the accident's date), the fund without a national cap. What exceeds an insurer's limit
 *       is referred to the fund.</li>
 *   <li>The disbursement order goes to the payer's system through the shared outbox
 *       ({@code cn.anxing.outbox}; endpoint {@code payer:<id>}, dedupe key and Idempotency-Key
 *       {@code disburse:<client key>}, HMAC-signed). The payer confirms the transfer
 *       ({@code /instructions/{id}/disbursement}); when every advance of the application is
 *       confirmed it is PAID.</li>
 * </ol>
 *
 * <h2>Guarantees</h2>
 * Every write of one application (apply, notice, bill, payment, confirmation) locks the
 * application row first ({@code FOR NO KEY UPDATE}), so bills, payments and retries arriving at
 * once are serialised without deadlocks; within that, the (person, payer) headroom row is
 * locked and a CHECK keeps {@code advanced_fen <= cap_fen}. A payment claims its idempotency key
 * in the same transaction as the ledger posting, the headroom, the state move, the timeline and
 * the outbox message: after a crash each is whole or absent. The ledger is append-only and
 * double-entry (triggers refuse UPDATE/DELETE and an unbalanced posting); corrections are
 * reversals.
 *
 * <h2>Notifications</h2>
 * Each step is a timeline event (what, who, when, a sentence in Chinese and English); read
 * back, it names who acted in plain words: the police unit, hospital or payer of the acting
 * account, or the applicant. The
 * applicant's notifications are those events for their applications, read with a cursor:
 * {@code GET /api/v1/payments/notifications?after=<last id>}; the applicant's page polls it every
 * 15 seconds. It needs no SMS provider and loses nothing while the phone is off; an SMS gateway
 * can later send the same events.
 *
 * <h2>API ({@code /api/v1/payments}, all JSON, money in fen)</h2>
 * <pre>
 * POST /applications                       driver, parent, police  {caseId, injuredPersonId,
 *                                          hospitalId, accidentAt, applicantPhone?(police)}
 * GET  /applications                       staff: all; applicants: their own
 * GET  /applications/{id}                  staff or the applicant: payers, bills, payments,
 *                                          timeline, overdue {policeNotice, fundReview}
 * POST /applications/{id}/notice           police  {vehicles: [{plate?, insurerId?, liability?,
 *                                          uninsured?, fled?}], fundId?}
 * POST /applications/{id}/liability        police  {payerId, liability}
 * POST /applications/{id}/bills            hospital  {caseId, injuredPersonId, hospitalId,
 *                                          items: [{description, renderedAt, invoiceNumber,
 *                                          amountFen}]}
 * POST /applications/{id}/payments         insurer, fund; header Idempotency-Key
 *                                          {payerId, billId, amountFen} -&gt; 201, or 200 replayed
 * POST /instructions/{id}/disbursement     insurer, fund: the bank paid the hospital
 * POST /instructions/{id}/reversal         insurer, fund: correct an advance not yet paid out
 *                                          (reversal posting, limit back, cancel order)
 * GET  /notifications?after=N              the applicant's steps after event N
 * GET  /overdue                            police: notices; fund: reviews; admin: both
 * GET  /reconciliation?date=YYYY-MM-DD&amp;payerId=  fund, insurer, admin: per day and payer
 * GET  /hospitals, /payers                 any signed-in account
 * POST /admin/hospitals, /admin/payers     admin  (payers: {id, kind, name, webhookUrl,
 *                                          webhookSecret})
 * </pre>
 *
 * <h2>Not yet</h2>
 * Accounts are not linked to a particular insurer or hospital: any insurer account acts for any
 * insurer payer, any hospital account for any hospital. The payer's bank confirmation is an API
 * call by the payer's account, not a signed callback from its system. Two vehicles insured by
 * the same insurer are refused (one payer row holds one limit).
 */
package cn.anxing.payment;
