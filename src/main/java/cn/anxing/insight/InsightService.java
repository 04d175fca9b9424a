package cn.anxing.insight;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.insight.DashboardRepository.DayCount;
import cn.anxing.insight.DashboardRepository.Durations;
import cn.anxing.insight.DashboardRepository.Waiting;
import cn.anxing.insight.InsightRepository.CasePoint;
import cn.anxing.insight.InsightRepository.SchoolPlan;
import cn.anxing.insight.InsightRepository.Segment;
import cn.anxing.insight.InsightRepository.SegmentCount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one traffic map's and the dashboard's answers: hotspots per road segment with the change
 * against the previous period, a segment's cases, the layers, and the dashboard's figures.
 */
public final class InsightService {

    public static final int MAX_SEGMENTS = 2000;
    static final int MAX_POINTS = 5000;
    static final int MAX_SEGMENT_CASES = 500;

    /** Ages of the cases waiting for review, as the dashboard groups them (upper bounds). */
    static final List<Duration> AGE_BOUNDS = List.of(Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(24), Duration.ofDays(3));

    private final InsightRepository repository;
    private final DashboardRepository dashboard;
    private final SegmentSnapper snapper;
    private final TimeBands bands;
    private final Clock clock;

    public InsightService(InsightRepository repository, DashboardRepository dashboard,
            SegmentSnapper snapper, TimeBands bands, Clock clock) {
        this.repository = repository;
        this.dashboard = dashboard;
        this.snapper = snapper;
        this.bands = bands;
        this.clock = clock;
    }

    public TimeBands bands() {
        return bands;
    }

    /** The period a request names, with "today" in the bands' zone. */
    public Period period(String kind, String date, String from, String to) {
        return Period.of(kind, date, from, to, LocalDate.now(clock.withZone(bands.zone())));
    }

    public Window window(Period period, String band) {
        return new Window(period, bands.zone(), bands.band(band));
    }

    // ------------------------------------------------------------ the map

    /** The busiest segments of the window, each with its count and the previous period's. */
    public Future<JsonObject> hotspots(Window window, int limit) {
        // the ranking and the totals are independent reads: on two pool connections at once
        return snapper.snapRecent().compose(x -> {
            var segmentsRead = repository.hotspots(window, limit);
            var totalsRead = repository.totals(window);
            return Future.all(segmentsRead, totalsRead).map(both -> {
                List<SegmentCount> segments = segmentsRead.result();
                var totals = totalsRead.result();
                var list = new JsonArray();
                int rank = 0;
                for (SegmentCount s : segments) {
                    list.add(segmentJson(s.segment()).put("rank", ++rank)
                            .put("count", s.count()).put("previousCount", s.previousCount())
                            .put("change", s.count() - s.previousCount())
                            .put("changeRatio", s.previousCount() == 0 ? null
                                    : round2((double) (s.count() - s.previousCount())
                                            / s.previousCount())));
                }
                return windowJson(window).put("total", totals.total())
                        .put("previousTotal", totals.previousTotal())
                        .put("offRoad", totals.offRoad())
                        .put("segments", list);
            });
        });
    }

    /** The cases of one segment in the window, newest first. */
    public Future<JsonObject> segmentCases(int edgeId, Window window) {
        return repository.segment(edgeId).compose(found -> {
            Segment segment = found.orElseThrow(() -> new DomainException(CommonError.NOT_FOUND,
                    "没有这个路段的事故 / no accidents were ever snapped to segment " + edgeId,
                    "edgeId"));
            return repository.segmentCases(edgeId, window, MAX_SEGMENT_CASES).map(cases -> {
                var list = new JsonArray();
                cases.forEach(c -> list.add(new JsonObject().put("caseId", c.id().toString())
                        .put("caseNo", c.caseNo()).put("occurredAt", c.occurredAt().toString())
                        .put("state", c.state())));
                return windowJson(window).put("segment", segmentJson(segment))
                        .put("cases", list);
            });
        });
    }

    /** The cases not closed, where they were reported, with their state now. */
    public Future<JsonObject> openCases() {
        return repository.openCases(MAX_POINTS).map(cases -> {
            var list = new JsonArray();
            Map<String, Integer> byState = new HashMap<>();
            for (CasePoint c : cases) {
                byState.merge(c.state(), 1, Integer::sum);
                list.add(new JsonObject().put("caseId", c.id().toString()).put("caseNo", c.caseNo())
                        .put("lat", c.lat()).put("lon", c.lon()).put("state", c.state())
                        .put("reportedAt", c.reportedAt().toString()));
            }
            var counts = new JsonObject();
            byState.forEach(counts::put);
            return new JsonObject().put("byState", counts).put("cases", list);
        });
    }

