package cn.anxing.routing;

import java.nio.file.Path;

/** The real OSM extracts beside the project (../shared/map-data), never copied into it. */
final class Maps {

    private Maps() {
    }

    static Path file(String name) {
        String shared = System.getProperty("anxing.shared.dir", "../shared");
        return Path.of(shared, "map-data", name);
    }
}
