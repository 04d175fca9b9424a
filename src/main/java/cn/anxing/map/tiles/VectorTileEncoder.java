package cn.anxing.map.tiles;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.Lineal;

/**
 * Writes one Mapbox Vector Tile (MVT 2.1, the format MapLibre reads) from geometries already in
 * tile coordinates (0..{@link #EXTENT}, y down). The protobuf wire format is written with
 * protobuf-java's {@link CodedOutputStream}; the few messages are small enough that generating
 * classes from vector_tile.proto would add a build step for nothing.
 */
final class VectorTileEncoder {

    static final int EXTENT = 4096;

    private static final int MOVE_TO = 1;
    private static final int LINE_TO = 2;
    private static final int CLOSE_PATH = 7;
    private static final int POINT = 1;
    private static final int LINESTRING = 2;
    private static final int POLYGON = 3;

    private final Map<String, Layer> layers = new LinkedHashMap<>();

    private static final class Layer {
        final Map<String, Integer> keys = new LinkedHashMap<>();
        final Map<Object, Integer> values = new LinkedHashMap<>();
        final List<byte[]> features = new ArrayList<>();
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }

    /** Adds a feature; geometries that round to nothing at this zoom are left out. */
    void add(String layerName, Geometry geometry, Map<String, Object> properties) {
        int type;
        cursorX = 0;
        cursorY = 0;
        List<Integer> commands = new ArrayList<>();
        if (geometry instanceof Puntal) {
            type = POINT;
            points(geometry, commands);
        } else if (geometry instanceof Lineal) {
            type = LINESTRING;
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                path(((LineString) geometry.getGeometryN(i)).getCoordinates(), false, commands);
            }
        } else if (geometry instanceof Polygonal) {
            type = POLYGON;
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon polygon = (Polygon) geometry.getGeometryN(i);
                int before = commands.size();
                // MVT wants the outer ring's surveyor's area positive in tile coordinates
                // (clockwise on screen, y down) and holes negative: JTS's normal form has
                // exactly the opposite orientation, so its rings are written reversed
                Polygon normal = (Polygon) polygon.norm();
                path(normal.getExteriorRing().reverse().getCoordinates(), true, commands);
                if (commands.size() == before) {
                    continue;
                }
                for (int h = 0; h < normal.getNumInteriorRing(); h++) {
                    path(normal.getInteriorRingN(h).reverse().getCoordinates(), true, commands);
                }
            }
        } else {
            return;
        }
        if (commands.isEmpty()) {
            return;
        }
        Layer layer = layers.computeIfAbsent(layerName, name -> new Layer());
        List<Integer> tags = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            tags.add(layer.keys.computeIfAbsent(key, k -> layer.keys.size()));
            tags.add(layer.values.computeIfAbsent(value, v -> layer.values.size()));
        });
        layer.features.add(Protobuf.message(out -> {
            packed(out, 2, tags);
            out.writeUInt32(3, type);
            packed(out, 4, commands);
        }));
    }

    /** The tile as protobuf bytes. */
    byte[] encode() {
        return Protobuf.message(out -> {
            for (Map.Entry<String, Layer> entry : layers.entrySet()) {
                Layer layer = entry.getValue();
                out.writeByteArray(3, Protobuf.message(l -> {
                    l.writeUInt32(15, 2);
                    l.writeString(1, entry.getKey());
                    for (byte[] feature : layer.features) {
                        l.writeByteArray(2, feature);
                    }
                    for (String key : layer.keys.keySet()) {
                        l.writeString(3, key);
                    }
                    for (Object value : layer.values.keySet()) {
                        l.writeByteArray(4, value(value));
                    }
                    l.writeUInt32(5, EXTENT);
                }));
            }
        });
    }

    private static byte[] value(Object value) {
        return Protobuf.message(out -> {
            if (value instanceof Boolean b) {
                out.writeBool(7, b);
            } else if (value instanceof Integer || value instanceof Long) {
                out.writeSInt64(6, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                out.writeDouble(3, n.doubleValue());
            } else {
                out.writeString(1, value.toString());
            }
        });
    }

    private static void points(Geometry geometry, List<Integer> commands) {
        List<int[]> kept = new ArrayList<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Coordinate c = ((Point) geometry.getGeometryN(i)).getCoordinate();
            kept.add(new int[] {(int) Math.round(c.x), (int) Math.round(c.y)});
        }
        commands.add(command(MOVE_TO, kept.size()));
        int x = 0;
        int y = 0;
        for (int[] p : kept) {
            commands.add(zigzag(p[0] - x));
            commands.add(zigzag(p[1] - y));
            x = p[0];
            y = p[1];
        }
    }

    /** MVT's cursor runs on from one path of a feature to the next. */
    private int cursorX;
    private int cursorY;

    /** One line or ring, rounded to whole tile units, repeated points dropped. */
    private void path(Coordinate[] coordinates, boolean ring, List<Integer> commands) {
        List<int[]> kept = new ArrayList<>();
        int last = ring ? coordinates.length - 1 : coordinates.length;
        for (int i = 0; i < last; i++) {
            int[] p = {(int) Math.round(coordinates[i].x), (int) Math.round(coordinates[i].y)};
            int[] previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (previous == null || previous[0] != p[0] || previous[1] != p[1]) {
                kept.add(p);
            }
        }
        if (ring && kept.size() > 1 && kept.get(0)[0] == kept.get(kept.size() - 1)[0]
                && kept.get(0)[1] == kept.get(kept.size() - 1)[1]) {
            kept.remove(kept.size() - 1);
        }
        if (kept.size() < (ring ? 3 : 2)) {
            return;
        }
        commands.add(command(MOVE_TO, 1));
        move(kept.get(0), commands);
        commands.add(command(LINE_TO, kept.size() - 1));
        for (int i = 1; i < kept.size(); i++) {
            move(kept.get(i), commands);
        }
        if (ring) {
            commands.add(command(CLOSE_PATH, 1));
        }
    }

    private void move(int[] p, List<Integer> commands) {
        commands.add(zigzag(p[0] - cursorX));
        commands.add(zigzag(p[1] - cursorY));
        cursorX = p[0];
        cursorY = p[1];
    }

    private static int command(int id, int count) {
        return (id & 0x7) | (count << 3);
    }

    private static int zigzag(int n) {
        return (n << 1) ^ (n >> 31);
    }


    private static void packed(CodedOutputStream out, int field, List<Integer> values)
            throws IOException {
        if (values.isEmpty()) {
            return;
        }
        int size = 0;
        for (int v : values) {
            size += CodedOutputStream.computeUInt32SizeNoTag(v);
        }
        out.writeTag(field, 2);
        out.writeUInt32NoTag(size);
        for (int v : values) {
            out.writeUInt32NoTag(v);
        }
    }
}