    /** Cases that repeated reports were offered in the period, and how many joined instead. */
    public Future<JsonObject> duplicates(Window window) {
        return repository.duplicateCases(window.start(), window.end(), MAX_POINTS).map(cases -> {
            var list = new JsonArray();
            for (CasePoint c : cases) {
                list.add(new JsonObject().put("caseId", c.id().toString()).put("caseNo", c.caseNo())
                        .put("lat", c.lat()).put("lon", c.lon()).put("offered", c.offered())
                        .put("joined", c.joined()));
            }
            return windowJson(window).put("cases", list);
        });
    }

    /**
     * The schools, and the stops and lines of each school's latest plan, as GeoJSON features
     * ({@code kind} school, stop, line).
     */
    public Future<JsonObject> busLayer() {
        return repository.schoolsWithLatestPlan().map(schools -> {
            var features = new JsonArray();
            for (SchoolPlan s : schools) {
                features.add(point(s.lat(), s.lon(), new JsonObject().put("kind", "school")
                        .put("schoolId", s.schoolId().toString()).put("name", s.name())
                        .put("planId", s.planId() == null ? null : s.planId().toString())));
                if (s.stops() != null) {
                    for (Object o : s.stops()) {
                        JsonObject stop = (JsonObject) o;
                        features.add(point(stop.getDouble("lat"), stop.getDouble("lon"),
                                new JsonObject().put("kind", "stop").put("name", stop.getString(
                                        "name")).put("school", s.name())));
                    }
                }
                addLines(features, s, "evening", s.evening());
                addLines(features, s, "morning", s.morning());
            }
            return new JsonObject().put("type", "FeatureCollection").put("features", features);
        });
    }

    private static void addLines(JsonArray features, SchoolPlan school, String run,
            JsonArray lines) {
        if (lines == null) {
            return;
        }
        for (Object o : lines) {
            JsonObject line = (JsonObject) o;
            JsonObject path = line.getJsonObject("path");
            JsonArray geometry = path == null ? null : path.getJsonArray("geometry");
            if (geometry == null || geometry.size() < 2) {
                continue;
            }
            var coordinates = new JsonArray();
            for (Object p : geometry) {
                // plans keep [lat, lon] pairs; GeoJSON wants [lon, lat]
                JsonArray latLon = (JsonArray) p;
                coordinates.add(new JsonArray().add(latLon.getDouble(1)).add(latLon.getDouble(0)));
            }
            features.add(new JsonObject().put("type", "Feature")
                    .put("geometry", new JsonObject().put("type", "LineString")
                            .put("coordinates", coordinates))
                    .put("properties", new JsonObject().put("kind", "line").put("run", run)
                            .put("school", school.name()).put("name", line.getString("name"))
                            .put("busLabel", line.getString("busLabel"))
                            .put("students", line.getInteger("students"))));
        }
    }

    // ------------------------------------------------------------ the dashboard

    /**
     * Every figure of the dashboard. The case figures are about the cases reported in the
     * period; the review queue and the overdue payment steps are as of now; advances are those
     * approved (not reversed) and disbursed in the period; buses are each school's latest plan.
     */
    public Future<JsonObject> dashboard(Period period) {
        var zone = bands.zone();
        Instant from = period.start(zone);
        Instant to = period.end(zone);
        Instant now = clock.instant();
        var answer = new JsonObject().put("period", periodJson(period))
                .put("asOf", now.toString());
        return dashboard.casesPerDay(from, to, zone).compose(days -> {
            answer.put("casesPerDay", perDay(period, days));
            return dashboard.outcomes(from, to);
        }).compose(o -> {
            long concluded = o.agreed() + o.police();
            answer.put("cases", new JsonObject().put("reported", o.reported())
                    .put("settledOnline", o.agreed()).put("policeHandled", o.police())
                    .put("settledOnlineShare", concluded == 0 ? null
                            : round4((double) o.agreed() / concluded)));
            answer.put("reportToAgreement", durations(o.toAgreement()));
            answer.put("reviewToDecision", durations(o.toDecision()));
            return dashboard.duplicates(from, to);
        }).compose(d -> {
            answer.put("repeatedReports", new JsonObject().put("offered", d.offered())
                    .put("avoided", d.avoided()));
            return dashboard.reviewWaiting();
        }).compose(waiting -> {
            answer.put("reviewWaiting", waitingJson(waiting, now));
            return dashboard.advances(from, to);
        }).compose(payers -> {
            var list = new JsonArray();
            payers.forEach(p -> list.add(new JsonObject().put("payerId", p.payerId())
                    .put("name", p.name()).put("kind", p.kind()).put("advances", p.advances())
                    .put("advancedFen", p.advancedFen()).put("disbursements", p.disbursements())
                    .put("disbursedFen", p.disbursedFen())));
            answer.put("advances", new JsonObject().put("payers", list));
            return dashboard.overdue(now);
        }).compose(overdue -> {
            answer.getJsonObject("advances").put("overdueNotices", overdue.notices())
                    .put("overdueReviews", overdue.reviews());
            return repository.schoolsWithLatestPlan();
        }).map(schools -> {
            var list = new JsonArray();
            for (SchoolPlan s : schools) {
                JsonObject summary = s.summary() == null ? new JsonObject() : s.summary();
                list.add(new JsonObject().put("schoolId", s.schoolId().toString())
                        .put("name", s.name()).put("hasPlan", s.planId() != null)
                        .put("planAt", s.planAt() == null ? null : s.planAt().toString())
                        .put("students", summary.getInteger("students", 0))
                        .put("studentsServed", summary.getInteger("studentsServed", 0))
                        .put("busesAvailable", summary.getInteger("busesAvailable", 0))
                        .put("busesUsed", summary.getInteger("busesUsed", 0)));
            }
            return answer.put("buses", new JsonObject().put("schools", list));
        });
    }

