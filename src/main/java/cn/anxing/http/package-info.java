/**
 * The HTTP edge every feature shares: the server verticle, the one error handler (a
 * {@link cn.anxing.error.DomainException} becomes the JSON error body with its code's status),
 * typed reads of JSON bodies, request ids, responses and health. It knows no roles and no
 * feature: features depend on it, never the other way round.
 */
package cn.anxing.http;
