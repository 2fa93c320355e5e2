package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted transfers, as the jar handles them. */
class TransfersIT {
  @TempDir
  Path temp;

  @Test
  void plainDownload_ofAPartlyDownloadedFile_suggestsResume_andResumeFinishesIt()
      throws IOException {
    Jar jar = aliceAndBob();
    byte[] content = new byte[300_000];
    new Random(20).nextBytes(content);
    Path file = Files.write(temp.resolve("big.bin"), content);
    String id = SilentSurprisesIT.deliveryId(jar.run("--as", "alice", "send", "--level", "2",
        "--to", "bob", file.toString()).ok());
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.write(out.resolve("big.bin.part"), Arrays.copyOf(content, 100_000));

    String again = jar.run("--as", "bob", "download", id, "--out", out.toString())
        .failed(ExitCode.CONFLICT.code());
    jar.run("--as", "bob", "download", id, "--out", out.toString(), "--resume").ok();

    assertThat(again).contains("big.bin.part", "interrupted download", "--resume");
    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
  }

  @Test
  void interruptedSend_saysWhatWasKept_andSweepRemovesItsLeftoverLater() throws Exception {
    Jar jar = aliceAndBob();
    Path big = temp.resolve("huge.bin");
    try (FileChannel channel = FileChannel.open(big, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {1}), 2L * 1024 * 1024 * 1024);
    }
    Path tmp = jar.data().resolve("blobs").resolve("tmp");

    Path log = temp.resolve("send.log");
    Process send = jar.start(log, "--data", jar.data().toString(), "--as", "alice", "send",
        "--level", "2", "--to", "bob", big.toString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (leftovers(tmp).isEmpty() && send.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    send.destroy();
    assertThat(send.waitFor(1, TimeUnit.MINUTES)).isTrue();
    String err = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(err).contains("interrupted: nothing was sent");
    assertThat(err.lines().filter(line -> line.startsWith("interrupted"))).hasSize(1);
    List<Path> left = leftovers(tmp);
    assertThat(left).isNotEmpty();
    assertThat(jar.run("--as", "bob", "inbox").ok()).contains("empty");
    assertThat(jar.run("sweep").ok()).contains("removed 0 partial upload(s)");
    for (Path leftover : left) {
      Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(2,
          ChronoUnit.HOURS)));
    }
    CliRun sweep = jar.run("sweep");
    assertThat(sweep.ok()).contains("removed " + left.size() + " partial upload(s)");
    assertThat(leftovers(tmp)).isEmpty();
  }

  private static List<Path> leftovers(Path tmp) throws IOException {
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tmp)) {
      return files.toList();
    }
  }

  private Jar aliceAndBob() {
    Jar jar = new Jar(temp.resolve("data"));
    jar.run("init").ok();
    jar.run("users", "add", "alice", "--employee").ok();
    jar.run("users", "add", "bob", "--partner").ok();
    return jar;
  }
}
