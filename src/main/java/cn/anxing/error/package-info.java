/**
 * The one error model: {@link cn.anxing.error.DomainException} with an
 * {@link cn.anxing.error.ErrorCode} from a feature's enum, which carries the HTTP status. Plain
 * Java, imported by every layer; it knows no HTTP, no Vert.x and no SQL.
 */
package cn.anxing.error;
