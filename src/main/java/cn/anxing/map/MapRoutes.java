package cn.anxing.map;

import cn.anxing.auth.Authz;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.Responses;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.RoadLine;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Our own base map: the pages run on an intranet with no tile servers, so they draw the road
 * lines served here. Public: OpenStreetMap data, no personal data.
 */
public final class MapRoutes implements FeatureRoutes {

    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL)";
    private static final int MAX_LINES = 6000;

    private final RoutingService routing;

    public MapRoutes(RoutingService routing) {
        this.routing = routing;
    }

    @Override
    public void mount(Router router) {
        // the map is public: the pages draw it before anyone signs in
        Authz.anyone(router.route("/api/v1/map/*"));
        router.get("/api/v1/map/info").handler(this::info);
        router.get("/api/v1/map/roads").handler(this::roads);
        router.get("/api/v1/map/snap").handler(this::snap);
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

    private static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
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
            if (value < min || value > max) {
                throw invalid(name, name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid(name, name + " must be a number");
        }
    }
}