    private static JsonArray perDay(Period period, List<DayCount> counts) {
        Map<LocalDate, Long> byDay = new HashMap<>();
        counts.forEach(c -> byDay.put(c.day(), c.count()));
        var days = new JsonArray();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.add(new JsonObject().put("date", d.toString())
                    .put("count", byDay.getOrDefault(d, 0L)));
        }
        return days;
    }

    private static JsonObject durations(Durations d) {
        return new JsonObject().put("count", d.count())
                .put("medianSeconds", d.medianSeconds() == null ? null
                        : Math.round(d.medianSeconds()))
                .put("p90Seconds", d.p90Seconds() == null ? null : Math.round(d.p90Seconds()));
    }

    static JsonObject waitingJson(List<Waiting> waiting, Instant now) {
        long[] buckets = new long[AGE_BOUNDS.size() + 1];
        List<Long> ages = new ArrayList<>();
        var oldest = new JsonArray();
        for (Waiting w : waiting) {
            long seconds = Math.max(0, Duration.between(w.since(), now).toSeconds());
            ages.add(seconds);
            int bucket = 0;
            while (bucket < AGE_BOUNDS.size() && seconds >= AGE_BOUNDS.get(bucket).toSeconds()) {
                bucket++;
            }
            buckets[bucket]++;
            if (oldest.size() < 20) {
                oldest.add(new JsonObject().put("caseId", w.caseId().toString())
                        .put("caseNo", w.caseNo()).put("since", w.since().toString())
                        .put("ageSeconds", seconds));
            }
        }
        var byAge = new JsonArray();
        for (int i = 0; i < buckets.length; i++) {
            byAge.add(new JsonObject()
                    .put("fromSeconds", i == 0 ? 0 : AGE_BOUNDS.get(i - 1).toSeconds())
                    .put("toSeconds", i < AGE_BOUNDS.size() ? AGE_BOUNDS.get(i).toSeconds() : null)
                    .put("count", buckets[i]));
        }
        // waiting is ordered oldest first
        return new JsonObject().put("count", waiting.size())
                .put("oldestSeconds", ages.isEmpty() ? null : ages.get(0))
                .put("medianSeconds", ages.isEmpty() ? null : median(ages))
                .put("byAge", byAge).put("oldest", oldest);
    }

    /** The median of ages sorted descending, the mean of the middle two for an even count. */
    private static long median(List<Long> descending) {
        int n = descending.size();
        return n % 2 == 1 ? descending.get(n / 2)
                : Math.round((descending.get(n / 2 - 1) + descending.get(n / 2)) / 2.0);
    }

    // ------------------------------------------------------------ JSON helpers

    private JsonObject windowJson(Window window) {
        Period previous = window.period().previous();
        return new JsonObject().put("period", periodJson(window.period()))
                .put("previousPeriod", periodJson(previous))
                .put("band", new JsonObject().put("code", window.band().code())
                        .put("zh", window.band().zh()).put("en", window.band().en()))
                .put("zone", window.zone().getId());
    }

    private static JsonObject periodJson(Period p) {
        return new JsonObject().put("kind", p.kind()).put("from", p.from().toString())
                .put("to", p.to().toString()).put("days", p.days());
    }

    private static JsonObject segmentJson(Segment s) {
        return new JsonObject().put("edgeId", s.edgeId()).put("wayId", s.wayId())
                .put("roadName", s.roadName()).put("roadClass", s.roadClass())
                .put("geometry", new JsonObject().put("type", "LineString")
                        .put("coordinates", s.coordinates()));
    }

    private static JsonObject point(double lat, double lon, JsonObject properties) {
        return new JsonObject().put("type", "Feature").put("properties", properties)
                .put("geometry", new JsonObject().put("type", "Point")
                        .put("coordinates", new JsonArray().add(lon).add(lat)));
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
