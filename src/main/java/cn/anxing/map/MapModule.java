package cn.anxing.map;

import cn.anxing.http.FeatureRoutes;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import java.util.List;

/** Our own base map: the road lines and snapping the pages draw with. */
public final class MapModule implements FeatureModule {

    private final MapRoutes routes;

    public MapModule(Platform platform) {
        this.routes = new MapRoutes(platform.routing());
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes);
    }
}
