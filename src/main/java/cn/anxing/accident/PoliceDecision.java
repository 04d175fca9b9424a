package cn.anxing.accident;

import cn.anxing.accident.liability.LiabilityGrade;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The officer's determination (交警认定): a grade for each party, by label, and a note. */
public record PoliceDecision(Map<String, LiabilityGrade> grades, String note, UUID officer,
        Instant decidedAt) {

    public PoliceDecision {
        grades = Collections.unmodifiableMap(new LinkedHashMap<>(grades));
        note = note == null ? "" : note;
    }
}
