package cn.anxing.routing;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.ResponsePath;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.util.Instruction;
import com.graphhopper.util.PointList;
import com.graphhopper.util.Translation;
import com.graphhopper.util.exceptions.ConnectionNotFoundException;
import com.graphhopper.util.exceptions.PointNotFoundException;
import com.graphhopper.util.exceptions.PointOutOfBoundsException;
import com.graphhopper.util.shapes.GHPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Point-to-point routes with turn instructions in Chinese and English, through GraphHopper's
 * own router; GraphHopper's errors become ours ({@link PointNotOnRoadException},
 * {@link NoRouteException}).
 */
final class RouteFinder {

    private final RoadNetwork network;
    private final Translation chinese;
    private final Translation english;

    RouteFinder(RoadNetwork network) {
        this.network = network;
        var translations = network.hopper().getTranslationMap();
        chinese = translations.getWithFallBack(Locale.SIMPLIFIED_CHINESE);
        english = translations.getWithFallBack(Locale.ENGLISH);
    }

    /** See {@link RoadNetwork#route}. */
    Route route(List<LatLon> points, String profile) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two points");
        }
        network.weighting(profile);
        for (int i = 0; i < points.size(); i++) {
            if (!network.contains(points.get(i).lat(), points.get(i).lon())) {
                throw network.outsideMap(points.get(i), i);
            }
        }
        GHRequest request = new GHRequest(points.stream()
                .map(p -> new GHPoint(p.lat(), p.lon())).toList())
                .setProfile(profile)
                .setLocale(Locale.SIMPLIFIED_CHINESE)
                .setPathDetails(List.of(RoadClass.KEY));
        request.getHints().putObject("instructions", true);
        GHResponse response = network.hopper().route(request);
        if (response.hasErrors()) {
            throw translate(response.getErrors().get(0));
        }
        ResponsePath best = response.getBest();
        List<Route.Instruction> steps = new ArrayList<>();
        for (Instruction instruction : best.getInstructions()) {
            PointList at = instruction.getPoints();
            steps.add(new Route.Instruction(instruction.getSign(),
                    instruction.getName() == null ? "" : instruction.getName(),
                    instruction.getTurnDescription(chinese),
                    instruction.getTurnDescription(english),
                    instruction.getDistance(), instruction.getTime() / 1000.0,
                    new LatLon(at.getLat(0), at.getLon(0))));
        }
        Set<String> roadClasses = new LinkedHashSet<>();
        best.getPathDetails().getOrDefault(RoadClass.KEY, List.of())
                .forEach(detail -> roadClasses.add(String.valueOf(detail.getValue())));
        return new Route(best.getDistance(), best.getTime() / 1000.0,
                RoadNetwork.toLatLons(best.getPoints()), steps, List.copyOf(roadClasses));
    }

    private static RuntimeException translate(Throwable error) {
        if (error instanceof PointOutOfBoundsException e) {
            return new PointNotOnRoadException(e.getMessage(), e.getPointIndex(),
                    PointNotOnRoadException.Reason.OUTSIDE_MAP);
        }
        if (error instanceof PointNotFoundException e) {
            return new PointNotOnRoadException(e.getMessage(), e.getPointIndex(),
                    PointNotOnRoadException.Reason.NO_ROAD_NEARBY);
        }
        if (error instanceof ConnectionNotFoundException) {
            return new NoRouteException(error.getMessage());
        }
        return new IllegalStateException("routing failed: " + error.getMessage(), error);
    }
}
