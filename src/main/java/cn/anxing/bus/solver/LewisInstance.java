package cn.anxing.bus.solver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real-road school-bus instance of Lewis and Smith-Miles (2018) and Sciortino, Lewis and
 * Thompson (2023), as in the {@code .bus} files: a header line {@code S,A,W,K,E,M,...}, then S
 * stop lines (the school first), A address lines, S×S driving lines and W allowed walks.
 *
 * @param name        the file name without {@code .bus}
 * @param stopNames   the school (index 0) and the candidate stops 1..S-1
 * @param students    per address (in file order) the number of students living there
 * @param km          driving distance from stop i to stop j
 * @param seconds     driving time from stop i to stop j
 * @param walks       per address, the stops it may walk to (each listed once)
 * @param walkSeconds per address, the walking time to each of its stops, same order
 * @param busSizes    the bus sizes the instance's fleet is drawn from, any number of each
 */
public record LewisInstance(String name, String[] stopNames, int[] students, double[][] km,
                            double[][] seconds, int[][] walks, double[][] walkSeconds,
                            int[] busSizes) {

    /** UK instances' sizes (the lewis README). */
    public static final int[] UK_SIZES = {8, 12, 16, 23, 25, 27, 29, 33, 37, 39, 43, 45, 49, 51,
        53, 55, 57, 61, 63, 65, 70, 74, 78, 80};
    /** Malta instances' sizes. */
    public static final int[] MALTA_SIZES = {8, 14, 16, 18, 20, 36, 44, 53};
    /** Dwell at each stop and per boarding student, and the longest journey (the README). */
    public static final double DWELL_PER_STOP = 15;
    public static final double DWELL_PER_STUDENT = 5;
    public static final double MAX_JOURNEY_SECONDS = 2700;

    public int stopCount() {
        return stopNames.length;
    }

    public int totalStudents() {
        int sum = 0;
        for (int n : students) {
            sum += n;
        }
        return sum;
    }

    /**
     * Reads a {@code .bus} file. The fleet's sizes are not in the file: a school in Malta
     * (latitude 35.7-36.1, longitude 14.1-14.6) gets the Malta list, every other the UK list.
     */
    public static LewisInstance read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty");
        }
        String[] head = lines.get(0).split(",");
        if (head.length < 6) {
            throw new IOException(file + ": header needs S,A,W,K,E,M");
        }
        int stops = Integer.parseInt(head[0].trim());
        int addresses = Integer.parseInt(head[1].trim());
        int walkCount = Integer.parseInt(head[2].trim());
        if (!head[3].trim().equalsIgnoreCase("K")) {
            throw new IOException(file + ": distances must be in km (K), not " + head[3]);
        }
        String[] names = new String[stops];
        double[][] stopPoints = new double[stops][];
        int[] students = new int[addresses];
        double[][] km = new double[stops][stops];
        double[][] seconds = new double[stops][stops];
        boolean[][] seen = new boolean[stops][stops];
        List<List<Integer>> walks = new ArrayList<>();
        List<List<Double>> walkSeconds = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            walks.add(new ArrayList<>());
            walkSeconds.add(new ArrayList<>());
        }
        int s = 0;
        int a = 0;
        int d = 0;
        int w = 0;
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = file.getFileName() + " line " + (k + 1);
            try {
                switch (f[0]) {
                    case "s" -> {
                        if (s >= stops) {
                            throw new IOException(where + ": more than " + stops + " stops");
                        }
                        stopPoints[s] = new double[] {Double.parseDouble(f[1]),
                            Double.parseDouble(f[2])};
                        // a name may hold commas: it is the rest of the line
                        names[s++] = f.length > 3 ? String.join(",",
                                java.util.Arrays.copyOfRange(f, 3, f.length)).trim() : "";
                    }
                    case "a" -> {
                        if (a >= addresses) {
                            throw new IOException(where + ": more than " + addresses
                                    + " addresses");
                        }
                        students[a] = Integer.parseInt(f[3].trim());
                        if (students[a] < 1) {
                            throw new IOException(where + ": an address needs a student");
                        }
                        a++;
                    }
                    case "d" -> {
                        int i = Integer.parseInt(f[1].trim());
                        int j = Integer.parseInt(f[2].trim());
                        km[i][j] = Double.parseDouble(f[3].trim());
                        seconds[i][j] = Double.parseDouble(f[4].trim());
                        if (seen[i][j]) {
                            throw new IOException(where + ": pair " + i + "," + j + " twice");
                        }
                        seen[i][j] = true;
                        d++;
                    }
                    case "w" -> {
                        int address = Integer.parseInt(f[1].trim());
                        int stop = Integer.parseInt(f[2].trim());
                        if (stop < 1 || stop >= stops) {
                            throw new IOException(where + ": walk to " + stop
                                    + ", not a stop in 1.." + (stops - 1));
                        }
                        if (!walks.get(address).contains(stop)) {
                            walks.get(address).add(stop);
                            walkSeconds.get(address).add(Double.parseDouble(f[4].trim()));
                        }
                        w++;
                    }
                    default -> throw new IOException(where + ": unknown record " + f[0]);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        if (s != stops || a != addresses || d != stops * stops || w != walkCount) {
            throw new IOException(String.format(Locale.ROOT, "%s: expected %d stops, %d"
                    + " addresses, %d distances and %d walks; read %d, %d, %d, %d", file,
                    stops, addresses, stops * stops, walkCount, s, a, d, w));
        }
        int[][] walkArray = new int[addresses][];
        double[][] walkTimes = new double[addresses][];
        for (int x = 0; x < addresses; x++) {
            walkArray[x] = walks.get(x).stream().mapToInt(Integer::intValue).toArray();
            walkTimes[x] = walkSeconds.get(x).stream().mapToDouble(Double::doubleValue)
                    .toArray();
        }
        double lat = stopPoints[0][0];
        double lon = stopPoints[0][1];
        boolean malta = lat > 35.7 && lat < 36.1 && lon > 14.1 && lon < 14.6;
        String name = file.getFileName().toString().replaceFirst("\\.bus$", "");
        return new LewisInstance(name, names, students, km, seconds, walkArray, walkTimes,
                (malta ? MALTA_SIZES : UK_SIZES).clone());
    }
}
