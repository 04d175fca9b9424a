package cn.anxing.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files beside the project in ../shared: map extracts and benchmark instances. */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("anxing.shared.dir", "../shared"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("Tests need ../shared beside the project (map extracts"
                    + " and benchmark instances); not found at " + root.toAbsolutePath());
        }
        return root;
    }

    public static Path map(String name) {
        return root().resolve("map-data").resolve(name).toAbsolutePath();
    }
}
