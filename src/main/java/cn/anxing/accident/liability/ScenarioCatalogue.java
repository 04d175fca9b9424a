package cn.anxing.accident.liability;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of the scenario catalogue (快处全责情形清单), read from JSON. Kept as data so a
 * province can publish a changed list without a release; every decision records the
 * {@link #version()} it was made under.
 */
public final class ScenarioCatalogue {

    /** The catalogue shipped with the server. */
    public static final String BUNDLED_RESOURCE = "/accident/scenarios-v1.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    private final LocalDate effectiveFrom;
    private final String jurisdiction;
    private final String jurisdictionName;
    private final Map<String, Scenario> byCode;

    public ScenarioCatalogue(String version, LocalDate effectiveFrom, String jurisdiction,
                             String jurisdictionName, List<Scenario> scenarios) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        this.jurisdiction = jurisdiction;
        this.jurisdictionName = jurisdictionName;
        Map<String, Scenario> map = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            if (map.put(s.code(), s) != null) {
                throw invalid("scenario code " + s.code() + " appears more than once",
                        "scenarios[" + i + "].code");
            }
        }
        if (map.isEmpty()) {
            throw invalid("the catalogue lists no scenario", "scenarios");
        }
        this.byCode = Collections.unmodifiableMap(map);
    }

    public static ScenarioCatalogue bundled() {
        try (InputStream in = ScenarioCatalogue.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a province's own catalogue file (its path comes from configuration). */
    public static ScenarioCatalogue read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario catalogue " + file, e);
        }
    }

    public static ScenarioCatalogue read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            DomainException invalid = new DomainException(AccidentError.CATALOGUE_INVALID,
                    "the scenario catalogue is not valid JSON: " + e.getMessage(), null);
            invalid.initCause(e);
            throw invalid;
        }
        if (root == null || !root.isObject()) {
            throw invalid("the scenario catalogue must be a JSON object", null);
        }
        String version = text(root, "version", "version");
        String effective = text(root, "effectiveFrom", "effectiveFrom");
        LocalDate effectiveFrom;
        try {
            effectiveFrom = LocalDate.parse(effective);
        } catch (DateTimeParseException e) {
            throw invalid("effectiveFrom must be a date like 2025-01-01", "effectiveFrom");
        }
        String jurisdiction = text(root, "jurisdiction", "jurisdiction");
        String jurisdictionName = text(root, "jurisdictionName", "jurisdictionName");
        JsonNode list = root.get("scenarios");
        if (list == null || !list.isArray()) {
            throw invalid("scenarios must be a list", "scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "scenarios[" + i + "].";
            JsonNode node = list.get(i);
            String code = text(node, "code", at + "code");
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw invalid("scenario code " + code + " must be upper case letters, digits and _",
                        at + "code");
            }
            JsonNode basisList = node.get("legalBasis");
            if (basisList == null || !basisList.isArray() || basisList.isEmpty()) {
                throw invalid("scenario " + code + " must cite at least one legal basis",
                        at + "legalBasis");
            }
            List<LegalBasis> basis = new ArrayList<>();
            for (int j = 0; j < basisList.size(); j++) {
                String bAt = at + "legalBasis[" + j + "].";
                basis.add(new LegalBasis(text(basisList.get(j), "zh", bAt + "zh"),
                        text(basisList.get(j), "en", bAt + "en")));
            }
            scenarios.add(new Scenario(code,
                    text(node, "nameZh", at + "nameZh"),
                    text(node, "nameEn", at + "nameEn"),
                    text(node, "descriptionZh", at + "descriptionZh"),
                    text(node, "descriptionEn", at + "descriptionEn"),
                    basis));
        }
        return new ScenarioCatalogue(version, effectiveFrom, jurisdiction, jurisdictionName,
                scenarios);
    }

    public String version() {
        return version;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    /** Administrative division code of the province or city, e.g. 330000 for Zhejiang. */
    public String jurisdiction() {
        return jurisdiction;
    }

    public String jurisdictionName() {
        return jurisdictionName;
    }

    /** In the order of the file, which is the order the phone page lists them. */
    public List<Scenario> scenarios() {
        return List.copyOf(byCode.values());
    }

    public List<String> codes() {
        return List.copyOf(byCode.keySet());
    }

    public Optional<Scenario> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The scenario, or an {@code UNKNOWN_SCENARIO} error naming {@code field}. */
    public Scenario require(String code, String field) {
        Scenario s = byCode.get(code);
        if (s == null) {
            throw new DomainException(AccidentError.UNKNOWN_SCENARIO, "scenario " + code
                    + " is not in catalogue " + version, field);
        }
        return s;
    }

    private static String text(JsonNode node, String name, String field) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is missing or empty", field);
        }
        return value.asText().strip();
    }

    private static DomainException invalid(String message, String field) {
        return new DomainException(AccidentError.CATALOGUE_INVALID, message, field);
    }
}
