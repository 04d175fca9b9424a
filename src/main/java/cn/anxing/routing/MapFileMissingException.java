package cn.anxing.routing;

import java.nio.file.Path;

/** The configured OSM extract is not there; the message tells the operator how to get one. */
public class MapFileMissingException extends RuntimeException {

    public MapFileMissingException(Path mapFile) {
        super("Map file " + mapFile.toAbsolutePath() + " does not exist. Get one with"
                + " `map-data/fetch` (downloads or links an OSM extract into map-data/), or set"
                + " MAP_FILE to an existing .osm or .osm.pbf file.");
    }
}
