package dev.secupass.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot check on a small fixture module, compiled here: an unrecorded API change fails
 * with the difference and the command that records it; changes outside the exported packages do
 * not count.
 */
class ApiSnapshotTest {
  private static final String COMMAND = "mvn -B -ntp verify -DskipTests -Dsecupass.api.update";

  @TempDir Path dir;

  /** The fixture's first version: an exported package, an internal one, a nullness annotation. */
  private static Map<String, String> fixture() {
    return Map.of(
        "module-info.java", """
            module fixture {
              exports fixture.api;
              exports fixture.internal.friends to java.logging;
            }
            """,
        "fixture/api/Nullable.java", """
            package fixture.api;
            import java.lang.annotation.*;
            @Target(ElementType.TYPE_USE) @Retention(RetentionPolicy.RUNTIME)
            public @interface Nullable {}
            """,
        "fixture/api/Store.java", """
            package fixture.api;
            import java.util.*;
            public interface Store<K extends Comparable<? super K>> extends AutoCloseable {
              int LIMIT = 10;
              Optional<byte[]> find(K key);
              <T> List<T> all(Class<T> type, @Nullable String prefix);
              default void put(K key, byte @Nullable [] value) {}
              static <K extends Comparable<? super K>> Store<K> empty() { return null; }
              void delete(K... keys) throws java.io.IOException;
              @Override void close();
            }
            """,
        "fixture/api/Shapes.java", """
            package fixture.api;
            public final class Shapes extends fixture.internal.Base {
              public Shapes(int sides) {}
              Shapes() {}
              protected void hidden() {}
              public record Point(int x, @Nullable String label) {}
              public sealed interface Shape permits Circle, Square {}
              public record Circle(double r) implements Shape {}
              public static final class Square implements Shape {}
              public enum Kind { ROUND, SQUARE }
              static class PackagePrivate { public void invisible() {} }
            }
            """,
        "fixture/internal/friends/Hook.java", """
            package fixture.internal.friends;
            public interface Hook { void run(); }
            """,
        "fixture/internal/Base.java", """
            package fixture.internal;
            public abstract class Base {
              public String describe() { return ""; }
              protected abstract void hidden();
              public void helper() {}
            }
            """);
  }

  @Test
  void dump_listsExportedSignaturesWithGenericsNullnessAndVarargs() throws IOException {
    List<String> api = dump(compile("v1", fixture()));

    assertThat(api).containsExactly(
        "public @interface fixture.api.Nullable {",
        "}",
        "",
        "public final class fixture.api.Shapes extends fixture.internal.Base {",
        "  public Shapes(int)",
        "  public java.lang.String describe()",
        "  public void helper()",
        "}",
        "",
        "public record fixture.api.Shapes.Circle implements fixture.api.Shapes.Shape {",
        "  public Circle(double)",
        "  public double r()",
        "  public final boolean equals(java.lang.Object)",
        "  public final int hashCode()",
        "  public final java.lang.String toString()",
        "}",
        "",
        "public enum fixture.api.Shapes.Kind {",
        "  public static final fixture.api.Shapes.Kind ROUND",
        "  public static final fixture.api.Shapes.Kind SQUARE",
        "  public static fixture.api.Shapes.Kind valueOf(java.lang.String)",
        "  public static fixture.api.Shapes.Kind[] values()",
        "}",
        "",
        "public record fixture.api.Shapes.Point {",
        "  public Point(int, @Nullable java.lang.String)",
        "  public @Nullable java.lang.String label()",
        "  public final boolean equals(java.lang.Object)",
        "  public final int hashCode()",
        "  public final java.lang.String toString()",
        "  public int x()",
        "}",
        "",
        "public sealed interface fixture.api.Shapes.Shape permits fixture.api.Shapes.Circle,"
            + " fixture.api.Shapes.Square {",
        "}",
        "",
        "public static final class fixture.api.Shapes.Square implements fixture.api.Shapes.Shape {",
        "  public Square()",
        "}",
        "",
        "public interface fixture.api.Store<K extends java.lang.Comparable<? super K>> extends"
            + " java.lang.AutoCloseable {",
        "  public static final int LIMIT",
        "  public <T> java.util.List<T> all(java.lang.Class<T>, @Nullable java.lang.String)",
        "  public default void put(K, byte @Nullable [])",
        "  public java.util.Optional<byte[]> find(K)",
        "  public static <K extends java.lang.Comparable<? super K>> fixture.api.Store<K> empty()",
        "  public void close()",
        "  public void delete(K...) throws java.io.IOException",
        "}",
        "");
  }

  @Test
  void check_sameApi_passes() throws IOException {
    Path snapshot = recordedFirstVersion();

    ApiSnapshot.Outcome outcome = ApiSnapshot.check(dump(compile("again", fixture())), snapshot,
        COMMAND);

    assertThat(outcome.ok()).isTrue();
  }

