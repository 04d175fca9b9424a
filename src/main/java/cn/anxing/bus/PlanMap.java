package cn.anxing.bus;

import cn.anxing.documents.PdfLayout;
import cn.anxing.routing.RoadLine;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A small map on a printed page (打印小地图), drawn from the plan's own geometry and the road
 * network around it: no tiles from anywhere. A plain projection (longitude scaled by the cosine
 * of the latitude) is exact enough for a few kilometres.
 */
final class PlanMap {

    /** At least this much of the world is shown, in degrees of latitude (about 250 m). */
    private static final double MIN_SPAN = 0.0025;
    /** Road names written on a map, at most, so they do not cover the line. */
    private static final int MAX_ROAD_NAMES = 12;

    private final PdfLayout.Writer writer;
    private final PdfLayout.Area area;
    private final double minLat;
    private final double minLon;
    private final double cos;
    private final double scale;
    private final float offsetX;
    private final float offsetY;

    private PlanMap(PdfLayout.Writer writer, PdfLayout.Area area, double[] bounds) {
        this.writer = writer;
        this.area = area;
        double midLat = (bounds[0] + bounds[2]) / 2;
        this.cos = Math.cos(Math.toRadians(midLat));
        double height = Math.max(MIN_SPAN, bounds[2] - bounds[0]) * 1.15;
        double width = Math.max(MIN_SPAN, (bounds[3] - bounds[1]) * cos) * 1.15;
        this.scale = Math.min(area.width() / width, area.height() / height);
        double midLon = (bounds[1] + bounds[3]) / 2;
        this.minLat = midLat - area.height() / scale / 2;
        this.minLon = midLon - area.width() / scale / 2 / cos;
        this.offsetX = area.x();
        this.offsetY = area.y();
    }

    /** The degrees around what the view draws that its roads should cover. */
    static double[] roadBounds(PrintModel.MapView view, float width, float height) {
        double[] b = view.bounds();
        double midLat = (b[0] + b[2]) / 2;
        double cos = Math.cos(Math.toRadians(midLat));
        double spanLat = Math.max(MIN_SPAN, b[2] - b[0]) * 1.15;
        double spanLon = Math.max(MIN_SPAN, (b[3] - b[1]) * cos) * 1.15;
        // the page's shape widens one of the spans
        double ratio = width / height;
        spanLon = Math.max(spanLon, spanLat * ratio);
        spanLat = Math.max(spanLat, spanLon / ratio);
        double midLon = (b[1] + b[3]) / 2;
        return new double[] {midLat - spanLat / 2, midLon - spanLon / 2 / cos,
                midLat + spanLat / 2, midLon + spanLon / 2 / cos};
    }

    /** Draws the view in {@code height} points of the page's width. */
    static void draw(PdfLayout.Writer writer, float height, PrintModel.MapView view)
            throws IOException {
        PdfLayout.Area area = writer.area(height);
        new PlanMap(writer, area, view.bounds()).draw(view);
    }

    private void draw(PrintModel.MapView view) throws IOException {
        PDPageContentStream cs = area.canvas();
        cs.saveGraphicsState();
        cs.addRect(area.x(), area.y(), area.width(), area.height());
        cs.clip();
        cs.setNonStrokingColor(0.97f, 0.97f, 0.95f);
        cs.addRect(area.x(), area.y(), area.width(), area.height());
        cs.fill();
        cs.setLineCapStyle(1);
        cs.setLineJoinStyle(1);
        for (RoadLine road : view.roads()) {
            float grey = major(road.roadClass()) ? 0.72f : 0.82f;
            cs.setStrokingColor(grey, grey, grey);
            cs.setLineWidth(major(road.roadClass()) ? 2.2f : 1.0f);
            polyline(cs, road.points().stream().map(p -> new double[] {p.lat(), p.lon()})
                    .toList());
        }
        cs.setStrokingColor(0.12f, 0.43f, 0.85f);
        cs.setLineWidth(2.6f);
        for (List<double[]> line : view.lines()) {
            polyline(cs, line);
        }
        if (view.walk().size() >= 2) {
            cs.setStrokingColor(0.2f, 0.2f, 0.2f);
            cs.setLineWidth(1.6f);
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            polyline(cs, view.walk());
            cs.setLineDashPattern(new float[] {}, 0);
        }
        roadNames(view.roads());
        for (PrintModel.Marker m : view.markers()) {
            marker(cs, m);
        }
        cs.restoreGraphicsState();
        cs.setStrokingColor(0.4f, 0.4f, 0.4f);
        cs.setLineWidth(0.6f);
        cs.addRect(area.x(), area.y(), area.width(), area.height());
        cs.stroke();
        cs.setStrokingColor(0f, 0f, 0f);
        cs.setNonStrokingColor(0f, 0f, 0f);
    }

