package cn.anxing.bus.solver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Schittekat et al. (2013) benchmark instance, as in the {@code .xpress} files: the first line
 * {@code m n v c w}, then the school, the m stops and the n students as {@code x y} lines.
 */
public record SchittekatInstance(String name, int vehicles, int capacity, double maxWalk,
                                 double[] school, double[][] stops, double[][] students) {

    public static SchittekatInstance read(Path file) throws IOException {
        String[] tokens = Files.readString(file).trim().split("\\s+");
        int m = Integer.parseInt(tokens[0]);
        int n = Integer.parseInt(tokens[1]);
        int v = Integer.parseInt(tokens[2]);
        int c = Integer.parseInt(tokens[3]);
        double w = Double.parseDouble(tokens[4]);
        if (tokens.length < 5 + 2 * (1 + m + n)) {
            throw new IOException(file + ": expected " + (1 + m + n) + " coordinate pairs");
        }
        int k = 5;
        double[] school = {Double.parseDouble(tokens[k++]), Double.parseDouble(tokens[k++])};
        double[][] stops = new double[m][];
        for (int i = 0; i < m; i++) {
            stops[i] = new double[] {Double.parseDouble(tokens[k++]),
                    Double.parseDouble(tokens[k++])};
        }
        double[][] students = new double[n][];
        for (int i = 0; i < n; i++) {
            students[i] = new double[] {Double.parseDouble(tokens[k++]),
                    Double.parseDouble(tokens[k++])};
        }
        String name = file.getFileName().toString().replaceFirst("\\.xpress$", "");
        return new SchittekatInstance(name, v, c, w, school, stops, students);
    }
}
