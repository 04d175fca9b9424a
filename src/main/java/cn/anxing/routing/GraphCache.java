package cn.anxing.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.graphhopper.GraphHopper;
import com.graphhopper.config.Profile;
import com.graphhopper.jackson.Jackson;
import com.graphhopper.util.CustomModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk graph of one map file: imported on first use, loaded afterwards, rebuilt when
 * the map or the custom models change. Apart from {@link RoadNetwork} because the cache's
 * bookkeeping (fingerprints, atomic writes) has nothing to do with answering queries.
 */
final class GraphCache {

    /** Every attribute the custom models and our queries read, stored per edge at import. */
    static final String ENCODED_VALUES = "car_access, car_average_speed, road_access, "
            + "max_weight, max_width, max_height, foot_access, foot_priority, foot_average_speed, "
            + "foot_road_access, road_class, road_class_link, roundabout, osm_way_id";

    // the network's name, so the import messages read as they always have
    private static final Logger LOG = LoggerFactory.getLogger(RoadNetwork.class);
    private static final String GRAPH_DIR = "graph";
    private static final String FINGERPRINT_FILE = "map.fingerprint";

    /** A ready engine, and whether this opening built its cache. */
    record Opened(GraphHopper hopper, boolean imported) {
    }

    private GraphCache() {
    }

    /**
     * Imports {@code mapFile} into {@code cacheDir}, or loads it if the fingerprint there
     * still matches.
     *
     * @throws MapFileMissingException if the map file is not there
     */
    static Opened open(Path mapFile, Path cacheDir) {
        if (!Files.isRegularFile(mapFile)) {
            throw new MapFileMissingException(mapFile);
        }
        try {
            Files.createDirectories(cacheDir);
            Path graphDir = cacheDir.resolve(GRAPH_DIR);
            Path fingerprintFile = cacheDir.resolve(FINGERPRINT_FILE);
            String fingerprint = fingerprint(mapFile);
            boolean cached = Files.isDirectory(graphDir) && Files.isRegularFile(fingerprintFile)
                    && Files.readString(fingerprintFile).equals(fingerprint);
            if (!cached) {
                // written again only after a complete import, so a crash mid-import rebuilds
                Files.deleteIfExists(fingerprintFile);
                deleteRecursively(graphDir);
                LOG.info("Importing {} into {}; this takes a while for a large map",
                        mapFile, graphDir);
            }
            long started = System.nanoTime();
            GraphHopper hopper = createHopper(mapFile, graphDir);
            hopper.importOrLoad();
            if (!cached) {
                Path tmp = cacheDir.resolve(FINGERPRINT_FILE + ".tmp");
                Files.writeString(tmp, fingerprint);
                Files.move(tmp, fingerprintFile, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            LOG.info("{} {} in {} ms", cached ? "Loaded" : "Imported", mapFile,
                    (System.nanoTime() - started) / 1_000_000);
            return new Opened(hopper, !cached);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the road network cache in " + cacheDir,
                    e);
        }
    }

    private static GraphHopper createHopper(Path mapFile, Path graphDir) {
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(mapFile.toString());
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setEncodedValuesString(ENCODED_VALUES);
        hopper.setProfiles(RoadNetwork.PROFILES.stream()
                .map(name -> new Profile(name).setCustomModel(customModel(name)))
                .toList());
        return hopper;
    }

    private static CustomModel customModel(String profile) {
        ObjectMapper json = Jackson.newObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
        try {
            return json.readValue(modelJson(profile), CustomModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("bad custom model routing/" + profile + ".json", e);
        }
    }

    private static String modelJson(String profile) {
        String resource = "/routing/" + profile + ".json";
        try (InputStream in = RoadNetwork.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Size and SHA-256 of the map, plus a hash of what we import it with. */
    static String fingerprint(Path mapFile) throws IOException {
        MessageDigest file = sha256();
        try (InputStream in = Files.newInputStream(mapFile)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                file.update(buffer, 0, n);
            }
        }
        MessageDigest setup = sha256();
        setup.update(ENCODED_VALUES.getBytes(StandardCharsets.UTF_8));
        for (String profile : RoadNetwork.PROFILES) {
            setup.update(modelJson(profile).getBytes(StandardCharsets.UTF_8));
        }
        HexFormat hex = HexFormat.of();
        return "size=" + Files.size(mapFile) + "\nsha256=" + hex.formatHex(file.digest())
                + "\nsetup=" + hex.formatHex(setup.digest()) + "\n";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
