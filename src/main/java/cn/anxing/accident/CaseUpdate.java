package cn.anxing.accident;

import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.cases.CaseTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state events fired during one change of a case, recorded with who and when, and what to
 * do once the change is committed (wake the outbox relay).
 */
public final class CaseUpdate {

    private final String actor;
    private final Instant at;
    private CaseState state;
    private final List<CaseTransition> transitions = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    CaseUpdate(String actor, CaseState state, Instant at) {
        this.actor = actor;
        this.state = state;
        this.at = at;
    }

    /** Moves the case, or refuses with CASE_TRANSITION_NOT_ALLOWED if its state does not allow. */
    public void fire(CaseEvent event) {
        CaseTransition t = CaseStateMachine.apply(state, event, actor, at);
        transitions.add(t);
        state = t.to();
    }

    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    CaseState state() {
        return state;
    }

    List<CaseTransition> transitions() {
        return transitions;
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