    /**
     * Each named road's name once, at the middle of its longest piece on the map, the larger
     * roads first: what a reader finds the line by.
     */
    private void roadNames(List<RoadLine> roads) throws IOException {
        java.util.Map<String, RoadLine> longest = new java.util.LinkedHashMap<>();
        roads.stream().filter(r -> !r.name().isBlank() && r.points().size() >= 2)
                .sorted(java.util.Comparator.comparing((RoadLine r) -> !major(r.roadClass())))
                .forEach(r -> longest.merge(r.name(), r, (a, b) ->
                        length(b) > length(a) ? b : a));
        int shown = 0;
        for (RoadLine road : longest.values()) {
            var middle = road.points().get(road.points().size() / 2);
            float x = x(middle.lon());
            float y = y(middle.lat());
            if (shown >= MAX_ROAD_NAMES || x < area.x() + 4 || y < area.y() + 4
                    || x > area.x() + area.width() - 40 || y > area.y() + area.height() - 10) {
                continue;
            }
            area.canvas().setNonStrokingColor(0.45f, 0.45f, 0.45f);
            writer.show(x + 2, y + 2, road.name(), 7);
            shown++;
        }
        area.canvas().setNonStrokingColor(0f, 0f, 0f);
    }

    private double length(RoadLine road) {
        double metres = 0;
        for (int i = 1; i < road.points().size(); i++) {
            metres += road.points().get(i - 1).distanceMetres(road.points().get(i));
        }
        return metres;
    }

    private static boolean major(String roadClass) {
        return List.of("motorway", "trunk", "primary", "secondary", "tertiary")
                .contains(roadClass);
    }

    private void polyline(PDPageContentStream cs, List<double[]> points) throws IOException {
        if (points.size() < 2) {
            return;
        }
        cs.moveTo(x(points.get(0)[1]), y(points.get(0)[0]));
        for (double[] p : points.subList(1, points.size())) {
            cs.lineTo(x(p[1]), y(p[0]));
        }
        cs.stroke();
    }

    private void marker(PDPageContentStream cs, PrintModel.Marker m) throws IOException {
        float x = x(m.lon());
        float y = y(m.lat());
        switch (m.kind()) {
            case "school" -> {
                cs.setNonStrokingColor(0.15f, 0.15f, 0.15f);
                cs.addRect(x - 5, y - 5, 10, 10);
                cs.fill();
                label(x + 8, y - 3, m.label(), 8);
            }
            case "home" -> {
                circle(cs, x, y, 5, 0.96f, 0.38f, 0.21f);
                label(x + 8, y - 3, m.label(), 9);
            }
            default -> {
                boolean number = m.label().length() <= 3;
                circle(cs, x, y, number ? 6 : 5, 0.11f, 0.6f, 0.55f);
                if (number) {
                    cs.setNonStrokingColor(1f, 1f, 1f);
                    float w = writer.widthOf(m.label(), 7);
                    writer.show(x - w / 2, y - 2.5f, m.label(), 7);
                } else {
                    label(x + 8, y - 3, m.label(), 9);
                }
            }
        }
        cs.setNonStrokingColor(0f, 0f, 0f);
    }

    private void label(float x, float y, String text, float size) throws IOException {
        area.canvas().setNonStrokingColor(0.1f, 0.1f, 0.1f);
        writer.show(x, y, text, size);
    }

    private static void circle(PDPageContentStream cs, float x, float y, float r, float red,
                               float green, float blue) throws IOException {
        float k = 0.5523f * r;
        cs.setNonStrokingColor(red, green, blue);
        cs.setStrokingColor(1f, 1f, 1f);
        cs.setLineWidth(1.2f);
        cs.moveTo(x + r, y);
        cs.curveTo(x + r, y + k, x + k, y + r, x, y + r);
        cs.curveTo(x - k, y + r, x - r, y + k, x - r, y);
        cs.curveTo(x - r, y - k, x - k, y - r, x, y - r);
        cs.curveTo(x + k, y - r, x + r, y - k, x + r, y);
        cs.closeAndFillAndStroke();
    }

    private float x(double lon) {
        return offsetX + (float) ((lon - minLon) * cos * scale);
    }

    private float y(double lat) {
        return offsetY + (float) ((lat - minLat) * scale);
    }
}
