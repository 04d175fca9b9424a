package cn.anxing.accident;

import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.FlagKind;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.police.PlateFrequency;
import cn.anxing.error.DomainException;
import cn.anxing.map.tiles.NamedPlaces;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.SqlClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reporting an accident and joining one (报案与加入): where the report is, the repeated-report
 * check, the new case, and a second driver joining by share code or by an offered case.
 */
public final class ReportCases {

    /** Share codes avoid letters that read like digits (O/0, I/1). */
    private static final String SHARE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int MAX_VEHICLES = 5;

    /** What the phone sends to start a report. */
    public record ReportRequest(double lat, double lon, Instant occurredAt, List<String> plates,
            String weather, String accidentForm, boolean ignoreDuplicates) {
    }

    /**
     * A point with the road it is on, and how a driver would say where that is: the cross
     * street nearest along the road (or, on a road without one, the nearest other road) and
     * the nearest landmark, each null when the map names none close by.
     */
    public record Location(LatLon position, AccidentCase.Road road, Double distanceMetres,
            Nearby crossStreet, Nearby landmark) {
    }

    /** A name on the map near the accident, and how far it is in metres. */
    public record Nearby(String name, double metres) {
    }

    /** The map's names as far as they are read, and the workers that look them up. */
    record PlaceNames(Supplier<NamedPlaces> places, WorkerExecutor worker) {
    }

    /**
     * How far along its road the nearest corner may be to name where the accident is (as a
     * stop far from a corner is named 近…, 1.5 km); a road without one names the nearest
     * other road within {@link #OTHER_ROAD_METRES}, and a landmark within {@link
     * #LANDMARK_METRES} is said beside it.
     */
    static final double CROSS_STREET_METRES = 1500;
    static final double OTHER_ROAD_METRES = 300;
    static final double LANDMARK_METRES = 600;

    /** An open case the new report probably repeats. */
    public record DuplicateOffer(UUID caseId, Instant reportedAt, long distanceMetres,
            long minutesApart, List<PlateNumber> sharedPlates) {
    }

    /**
     * The new case, or the open cases the report probably repeats (then nothing was created and
     * the reporter may join one of them).
     */
    public record ReportResult(CaseForParty createdCase, List<DuplicateOffer> duplicates) {
    }

    private final CaseChanges cases;
    private final CaseReading reading;
    private final DuplicateOffers offers;
    private final RoutingService routing;
    private final DuplicateReportRule duplicateRule;
    private final Duration duplicateWindow;
    /** How long after an accident it may still be reported (ACCIDENT_REPORT_WINDOW_DAYS). */
    private final Duration reportWindow;
    private final AtomicLong duplicatesAvoided = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final PoliceDeskRepository desk;
    private final PlateFrequency plateFrequency;
    private final PlaceNames names;

    ReportCases(CaseChanges cases, CaseReading reading, DuplicateOffers offers,
            RoutingService routing, DuplicateReportRule duplicateRule, Duration duplicateWindow,
            PoliceDeskRepository desk, PlateFrequency plateFrequency, Duration reportWindow,
            PlaceNames names) {
        this.names = names;
        this.desk = desk;
        this.plateFrequency = plateFrequency;
        this.cases = cases;
        this.reportWindow = reportWindow;
        this.reading = reading;
        this.offers = offers;
        this.routing = routing;
        this.duplicateRule = duplicateRule;
        this.duplicateWindow = duplicateWindow;
    }

    /** Reads the counters kept in the database, so /metrics is right after a restart. */
    public Future<Void> start() {
        return countAvoided();
    }

    /** Repeated reports that joined an existing case instead of opening another. */
    public long duplicatesAvoided() {
        return duplicatesAvoided.get();
    }

    /**
     * The road at a point and where that is in words, as the report page shows it before the
     * case is created. The names are looked up on the routing workers: a corner search over the
     * roads within 1.5 km takes milliseconds in a town, more in a city, too long for an event
     * loop.
     */
    public Future<Location> locate(double lat, double lon) {
        return road(lat, lon).compose(found -> names.worker().executeBlocking(() -> {
            LatLon at = found.road().point() == null ? found.position() : found.road().point();
            return new Location(found.position(), found.road(), found.distanceMetres(),
                    crossStreet(at, found.road().name()), landmark(at));
        }, false));
    }

    /** The road at a point, without names: what a report stores. */
    private Future<Location> road(double lat, double lon) {
        LatLon point = Inputs.point(lat, lon);
        try {
            // the one "not ready yet" and the one "not on the map", as bus and map answer them
            routing.requireOnMap(point);
        } catch (DomainException e) {
            return Future.failedFuture(e);
        }
        return routing.snap(lat, lon, RoadNetwork.BUS)
                .map(snap -> new Location(point, new AccidentCase.Road(snap.point(),
                        snap.roadName() == null ? "" : snap.roadName(),
                        snap.roadClass() + (snap.link() ? "_link" : ""),
                        snap.isExpresswayOrRamp()), snap.distanceMetres(), null, null))
                .recover(e -> e instanceof PointNotOnRoadException
                        ? Future.succeededFuture(new Location(point,
                                new AccidentCase.Road(null, "", "", false), null, null, null))
                        : Future.failedFuture(e));
    }

