/**
 * What the accident feature offers other features about its cases, and nothing more: the
 * {@link cn.anxing.accident.facts.AccidentFacts} interface, its records
 * ({@link cn.anxing.accident.facts.CaseFacts}, {@link cn.anxing.accident.facts.PartyFacts}) and
 * the SQL implementation over the accident tables.
 *
 * <p><b>Owned by the accident feature.</b> Other features (today the medical advance payments)
 * may only call the interface and read its records; they never query {@code accident_case} or
 * {@code accident_party} themselves. A fact another feature needs is added here, by the accident
 * feature. This package may not depend on any other feature, nor on the rest of
 * {@code cn.anxing.accident} (so a feature reading it pulls in no accident internals).
 */
package cn.anxing.accident.facts;
