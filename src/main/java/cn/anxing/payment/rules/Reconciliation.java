package cn.anxing.payment.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily reconciliation (对账) of the ledger: per Asia/Shanghai day and per payer, the sum of
 * debits and the sum of credits, which must be equal; and every posting whose stored entries are
 * not one debit and one credit of the same amount. It reads stored entries rather than
 * {@link Posting}s so that it checks what the database holds, not what the code meant to write.
 */
public final class Reconciliation {

    public static final ZoneId REPORT_ZONE = ZoneId.of("Asia/Shanghai");

    private Reconciliation() {
    }

    /** One day and one payer: debits minus credits must be zero. */
    public record Line(LocalDate day, String payerId, long debitFen, long creditFen) {

        public long differenceFen() {
            return debitFen - creditFen;
        }

        public boolean isBalanced() {
            return differenceFen() == 0;
        }
    }

    /** A posting whose stored entries do not form a balanced pair, and why. */
    public record Imbalance(String postingId, String problem) {
    }

    public record Report(List<Line> lines, List<Imbalance> imbalances) {

        public Report {
            lines = List.copyOf(lines);
            imbalances = List.copyOf(imbalances);
        }

        public boolean isBalanced() {
            return imbalances.isEmpty() && lines.stream().allMatch(Line::isBalanced);
        }
    }

    public static Report of(Collection<LedgerEntry> entries) {
        record DayPayer(LocalDate day, String payerId) {
        }
        Map<DayPayer, long[]> sums = new TreeMap<>(Comparator
                .comparing(DayPayer::day).thenComparing(DayPayer::payerId));
        Map<String, List<LedgerEntry>> byPosting = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            LocalDate day = e.postedAt().atZone(REPORT_ZONE).toLocalDate();
            DayPayer key = new DayPayer(day, e.payerId());
            long[] debitCredit = sums.computeIfAbsent(key, k -> new long[2]);
            debitCredit[e.side() == Side.DEBIT ? 0 : 1] =
                    Math.addExact(debitCredit[e.side() == Side.DEBIT ? 0 : 1], e.amount().value());
            byPosting.computeIfAbsent(e.postingId(), k -> new ArrayList<>()).add(e);
        }
        List<Line> lines = new ArrayList<>();
        sums.forEach((k, dc) -> lines.add(new Line(k.day(), k.payerId(), dc[0], dc[1])));
        List<Imbalance> imbalances = new ArrayList<>();
        byPosting.forEach((id, legs) -> checkPair(id, legs, imbalances));
        return new Report(lines, imbalances);
    }

    private static void checkPair(String postingId, List<LedgerEntry> legs,
            List<Imbalance> imbalances) {
        long debits = legs.stream().filter(e -> e.side() == Side.DEBIT).count();
        long credits = legs.size() - debits;
        if (debits != 1 || credits != 1) {
            imbalances.add(new Imbalance(postingId, "expected one debit and one credit, found "
                    + debits + " debit(s) and " + credits + " credit(s)"));
            return;
        }
        LedgerEntry a = legs.get(0);
        LedgerEntry b = legs.get(1);
        if (!a.amount().equals(b.amount())) {
            imbalances.add(new Imbalance(postingId, "debit and credit differ: "
                    + a.amount() + " vs " + b.amount()));
        } else if (!a.payerId().equals(b.payerId())) {
            imbalances.add(new Imbalance(postingId, "entries name different payers: "
                    + a.payerId() + " and " + b.payerId()));
        } else if (!a.postedAt().equals(b.postedAt())) {
            imbalances.add(new Imbalance(postingId, "entries carry different times"));
        }
    }

    /**
     * The net sum a payer has advanced for one injured person: approvals minus their reversals.
     * This is the "already paid" that {@link AdvanceDecision} compares with the limit.
     */
    public static Fen netAdvanced(Collection<Posting> postings, String payerId,
            String injuredPersonId) {
        Map<String, Posting> byId = new LinkedHashMap<>();
        postings.forEach(p -> byId.put(p.id(), p));
        long net = 0;
        for (Posting p : postings) {
            if (!p.payerId().equals(payerId) || !p.injuredPersonId().equals(injuredPersonId)) {
                continue;
            }
            if (p.kind() == PostingKind.ADVANCE_APPROVED) {
                net = Math.addExact(net, p.amount().value());
            } else if (p.kind() == PostingKind.REVERSAL) {
                Posting original = byId.get(p.reversalOf().orElseThrow());
                if (original != null && original.kind() == PostingKind.ADVANCE_APPROVED) {
                    net = Math.subtractExact(net, p.amount().value());
                }
            }
        }
        return Fen.of(net);
    }
}
