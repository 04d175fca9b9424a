/**
 * May the parties settle the accident themselves (Order 146 art. 13, 14; 浙里快处)? The
 * checklist's answers and the road go in, a verdict with each reason, its legal basis and what
 * to do at the scene comes out; {@link cn.anxing.accident.eligibility.EligibilityPolicy} holds
 * the province's own limits (configuration).
 *
 * <p>Rules only: it may use {@code accident.cases} and {@code accident.liability}'s legal basis,
 * never the accident package itself, storage, Vert.x, SQL or HTTP.
 */
package cn.anxing.accident.eligibility;
