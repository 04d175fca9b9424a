/**
 * The parties' numbers at rest and on screen: AES-GCM encryption of licence and ID numbers,
 * bound to the row they belong to, and masking of licence and phone numbers for other parties.
 *
 * <p>Plain Java: nothing of the accident feature, no Vert.x, SQL or HTTP. A value that does not
 * decrypt is our stored data broken, an {@link IllegalStateException} (a 500), not a request
 * error.
 */
package cn.anxing.accident.privacy;
