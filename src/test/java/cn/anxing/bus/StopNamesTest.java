package cn.anxing.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.map.tiles.NamedPlaces;
import cn.anxing.routing.LatLon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stop names on the demo map (map-data/guixi.osm), without a server. */
@DisplayName("Stops are named from Guixi's corners and landmarks")
class StopNamesTest {

    private static final Path MAP = Path.of("map-data", "guixi.osm");

    private static StopNames names;
    /** Where 水厂路 meets 贵溪大道, from the map's shared node. */
    private static LatLon corner;

    @BeforeAll
    static void readTheMap() throws IOException {
        names = new StopNames(NamedPlaces.read(MAP));
        corner = sharedNode("水厂路", "贵溪大道");
    }

    @Test
    @DisplayName("A stop by the corner of its road and a cross street is named after both")
    void corner() {
        LatLon stop = new LatLon(corner.lat() + 0.0003, corner.lon());
        assertEquals(List.of("水厂路与贵溪大道路口"), names.names(List.of(stop), List.of("水厂路")));
    }

    @Test
    @DisplayName("Two stops by the same corner are told apart by their side of it")
    void sides() {
        List<String> two = names.names(List.of(new LatLon(corner.lat() + 0.0008, corner.lon()),
                new LatLon(corner.lat() - 0.0008, corner.lon())), List.of("水厂路", "水厂路"));
        assertEquals(List.of("水厂路与贵溪大道路口北侧", "水厂路与贵溪大道路口南侧"), two);
    }

    @Test
    @DisplayName("A stop on a road with no name at a landmark is named after the landmark")
    void landmark() {
        assertEquals(List.of("贵溪市第四中学"), names.names(
                List.of(new LatLon(28.3199, 117.2428)), List.of("")));
    }

    @Test
    @DisplayName("Many stops along one road all get names, none unnamed, no two alike")
    void manyAlongARoad() {
        List<LatLon> points = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            points.add(new LatLon(corner.lat() + 0.003 + i * 0.0006, corner.lon() + 0.0002));
        }
        List<String> named = names.names(points, java.util.Collections.nCopies(12, "水厂路"));
        assertEquals(12, new HashSet<>(named).size(), named.toString());
        assertTrue(named.stream().noneMatch(n -> n.contains("无名") || n.contains("·")),
                named.toString());
    }

    /** The first node two named ways share. */
    private static LatLon sharedNode(String a, String b) throws IOException {
        String osm = Files.readString(MAP);
        Map<String, LatLon> nodes = new HashMap<>();
        Matcher node = Pattern.compile("<node id=\"(\\d+)\"[^>]*lat=\"([0-9.]+)\" lon=\"([0-9.]+)\"")
                .matcher(osm);
        while (node.find()) {
            nodes.put(node.group(1), new LatLon(Double.parseDouble(node.group(2)),
                    Double.parseDouble(node.group(3))));
        }
        Set<String> first = new HashSet<>();
        Set<String> second = new HashSet<>();
        Matcher way = Pattern.compile("(?s)<way.*?</way>").matcher(osm);
        Pattern ref = Pattern.compile("<nd ref=\"(\\d+)\"");
        while (way.find()) {
            String text = way.group();
            Set<String> into = text.contains("v=\"" + a + "\"") ? first
                    : text.contains("v=\"" + b + "\"") ? second : null;
            if (into != null) {
                Matcher r = ref.matcher(text);
                while (r.find()) {
                    into.add(r.group(1));
                }
            }
        }
        first.retainAll(second);
        assertTrue(!first.isEmpty(), a + " and " + b + " share no node");
        return nodes.get(first.iterator().next());
    }
}
