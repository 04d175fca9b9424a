package cn.anxing.accident.cases;

import java.time.Instant;

/** One recorded change of state: what happened, who made it happen and when. */
public record CaseTransition(CaseState from, CaseEvent event, CaseState to, String actor,
                             Instant at) {
}
