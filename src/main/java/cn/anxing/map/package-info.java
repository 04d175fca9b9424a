/**
 * Our own base map (底图): the road lines, bounds and snapping the pages draw with, since the
 * intranet has no tile servers. A thin face on {@link cn.anxing.routing.RoutingService}: it
 * stores nothing and may not depend on any other feature.
 */
package cn.anxing.map;
