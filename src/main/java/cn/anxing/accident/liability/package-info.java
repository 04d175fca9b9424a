/**
 * Who is liable (责任认定): the versioned scenario catalogue (快处清单) with each scenario's
 * legal basis, the parties' statements and the
 * {@link cn.anxing.accident.liability.LiabilityEngine engine} that settles when the statements
 * agree and sends the case to the police when they do not; the five grades of Order 146.
 *
 * <p>Rules only: it may use {@code accident.cases}, never the accident package itself, storage,
 * Vert.x, SQL or HTTP (the payment feature reads its grades).
 */
package cn.anxing.accident.liability;
