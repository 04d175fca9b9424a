package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of an application as everyone involved sees it (进度): what happened, who did it, when,
 * and a sentence in Chinese and in English for the applicant's view.
 *
 * @param what    a stable code for clients, such as {@code NOTICE_ISSUED}
 * @param actorId the account or organisation that acted; empty text for the system
 */
public record TimelineEvent(
        String applicationId, Instant at, String what, ActorRole by, String actorId,
        String textZh, String textEn) {

    public TimelineEvent {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(textZh, "textZh");
        Objects.requireNonNull(textEn, "textEn");
    }

    /** The event of a checked move: the code is the new state, the text names who acted. */
    public static TimelineEvent of(String applicationId, ApplicationState from,
            ApplicationState to, ActorRole by, String actorId, Instant at) {
        ApplicationTransitions.require(from, to, by);
        return new TimelineEvent(applicationId, at, to.name(), by, actorId,
                by.zh() + "：" + to.zh(), to.en() + " by the " + by.en());
    }
}
