package dev.secupass.samples.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving downloads: names a sender chose never leave the folder; parts resume. */
class SavedFilesTest {
  @TempDir
  Path folder;

  @Test
  void safeName_turnsFolderPartsAndDotNamesIntoPlainNames() {
    assertThat(SavedFiles.safeName("..")).isEqualTo("_..");
    assertThat(SavedFiles.safeName(".")).isEqualTo("_.");
    assertThat(SavedFiles.safeName("../../etc/passwd")).isEqualTo(".._.._etc_passwd");
    assertThat(SavedFiles.safeName("a\\b:c\u0007d")).isEqualTo("a_b_c_d");
    assertThat(SavedFiles.safeName("report 2024.pdf")).isEqualTo("report 2024.pdf");
  }

  @Test
  void save_aNameWithFolderParts_staysInTheFolder() throws Exception {
    SavedFiles.Saved saved = SavedFiles.save(folder, "../escape.txt", 3, false, false,
        offset -> new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), bar());

    assertThat(saved.path()).isEqualTo(folder.resolve(".._escape.txt"));
    assertThat(folder.getParent().resolve("escape.txt")).doesNotExist();
  }

  @Test
  void save_resume_asksOnlyForTheBytesAfterThePart() throws Exception {
    Files.writeString(folder.resolve("f.txt.part"), "hello ");
    long[] asked = new long[1];

    SavedFiles.Saved saved = SavedFiles.save(folder, "f.txt", 11, true, false, offset -> {
      asked[0] = offset;
      return new ByteArrayInputStream("world".getBytes(StandardCharsets.UTF_8));
    }, bar());

    assertThat(asked[0]).isEqualTo(6);
    assertThat(saved.resumedAt()).isEqualTo(6);
    assertThat(Files.readString(folder.resolve("f.txt"))).isEqualTo("hello world");
  }

  @Test
  void save_overAnExistingFile_withoutOverwrite_isConflict() throws Exception {
    Files.writeString(folder.resolve("f.txt"), "mine");

    assertThatThrownBy(() -> SavedFiles.save(folder, "f.txt", 1, false, false,
        offset -> new ByteArrayInputStream(new byte[1]), bar()))
        .isInstanceOf(CliException.class)
        .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCode.CONFLICT);
    assertThat(Files.readString(folder.resolve("f.txt"))).isEqualTo("mine");
  }

  private static ProgressBar bar() {
    return new ProgressBar(new PrintWriter(new StringWriter()), "test", 0);
  }
}
