package cn.anxing.accident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Photo files outside the database, named by their SHA-256: {@code <dir>/ab/abcdef….jpg}. The
 * same photo uploaded twice (a retry, or both drivers sending the same shot) is stored once, and
 * a file is written to a temporary name and moved into place, so a reader never sees half of
 * one. Blocking: call from a worker thread.
 */
public final class PhotoStore {

    private final Path dir;

    public PhotoStore(Path dir) {
        this.dir = dir;
    }

    public Path pathOf(String sha256, String extension) {
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
    }

    /** Writes the bytes unless a file with this hash is there already. */
    public void store(String sha256, String extension, byte[] bytes) {
        Path target = pathOf(sha256, extension);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), sha256, ".part");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo " + sha256, e);
        }
    }

    public byte[] read(String sha256, String extension) {
        try {
            return Files.readAllBytes(pathOf(sha256, extension));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read photo " + sha256, e);
        }
    }
}
