/**
 * What feature modules are built from: {@link cn.anxing.platform.Platform} (the shared pieces the
 * application starts once), {@link cn.anxing.platform.FeatureModule} (one feature's routes, start,
 * demo and stop), the named {@link cn.anxing.platform.WorkerPools} and the
 * {@link cn.anxing.platform.SecretStore}. It sits above the shared pieces it holds (config, http,
 * demo, auth's Authz, routing, outbox) and below the modules: those pieces may not depend on it
 * (routing and auth are handed a worker executor, not the pools), and it depends on no module.
 */
package cn.anxing.platform;