    private Nearby crossStreet(LatLon at, String roadName) {
        NamedPlaces places = names.places().get();
        return places.junction(at.lat(), at.lon(), roadName, CROSS_STREET_METRES)
                .map(j -> new Nearby(j.crossStreet(), j.metres()))
                .or(() -> places.road(at.lat(), at.lon(), OTHER_ROAD_METRES, roadName)
                        .map(r -> new Nearby(r.name(), r.metres())))
                .orElse(null);
    }

    private Nearby landmark(LatLon at) {
        return names.places().get().landmark(at.lat(), at.lon(), LANDMARK_METRES)
                .map(l -> new Nearby(l.name(), l.metres())).orElse(null);
    }

    public Future<ReportResult> report(UUID actor, ReportRequest request) {
        List<PlateNumber> plates = plates(request.plates());
        Weather weather = Inputs.enumValue(Weather.class, request.weather(), "weather");
        AccidentForm form = Inputs.enumValue(AccidentForm.class, request.accidentForm(),
                "accidentForm");
        Instant now = cases.now();
        Instant occurredAt = request.occurredAt() == null ? now
                : request.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (occurredAt.isAfter(now.plus(Duration.ofMinutes(5)))
                || occurredAt.isBefore(now.minus(reportWindow))) {
            long days = reportWindow.toDays();
            throw new DomainException(AccidentError.OCCURRED_AT_INVALID,
                    "事故时间须在" + days + "天内且不晚于现在 / the accident time must be within the"
                            + " last " + days + " days and not in the future", "occurredAt");
        }
        return road(request.lat(), request.lon()).compose(location -> {
            Future<List<DuplicateOffer>> duplicates = request.ignoreDuplicates()
                    ? Future.succeededFuture(List.of())
                    : duplicatesOf(actor, location.position(), plates, now);
            return duplicates.compose(found -> {
                if (!found.isEmpty()) {
                    return Future.succeededFuture(new ReportResult(null, found));
                }
                return insertCase(actor, occurredAt, location, weather, form, plates, now, 1)
                        .map(view -> new ReportResult(view, null));
            });
        });
    }

    /** A plate in N or more cases within M days flags the new case (PLATE_FREQUENT). */
    private Future<Void> flagFrequentPlates(SqlClient tx, UUID caseId, List<PlateNumber> plates,
            Instant now) {
        Instant since = now.minus(plateFrequency.window());
        return desk.casesWithPlates(tx, plates, since, caseId).compose(counts -> {
            List<CaseFlag> flags = new ArrayList<>();
            for (int i = 0; i < plates.size(); i++) {
                long n = counts.get(i);
                if (plateFrequency.frequent(n)) {
                    String plate = plates.get(i).value();
                    long days = plateFrequency.window().toDays();
                    flags.add(new CaseFlag(FlagKind.PLATE_FREQUENT, n, plateFrequency.cases(),
                            "号牌 " + plate + " 在" + days + "日内涉及" + n + "起事故", "Plate "
                            + plate + " is in " + n + " cases within " + days + " days", null));
                }
            }
            return flags.isEmpty() ? Future.<Void>succeededFuture()
                    : cases.repository().setFlags(tx, caseId, flags);
        });
    }

    /**
     * Stores the case and its reporter and answers the case as the reporter sees it. Share codes
     * are six random characters, unique over every case ever stored: after a few million cases a
     * fresh code meets a taken one now and then (a 500 under load before), so a taken code is
     * drawn again, in a new transaction.
     */
    private Future<CaseForParty> insertCase(UUID actor, Instant occurredAt, Location location,
            Weather weather, AccidentForm form, List<PlateNumber> plates, Instant now,
            int attempt) {
        var newCase = new AccidentRepository.NewCase(shareCode(), actor, occurredAt,
                location.position(), location.road(), weather, form, plates);
        AccidentRepository repository = cases.repository();
        return repository.pool().withTransaction(tx -> repository.insertCase(tx, newCase)
                .compose(id -> repository.insertParty(tx, id, "A", actor, plates.get(0))
                        .compose(x -> flagFrequentPlates(tx, id, plates, now))
                        .compose(x -> reading.justReported(tx, actor, id))))
                .recover(e -> attempt < 5 && AccidentRepository.shareCodeTaken(e)
                        ? insertCase(actor, occurredAt, location, weather, form, plates, now,
                                attempt + 1)
                        : Future.failedFuture(e));
    }

    private Future<List<DuplicateOffer>> duplicatesOf(UUID actor, LatLon position,
            List<PlateNumber> plates, Instant now) {
        return offers.openCasesSince(now.minus(duplicateWindow), plates).compose(open -> {
            var report = new DuplicateReportRule.NewReport(now, position, Set.copyOf(plates));
            List<DuplicateReportRule.OpenCase> openCases = open.stream()
                    .map(c -> new DuplicateReportRule.OpenCase(c.id().toString(), c.reportedAt(),
                            c.position(), Set.copyOf(c.plates()))).toList();
            List<DuplicateOffer> found = new ArrayList<>();
            Future<Void> offered = Future.succeededFuture();
            for (var candidate : duplicateRule.candidates(report, openCases)) {
                UUID caseId = UUID.fromString(candidate.openCase().caseId());
                offered = offered.compose(x -> offers.offer(caseId, actor));
                found.add(new DuplicateOffer(caseId, candidate.openCase().reportedAt(),
                        Math.round(candidate.distanceMetres()), candidate.timeApart().toMinutes(),
                        candidate.openCase().plates().stream().filter(plates::contains)
                                .toList()));
            }
            return offered.map(found);
        });
    }

