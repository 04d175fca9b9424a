package cn.anxing.insight;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The time-of-day bands and the zone they are read in, kept as data
 * ({@code insight/time-bands.json}) so a county changes its peaks without a release.
 */
public record TimeBands(ZoneId zone, List<TimeBand> bands) {

    public static final String RESOURCE = "/insight/time-bands.json";

    public TimeBands {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("at least one time band is needed");
        }
    }

    public static TimeBands bundled() {
        try (InputStream in = TimeBands.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<TimeBand> bands = new ArrayList<>();
            for (JsonNode band : root.get("bands")) {
                bands.add(new TimeBand(band.get("code").asText(), band.get("zh").asText(),
                        band.get("en").asText(), time(band.get("from")), time(band.get("to"))));
            }
            return new TimeBands(ZoneId.of(root.get("zone").asText()), bands);
        } catch (IOException e) {
            throw new UncheckedIOException("bad " + RESOURCE, e);
        }
    }

    private static LocalTime time(JsonNode node) {
        return node == null || node.isNull() ? null : LocalTime.parse(node.asText());
    }

    /** The band named {@code code}; the first (the whole day) when none is asked for. */
    public TimeBand band(String code) {
        if (code == null || code.isBlank()) {
            return bands.get(0);
        }
        return bands.stream().filter(b -> b.code().equals(code)).findFirst()
                .orElseThrow(() -> new DomainException(CommonError.VALIDATION_FAILED,
                        "未知时段 / unknown time band '" + code + "', expected one of "
                                + bands.stream().map(TimeBand::code).toList(), "band"));
    }
}
