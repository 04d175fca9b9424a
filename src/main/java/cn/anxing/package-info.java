/**
 * The jar's entry point: {@link cn.anxing.Main} picks a subcommand ({@code serve},
 * {@code create-admin}, {@code sbrp}) and hands over. It owns no feature; it may use
 * {@code cn.anxing.app} to run the server, and nothing in the tree depends on it.
 */
package cn.anxing;
