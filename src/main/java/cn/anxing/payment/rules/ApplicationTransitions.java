package cn.anxing.payment.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every allowed move of an application, and who may make it, as one table. Anything not in the
 * table is refused, so a new move is a reviewed line here rather than a condition somewhere else.
 */
public final class ApplicationTransitions {

    /** One allowed move. */
    public record Transition(ApplicationState from, ApplicationState to, Set<ActorRole> by) {

        public Transition {
            by = Set.copyOf(by);
        }
    }

    private static final List<Transition> TABLE = List.of(
            // police confirm the accident and the liability state, and notify the payer
            move(ApplicationState.APPLIED, ApplicationState.NOTICE_ISSUED, ActorRole.POLICE),
            // no accident on record, or no injury: nothing to advance
            move(ApplicationState.APPLIED, ApplicationState.REJECTED, ActorRole.POLICE),
            move(ApplicationState.APPLIED, ApplicationState.WITHDRAWN, ActorRole.APPLICANT),
            move(ApplicationState.NOTICE_ISSUED, ApplicationState.BILLED, ActorRole.HOSPITAL),
            move(ApplicationState.NOTICE_ISSUED, ApplicationState.WITHDRAWN, ActorRole.APPLICANT),
            // rescue goes on: the hospital may add bills before the payer decides
            move(ApplicationState.BILLED, ApplicationState.BILLED, ActorRole.HOSPITAL),
            move(ApplicationState.BILLED, ApplicationState.APPROVED, ActorRole.PAYER),
            move(ApplicationState.BILLED, ApplicationState.REJECTED, ActorRole.PAYER),
            // several payers (each vehicle's insurer, the fund) and several bills: another
            // advance may be approved, or another bill arrive, before a transfer is confirmed
            move(ApplicationState.APPROVED, ApplicationState.APPROVED, ActorRole.PAYER),
            move(ApplicationState.APPROVED, ApplicationState.BILLED, ActorRole.HOSPITAL),
            // the transfer is confirmed by the payer or by its bank's answer to the outbox
            move(ApplicationState.APPROVED, ApplicationState.PAID,
                    ActorRole.PAYER, ActorRole.SYSTEM),
            // later rescue costs are billed again, until the limit is reached
            move(ApplicationState.PAID, ApplicationState.BILLED, ActorRole.HOSPITAL),
            // the fund advances what is left of a bill once the insurer's limit is used up
            move(ApplicationState.PAID, ApplicationState.APPROVED, ActorRole.PAYER),
            move(ApplicationState.PAID, ApplicationState.CLOSED,
                    ActorRole.PAYER, ActorRole.SYSTEM));

    private ApplicationTransitions() {
    }

    private static Transition move(ApplicationState from, ApplicationState to, ActorRole... by) {
        return new Transition(from, to, Set.of(by));
    }

    public static List<Transition> table() {
        return TABLE;
    }

    public static boolean isAllowed(ApplicationState from, ApplicationState to, ActorRole by) {
        return TABLE.stream()
                .anyMatch(t -> t.from() == from && t.to() == to && t.by().contains(by));
    }

    /** The states reachable from {@code from} by anyone; empty for a final state. */
    public static Set<ApplicationState> allowedFrom(ApplicationState from) {
        Set<ApplicationState> to = EnumSet.noneOf(ApplicationState.class);
        TABLE.stream().filter(t -> t.from() == from).forEach(t -> to.add(t.to()));
        return to;
    }

    /**
     * @throws cn.anxing.error.DomainException {@link PaymentError#ILLEGAL_TRANSITION} when the
     *         table does not allow this move by this actor
     */
    public static void require(ApplicationState from, ApplicationState to, ActorRole by) {
        if (!isAllowed(from, to, by)) {
            throw PaymentError.ILLEGAL_TRANSITION.error(null, "the " + by.en()
                    + " cannot move an application from '" + from.en() + "' to '" + to.en()
                    + "'");
        }
    }
}
