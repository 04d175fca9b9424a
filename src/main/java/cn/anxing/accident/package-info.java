/**
 * Accident self-service (事故快处): the plain-Java domain, free of Vert.x, HTTP and SQL.
 *
 * <ul>
 *   <li>{@code eligibility}: may the parties settle themselves (Order 146 art. 13, 14; 浙里快处)?</li>
 *   <li>{@code photo}: what an uploaded photo really is, and whether its EXIF fits the report.</li>
 *   <li>{@link cn.anxing.accident.PlateNumber}: the parties' plates.</li>
 *   <li>{@code liability}: the versioned scenario catalogue and the liability engine.</li>
 *   <li>{@code agreement}: the settlement agreement (协议书), its seal and its PDF.</li>
 *   <li>{@link cn.anxing.accident.CaseStateMachine}: the case's states and recorded transitions.</li>
 *   <li>{@link cn.anxing.accident.DuplicateReportRule}: repeated reports of one accident.</li>
 *   <li>{@code privacy}: masking and field encryption of licence, ID and phone numbers.</li>
 * </ul>
 *
 * Every rule violation is an {@link cn.anxing.accident.DomainException} with a stable code
 * and the field at fault.
 */
package cn.anxing.accident;
