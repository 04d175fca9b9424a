package cn.anxing.bus;

import cn.anxing.auth.Caller;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The school bus use cases: a coordinator registers schools, households, buses and the rules,
 * asks for a plan and reads it ({@link PlanReviewService} publishes it for parents).
 *
 * <p>A coordinator acts only on the schools of its organisation ({@code bus_school.organisation_id});
 * an admin on every school. Another organisation's school, plan or job answers exactly as one
 * that does not exist (404), so ids reveal nothing.
 */
public final class BusService {

    private final BusRepository repository;
    private final RoutingService routing;
    private final PlanningJobs jobs;

    public BusService(BusRepository repository, RoutingService routing, PlanningJobs jobs) {
        this.repository = repository;
        this.routing = routing;
        this.jobs = jobs;
    }

    /**
     * Fails unless the point lies on the imported map, naming {@code latField} or
     * {@code lonField} as the one out of range.
     */
    public void requireOnMap(LatLon point, String latField, String lonField) {
        routing.requireOnMap(point, latField, lonField);
    }

    // ---------------------------------------------------------------- schools

    /** A coordinator's school is its organisation's; an admin's belongs to none yet. */
    public Future<School> createSchool(Caller caller, String name, LatLon location,
                                       LocalTime evening, LocalTime morning) {
        requireOnMap(location, "lat", "lon");
        // the buses start and end at the school: it must be reachable by road
        return routing.snap(location.lat(), location.lon(), RoadNetwork.BUS)
                .recover(e -> Future.failedFuture(e instanceof PointNotOnRoadException
                        ? new DomainException(BusError.NO_ROAD_NEAR_SCHOOL, "no road a bus can"
                        + " drive within " + (int) RoadNetwork.MAX_SNAP_METRES + " m of the"
                        + " school / 学校附近没有可通行校车的道路", "lat") : e))
                .compose(snap -> repository.insertSchool(name, location, evening, morning, null,
                        caller.has(Role.ADMIN) ? null : caller.organisationId()));
    }

    public Future<List<BusRepository.SchoolSummary>> schools(Caller caller) {
        if (caller.has(Role.ADMIN)) {
            return repository.schools(null);
        }
        return caller.organisationId() == null ? Future.succeededFuture(List.of())
                : repository.schools(caller.organisationId());
    }

    public Future<School> school(Caller caller, UUID id) {
        return repository.ownerOfSchool(id).compose(owner -> {
            if (owner.isEmpty() || !mayAct(caller, owner.get())) {
                throw unknownSchool(id);
            }
            return repository.school(id);
        }).map(found -> found.orElseThrow(() -> unknownSchool(id)));
    }

    private static boolean mayAct(Caller caller, BusRepository.SchoolOwner owner) {
        return caller.has(Role.ADMIN) || (caller.has(Role.COORDINATOR)
                && caller.organisationId() != null
                && caller.organisationId().equals(owner.organisationId()));
    }

    private static DomainException unknownSchool(UUID id) {
        return new DomainException(BusError.UNKNOWN_SCHOOL, "no school " + id
                + " / 学校不存在", "schoolId");
    }

    /** Fails with 404 unless the plan's (or job's) school is one the caller may act on. */
    private Future<Void> requireOwn(Caller caller, Future<Optional<BusRepository.SchoolOwner>>
            owner, String what) {
        return owner.map(found -> {
            if (found.isEmpty() || !mayAct(caller, found.get())) {
                throw notFound(what);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- households and buses

    /** Registers households; all are stored or, on the first bad one, none. */
    public Future<List<Household>> registerHouseholds(Caller caller, UUID schoolId, List<Household> households) {
        return school(caller, schoolId).compose(s -> repository.insertHouseholds(schoolId, households));
    }

    public Future<List<Household>> households(Caller caller, UUID schoolId) {
        return school(caller, schoolId).compose(s -> repository.households(schoolId));
    }

    public Future<List<SchoolBus>> addBuses(Caller caller, UUID schoolId, List<SchoolBus> buses) {
        return school(caller, schoolId).compose(s -> repository.insertBuses(schoolId, buses));
    }

    public Future<List<SchoolBus>> buses(Caller caller, UUID schoolId) {
        return school(caller, schoolId).compose(s -> repository.buses(schoolId));
    }

    public Future<BusPolicy> policy(Caller caller, UUID schoolId) {
        return school(caller, schoolId).compose(s -> repository.policy(schoolId));
    }

    public Future<BusPolicy> updatePolicy(Caller caller, UUID schoolId, BusPolicy policy) {
        return school(caller, schoolId).compose(s -> repository.updatePolicy(schoolId, policy));
    }

    // ---------------------------------------------------------------- planning

    /**
     * Queues a plan. Refused before anything is queued when the school has no buses or no
     * households, or the road network is not loaded.
     *
     * @param solverTime the optimizer's time per run; null for the policy's
     */
    public Future<JsonObject> requestPlan(Caller caller, UUID schoolId, UUID requestedBy, Duration solverTime,
                                          long seed) {
        routing.requireReady();
        return school(caller, schoolId)
                .compose(s -> Future.all(repository.buses(schoolId),
                        repository.countHouseholds(schoolId)))
                .compose(all -> {
                    List<SchoolBus> buses = all.resultAt(0);
                    long households = all.resultAt(1);
                    if (buses.isEmpty()) {
                        throw new DomainException(BusError.NO_BUSES, "the school has no"
                                + " buses: register at least one before planning / 请先登记车辆",
                                "buses");
                    }
                    if (households == 0) {
                        throw new DomainException(BusError.NO_HOUSEHOLDS, "the school has"
                                + " no households to carry / 请先登记学生家庭", "households");
                    }
                    return jobs.submit(schoolId, requestedBy, solverTime, seed);
                });
    }

    public Future<JsonObject> job(Caller caller, UUID jobId) {
        return requireOwn(caller, repository.ownerOfJob(jobId), "Planning job " + jobId)
                .compose(x -> jobs.find(jobId)).map(found -> found.orElseThrow(() ->
                notFound("Planning job " + jobId)));
    }

    public Future<List<JsonObject>> jobsOf(Caller caller, UUID schoolId) {
        return school(caller, schoolId).compose(s -> jobs.ofSchool(schoolId));
    }

    public Future<JsonObject> plan(Caller caller, UUID planId) {
        return requireOwn(caller, repository.ownerOfPlan(planId), "Plan " + planId)
                .compose(x -> repository.plan(planId)).map(found -> found.orElseThrow(() ->
                notFound("Plan " + planId)).copy().put("planId", planId.toString()))
                .map(BusService::versioned);
    }

    /** A plan as the solver made it is version 1; an edit stores its own version. */
    private static JsonObject versioned(JsonObject plan) {
        return plan.containsKey("version") ? plan : plan.put("version", 1);
    }

    public Future<JsonObject> planGeoJson(Caller caller, UUID planId) {
        return plan(caller, planId).map(PlanViews::geoJson);
    }

    public Future<JsonObject> latestPlan(Caller caller, UUID schoolId) {
        return school(caller, schoolId).compose(s -> repository.latestPlan(schoolId))
                .map(found -> versioned(found.orElseThrow(() ->
                        notFound("A plan of this school")).copy()));
    }

    /** The same answer as the router's for an unknown path: nothing about what exists. */
    private static DomainException notFound(String what) {
        return new DomainException(CommonError.NOT_FOUND, "未找到 / not found: " + what);
    }
}
