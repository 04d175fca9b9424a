package cn.anxing.accident;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the open cases a new report probably repeats (重复报警): the other driver, or the same
 * one on a second try, reporting the same collision. Offered, never merged automatically: the
 * reporter chooses.
 */
public final class DuplicateReportRule {

    /** A report being filed. */
    public record NewReport(Instant reportedAt, LatLon position, Set<PlateNumber> plates) {
        public NewReport {
            plates = Set.copyOf(plates);
        }
    }

    /** An open case, as the repository summarises it. */
    public record OpenCase(String caseId, Instant reportedAt, LatLon position,
                           Set<PlateNumber> plates) {
        public OpenCase {
            plates = Set.copyOf(plates);
        }
    }

    /** An open case to offer, with how far it is in space and time. */
    public record Candidate(OpenCase openCase, double distanceMetres, Duration timeApart) {
    }

    public static final double DEFAULT_MAX_DISTANCE_METRES = 200;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

    private final double maxDistanceMetres;
    private final Duration window;

    public DuplicateReportRule(double maxDistanceMetres, Duration window) {
        if (!(maxDistanceMetres >= 0) || window.isNegative()) {
            throw new IllegalArgumentException("distance and window must not be negative");
        }
        this.maxDistanceMetres = maxDistanceMetres;
        this.window = Objects.requireNonNull(window);
    }

    public static DuplicateReportRule defaults() {
        return new DuplicateReportRule(DEFAULT_MAX_DISTANCE_METRES, DEFAULT_WINDOW);
    }

    /** Open cases within the distance and time window that share a plate, nearest first. */
    public List<Candidate> candidates(NewReport report, List<OpenCase> openCases) {
        return openCases.stream()
                .filter(c -> !Collections.disjoint(c.plates(), report.plates()))
                .map(c -> new Candidate(c, report.position().distanceMetres(c.position()),
                        Duration.between(c.reportedAt(), report.reportedAt()).abs()))
                .filter(c -> c.distanceMetres() <= maxDistanceMetres)
                .filter(c -> c.timeApart().compareTo(window) <= 0)
                .sorted(Comparator.comparingDouble(Candidate::distanceMetres)
                        .thenComparing(Candidate::timeApart))
                .toList();
    }
}
