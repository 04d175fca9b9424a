/**
 * The rules and values of the medical advance payments, in plain Java: money in fen
 * ({@link cn.anxing.payment.rules.Fen}), the effective-dated limit schedule and the payer's limit
 * ({@link cn.anxing.payment.rules.LimitSchedule}, {@link cn.anxing.payment.rules.PayerLimitRule}),
 * the fund's rescue window, the bill check, deadlines on the working calendar, the application's
 * transition table, the advance decision, idempotency, and the double-entry ledger's postings and
 * reconciliation; and {@link cn.anxing.payment.rules.PaymentError}, the feature's error codes.
 *
 * <p>Testable without a server or database. It may import no Vert.x, no SQL client and no HTTP
 * type, and nothing of {@code cn.anxing.payment} (which uses it); of other packages only
 * {@code cn.anxing.error} and the accident feature's liability grades. The limit and calendar
 * files ({@code payment/*.json}) are read with Jackson at start.
 */
package cn.anxing.payment.rules;
