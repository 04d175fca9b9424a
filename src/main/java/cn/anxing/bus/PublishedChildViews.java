package cn.anxing.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parent's view of their child's bus from the published plans only (已发布的方案): the evening
 * run from the plan published for the evening, the morning run from the morning's, which may be
 * different plans. A draft is never shown. The view says plainly on which run the child has no
 * seat, and, when a run's plan was published today over an earlier one, what changed for this
 * household (今日变化).
 */
final class PublishedChildViews {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] RUNS = {"evening", "morning"};

    private PublishedChildViews() {
    }

    /**
     * @param published per run (evening, morning), the current publication first and the one
     *                  before it second, when there is one
     */
    static JsonObject childBus(BusRepository.ParentHousehold household,
                               List<List<PlanReviewService.PublishedPlan>> published,
                               LocalDate today) {
        JsonObject[] views = new JsonObject[2];
        for (int r = 0; r < 2; r++) {
            views[r] = published.get(r).isEmpty() ? null : PlanViews.childBus(household,
                    Optional.of(published.get(r).get(0).plan()));
        }
        if (views[0] == null && views[1] == null) {
            return PlanViews.childBus(household, Optional.empty());
        }
        JsonObject base = served(views[0]) || views[1] == null ? views[0] : views[1];
        JsonObject json = base.copy();
        var publications = new JsonObject();
        var noSeat = new JsonArray();
        var changes = new JsonArray();
        for (int r = 0; r < 2; r++) {
            String run = RUNS[r];
            JsonObject view = views[r];
            json.put(run, served(view) ? view.getValue(run) : null);
            if (view == null) {
                publications.putNull(run);
                continue;
            }
            PlanReviewService.PublishedPlan current = published.get(r).get(0);
            publications.put(run, new JsonObject().put("planId", current.planId().toString())
                    .put("publishedAt", current.publishedAt().toString()));
            if (!served(view) || view.getValue(run) == null) {
                JsonObject unserved = view.getJsonObject("unserved");
                noSeat.add(new JsonObject().put("run", run).put("reasonText", unserved == null
                        ? null : unserved.getString("reasonText")));
            }
            if (published.get(r).size() > 1
                    && current.publishedAt().atZone(SHANGHAI).toLocalDate().equals(today)) {
                JsonObject before = place(PlanViews.childBus(household,
                        Optional.of(published.get(r).get(1).plan())), run);
                JsonObject after = place(view, run);
                if (!before.equals(after)) {
                    changes.add(new JsonObject().put("run", run)
                            .put("publishedAt", current.publishedAt().toString())
                            .put("before", before).put("after", after));
                }
            }
        }
        if (served(base) && served(views[1]) && !Objects.equals(stopId(base), stopId(views[1]))) {
            // the morning's plan puts the child at another stop than the evening's
            json.put("morningStop", views[1].getJsonObject("stop"));
        }
        return json.put("published", publications).put("noSeat", noSeat)
                .put("changes", changes);
    }

    /** The stop, bus and time of one run, as the day's changes compare them. */
    private static JsonObject place(JsonObject view, String run) {
        var place = new JsonObject();
        if (!served(view)) {
            return place.put("seat", false);
        }
        JsonObject at = view.getJsonObject(run);
        place.put("seat", at != null).put("stop", view.getJsonObject("stop").getString("name"));
        if (at != null) {
            place.put("line", at.getString("lineName")).put("bus", at.getString("busLabel"))
                    .put("arrival", at.getString("arrival"));
        }
        return place;
    }

    private static boolean served(JsonObject view) {
        return view != null && "SERVED".equals(view.getString("status"));
    }

    private static String stopId(JsonObject view) {
        JsonObject stop = view.getJsonObject("stop");
        return stop == null ? null : stop.getString("id");
    }
}
