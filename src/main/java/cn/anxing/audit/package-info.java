/**
 * The audit trail (审计日志) of staff actions: payments, reversals, bills, notices, police
 * decisions and account changes, one row each in {@code audit_log}, which a trigger keeps
 * append-only (UPDATE and DELETE are refused, as for the payment ledger).
 *
 * <p>Features call {@link cn.anxing.audit.AuditLog#record} with the connection of the
 * transaction that makes the change, never a separate one. This package knows the SQL client
 * only; it imports no feature, no auth and no HTTP, so every feature may use it.
 */
package cn.anxing.audit;
