package cn.anxing.routing;

import java.nio.file.Path;

/**
 * Where the map comes from and how much of the machine routing may use.
 *
 * @param mapFile       the OSM extract (.osm or .osm.pbf), MAP_FILE
 * @param cacheDir      where the imported graph is kept between starts
 * @param matrixThreads worker threads a travel matrix is split across
 */
public record RoutingConfig(Path mapFile, Path cacheDir, int matrixThreads) {

    public RoutingConfig {
        if (matrixThreads < 1) {
            throw new IllegalArgumentException("matrixThreads must be at least 1");
        }
    }
}
