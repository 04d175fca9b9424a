/**
 * The configuration, read once at start from the environment (or a file) into records; each key
 * is listed in {@link cn.anxing.config.ConfigKey} and in the README's table. Plain Java: it may
 * not depend on Vert.x, the database or any feature.
 */
package cn.anxing.config;
