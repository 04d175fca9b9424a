package cn.anxing.map;

import cn.anxing.http.FeatureRoutes;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * Our own base map: vector tiles cut from the same OpenStreetMap extract the server routes on,
 * their style and glyphs, and the road lines and snapping the pages draw with.
 */
public final class MapModule implements FeatureModule {

    private final Platform platform;
    private final BaseMap baseMap = new BaseMap();
    private final MapRoutes routes;

    public MapModule(Platform platform) {
        this.platform = platform;
        this.routes = new MapRoutes(platform.routing(), baseMap);
    }

    /**
     * Starts cutting the tiles in the background (the server listens meanwhile and tiles answer
     * 503 TILES_NOT_READY until they are there), as the road graph imports.
     */
    @Override
    public Future<Void> start() {
        Path cache = platform.config().dataDir().resolve("tile-cache");
        baseMap.start(platform.vertx(), platform.config().map().mapFile(), cache);
        return Future.succeededFuture();
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes);
    }

    public BaseMap baseMap() {
        return baseMap;
    }
}
