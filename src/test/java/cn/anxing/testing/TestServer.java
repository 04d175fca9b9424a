package cn.anxing.testing;

import cn.anxing.app.Application;
import cn.anxing.config.ConfigLoader;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.routing.RoutingService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole server, started in-process against the test database and a real map, the way
 * {@code java -jar anxing.jar} starts it. The graph cache is shared by the test JVM, so the map
 * is imported once.
 */
public final class TestServer implements AutoCloseable {

    private final Application app;
    private final int port;

    private TestServer(Application app, int port) {
        this.app = app;
        this.port = port;
    }

    /** A server on the demo map (Guixi) with the demo loaded, on an empty database. */
    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> overrides) {
        TestDatabase.reset();
        int port = freePort();
        Map<String, String> env = environment(port);
        env.putAll(overrides);
        Application app;
        try {
            app = Application.start(ConfigLoader.load(env));
        } catch (Exception e) {
            throw new IllegalStateException("The test server did not start", e);
        }
        awaitGraph(app);
        return new TestServer(app, port);
    }

    /**
     * The configuration of a test server on {@code port}: the test database, the demo on the
     * Guixi map, and the limits meant for people raised for tests that all come from 127.0.0.1.
     */
    public static Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("DATABASE_URL", TestDatabase.url());
        env.put("DATA_DIR", Path.of("target", "test-data").toAbsolutePath().toString());
        env.put("MAP_FILE", SharedFiles.map("guixi.osm").toString());
        env.put("DEMO", "true");
        env.put("OTP_MIN_INTERVAL_SECONDS", "0");
        // every test signs in from 127.0.0.1: the per-address limit has its own test
        env.put("OTP_PER_ADDRESS_PER_HOUR", "100000");
        // and reads share codes from there: the preview's limits have their own test
        env.put("ACCIDENT_JOIN_PREVIEW_PER_ADDRESS_PER_MINUTE", "100000");
        env.put("ACCIDENT_JOIN_PREVIEW_PER_CODE_PER_MINUTE", "100000");
        return env;
    }

    /**
     * Tests act like users after start-up: they wait until the road graph is loaded and the
     * base map's tiles are cut.
     */
    private static void awaitGraph(Application app) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (app.routing().status().state() == RoutingService.State.IMPORTING
                || app.baseMap().state() == BaseMap.State.GENERATING) {
            if (System.nanoTime() > deadline) {
                app.stop();
                throw new IllegalStateException("the road graph did not load in 3 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Application app() {
        return app;
    }

    public Api api() {
        return new Api(baseUrl());
    }

    @Override
    public void close() {
        app.stop();
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
