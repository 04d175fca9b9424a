package cn.anxing.db;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the data directory by a server that was killed (SIGKILL, OOM
 * killer, power to the JVM only): the embedded PostgreSQL runs as its own process, so it
 * outlives the JVM, and the next start would wait for its port and fail, forever, under any
 * supervisor. At start, such a postmaster is found from {@code postmaster.pid} and stopped with
 * a fast shutdown (SIGINT), which rolls back what its dead clients left open and writes a
 * checkpoint; only a postmaster that ignores that for 30 s is killed, which is still safe: with
 * fsync on, the next start recovers from the WAL.
 *
 * <p>A postmaster still used by a live server is never touched: the library holds a lock on
 * {@code epg-lock} in the data directory while its server runs, and the lock dies with the JVM.
 */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final long FAST_SHUTDOWN_SECONDS = 30;

    private OrphanPostmaster() {
    }

    /** What {@code postmaster.pid} says: the postmaster's pid, its data directory and port. */
    record PidFile(long pid, Path dataDir, int port) {

        static Optional<PidFile> read(Path dataDir) throws IOException {
            Path file = dataDir.resolve("postmaster.pid");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            try {
                return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()),
                        Path.of(lines.get(1).strip()), Integer.parseInt(lines.get(3).strip())));
            } catch (RuntimeException unreadable) {
                return Optional.empty(); // half written: PostgreSQL itself judges that file
            }
        }
    }

    static void stopIfLeftOver(Path dataDir) throws IOException {
        Optional<PidFile> pidFile = PidFile.read(dataDir);
        if (pidFile.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pidFile.get().pid())
                .filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // a stale file of a crashed postmaster: PostgreSQL recovers by itself
        }
        if (!isPostgres(process.get())) {
            return; // the pid was reused by something else: PostgreSQL checks that too
        }
        Path lockFile = dataDir.resolve("epg-lock");
        try (var channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel()) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("Another Anxing server is using the database in "
                        + dataDir.toAbsolutePath() + " (PostgreSQL pid " + pidFile.get().pid()
                        + "); stop it first or give this one its own DATA_DIR");
            }
            try {
                stop(process.get(), pidFile.get());
            } finally {
                lock.release();
            }
        }
    }

    private static void stop(ProcessHandle postmaster, PidFile pidFile) {
        long started = System.nanoTime();
        LOG.warn("PostgreSQL (pid {}, port {}) is still running on {}, left by a server that did"
                + " not stop; shutting it down before starting", postmaster.pid(), pidFile.port(),
                pidFile.dataDir());
        if (!signal("INT", postmaster.pid())) {
            postmaster.destroy(); // SIGTERM: a smart shutdown, also fine once clients are gone
        }
        if (!awaitExit(postmaster, FAST_SHUTDOWN_SECONDS)) {
            LOG.warn("PostgreSQL pid {} ignored the shutdown for {} s; killing it (the WAL"
                    + " recovers what it had)", postmaster.pid(), FAST_SHUTDOWN_SECONDS);
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            awaitExit(postmaster, 10);
        }
        LOG.info("The left-over PostgreSQL stopped ({} ms)",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** PostgreSQL's fast shutdown is SIGINT, which Java cannot send itself. */
    private static boolean signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }

    private static boolean isPostgres(ProcessHandle process) {
        var info = process.info();
        Optional<String> command = info.command().or(info::commandLine);
        // unknown (no access to /proc): the pid file's directory is ours, so take it as ours
        return command.map(c -> c.contains("postgres")).orElse(true);
    }
}
