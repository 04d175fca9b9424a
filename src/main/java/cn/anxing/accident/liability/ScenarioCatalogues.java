package cn.anxing.accident.liability;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every catalogue version the server knows. An accident is judged under the version in force
 * on its date, and a case decided earlier can still show the version it was decided under.
 */
public final class ScenarioCatalogues {

    private final Map<String, ScenarioCatalogue> byVersion = new LinkedHashMap<>();

    public ScenarioCatalogues(List<ScenarioCatalogue> catalogues) {
        for (ScenarioCatalogue c : catalogues) {
            if (byVersion.put(c.version(), c) != null) {
                throw new DomainException(AccidentError.CATALOGUE_INVALID,
                        "catalogue version " + c.version() + " is loaded twice", "version");
            }
        }
    }

    /**
     * The bundled catalogue plus a province's own files (paths from configuration), so a new
     * list takes effect on its date without a release.
     */
    public static ScenarioCatalogues bundledPlus(List<Path> overrideFiles) {
        List<ScenarioCatalogue> all = new ArrayList<>();
        all.add(ScenarioCatalogue.bundled());
        overrideFiles.forEach(f -> all.add(ScenarioCatalogue.read(f)));
        return new ScenarioCatalogues(all);
    }

    public Optional<ScenarioCatalogue> byVersion(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** The version with the latest {@code effectiveFrom} not after {@code date}. */
    public ScenarioCatalogue inForceOn(LocalDate date) {
        return byVersion.values().stream()
                .filter(c -> !c.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(ScenarioCatalogue::effectiveFrom))
                .orElseThrow(() -> new DomainException(AccidentError.NO_CATALOGUE_IN_FORCE,
                        "no scenario catalogue is in force on " + date, "occurredAt"));
    }

    public List<ScenarioCatalogue> all() {
        return List.copyOf(byVersion.values());
    }
}
