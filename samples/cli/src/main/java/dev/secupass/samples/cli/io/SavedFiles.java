package dev.secupass.samples.cli.io;

import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves downloaded files into a folder. A sender chose the names, so each is made safe first
 * (no folder parts, no {@code .} or {@code ..}, no control characters). Bytes go to
 * {@code name.part}, which is renamed when complete; an interrupted download leaves the part, and
 * a resumed one asks only for the bytes after it (a ranged read).
 */
public final class SavedFiles {
  private static final String PART = ".part";

  private SavedFiles() {}

  /** Reads a file's plaintext from a byte offset to its end. */
  @FunctionalInterface
  public interface RangeSource {
    InputStream from(long offset) throws IOException;
  }

  /**
   * What was saved.
   *
   * @param path where
   * @param resumedAt the offset the download continued from (0 for a whole download)
   */
  public record Saved(Path path, long resumedAt) {}

  /**
   * Saves one file of {@code size} bytes as {@code name} in {@code folder} (created if missing).
   *
   * @param resume continue from an earlier attempt's part file, if there is one
   * @param overwrite replace a file of that name
   * @throws CliException with {@link ExitCode#CONFLICT} if the file exists and {@code overwrite}
   *     is off
   */
  public static Saved save(Path folder, String name, long size, boolean resume, boolean overwrite,
      RangeSource source, ProgressBar bar) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCode.LOCAL_FILE, "permission denied: cannot create the folder "
          + folder);
    } catch (FileSystemException e) {
      throw new CliException(ExitCode.LOCAL_FILE, "cannot create the folder " + folder + ": "
          + Failures.ofIo(new FileSystemException(null, null, e.getReason())));
    }
    Path target = folder.resolve(safeName(name));
    if (Files.exists(target) && !overwrite) {
      throw new CliException(ExitCode.CONFLICT, target + " exists (give --overwrite to replace"
          + " it)");
    }
    Path part = target.resolveSibling(target.getFileName() + PART);
    long kept = Files.exists(part) ? Files.size(part) : 0;
    if (kept > 0 && kept <= size && !resume && !overwrite) {
      throw new CliException(ExitCode.CONFLICT, part + " holds " + Sizes.of(kept) + " of "
          + Sizes.of(size) + " from an interrupted download: give --resume to continue it, or"
          + " --overwrite to start again");
    }
    long offset = resume ? kept : 0;
    if (offset > size) {
      offset = 0;
    }
    List<StandardOpenOption> options = new ArrayList<>(List.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE));
    options.add(offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    FileChannel opened;
    try {
      opened = FileChannel.open(part, options.toArray(new StandardOpenOption[0]));
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCode.LOCAL_FILE, "permission denied: cannot write in " + folder);
    }
    Interruption.saving(part, name, size);
    try (FileChannel channel = opened;
        InputStream in = source.from(offset);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[64 * 1024];
      long done = offset;
      bar.update(done);
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        done += n;
        bar.update(done);
      }
      channel.force(true);
    } finally {
      bar.finish();
      Interruption.clear();
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Saved(target, offset);
  }

  /** {@code name} as a plain file name: separators and control characters become {@code _}. */
  public static String safeName(String name) {
    StringBuilder safe = new StringBuilder(name.length());
    name.codePoints().forEach(c -> safe.appendCodePoint(
        c == '/' || c == '\\' || c == ':' || Character.isISOControl(c) ? '_' : c));
    String result = safe.toString().strip();
    return result.isEmpty() || result.chars().allMatch(c -> c == '.') ? "_" + result : result;
  }
}
