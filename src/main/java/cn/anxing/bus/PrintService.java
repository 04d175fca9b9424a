package cn.anxing.bus;

import cn.anxing.auth.Caller;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.platform.WorkerPools;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.RoadLine;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Printing and sending (打印与发放): a line's route sheet for its driver (PDF, CSV), the school's
 * stop list (PDF, CSV) and a household's notice (PDF). A coordinator prints from the plan they
 * name, a draft too, so it can be checked on paper; a parent prints their own household's notice
 * from the plan they see. Only the route sheet carries students' names and parents' phones: a
 * notice says nothing of another family.
 */
public final class PrintService {

    /** Road lines drawn around a small map, at most. */
    private static final int MAP_ROADS = 4000;
    /** The map's share of the page: its width and height in points. */
    private static final float MAP_WIDTH = 495;
    private static final float MAP_HEIGHT = 250;

    private final BusService bus;
    private final BusRepository repository;
    private final PrintRepository print;
    private final RoutingService routing;
    private final WorkerPools workers;
    private final BusPdfs pdfs;
    private final PlanReviewService review;

    public PrintService(BusService bus, BusRepository repository, PlanReviewService review,
                        RoutingService routing, WorkerPools workers, Path fontPath) {
        this.bus = bus;
        this.review = review;
        this.repository = repository;
        this.print = new PrintRepository(repository.pool());
        this.routing = routing;
        this.workers = workers;
        this.pdfs = new BusPdfs(fontPath);
    }

    /** A printed document and the file name it is saved as. */
    public record Printout(byte[] bytes, String fileName) {
    }

    /** The route sheet of line {@code number} of the plan's {@code run} (evening, morning). */
    public Future<Printout> routeSheet(Caller caller, UUID planId, String run, int number,
                                       boolean pdf) {
        return bus.plan(caller, planId).compose(plan -> {
            JsonObject line = PrintModel.line(plan, run, number);
            if (line == null) {
                throw new DomainException(PrintError.UNKNOWN_LINE, "该方案的" + PrintModel.runName(run)
                        + "没有 " + number + " 号线 / the plan's " + run + " run has no line "
                        + number, "line");
            }
            UUID school = UUID.fromString(plan.getString("schoolId"));
            return Future.all(print.buses(school), print.households(school)).compose(all -> {
                PrintModel.Sheet sheet = PrintModel.sheet(plan, run, line, all.resultAt(0),
                        all.resultAt(1));
                String name = "route-sheet-" + run + "-" + number;
                if (!pdf) {
                    return Future.succeededFuture(new Printout(BusCsv.routeSheet(sheet,
                            plan.getString("schoolName")), name + ".csv"));
                }
                return roads(sheet.map()).compose(roads -> workers.documents(() ->
                        new Printout(pdfs.routeSheet(sheet, roads), name + ".pdf")));
            });
        });
    }

    /** The plan's stops with their buses and times: the school's stop list. */
    public Future<Printout> stopList(Caller caller, UUID planId, boolean pdf) {
        return bus.plan(caller, planId).compose(plan -> print.buses(UUID.fromString(
                plan.getString("schoolId"))).compose(buses -> {
                    PrintModel.StopList list = PrintModel.stopList(plan, buses);
                    if (!pdf) {
                        return Future.succeededFuture(new Printout(BusCsv.stopList(list),
                                "stops.csv"));
                    }
                    return roads(list.map()).compose(roads -> workers.documents(() ->
                            new Printout(pdfs.stopList(list, roads), "stops.pdf")));
                }));
    }

    /** A household's notice from the plan the coordinator names. */
    public Future<Printout> notice(Caller caller, UUID planId, UUID householdId) {
        return bus.plan(caller, planId).compose(plan -> notice(plan, householdId));
    }

    /**
     * The notice of a household registered with the parent's phone, from the school's plan
     * the parent's page shows; 404 for any other household, as the child page answers.
     */
    public Future<Printout> parentNotice(UUID parentAccount, UUID householdId) {
        return repository.householdsOfParent(parentAccount).compose(households -> {
            Optional<BusRepository.ParentHousehold> mine = households.stream()
                    .filter(h -> h.householdId().equals(householdId)).findFirst();
            if (mine.isEmpty()) {
                throw new DomainException(CommonError.NOT_FOUND, "未找到 / not found: Household "
                        + householdId);
            }
            // what the parent sees: the published evening plan, else the published morning one
            UUID school = mine.get().schoolId();
            return review.publishedPlan(school, "evening").compose(evening -> evening.isPresent()
                    ? Future.succeededFuture(evening) : review.publishedPlan(school, "morning"))
                    .compose(published -> {
                        if (published.isEmpty()) {
                            throw notInPlan(householdId);
                        }
                        return notice(published.get().plan(), householdId);
                    });
        });
    }

    private Future<Printout> notice(JsonObject plan, UUID householdId) {
        JsonObject entry = PrintModel.find(plan.getJsonArray("households"), "householdId",
                householdId.toString());
        if (entry == null || entry.getString("stopId") == null) {
            throw notInPlan(householdId);
        }
        JsonObject stop = PrintModel.find(plan.getJsonArray("stops"), "id",
                entry.getString("stopId"));
        UUID school = UUID.fromString(plan.getString("schoolId"));
        return Future.all(print.households(school), print.buses(school),
                walking(new LatLon(entry.getDouble("lat"), entry.getDouble("lon")),
                        new LatLon(stop.getDouble("lat"), stop.getDouble("lon")),
                        stop.getString("name"))).compose(all -> {
                            Map<UUID, PrintRepository.Riders> households = all.resultAt(0);
                            PrintModel.Notice notice = PrintModel.notice(plan, householdId,
                                    households.get(householdId), all.resultAt(1),
                                    all.resultAt(2));
                            return roads(notice.map()).compose(roads -> workers.documents(() ->
                                    new Printout(pdfs.notice(notice, roads), "notice.pdf")));
                        });
    }

    /** Walking directions from home to the stop; none when the map cannot route the walk. */
    private Future<List<String>> walking(LatLon home, LatLon stop, String stopName) {
        return WalkingDirections.of(routing, home, stop, stopName);
    }

    /** The roads around what a map draws; none while the road network is not loaded. */
    private Future<List<RoadLine>> roads(PrintModel.MapView view) {
        double[] b = PlanMap.roadBounds(view, MAP_WIDTH, MAP_HEIGHT);
        try {
            return routing.roads(b[0], b[1], b[2], b[3], MAP_ROADS).otherwise(List.of());
        } catch (RuntimeException e) {
            return Future.succeededFuture(List.of());
        }
    }

    private static DomainException notInPlan(UUID householdId) {
        return new DomainException(PrintError.HOUSEHOLD_NOT_IN_PLAN, "这个家庭在方案中没有站点，"
                + "无法打印通知 / the plan gives household " + householdId + " no stop",
                "householdId");
    }
}
