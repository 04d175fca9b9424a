package cn.anxing.payment.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The effective-dated compulsory-insurance limits and assistance-fund rules, loaded from
 * {@code payment/compulsory-insurance-limits.json}. Limits change with reforms (the 2020 reform
 * raised them on 2020-09-19) and an accident is settled under the limits of its own date, so the
 * figures are data, not constants.
 *
 * <p>Loading validates that the periods of each list meet without gaps or overlaps, that only the
 * last is open-ended, and that every amount is a non-negative whole number of fen; a broken file
 * stops the server at start rather than paying the wrong limit later.
 */
public final class LimitSchedule {

    /** The time zone in which an accident's date is read: the date the police record. */
    public static final ZoneId ACCIDENT_ZONE = ZoneId.of("Asia/Shanghai");

    public static final String RESOURCE = "payment/compulsory-insurance-limits.json";

    private final List<InsuranceLimits> insurancePeriods;
    private final List<FundRules> fundPeriods;

    private LimitSchedule(List<InsuranceLimits> insurancePeriods, List<FundRules> fundPeriods) {
        this.insurancePeriods = List.copyOf(insurancePeriods);
        this.fundPeriods = List.copyOf(fundPeriods);
    }

    /** The schedule shipped with Anxing, from the class path. */
    public static LimitSchedule loadDefault() {
        try (InputStream in = LimitSchedule.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates a schedule; throws {@link InvalidScheduleException} naming the fault. */
    public static LimitSchedule load(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isObject()) {
            throw new InvalidScheduleException("the limit schedule must be a JSON object");
        }
        List<InsuranceLimits> insurance = new ArrayList<>();
        JsonNode periods = requiredArray(root, "insurancePeriods");
        for (int i = 0; i < periods.size(); i++) {
            String at = "insurancePeriods[" + i + "]";
            JsonNode p = periods.get(i);
            insurance.add(new InsuranceLimits(
                    date(p, "effectiveFrom", at),
                    optionalDate(p, "effectiveUntil", at),
                    coverage(p, "liable", at),
                    coverage(p, "notLiable", at),
                    p.path("source").asText("")));
        }
        List<FundRules> fund = new ArrayList<>();
        JsonNode fundNodes = requiredArray(root, "fundPeriods");
        for (int i = 0; i < fundNodes.size(); i++) {
            String at = "fundPeriods[" + i + "]";
            JsonNode p = fundNodes.get(i);
            long hours = wholeNumber(p, "rescueWindowHours", at);
            if (hours == 0) {
                throw new InvalidScheduleException(at + ".rescueWindowHours must be positive");
            }
            JsonNode cap = p.path("perPersonCapFen");
            Optional<Fen> perPersonCap = cap.isMissingNode() || cap.isNull()
                    ? Optional.empty()
                    : Optional.of(Fen.of(wholeNumber(p, "perPersonCapFen", at)));
            fund.add(new FundRules(
                    date(p, "effectiveFrom", at),
                    optionalDate(p, "effectiveUntil", at),
                    Duration.ofHours(hours),
                    perPersonCap,
                    p.path("source").asText("")));
        }
        return of(insurance, fund);
    }

    /** Builds a schedule from periods in any order, with the same validation as {@link #load}. */
    public static LimitSchedule of(List<InsuranceLimits> insurance, List<FundRules> fund) {
        List<InsuranceLimits> sortedInsurance = new ArrayList<>(insurance);
        sortedInsurance.sort(Comparator.comparing(InsuranceLimits::effectiveFrom));
        List<FundRules> sortedFund = new ArrayList<>(fund);
        sortedFund.sort(Comparator.comparing(FundRules::effectiveFrom));
        checkContiguous("insurancePeriods", sortedInsurance.stream()
                .map(p -> new Span(p.effectiveFrom(), p.effectiveUntil())).toList());
        checkContiguous("fundPeriods", sortedFund.stream()
                .map(p -> new Span(p.effectiveFrom(), p.effectiveUntil())).toList());
        return new LimitSchedule(sortedInsurance, sortedFund);
    }

    /** The limits for an accident on this Asia/Shanghai date. */
    public InsuranceLimits limitsOn(LocalDate accidentDate) {
        return insurancePeriods.stream()
                .filter(p -> p.appliesOn(accidentDate))
                .findFirst()
                .orElseThrow(() -> PaymentError.NO_LIMITS_FOR_DATE.error("accidentAt",
                        "no compulsory-insurance limits are configured for an accident on "
                                + accidentDate + " (the schedule starts "
                                + insurancePeriods.get(0).effectiveFrom() + ")"));
    }

    /** The limits for an accident at this instant, read as a date in Asia/Shanghai. */
    public InsuranceLimits limitsAt(Instant accidentAt) {
        return limitsOn(accidentDate(accidentAt));
    }

    /** The assistance fund's rules for an accident on this Asia/Shanghai date. */
    public FundRules fundRulesOn(LocalDate accidentDate) {
        return fundPeriods.stream()
                .filter(p -> p.appliesOn(accidentDate))
                .findFirst()
                .orElseThrow(() -> PaymentError.NO_FUND_RULES_FOR_DATE.error("accidentAt",
                        "no assistance-fund rules are configured for an accident on "
                                + accidentDate + " (the rules start "
                                + fundPeriods.get(0).effectiveFrom() + ")"));
    }

    public static LocalDate accidentDate(Instant accidentAt) {
        return accidentAt.atZone(ACCIDENT_ZONE).toLocalDate();
    }

    public List<InsuranceLimits> insurancePeriods() {
        return insurancePeriods;
    }

    public List<FundRules> fundPeriods() {
        return fundPeriods;
    }

    private record Span(LocalDate from, Optional<LocalDate> until) {
    }

    private static void checkContiguous(String list, List<Span> sorted) {
        if (sorted.isEmpty()) {
            throw new InvalidScheduleException(list + " must hold at least one period");
        }
        for (int i = 0; i < sorted.size(); i++) {
            Span span = sorted.get(i);
            boolean last = i == sorted.size() - 1;
            if (span.until().isPresent() && !span.until().get().isAfter(span.from())) {
                throw new InvalidScheduleException(list + ": the period from " + span.from()
                        + " ends on or before it starts (" + span.until().get() + ")");
            }
            if (last) {
                if (span.until().isPresent()) {
                    throw new InvalidScheduleException(list + ": the last period (from "
                            + span.from() + ") must be open-ended, or accidents after "
                            + span.until().get() + " would have no rules");
                }
                continue;
            }
            LocalDate nextFrom = sorted.get(i + 1).from();
            if (span.until().isEmpty()) {
                throw new InvalidScheduleException(list + ": the period from " + span.from()
                        + " is open-ended but overlaps the period from " + nextFrom);
            }
            LocalDate until = span.until().get();
            if (until.isBefore(nextFrom)) {
                throw new InvalidScheduleException(list + ": gap between " + until
                        + " and " + nextFrom + " where no rules apply");
            }
            if (until.isAfter(nextFrom)) {
                throw new InvalidScheduleException(list + ": the period from " + span.from()
                        + " overlaps the period from " + nextFrom);
            }
        }
    }

    private static JsonNode requiredArray(JsonNode node, String name) {
        JsonNode array = node.path(name);
        if (!array.isArray()) {
            throw new InvalidScheduleException(name + " must be a JSON array");
        }
        return array;
    }

    private static CoverageLimits coverage(JsonNode period, String name, String at) {
        JsonNode c = period.path(name);
        if (!c.isObject()) {
            throw new InvalidScheduleException(at + "." + name + " must be an object");
        }
        String here = at + "." + name;
        return new CoverageLimits(
                Fen.of(wholeNumber(c, "deathDisability", here)),
                Fen.of(wholeNumber(c, "medical", here)),
                Fen.of(wholeNumber(c, "property", here)));
    }

    private static long wholeNumber(JsonNode node, String name, String at) {
        JsonNode value = node.path(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidScheduleException(at + "." + name
                    + " must be a whole number of fen, found " + value);
        }
        long n = value.longValue();
        if (n < 0) {
            throw new InvalidScheduleException(at + "." + name + " cannot be negative: " + n);
        }
        return n;
    }

    private static LocalDate date(JsonNode node, String name, String at) {
        JsonNode value = node.path(name);
        if (!value.isTextual()) {
            throw new InvalidScheduleException(at + "." + name + " must be a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidScheduleException(at + "." + name + " is not a date: " + value);
        }
    }

    private static Optional<LocalDate> optionalDate(JsonNode node, String name, String at) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(date(node, name, at));
    }
}
