package dev.secupass.samples.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSpoolTest {
  private static final byte[] TEXT = "the plaintext of an upload".repeat(100)
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path folder;

  @Test
  void write_keepsOnlyCiphertextOnDisk_andOpenGivesThePlaintextBack() throws IOException {
    UploadSpool spool = new UploadSpool(folder, 1 << 20, new SecureRandom());
    SpooledFile file = spool.write("a.txt", new ByteArrayInputStream(TEXT));
    assertThat(file.size()).isEqualTo(TEXT.length);
    assertThat(new String(Files.readAllBytes(only(folder)), StandardCharsets.ISO_8859_1))
        .doesNotContain("plaintext");
    try (InputStream in = file.open()) {
      assertThat(in.readAllBytes()).isEqualTo(TEXT);
    }
    file.delete();
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void open_ofATamperedSpoolFile_fails() throws IOException {
    UploadSpool spool = new UploadSpool(folder, 1 << 20, new SecureRandom());
    SpooledFile file = spool.write("a.txt", new ByteArrayInputStream(TEXT));
    byte[] stored = Files.readAllBytes(only(folder));
    stored[stored.length / 2] ^= 1;
    Files.write(only(folder), stored);
    assertThatThrownBy(() -> {
      try (InputStream in = file.open()) {
        in.readAllBytes();
      }
    }).isInstanceOf(IOException.class);
  }

  @Test
  void write_pastTheLimit_failsAndKeepsNothing() {
    UploadSpool spool = new UploadSpool(folder, 100, new SecureRandom());
    assertThatThrownBy(() -> spool.write("big", new ByteArrayInputStream(new byte[101])))
        .isInstanceOf(UploadTooLargeException.class);
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void start_deletesWhatAnEarlierRunLeft() throws IOException {
    Files.write(folder.resolve("old.spool"), new byte[] {1, 2, 3});
    new UploadSpool(folder, 100, new SecureRandom());
    assertThat(folder).isEmptyDirectory();
  }

  private static Path only(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findFirst().orElseThrow();
    }
  }
}