  @Test
  void check_unrecordedAddedMethod_failsWithTheDifferenceAndTheUpdateCommand()
      throws IOException {
    Path snapshot = recordedFirstVersion();
    Map<String, String> v2 = new HashMap<>(fixture());
    v2.put("fixture/internal/friends/Hook.java", """
        package fixture.internal.friends;
        public interface Hook { void run(); void stop(); }
        """);
    v2.computeIfPresent("fixture/api/Store.java", (file, source) ->
        source.replace("  @Override void close();", "  @Override void close();\n"
            + "  long size();"));

    ApiSnapshot.Outcome outcome = ApiSnapshot.check(dump(compile("v2", v2)), snapshot, COMMAND);

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.message()).contains(
        "--- recorded fixture.api",
        "+++ compiled classes",
        "   public java.util.Optional<byte[]> find(K)\n+  public long size()\n",
        COMMAND);
  }

  @Test
  void check_changedOrRemovedSignature_failsShowingOldAndNew() throws IOException {
    Path snapshot = recordedFirstVersion();
    Map<String, String> v2 = new HashMap<>(fixture());
    v2.computeIfPresent("fixture/api/Store.java", (file, source) -> source
        .replace("Optional<byte[]> find(K key);", "Optional<byte @Nullable []> find(K key);")
        .replace("  static <K", "  private static <K"));

    ApiSnapshot.Outcome outcome = ApiSnapshot.check(dump(compile("v2", v2)), snapshot, COMMAND);

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.message()).contains(
        "-  public java.util.Optional<byte[]> find(K)",
        "+  public java.util.Optional<byte @Nullable []> find(K)",
        "-  public static <K extends java.lang.Comparable<? super K>> fixture.api.Store<K> empty()");
  }

  @Test
  void check_changeOutsideTheExportedPackages_passes() throws IOException {
    Path snapshot = recordedFirstVersion();
    Map<String, String> v2 = new HashMap<>(fixture());
    v2.computeIfPresent("fixture/internal/Base.java", (file, source) -> source
        .replace("  protected abstract void hidden();", "  protected abstract void hidden();\n"
            + "  void packagePrivate(int x) {}\n  protected void another() {}"));
    v2.put("fixture/internal/Extra.java", """
        package fixture.internal;
        public class Extra { public void anything() {} }
        """);

    ApiSnapshot.Outcome outcome = ApiSnapshot.check(dump(compile("v2", v2)), snapshot, COMMAND);

    assertThat(outcome.ok()).as(outcome.message()).isTrue();
  }

  @Test
  void check_missingSnapshot_failsNamingTheCommand() throws IOException {
    ApiSnapshot.Outcome outcome = ApiSnapshot.check(dump(compile("v1", fixture())),
        dir.resolve("absent.api"), COMMAND);

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.message()).contains("There is no API snapshot", COMMAND);
  }

  @Test
  void dump_packageNeitherExportedNorInternal_isRefused() throws IOException {
    Map<String, String> sources = new HashMap<>(fixture());
    sources.put("fixture/hidden/Thing.java", "package fixture.hidden;\npublic class Thing {}\n");

    Path classes = compile("hidden", sources);

    assertThatThrownBy(() -> dump(classes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[fixture.hidden]");
  }

  @Test
  void command_namesTheModuleToBuild() {
    assertThat(ApiSnapshot.command(Path.of("/repo/sdk-core"), Path.of("/repo")))
        .isEqualTo(COMMAND + " -pl sdk-core -am");
  }

  @Test
  void diff_showsChangedLinesWithContext() {
    List<String> diff = ApiSnapshot.diff(List.of("a", "b", "c", "d", "e", "f", "g"),
        List.of("a", "b", "c", "D", "e", "f", "g", "h"), "old", "new");

    assertThat(diff).containsExactly("--- old", "+++ new",
        "@@ -2,6 +2,7 @@", " b", " c", "-d", "+D", " e", " f", " g", "+h");
  }

  /**
   * The way the build runs it: the one source file through the JDK's source launcher, with the
   * module's classes on the class path. Exit status 1 and the difference on an unrecorded change;
   * in update mode the snapshot is rewritten and the next check passes.
   */
  @Test
  void sourceLauncher_failsTheBuildOnAnUnrecordedChange_andUpdateRecordsIt() throws Exception {
    Path snapshot = dir.resolve("api").resolve("fixture.api");
    Path v1 = compile("v1", fixture());
    assertThat(launch(v1, snapshot, "true").exit()).isZero();
    Map<String, String> v2 = new HashMap<>(fixture());
    v2.put("fixture/internal/friends/Hook.java", """
        package fixture.internal.friends;
        public interface Hook { void run(); void later(); }
        """);
    v2.computeIfPresent("fixture/api/Shapes.java", (file, source) ->
        source.replace("public Shapes(int sides) {}", "public Shapes(long sides) {}"));
    Path changed = compile("v2", v2);

    Run failed = launch(changed, snapshot, "false");
    Run updated = launch(changed, snapshot, "true");
    Run passed = launch(changed, snapshot, "false");

    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.output()).contains("-  public Shapes(int)", "+  public Shapes(long)",
        COMMAND);
    assertThat(updated.exit()).isZero();
    assertThat(Files.readString(snapshot)).contains("  public Shapes(long)\n");
    assertThat(passed.exit()).as(passed.output()).isZero();
  }

  /** The snapshot of the fixture's first version, recorded. */
  private Path recordedFirstVersion() throws IOException {
    Path snapshot = dir.resolve("fixture.api");
    ApiSnapshot.record(dump(compile("v1", fixture())), snapshot);
    return snapshot;
  }

  private record Run(int exit, String output) {}

  private Run launch(Path classes, Path snapshot, String update) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path source = Path.of("src/main/java/dev/secupass/build/ApiSnapshot.java").toAbsolutePath();
    Process process = new ProcessBuilder(java.toString(), "-cp", classes.toString(),
        source.toString(), classes.toString(), snapshot.toString(), update,
        dir.resolve("fixture").toString(), dir.toString())
        .redirectErrorStream(true)
        .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private Path compile(String name, Map<String, String> sources) throws IOException {
    Path src = dir.resolve(name).resolve("src");
    Path out = dir.resolve(name).resolve("classes");
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
    for (Map.Entry<String, String> file : sources.entrySet()) {
      Path path = src.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      arguments.add(path.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, arguments.toArray(String[]::new));
    assertThat(status).as("javac exit status").isZero();
    return out;
  }

  private static List<String> dump(Path classes) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ApiSnapshotTest.class.getClassLoader())) {
      return ApiSnapshot.dump(classes, loader);
    }
  }
}
