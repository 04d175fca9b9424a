package cn.anxing.map;

import cn.anxing.auth.Authz;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.RoadLine;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Our own base map: the pages run on an intranet with no tile servers, so the vector tiles,
 * their style and the label font are all served here (and the road lines and snapping the
 * pages used before the tiles). Public: OpenStreetMap data, no personal data.
 */
public final class MapRoutes implements FeatureRoutes {

    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL)";
    private static final int MAX_LINES = 6000;

    static final String TILE_TYPE = "application/vnd.mapbox-vector-tile";
    static final String GLYPH_TYPE = "application/x-protobuf";
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
    private static final int MAX_TILE_ZOOM = 22;

    private final RoutingService routing;
    private final BaseMap baseMap;

    public MapRoutes(RoutingService routing, BaseMap baseMap) {
        this.routing = routing;
        this.baseMap = baseMap;
    }

    @Override
    public void mount(Router router) {
        // the map is public: the pages draw it before anyone signs in
        Authz.anyone(router.route("/api/v1/map/*"));
        router.get("/api/v1/map/style.json").handler(this::style);
        router.get("/api/v1/map/tiles/:z/:x/:y.pbf").handler(this::tile);
        router.get("/api/v1/map/glyphs/:fontstack/:range.pbf").handler(this::glyphs);
        router.get("/api/v1/map/info").handler(this::info);
        router.get("/api/v1/map/roads").handler(this::roads);
        router.get("/api/v1/map/snap").handler(this::snap);
    }

    private void style(RoutingContext ctx) {
        JsonObject style = readyTiles().style();
        ctx.response().putHeader("Cache-Control", "no-cache");
        Responses.json(ctx, 200, style);
    }

    /**
     * A vector tile, gzipped as stored (every browser asks for gzip); 204 where the map has
     * nothing, which MapLibre takes as an empty tile.
     */
    private void tile(RoutingContext ctx) {
        int z = integer(ctx, "z", 0, MAX_TILE_ZOOM);
        int x = integer(ctx, "x", 0, (1 << z) - 1);
        int y = integer(ctx, "y", 0, (1 << z) - 1);
        byte[] gzipped = readyTiles().tile(z, x, y);
        HttpServerResponse response = ctx.response()
                .putHeader("Cache-Control", "public, max-age=3600")
                .putHeader("Vary", "Accept-Encoding");
        if (gzipped == null) {
            response.setStatusCode(204).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, TILE_TYPE);
        String accepted = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted != null && accepted.contains("gzip")) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(gzipped));
        } else {
            response.end(Buffer.buffer(gunzip(gzipped)));
        }
    }

    /** A range of 256 label glyphs; the font stack named is answered with our one CJK font. */
    private void glyphs(RoutingContext ctx) {
        Matcher range = RANGE.matcher(ctx.pathParam("range"));
        if (!range.matches()) {
            throw invalid("range", "range must be START-END, e.g. 0-255");
        }
        int start = Integer.parseInt(range.group(1));
        int end = Integer.parseInt(range.group(2));
        if (start % 256 != 0 || end != start + 255 || end > 65535) {
            throw invalid("range", "range must be 256 code points from a multiple of 256, "
                    + "e.g. 19968-20223");
        }
        baseMap.glyphs(start).onSuccess(bytes -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, GLYPH_TYPE)
                        .putHeader("Cache-Control", "public, max-age=86400")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private BaseMap readyTiles() {
        if (baseMap.state() != BaseMap.State.READY) {
            String why = baseMap.state() == BaseMap.State.FAILED ? baseMap.failure()
                    : "still being made from the map file";
            throw new DomainException(MapError.TILES_NOT_READY,
                    "底图正在生成，请稍后再试 / The base map is not ready: " + why);
        }
        return baseMap;
    }

    private static int integer(RoutingContext ctx, String name, int min, int max) {
        try {
            int value = Integer.parseInt(ctx.pathParam(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, name + " must be a whole number from " + min + " to " + max);
    }

    private static DomainException invalid(String field, String english) {
        return new DomainException(CommonError.VALIDATION_FAILED, "参数无效 / " + english, field);
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void info(RoutingContext ctx) {
        MapBounds b = ready().bounds();
        double lat = (b.minLat() + b.maxLat()) / 2;
        double lon = (b.minLon() + b.maxLon()) / 2;
        // the middle of the box may be fields: open the map on the nearest road instead
        routing.snap(lat, lon, RoadNetwork.BUS)
                .map(snap -> new JsonObject().put("lat", snap.point().lat())
                        .put("lon", snap.point().lon()))
                .otherwise(new JsonObject().put("lat", lat).put("lon", lon))
                .onSuccess(center -> Responses.json(ctx, 200, new JsonObject()
                        .put("bounds", new JsonObject().put("minLat", b.minLat())
                                .put("minLon", b.minLon()).put("maxLat", b.maxLat())
                                .put("maxLon", b.maxLon()))
                        .put("center", center)
                        .put("attribution", ATTRIBUTION)));
    }

    private void roads(RoutingContext ctx) {
        double[] bbox = bbox(ctx.queryParams().get("bbox"));
        Responses.reply(ctx, 200, ready().roads(bbox[1], bbox[0], bbox[3], bbox[2], MAX_LINES)
                .map(MapRoutes::featureCollection));
    }

    private void snap(RoutingContext ctx) {
        double lat = coordinate(ctx, "lat", -90, 90);
        double lon = coordinate(ctx, "lon", -180, 180);
        Responses.reply(ctx, 200, ready().snap(lat, lon, RoadNetwork.BUS).map(snap ->
                new JsonObject()
                        .put("lat", snap.point().lat())
                        .put("lon", snap.point().lon())
                        .put("distanceMetres", Math.round(snap.distanceMetres() * 10) / 10.0)
                        .put("roadName", snap.roadName())
                        .put("roadClass", snap.roadClass())
                        .put("expresswayOrRamp", snap.isExpresswayOrRamp())));
    }

    private RoutingService ready() {
        routing.requireReady();
        return routing;
    }

    static JsonObject featureCollection(List<RoadLine> lines) {
        var features = new JsonArray();
        for (RoadLine line : lines) {
            var coordinates = new JsonArray();
            line.points().forEach(p -> coordinates.add(new JsonArray().add(round(p.lon()))
                    .add(round(p.lat()))));
            features.add(new JsonObject()
                    .put("type", "Feature")
                    .put("geometry", new JsonObject().put("type", "LineString")
                            .put("coordinates", coordinates))
                    .put("properties", new JsonObject().put("name", line.name())
                            .put("roadClass", line.roadClass()).put("link", line.link())));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static double[] bbox(String raw) {
        if (raw == null) {
            throw invalid("bbox", "bbox=minLon,minLat,maxLon,maxLat is required");
        }
        String[] parts = raw.split(",");
        if (parts.length != 4) {
            throw invalid("bbox", "bbox needs four numbers: minLon,minLat,maxLon,"
                    + "maxLat");
        }
        double[] values = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                values[i] = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(values[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw invalid("bbox", "bbox values must be numbers");
        }
        if (values[0] >= values[2] || values[1] >= values[3]) {
            throw invalid("bbox", "bbox minimums must be below its maximums");
        }
        return values;
    }

    private static double coordinate(RoutingContext ctx, String name, double min, double max) {
        String raw = ctx.queryParams().get(name);
        try {
            double value = Double.parseDouble(raw);
            // written so that NaN, for which every comparison is false, is out of range too
            if (!(value >= min && value <= max)) {
                throw invalid(name, name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid(name, name + " must be a number");
        }
    }
}
