package dev.secupass.core.internal.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a directory's entries durable, where the platform allows it. */
final class FsSync {
  private FsSync() {}

  /**
   * Syncs {@code dir}, so a link just made in it survives a power loss. Some platforms (Windows)
   * cannot open a directory for syncing; there the link is as durable as the file system makes it.
   */
  static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported on this platform: nothing more can be done portably.
    }
  }
}
