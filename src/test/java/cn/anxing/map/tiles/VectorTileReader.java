package cn.anxing.map.tiles;

import com.google.protobuf.CodedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a vector tile back, independently of the encoder (straight from the protobuf wire
 * format of vector_tile.proto), so tests check what MapLibre will get.
 */
final class VectorTileReader {

    /** One feature: its geometry type (1 point, 2 line, 3 polygon) and attributes. */
    record Feature(int type, Map<String, Object> properties, List<Integer> geometry) {
    }

    private VectorTileReader() {
    }

    /** Features by layer name, from the gzipped tile as served. */
    static Map<String, List<Feature>> read(byte[] gzipped) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            CodedInputStream tile = CodedInputStream.newInstance(in.readAllBytes());
            Map<String, List<Feature>> layers = new LinkedHashMap<>();
            for (int tag; (tag = tile.readTag()) != 0; ) {
                if (tag >>> 3 == 3) {
                    readLayer(CodedInputStream.newInstance(tile.readByteArray()), layers);
                } else {
                    tile.skipField(tag);
                }
            }
            return layers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readLayer(CodedInputStream layer, Map<String, List<Feature>> layers)
            throws IOException {
        String name = null;
        List<byte[]> features = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int tag; (tag = layer.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> name = layer.readString();
                case 2 -> features.add(layer.readByteArray());
                case 3 -> keys.add(layer.readString());
                case 4 -> values.add(value(CodedInputStream.newInstance(layer.readByteArray())));
                default -> layer.skipField(tag);
            }
        }
        List<Feature> read = new ArrayList<>();
        for (byte[] bytes : features) {
            CodedInputStream feature = CodedInputStream.newInstance(bytes);
            int type = 0;
            List<Integer> tags = new ArrayList<>();
            List<Integer> geometry = new ArrayList<>();
            for (int tag; (tag = feature.readTag()) != 0; ) {
                switch (tag >>> 3) {
                    case 2 -> packed(feature, tags);
                    case 3 -> type = feature.readUInt32();
                    case 4 -> packed(feature, geometry);
                    default -> feature.skipField(tag);
                }
            }
            Map<String, Object> properties = new HashMap<>();
            for (int i = 0; i + 1 < tags.size(); i += 2) {
                properties.put(keys.get(tags.get(i)), values.get(tags.get(i + 1)));
            }
            read.add(new Feature(type, properties, geometry));
        }
        layers.put(name, read);
    }

    private static void packed(CodedInputStream in, List<Integer> into) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            into.add(in.readRawVarint32());
        }
        in.popLimit(limit);
    }

    private static Object value(CodedInputStream in) throws IOException {
        Object value = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> value = in.readString();
                case 3 -> value = in.readDouble();
                case 6 -> value = in.readSInt64();
                case 7 -> value = in.readBool();
                default -> in.skipField(tag);
            }
        }
        return value;
    }
}
