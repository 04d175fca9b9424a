package cn.anxing;

import cn.anxing.app.Application;
import cn.anxing.app.StartupException;
import cn.anxing.config.AppConfig;
import cn.anxing.config.ConfigException;
import cn.anxing.config.ConfigLoader;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: starts the server and runs until SIGTERM or Ctrl-C. */
final class ServeCommand {

    private ServeCommand() {
    }

    static int run(String[] args) throws Exception {
        AppConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        Application app;
        try {
            app = Application.start(config);
        } catch (StartupException e) {
            System.err.println(e.getMessage());
            return 3;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }, "anxing-shutdown"));
        if (!app.demoLines().isEmpty()) {
            System.out.println();
            app.demoLines().forEach(System.out::println);
            System.out.println("Open http://localhost:" + config.http().port() + "/");
            System.out.println();
        }
        stopped.await();
        return Integer.MIN_VALUE;
    }
}
