package cn.anxing.routing;

import cn.anxing.error.DomainException;
import java.nio.file.Path;

/** The configured OSM extract is not there; the message tells the operator how to get one. */
public class MapFileMissingException extends DomainException {

    public MapFileMissingException(Path mapFile) {
        super(RoutingError.MAP_FILE_MISSING, "Map file " + mapFile.toAbsolutePath()
                + " does not exist. Get one with `map-data/fetch` (downloads or links an OSM"
                + " extract into map-data/), or set MAP_FILE to an existing .osm or .osm.pbf"
                + " file.");
    }
}
