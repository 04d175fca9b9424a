package cn.anxing.bus;

import cn.anxing.auth.Caller;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.platform.WorkerPools;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.NoRouteException;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.Route;
import cn.anxing.routing.RoutingService;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Plan review (方案审核与发布): a finished plan is a draft; the coordinator compares plans, edits
 * one by hand (each edit a new version) and publishes it for the evening run, the morning run or
 * both. Parents read only what was published. Who may act is {@link BusService}'s rule: a
 * coordinator on their organisation's schools, an admin on every school.
 */
public final class PlanReviewService {

    /** The plan parents see for a run, who published it and when. */
    public record PublishedPlan(String run, UUID planId, JsonObject plan, Instant publishedAt,
                                UUID publishedBy, String publishedByName) {
    }

    static final List<String> RUNS = List.of("evening", "morning");

    /** The stored document has keys the record does not (planId, version): they are skipped. */
    private static final ObjectMapper DOCUMENTS = DatabindCodec.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final BusService bus;
    private final BusRepository buses;
    private final PlanReviewRepository repository;
    private final PlanningJobs jobs;
    private final RoutingService routing;
    private final WorkerPools workers;
    private final Clock clock;

    PlanReviewService(BusService bus, BusRepository buses, PlanReviewRepository repository,
                      PlanningJobs jobs, RoutingService routing, WorkerPools workers,
                      Clock clock) {
        this.bus = bus;
        this.buses = buses;
        this.repository = repository;
        this.jobs = jobs;
        this.routing = routing;
        this.workers = workers;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- publishing

    /** The plan published for the school's run (evening or morning), if any: what parents see. */
    public Future<Optional<PublishedPlan>> publishedPlan(UUID schoolId, String run) {
        return published(schoolId, run, 1).map(list -> list.stream().findFirst());
    }

    private Future<List<PublishedPlan>> published(UUID schoolId, String run, int count) {
        return repository.published(schoolId, run, count).map(list -> list.stream()
                .map(p -> new PublishedPlan(p.run(), p.planId(), p.plan(), p.publishedAt(),
                        p.publishedBy(), p.publishedByName())).toList());
    }

    /** Publishes the plan for the runs given; the earlier publications are kept. */
    public Future<JsonArray> publish(Caller caller, UUID planId, List<String> runs) {
        return bus.plan(caller, planId).compose(plan -> {
            UUID schoolId = UUID.fromString(plan.getString("schoolId"));
            return repository.publish(schoolId, planId, runs, caller.accountId())
                    .compose(x -> plans(caller, schoolId));
        });
    }

    /**
     * The school's plans, newest first, each with its version, who edited it, and the runs it
     * is published for now or was before, with who published it when.
     */
    public Future<JsonArray> plans(Caller caller, UUID schoolId) {
        return bus.school(caller, schoolId).compose(s -> Future.all(repository.plans(schoolId),
                repository.publications(schoolId))).map(all -> {
            List<PlanReviewRepository.PlanRow> plans = all.resultAt(0);
            List<PlanReviewRepository.Publication> publications = all.resultAt(1);
            var array = new JsonArray();
            for (PlanReviewRepository.PlanRow row : plans) {
                var current = new JsonObject();
                var history = new JsonArray();
                for (PlanReviewRepository.Publication p : publications) {
                    if (!p.planId().equals(row.id())) {
                        continue;
                    }
                    var json = new JsonObject().put("run", p.run())
                            .put("publishedAt", p.publishedAt().toString())
                            .put("publishedBy", p.publishedByName())
                            .put("current", p.current());
                    history.add(json);
                    if (p.current()) {
                        current.put(p.run(), json);
                    }
                }
                JsonObject summary = row.summary();
                array.add(new JsonObject().put("planId", row.id().toString())
                        .put("version", row.version())
                        .put("basedOn", row.basedOn() == null ? null : row.basedOn().toString())
                        .put("editedBy", row.editedByName())
                        .put("edit", row.edit())
                        .put("createdAt", row.createdAt().toString())
                        .put("state", current.isEmpty() ? "draft" : "published")
                        .put("published", current)
                        .put("publications", history)
                        .put("summary", new JsonObject()
                                .put("householdsServed", summary.getValue("householdsServed"))
                                .put("households", summary.getValue("households"))
                                .put("studentsServed", summary.getValue("studentsServed"))
                                .put("busesUsed", summary.getValue("busesUsed"))
                                .put("longestRideSeconds",
                                        summary.getValue("longestRideSeconds"))));
            }
            return array;
        });
    }

    // ---------------------------------------------------------------- comparing

    public Future<JsonObject> compare(Caller caller, UUID planId, UUID otherId) {
        return Future.all(bus.plan(caller, planId), bus.plan(caller, otherId)).map(all -> {
            JsonObject plan = all.resultAt(0);
            JsonObject other = all.resultAt(1);
            if (!plan.getString("schoolId").equals(other.getString("schoolId"))) {
                throw new DomainException(CommonError.VALIDATION_FAILED, "只能对比同一所学校的方案"
                        + " / the plans are of different schools", "otherId");
            }
            return PlanComparison.compare(plan, other);
        });
    }

    // ---------------------------------------------------------------- editing by hand

    public Future<JsonObject> moveHousehold(Caller caller, UUID planId, int version,
                                            UUID householdId, String stopId) {
        return edit(caller, planId, version, (plan, roads) ->
                PlanEdits.moveHousehold(plan, householdId, stopId, roads));
    }

    public Future<JsonObject> moveStop(Caller caller, UUID planId, int version, String run,
                                       String stopId, int line) {
        return edit(caller, planId, version, (plan, roads) ->
                PlanEdits.moveStop(plan, run, stopId, line, roads));
    }

    public Future<JsonObject> renameStop(Caller caller, UUID planId, int version, String stopId,
                                         String name) {
        return edit(caller, planId, version, (plan, roads) ->
                PlanEdits.renameStop(plan, stopId, name));
    }

    private interface Edit {
        PlanEdits.Edited apply(BusPlan plan, PlanEdits.Roads roads) throws Exception;
    }

    /**
     * Applies the edit to version {@code version} of the plan, on the routing pool (it drives
     * and walks on the road network), and stores the result as the next version. Refused with
     * 409 when the plan is not at that version or was edited since.
     */
    private Future<JsonObject> edit(Caller caller, UUID planId, int version, Edit edit) {
        return bus.plan(caller, planId).compose(document -> repository.version(planId)
                .compose(found -> {
                    PlanReviewRepository.Version v = found.orElseThrow(() ->
                            new DomainException(CommonError.NOT_FOUND, "未找到 / not found"));
                    if (v.version() != version || v.successor() != null) {
                        throw stale(version);
                    }
                    RoadNetwork network = routing.requireReady();
                    return workers.routing(() -> edit.apply(read(document),
                            new NetworkRoads(network))).compose(edited -> {
                        int next = version + 1;
                        JsonObject json = JsonObject.mapFrom(edited.plan()).put("version", next)
                                .put("basedOn", planId.toString())
                                .put("edit", edited.description());
                        return repository.insertEdit(v.schoolId(), json, next, planId,
                                caller.accountId(), edited.description())
                                .recover(e -> Future.failedFuture(
                                        PlanReviewRepository.alreadyEdited(e) ? stale(version)
                                                : e))
                                .map(id -> json.put("planId", id.toString()));
                    });
                }));
    }

    private static DomainException stale(int version) {
        return new DomainException(PlanError.PLAN_EDIT_STALE,
                "方案已被修改，请在最新版本上调整（您看到的是第 " + version
                + " 版）/ the plan was edited since version " + version
                + ": reload it and edit the newest version", "version");
    }

    static BusPlan read(JsonObject document) throws java.io.IOException {
        return DOCUMENTS.readValue(document.encode(), BusPlan.class);
    }

    /** The road network as the edits use it; a leg with no road is refused as the edit's. */
    record NetworkRoads(RoadNetwork network) implements PlanEdits.Roads {
        @Override
        public BusPlan.Leg drive(String fromId, LatLon from, String toId, LatLon to) {
            Route route = route(List.of(from, to), RoadNetwork.BUS);
            return new BusPlan.Leg(fromId, toId, PlanLine.round(route.seconds()),
                    PlanLine.round(route.distanceMetres()));
        }

        @Override
        public BusPlan.Path drivingPath(List<LatLon> waypoints) {
            Route route = route(waypoints, RoadNetwork.BUS);
            return new BusPlan.Path(PlanLine.round(route.distanceMetres()),
                    PlanLine.round(route.seconds()), geometry(route.geometry()),
                    route.instructions().stream().map(i -> new BusPlan.Step(i.textZh(),
                            i.textEn(), i.roadName(), PlanLine.round(i.distanceMetres()),
                            PlanLine.round(i.seconds()), i.start().lat(), i.start().lon()))
                            .toList());
        }

        @Override
        public PlanEdits.Walk walk(LatLon home, LatLon stop) {
            Route route = route(List.of(home, stop), RoadNetwork.FOOT);
            List<LatLon> path = route.geometry().size() >= 2 ? route.geometry()
                    : List.of(home, stop);
            return new PlanEdits.Walk(route.distanceMetres(), geometry(path));
        }

        private Route route(List<LatLon> points, String profile) {
            try {
                return network.route(points, profile);
            } catch (NoRouteException | PointNotOnRoadException e) {
                throw new DomainException(PlanError.PLAN_EDIT_NOT_IN_PLAN, "这一段没有可走的道路 /"
                        + " no road joins these places: " + e.getMessage(), "stopId");
            }
        }

        private static List<double[]> geometry(List<LatLon> points) {
            return points.stream().map(p -> new double[] {p.lat(), p.lon()}).toList();
        }
    }

    // ---------------------------------------------------------------- jobs

    /**
     * Queues a re-plan that keeps the plan's evening lines {@code lockedLines} (their bus, stops,
     * order and times) and plans the other households with the other buses around them.
     */
    public Future<JsonObject> replan(Caller caller, UUID planId, List<Integer> lockedLines,
                                     java.time.Duration solverTime) {
        routing.requireReady();
        return bus.plan(caller, planId).compose(document -> {
            UUID schoolId = UUID.fromString(document.getString("schoolId"));
            LockedReplan lock;
            try {
                lock = LockedReplan.of(read(document), lockedLines);
            } catch (java.io.IOException e) {
                return Future.failedFuture(e);
            }
            List<Integer> numbers = document.getJsonObject("evening").getJsonArray("lines")
                    .stream().map(l -> ((JsonObject) l).getInteger("number")).toList();
            if (!numbers.containsAll(lockedLines)) {
                throw new DomainException(PlanError.PLAN_EDIT_NOT_IN_PLAN, "方案中没有这条晚上线路 /"
                        + " the plan has no such evening line", "lockedLines");
            }
            return Future.all(buses.buses(schoolId), buses.countHouseholds(schoolId))
                    .compose(all -> {
                        List<SchoolBus> fleet = all.resultAt(0);
                        long households = all.resultAt(1);
                        if (lock.lockedBuses() >= fleet.size()
                                || lock.lockedHouseholds() >= households) {
                            throw new DomainException(CommonError.VALIDATION_FAILED,
                                    "锁定了所有线路，没有可重新规划的车辆或家庭 / every bus or"
                                    + " household is on a locked line: nothing is left to plan",
                                    "lockedLines");
                        }
                        return jobs.submit(schoolId, caller.accountId(), solverTime, 1, planId,
                                lockedLines);
                    });
        });
    }

    /** Cancels a waiting or running job; the instance running it notices and drops its work. */
    public Future<JsonObject> cancel(Caller caller, UUID jobId) {
        return bus.job(caller, jobId).compose(job -> jobs.cancel(jobId, caller.accountId()))
                .compose(cancelled -> {
                    if (!cancelled) {
                        throw new DomainException(PlanError.PLAN_JOB_FINISHED,
                                "规划已结束，无法取消 / the job has already finished", "jobId");
                    }
                    return bus.job(caller, jobId);
                });
    }

    // ---------------------------------------------------------------- parents

    /** The buses of the households registered with the parent's phone, as published. */
    public Future<List<JsonObject>> childrenBuses(UUID parentAccount) {
        return buses.householdsOfParent(parentAccount).compose(households -> Future.all(
                households.stream().map(this::childView).toList())
                .map(all -> all.<JsonObject>list()));
    }

    /** One household's bus; 404 unless the household is registered with this parent's phone. */
    public Future<JsonObject> childBus(UUID parentAccount, UUID householdId) {
        return buses.householdsOfParent(parentAccount).compose(households -> {
            Optional<BusRepository.ParentHousehold> mine = households.stream()
                    .filter(h -> h.householdId().equals(householdId)).findFirst();
            if (mine.isEmpty()) {
                // the same answer whether it exists or not: no guessing other families' ids
                throw new DomainException(CommonError.NOT_FOUND, "未找到 / not found: Household "
                        + householdId);
            }
            return childView(mine.get());
        });
    }

    private Future<JsonObject> childView(BusRepository.ParentHousehold household) {
        Function<String, Future<List<PublishedPlan>>> run = name ->
                published(household.schoolId(), name, 2);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        return Future.all(run.apply("evening"), run.apply("morning")).map(all -> {
            List<PublishedPlan> evening = all.resultAt(0);
            List<PublishedPlan> morning = all.resultAt(1);
            return PublishedChildViews.childBus(household, List.of(evening, morning), today);
        }).compose(this::withWalking);
    }

    /** A served child's view gains the walking directions from home to the stop. */
    private Future<JsonObject> withWalking(JsonObject view) {
        JsonObject stop = view.getJsonObject("stop");
        JsonArray path = view.getJsonArray("walkPath");
        if (!"SERVED".equals(view.getString("status")) || stop == null || path == null
                || path.isEmpty()) {
            return Future.succeededFuture(view);
        }
        JsonArray home = path.getJsonArray(0);
        return WalkingDirections.of(routing, new LatLon(home.getDouble(0), home.getDouble(1)),
                new LatLon(stop.getDouble("lat"), stop.getDouble("lon")), stop.getString("name"))
                .map(steps -> view.put("walking", new JsonArray(steps)));
    }
}
