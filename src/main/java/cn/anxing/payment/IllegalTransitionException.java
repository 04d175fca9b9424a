package cn.anxing.payment;

/**
 * A move of an application that the transition table does not allow, such as paying an
 * application that was never approved. The HTTP layer answers 409 with {@link #code()}.
 */
public class IllegalTransitionException extends RuntimeException {

    private final ApplicationState from;
    private final ApplicationState to;
    private final ActorRole by;

    public IllegalTransitionException(ApplicationState from, ApplicationState to, ActorRole by) {
        super("the " + by.en() + " cannot move an application from '" + from.en() + "' to '"
                + to.en() + "'");
        this.from = from;
        this.to = to;
        this.by = by;
    }

    public String code() {
        return "illegal_transition";
    }

    public ApplicationState from() {
        return from;
    }

    public ApplicationState to() {
        return to;
    }

    public ActorRole by() {
        return by;
    }
}
