/**
 * The police desk's rules (交警工作台), plain Java: what an officer may ask the parties for
 * ({@link cn.anxing.accident.police.SendBack}), the legal provisions a determination cites
 * ({@link cn.anxing.accident.police.LegalBasisList}, versioned data like the scenario
 * catalogue), the determination document itself ({@link cn.anxing.accident.police.Determination})
 * and the plate-frequency signal ({@link cn.anxing.accident.police.PlateFrequency}).
 *
 * <p>No Vert.x, SQL or HTTP type; it imports {@code cases}, never the accident package.
 */
package cn.anxing.accident.police;
