/**
 * Accounts and sign-in (账号与登录): one-time codes by SMS for phones, passwords for staff, the
 * session tokens, the roles and the route-level access checks ({@link cn.anxing.auth.Authz}).
 * Its services throw {@link cn.anxing.error.DomainException} with {@link cn.anxing.auth.AuthError}
 * codes, never HTTP types; password hashing runs on the crypto worker pool. It may not depend on
 * the platform or on any other feature: every feature depends on it for roles.
 */
package cn.anxing.auth;
