/**
 * What feature modules are built from: {@link cn.anxing.platform.Platform} (the shared pieces the
 * application starts once), {@link cn.anxing.platform.FeatureModule} (one feature's routes, start,
 * demo and stop), the named {@link cn.anxing.platform.WorkerPools} and the
 * {@link cn.anxing.platform.SecretStore}. It may not depend on any feature package.
 */
package cn.anxing.platform;
