package cn.anxing.accident;

import cn.anxing.accident.cases.CaseState;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The police queue (待处理案件): the cases with the police, why each is there, who holds it and
 * how long it has waited, filtered and sorted as the officer asks; and the desk's statistics.
 */
public final class PoliceQueue {

    /** Cases by state, and repeated reports offered an open case and those that joined it. */
    public record Statistics(Map<CaseState, Long> casesByState, long duplicatesOffered,
            long duplicatesAvoided) {
    }

    /** A row of the queue. */
    public record QueueEntry(AccidentCase accidentCase, Instant waitingSince,
            PoliceDeskRepository.Claim claim, Instant reviewRequestedAt, List<String> reasons) {

        boolean injury() {
            return accidentCase.medicalAdvance() || (accidentCase.checklist() != null
                    && accidentCase.checklist().anyoneInjuredOrKilled());
        }
    }

    /**
     * What the queue shows: every filter optional.
     *
     * @param sort URGENCY (injury first, then longest waiting) or TIME (newest report first)
     */
    public record QueueQuery(String reason, String road, Instant from, Instant to, String state,
            String search, String sort) {
    }

    private final CaseChanges cases;
    private final DuplicateOffers offers;
    private final PoliceDeskRepository desk;

    PoliceQueue(CaseChanges cases, DuplicateOffers offers, PoliceDeskRepository desk) {
        this.cases = cases;
        this.offers = offers;
        this.desk = desk;
    }

    public Future<List<AccidentCase>> queue() {
        AccidentRepository repository = cases.repository();
        return repository.policeQueue().compose(ids -> {
            List<Future<AccidentCase>> all = ids.stream().map(cases::any).toList();
            return Future.all(all).map(x -> all.stream().map(Future::result).toList());
        });
    }

    public Future<List<QueueEntry>> queue(QueueQuery q) {
        Instant now = cases.now();
        return queue().compose(list -> {
            List<UUID> ids = list.stream().map(AccidentCase::id).toList();
            Future<Map<UUID, PoliceDeskRepository.Claim>> holders = desk.holders(ids, now);
            Future<Map<UUID, Instant>> waiting = desk.waitingSince(ids);
            List<Future<Optional<Map.Entry<Instant, String>>>> marks = ids.stream()
                    .map(id -> desk.reviewMark(desk.pool(), id)).toList();
            return Future.all(holders, waiting, Future.all(marks)).map(x -> {
                List<QueueEntry> entries = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    AccidentCase c = list.get(i);
                    Instant review = marks.get(i).result().map(Map.Entry::getKey).orElse(null);
                    entries.add(new QueueEntry(c, waiting.result().getOrDefault(c.id(),
                            c.reportedAt()), holders.result().get(c.id()), review,
                            reasonsOf(c, review)));
                }
                return filterAndSort(entries, q);
            });
        });
    }

    static List<QueueEntry> filterAndSort(List<QueueEntry> entries, QueueQuery q) {
        String search = q.search() == null ? null
                : q.search().trim().toUpperCase(Locale.ROOT).replace(" ", "");
        List<QueueEntry> kept = entries.stream()
                .filter(e -> q.reason() == null || e.reasons().contains(q.reason()))
                .filter(e -> q.road() == null || e.accidentCase().road().name()
                        .contains(q.road()))
                .filter(e -> q.from() == null || !e.accidentCase().reportedAt()
                        .isBefore(q.from()))
                .filter(e -> q.to() == null || e.accidentCase().reportedAt().isBefore(q.to()))
                .filter(e -> q.state() == null || e.accidentCase().state().name()
                        .equals(q.state()))
                .filter(e -> search == null || search.isEmpty()
                        || e.accidentCase().caseNo().toUpperCase(Locale.ROOT).contains(search)
                        || e.accidentCase().plates().stream()
                                .anyMatch(p -> p.value().contains(search)))
                .toList();
        Comparator<QueueEntry> order = "TIME".equals(q.sort())
                ? Comparator.comparing((QueueEntry e) -> e.accidentCase().reportedAt()).reversed()
                : Comparator.comparing((QueueEntry e) -> !e.injury())
                        .thenComparing(QueueEntry::waitingSince);
        return kept.stream().sorted(order).toList();
    }

    /** Why the case is with the police; more than one reason may hold. */
    static List<String> reasonsOf(AccidentCase c, Instant reviewRequested) {
        Set<String> reasons = new LinkedHashSet<>();
        if (reviewRequested != null) {
            reasons.add("REVIEW_REQUESTED");
        }
        if (c.decision() != null && c.decision().policeReviewReason() != null) {
            reasons.add(c.decision().policeReviewReason().name());
        }
        if (c.eligibility() != null && !c.eligibility().selfServiceAllowed()) {
            reasons.add("NOT_ELIGIBLE");
        }
        if (c.medicalAdvance()) {
            reasons.add("INJURY");
        }
        if (!c.flags().isEmpty()) {
            reasons.add("PHOTO_FLAGGED");
        }
        if (reasons.isEmpty() && c.state() == CaseState.POLICE_REVIEW) {
            reasons.add("POLICE_REQUESTED");
        }
        return List.copyOf(reasons);
    }

    public Future<Statistics> statistics() {
        return cases.repository().countByState().compose(states -> offers.duplicateCounts()
                .map(d -> new Statistics(states, d.offered(), d.avoided())));
    }
}
