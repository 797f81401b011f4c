package keyward.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file as it is now: re-read when its modification time changes (looked at no more
 * than once a second), so `keyward user add` takes effect without a restart. A file that
 * became unreadable keeps the last good list and logs why.
 */
public final class WatchedUserFile implements Supplier<UserFile> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedUserFile.class);
  private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

  private final Path file;
  private volatile UserFile current;
  private volatile FileTime seen;
  private volatile long checkedAt;

  public WatchedUserFile(Path file) throws IOException {
    this.file = file;
    this.seen = modified();
    this.current = UserFile.read(file);
    this.checkedAt = System.nanoTime();
  }

  @Override
  public UserFile get() {
    long now = System.nanoTime();
    if (now - checkedAt >= CHECK_EVERY_NANOS) {
      synchronized (this) {
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
          checkedAt = now;
          reloadIfChanged();
        }
      }
    }
    return current;
  }

  private void reloadIfChanged() {
    try {
      FileTime m = modified();
      if (m == null ? seen != null : !m.equals(seen)) {
        current = UserFile.read(file);
        seen = m;
        LOG.info("users file {} re-read: {} user(s)", file, current.names().size());
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("users file {} not re-read, keeping the previous list: {}", file, e.getMessage());
    }
  }

  private FileTime modified() throws IOException {
    try {
      return Files.getLastModifiedTime(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