    /**
     * What a share code leads to, for the second driver to see before signing in: the case
     * number, place, time and the plates with their middle hidden (enough to recognise one's
     * own car, not to read a stranger's), and whether the case still takes a party.
     */
    public Future<AccidentCase> preview(String shareCode) {
        AccidentRepository repository = cases.repository();
        return repository.caseIdByShareCode(shareCode.trim().toUpperCase())
                .compose(found -> repository.load(repository.pool(), found.orElseThrow(() ->
                        new DomainException(AccidentError.SHARE_CODE_UNKNOWN,
                                "分享码不存在 / no case has this share code", "shareCode"))))
                .map(found -> found.orElseThrow(CaseChanges::notFound));
    }

    /**
     * Joins a case: by the share code the other driver shows, or by the case a repeated report
     * was offered. Joining an offered case counts one repeated report avoided.
     */
    public Future<CaseForParty> join(UUID actor, String shareCode, UUID offeredCaseId) {
        AccidentRepository repository = cases.repository();
        Future<UUID> caseId;
        if (shareCode != null) {
            caseId = repository.caseIdByShareCode(shareCode.trim().toUpperCase()).map(found ->
                    found.orElseThrow(() -> new DomainException(AccidentError.SHARE_CODE_UNKNOWN,
                            "分享码不存在 / no case has this share code", "shareCode")));
        } else if (offeredCaseId != null) {
            caseId = offers.hasOffer(repository.pool(), offeredCaseId, actor).map(offered -> {
                if (!offered) {
                    throw CaseChanges.notFound();
                }
                return offeredCaseId;
            });
        } else {
            throw new DomainException(AccidentError.SHARE_CODE_REQUIRED, "请输入分享码 /"
                    + " shareCode is required", "shareCode");
        }
        return caseId.compose(id -> repository.pool().withTransaction(tx ->
                repository.load(tx, id).compose(found -> {
                    AccidentCase c = found.orElseThrow(CaseChanges::notFound);
                    Future<Boolean> avoided = offeredCaseId == null
                            ? Future.succeededFuture(false)
                            : offers.acceptOffer(tx, id, actor);
                    if (c.partyOf(actor).isPresent()) {
                        return avoided.map(id);
                    }
                    // the INVITE rule the page shows the share code by, told apart for the joiner
                    if (!CaseAction.INVITE.openIn(c.state())) {
                        throw new DomainException(AccidentError.CASE_CLOSED_TO_JOIN, "这起事故已不能"
                                + "加入 / the case is past the point where parties join",
                                "shareCode");
                    }
                    if (!c.awaitsParties()) {
                        throw new DomainException(AccidentError.CASE_FULL, "每辆车都已有当事人 /"
                                + " every vehicle of this case has its party already",
                                "shareCode");
                    }
                    String label = String.valueOf((char) ('A' + c.parties().size()));
                    return avoided.compose(x -> repository.insertParty(tx, id, label, actor, null))
                            .compose(x -> repository.bump(tx, id, c.version(), c.state()))
                            .map(fresh -> {
                                CaseChanges.requireFresh(fresh);
                                return id;
                            });
                })))
                .compose(id -> (offeredCaseId == null ? Future.<Void>succeededFuture()
                        : countAvoided()).compose(x -> reading.view(actor, id)));
    }

    private Future<Void> countAvoided() {
        return offers.duplicateCounts().onSuccess(c -> duplicatesAvoided.set(c.avoided()))
                .mapEmpty();
    }

    private static List<PlateNumber> plates(List<String> typed) {
        if (typed == null || typed.isEmpty()) {
            throw new DomainException(AccidentError.PLATES_REQUIRED, "请填写各车号牌，本车在前 /"
                    + " give every vehicle's plate, yours first", "plates");
        }
        if (typed.size() > MAX_VEHICLES) {
            throw new DomainException(AccidentError.TOO_MANY_VEHICLES, "最多 " + MAX_VEHICLES
                    + " 辆车 / at most " + MAX_VEHICLES + " vehicles", "plates");
        }
        List<PlateNumber> plates = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            PlateNumber plate = PlateNumber.parse(typed.get(i), "plates[" + i + "]");
            if (plates.contains(plate)) {
                throw new DomainException(AccidentError.PLATE_REPEATED, "号牌重复 / the plate "
                        + plate.value() + " is given twice", "plates[" + i + "]");
            }
            plates.add(plate);
        }
        return plates;
    }

    private String shareCode() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(SHARE_ALPHABET.charAt(random.nextInt(SHARE_ALPHABET.length())));
        }
        return s.toString();
    }
}
