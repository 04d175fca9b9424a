/**
 * The running server (服务启动与停止): {@link cn.anxing.app.Application} reads nothing itself; it
 * takes the configuration, starts the database and Vert.x, builds the
 * {@link cn.anxing.platform.Platform}, starts the feature modules in order, then the HTTP
 * verticles, and stops them in reverse. Also the modules of sign-in and health, which the
 * platform is built on and so cannot live beside the code they wire. Everything may be used
 * from here; nothing but {@code cn.anxing} may depend on this package.
 */
package cn.anxing.app;
