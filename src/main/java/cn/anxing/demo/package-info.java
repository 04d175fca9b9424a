/**
 * Demo data (演示数据), loaded only when {@code DEMO=true}: the {@link cn.anxing.demo.DemoData}
 * interface each feature's demo implements, and the demo accounts of every role. It may depend
 * on auth (for the accounts) but on no other feature; each feature's own demo lives in its
 * package.
 */
package cn.anxing.demo;
