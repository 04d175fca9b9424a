package cn.anxing.accident;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Load generator for BENCHMARKS-accident.md: closed-loop virtual users on loopback against the
 * whole server (in this JVM) and a real PostgreSQL (TEST_DATABASE_URL, else embedded), measuring
 * report creation (POST /api/v1/accidents, with the road snap and the repeated-report check)
 * and photo upload (PUT .../photos/:slot, inspection, SHA-256, file write, database row).
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true test-compile exec:java \
 *     -Dexec.mainClass=cn.anxing.accident.AccidentLoad -Dexec.classpathScope=test \
 *     -Dexec.args="20 8"       # seconds per phase, virtual users
 * </pre>
 */
public final class AccidentLoad {

    private static final AtomicInteger PLATES = new AtomicInteger(10_000);

    private AccidentLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<byte[]> photos = photos(32);
        try (TestServer server = TestServer.start(Map.of("OTP_PER_ADDRESS_PER_HOUR", "100000",
                "DATABASE_POOL_SIZE", "16"))) {
            List<Phone> phones = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                phones.add(new Phone(server.api(), server.baseUrl(), "1360" + (1_000_000 + i)));
            }
            System.out.printf("photo size: %d-%d bytes (%d distinct JPEGs)%n",
                    photos.stream().mapToInt(p -> p.length).min().orElse(0),
                    photos.stream().mapToInt(p -> p.length).max().orElse(0), photos.size());
            run("warm-up (reports)", 5, phones, AccidentLoad::report);
            Result reports = run("report creation", seconds, phones, AccidentLoad::report);

            List<String> cases = new ArrayList<>();
            for (Phone phone : phones) {
                Api.Reply created = report(phone);
                String id = created.json().getString("id");
                phone.checklist(id, false);
                cases.add(id);
            }
            Random random = new Random(1);
            Result uploads = run("photo upload", seconds, phones, phone -> {
                String id = cases.get(phones.indexOf(phone));
                return phone.upload(id, "panorama-front", photos.get(random.nextInt(
                        photos.size())), "image/jpeg", UUID.randomUUID().toString());
            });
            System.out.println();
            System.out.println("| operation | users | requests | errors | throughput | p50 | p90 | p99 | max |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.println(reports.row(users));
            System.out.println(uploads.row(users));
        }
        System.exit(0);
    }

    private static Api.Reply report(Phone phone) {
        int n = PLATES.getAndIncrement();
        return phone.api.post("/api/v1/accidents", Phone.reportBody(Phone.SCENE_LAT,
                Phone.SCENE_LON, "浙F" + n, "浙FD" + n));
    }

    private interface Call {
        Api.Reply call(Phone phone) throws Exception;
    }

    private record Result(String name, int requests, int errors, double seconds,
            long[] nanos) {

        String row(int users) {
            return String.format("| %s | %d | %d | %d | %.0f req/s | %.1f ms | %.1f ms | %.1f ms"
                    + " | %.1f ms |", name, users, requests, errors, requests / seconds,
                    percentile(0.50), percentile(0.90), percentile(0.99),
                    nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6);
        }

        double percentile(double p) {
            if (nanos.length == 0) {
                return 0;
            }
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p * nanos.length) - 1)] / 1e6;
        }
    }

    private static Result run(String name, int seconds, List<Phone> phones, Call call)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(phones.size());
        List<Future<long[]>> results = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        for (Phone phone : phones) {
            results.add(pool.submit(() -> {
                long[] times = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    Api.Reply reply = call.call(phone);
                    long t = System.nanoTime() - t0;
                    if (reply.status() >= 300) {
                        errors.incrementAndGet();
                        if (errors.get() < 5) {
                            System.err.println(name + ": " + reply);
                        }
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = t;
                }
                return Arrays.copyOf(times, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(name, merged.length, errors.get(), elapsed, merged);
        System.out.println(result.row(phones.size()));
        return result;
    }

    /** Distinct noisy JPEGs, so each upload is a new file to hash and store. */
    private static List<byte[]> photos(int count) throws Exception {
        Random random = new Random(42);
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 600; y += 4) {
                for (int x = 0; x < 800; x += 4) {
                    int rgb = random.nextInt(0xffffff);
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            img.setRGB(x + dx, y + dy, rgb);
                        }
                    }
                }
            }
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            list.add(out.toByteArray());
        }
        return list;
    }
}
