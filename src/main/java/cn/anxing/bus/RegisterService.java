package cn.anxing.bus;

import cn.anxing.auth.Caller;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The coordinator desk's register (登记): a school's details, its buses and its households,
 * edited one by one or imported from the list the school exports. Every use case first finds
 * the school as {@link BusService#school} does, so a coordinator acts only on their own
 * organisation's schools and another's answers 404.
 *
 * <p>An import is checked whole before anything is stored ({@link #preview}); {@link #importFile}
 * stores a file only when its check finds nothing, all its households in one transaction.
 * Importing the same file twice is refused: its household numbers (家庭编号) are then
 * registered, and each line is reported as a duplicate.
 */
public final class RegisterService {

    private final BusService bus;
    private final RegisterRepository repository;
    private final RoutingService routing;
    private final Vertx vertx;

    public RegisterService(BusService bus, RegisterRepository repository, RoutingService routing,
                           Vertx vertx) {
        this.bus = bus;
        this.repository = repository;
        this.routing = routing;
        this.vertx = vertx;
    }

    /** Everything the desk shows of one school. */
    public record Register(School school, List<RegisteredBus> buses,
                           List<RegisteredHousehold> households) {
    }

    public Future<Register> register(Caller caller, UUID schoolId) {
        return bus.school(caller, schoolId).compose(school -> Future.all(
                repository.buses(schoolId), repository.households(schoolId))
                .map(all -> new Register(school, all.resultAt(0), all.resultAt(1))));
    }

    // ---------------------------------------------------------------- schools

    public Future<School> updateSchool(Caller caller, UUID schoolId, String name,
                                       LatLon location, LocalTime evening, LocalTime morning) {
        return bus.school(caller, schoolId)
                .compose(s -> reachable(location))
                .compose(x -> repository.updateSchool(schoolId, name, location, evening, morning))
                .compose(x -> bus.school(caller, schoolId));
    }

    /** The buses start and end at the school: a road they may drive must be near it. */
    private Future<Void> reachable(LatLon location) {
        routing.requireOnMap(location, "lat", "lon");
        return routing.snap(location.lat(), location.lon(), RoadNetwork.BUS)
                .recover(e -> Future.failedFuture(e instanceof PointNotOnRoadException
                        ? new DomainException(BusError.NO_ROAD_NEAR_SCHOOL, "no road a bus can"
                        + " drive within " + (int) RoadNetwork.MAX_SNAP_METRES + " m of the"
                        + " school / 学校附近没有可通行校车的道路", "lat") : e))
                .mapEmpty();
    }

    /**
     * Deletes the school with its buses, households, rules and plans, once the caller has
     * typed its name: one click must not remove a school's whole register.
     */
    public Future<Void> deleteSchool(Caller caller, UUID schoolId, String typedName) {
        return bus.school(caller, schoolId).compose(school -> {
            if (!school.name().equals(typedName)) {
                throw new DomainException(CommonError.VALIDATION_FAILED, "请输入学校名称“"
                        + school.name() + "”以确认删除 / type the school's name to delete it",
                        "name");
            }
            return repository.deleteSchool(schoolId);
        });
    }

    // ---------------------------------------------------------------- buses

    public Future<RegisteredBus> addBus(Caller caller, UUID schoolId, RegisteredBus b) {
        return bus.school(caller, schoolId).compose(s -> repository.insertBus(schoolId, b));
    }

    public Future<RegisteredBus> updateBus(Caller caller, UUID schoolId, RegisteredBus b) {
        return bus.school(caller, schoolId).compose(s -> repository.updateBus(schoolId, b))
                .map(found -> found.orElseThrow(() -> unknown("busId", b.id())));
    }

    public Future<Integer> deleteBuses(Caller caller, UUID schoolId, List<UUID> ids) {
        return bus.school(caller, schoolId).compose(s -> repository.deleteBuses(schoolId, ids));
    }

    // ---------------------------------------------------------------- households

    public Future<RegisteredHousehold> addHousehold(Caller caller, UUID schoolId,
                                                    RegisteredHousehold h) {
        return bus.school(caller, schoolId)
                .compose(s -> repository.insertHouseholds(schoolId, List.of(h), labels ->
                        labels.contains(h.label()) ? Future.failedFuture(duplicate(h.label()))
                                : Future.succeededFuture()))
                .map(list -> list.get(0));
    }

    /** Saves the household's fields; a phone given as {@code null} in {@code h} is kept. */
    public Future<RegisteredHousehold> updateHousehold(Caller caller, UUID schoolId,
                                                       RegisteredHousehold h,
                                                       boolean keepPhone) {
        return bus.school(caller, schoolId)
                .compose(s -> repository.household(schoolId, h.id()))
                .map(found -> found.orElseThrow(() -> unknown("householdId", h.id())))
                .compose(old -> repository.updateHousehold(schoolId, new RegisteredHousehold(
                        h.id(), h.label(), h.studentNames(), h.students(),
                        keepPhone ? old.parentPhone() : h.parentPhone(), h.address(),
                        h.location(), h.needsDoorStop(), old.generated())))
                .map(found -> found.orElseThrow(() -> unknown("householdId", h.id())));
    }

    /** Puts a household (typically one imported with an address only) on the map. */
    public Future<RegisteredHousehold> pin(Caller caller, UUID schoolId, UUID householdId,
                                           LatLon location) {
        return bus.school(caller, schoolId)
                .compose(s -> repository.pin(schoolId, householdId, location))
                .map(found -> found.orElseThrow(() -> unknown("householdId", householdId)));
    }

    public Future<Integer> deleteHouseholds(Caller caller, UUID schoolId, List<UUID> ids) {
        return bus.school(caller, schoolId)
                .compose(s -> repository.deleteHouseholds(schoolId, ids));
    }

    // ---------------------------------------------------------------- import

    /** Checks the file and stores nothing. Reading a workbook is blocking: on a worker. */
    public Future<HouseholdImport.Report> preview(Caller caller, UUID schoolId, byte[] file,
                                                  String encoding,
                                                  Optional<CoordinateSystem> crs) {
        var bounds = routing.bounds();
        return bus.school(caller, schoolId)
                .compose(s -> repository.labels(schoolId))
                .compose(labels -> vertx.executeBlocking(() -> check(file, encoding, crs,
                        bounds, labels)));
    }

    private static HouseholdImport.Report check(byte[] file, String encoding,
            Optional<CoordinateSystem> crs, cn.anxing.routing.MapBounds bounds,
            Set<String> labels) {
        return new HouseholdImport(bounds, labels, crs).check(HouseholdSheet.read(file, encoding));
    }

    /**
     * Stores every household of the file, or none: refused with {@code IMPORT_HAS_PROBLEMS}
     * when its check finds anything, checked again against the numbers registered inside the
     * transaction (another import of the same file may have just finished).
     */
    public Future<HouseholdImport.Report> importFile(Caller caller, UUID schoolId, byte[] file,
                                                     String encoding,
                                                     Optional<CoordinateSystem> crs) {
        return preview(caller, schoolId, file, encoding, crs).compose(report -> {
            if (!report.clean()) {
                throw new DomainException(RegisterError.IMPORT_HAS_PROBLEMS, "文件中有 "
                        + report.problems().size() + " 处问题，未导入任何家庭；请按检查结果修改后再导入 /"
                        + " the file has " + report.problems().size() + " problems; nothing"
                        + " was imported", "file");
            }
            List<RegisteredHousehold> households = report.rows().stream()
                    .map(r -> new RegisteredHousehold(null, r.code(), r.studentNames(),
                            r.students(), r.phone(), r.address(), r.location(), false, false))
                    .toList();
            return repository.insertHouseholds(schoolId, households, labels -> {
                Optional<HouseholdImport.Row> taken = report.rows().stream()
                        .filter(r -> labels.contains(r.code())).findFirst();
                return taken.isEmpty() ? Future.succeededFuture()
                        : Future.failedFuture(duplicate(taken.get().code()));
            }).map(report);
        });
    }

    public Future<byte[]> template(Caller caller, UUID schoolId, boolean xlsx) {
        return bus.school(caller, schoolId).compose(school -> xlsx
                ? vertx.executeBlocking(() -> HouseholdTemplate.xlsx(school))
                : Future.succeededFuture(HouseholdTemplate.csv(school)));
    }

    private static DomainException duplicate(String label) {
        return new DomainException(RegisterError.HOUSEHOLD_NUMBER_TAKEN, "家庭编号 " + label
                + " 已在本校登记 / household " + label + " is already registered", "label");
    }

    private static DomainException unknown(String field, UUID id) {
        return new DomainException(RegisterError.UNKNOWN_REGISTER_ENTRY, "本校没有这一项 / no "
                + field.replace("Id", "") + " " + id + " at this school", field);
    }
}
