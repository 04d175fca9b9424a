package cn.anxing.accident.facts;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the accident feature tells other features about a case: its number, time, state and
 * parties (label, plate, the insurer each named). The medical advance payments read a case
 * through this and never through the accident tables, so the accident feature may change its
 * storage without breaking them.
 */
public interface AccidentFacts {

    /** The case with this case number (such as {@code PH20261203-000003}) or id; empty if none. */
    Future<Optional<CaseFacts>> find(String caseNumberOrId);
}
