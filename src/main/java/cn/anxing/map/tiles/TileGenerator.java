package cn.anxing.map.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Cuts the base map's features into vector tiles, zoom by zoom: each feature is scaled to the
 * zoom's pixel grid, simplified below what a pixel shows, clipped to every tile it crosses
 * (with a margin, so lines and outlines join seamlessly) and encoded; each tile is gzipped once
 * here so serving it is a plain copy.
 */
final class TileGenerator {

    static final int MIN_ZOOM = 10;
    /** Tiles stop at 16; MapLibre draws 17 and 18 from them (overzoom) with crisp vectors. */
    static final int MAX_ZOOM = 16;

    private static final int EXTENT = VectorTileEncoder.EXTENT;
    /** Tile units per screen pixel (MapLibre draws a tile 512 pixels wide). */
    private static final double UNITS_PER_PIXEL = EXTENT / 512.0;
    private static final double BUFFER = 64;
    /** Areas smaller than about 3 by 3 pixels are not drawn at that zoom. */
    private static final double MIN_AREA = Math.pow(3 * UNITS_PER_PIXEL, 2);
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private TileGenerator() {
    }

    /** The gzipped tiles of every zoom, by {@link TileSet#key}. */
    static Map<Long, byte[]> generate(List<MapFeature> features) {
        Map<Long, byte[]> tiles = new HashMap<>();
        for (int z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
            Map<Long, VectorTileEncoder> encoders = new HashMap<>();
            for (MapFeature feature : features) {
                if (feature.minZoom() <= z) {
                    cut(feature, z, encoders);
                }
            }
            encoders.forEach((key, encoder) -> {
                if (!encoder.isEmpty()) {
                    tiles.put(key, gzip(encoder.encode()));
                }
            });
        }
        return tiles;
    }

    private static void cut(MapFeature feature, int z, Map<Long, VectorTileEncoder> encoders) {
        double worldSize = (double) EXTENT * (1L << z);
        Geometry world = AffineTransformation.scaleInstance(worldSize, worldSize)
                .transform(feature.geometry());
        boolean points = world instanceof Puntal;
        if (!points) {
            // finer at the last zoom: it is drawn magnified up to 18
            double tolerance = UNITS_PER_PIXEL * (z == MAX_ZOOM ? 0.125 : 0.5);
            world = DouglasPeuckerSimplifier.simplify(world, tolerance);
            if (world.isEmpty() || (world instanceof Polygonal && world.getArea() < MIN_AREA)) {
                return;
            }
        }
        Envelope box = world.getEnvelopeInternal();
        int tiles = 1 << z;
        double margin = points ? 0 : BUFFER;
        int minX = clamp((int) Math.floor((box.getMinX() - margin) / EXTENT), tiles);
        int maxX = clamp((int) Math.floor((box.getMaxX() + margin) / EXTENT), tiles);
        int minY = clamp((int) Math.floor((box.getMinY() - margin) / EXTENT), tiles);
        int maxY = clamp((int) Math.floor((box.getMaxY() + margin) / EXTENT), tiles);
        for (int x = minX; x <= maxX; x++) {
            for (int y = minY; y <= maxY; y++) {
                Envelope tile = new Envelope(x * (double) EXTENT - margin,
                        (x + 1) * (double) EXTENT + margin, y * (double) EXTENT - margin,
                        (y + 1) * (double) EXTENT + margin);
                Geometry part = tile.contains(box) ? world : clip(world, tile);
                if (part == null || part.isEmpty()) {
                    continue;
                }
                Geometry local = AffineTransformation.translationInstance(
                        -x * (double) EXTENT, -y * (double) EXTENT).transform(part);
                encoders.computeIfAbsent(TileSet.key(z, x, y), k -> new VectorTileEncoder())
                        .add(feature.layer(), local, feature.properties());
            }
        }
    }

    private static Geometry clip(Geometry world, Envelope tile) {
        Geometry rectangle = GEOMETRY.toGeometry(tile);
        try {
            return sameDimension(world.intersection(rectangle), world.getDimension());
        } catch (TopologyException e) {
            // a self-touching outline from the extract: its repaired form clips cleanly
            try {
                return sameDimension(world.buffer(0).intersection(rectangle),
                        world.getDimension());
            } catch (TopologyException again) {
                return null;
            }
        }
    }

    /** An area clipped along a tile edge may leave stray edge lines or points: drop those. */
    private static Geometry sameDimension(Geometry clipped, int dimension) {
        if (clipped.getClass() != GeometryCollection.class) {
            return clipped;
        }
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < clipped.getNumGeometries(); i++) {
            Geometry part = clipped.getGeometryN(i);
            if (part.getDimension() == dimension && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return GEOMETRY.buildGeometry(parts);
    }

    private static int clamp(int index, int tiles) {
        return Math.max(0, Math.min(tiles - 1, index));
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
