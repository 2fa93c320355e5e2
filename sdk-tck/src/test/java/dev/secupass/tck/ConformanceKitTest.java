package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * The aggregates reach every contract: a contract class added to the kit but not nested in {@link
 * StorageConformanceKit} or {@link BlobStoreConformanceKit} would be skipped by every adapter, so
 * it fails the kit's own build here.
 */
class ConformanceKitTest {
  private static final List<Class<?>> AGGREGATES =
      List.of(StorageConformanceKit.class, BlobStoreConformanceKit.class);

  @Test
  void everyContractOfTheKit_isNestedInAnAggregate() throws Exception {
    Set<String> contracts = contracts();
    Set<String> reachable = AGGREGATES.stream()
        .flatMap(aggregate -> Arrays.stream(aggregate.getDeclaredClasses()))
        .filter(nested -> nested.isAnnotationPresent(Nested.class))
        .map(nested -> nested.getSuperclass().getName())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(contracts).as("the kit's contract classes")
        .contains(KeyStoreContractTest.class.getName(), BlobStoreContractTest.class.getName());
    assertThat(reachable)
        .as("contracts nested in StorageConformanceKit or BlobStoreConformanceKit; nest every"
            + " contract class in one of them, or adapters never run it")
        .containsAll(contracts);
  }

  @Test
  void eachContract_isNestedOnce() {
    List<String> nested = AGGREGATES.stream()
        .flatMap(aggregate -> Arrays.stream(aggregate.getDeclaredClasses()))
        .filter(type -> type.isAnnotationPresent(Nested.class))
        .map(type -> type.getSuperclass().getName())
        .toList();

    assertThat(nested).doesNotHaveDuplicates();
  }

  /** The top-level classes of the kit's package that hold tests, the aggregates excepted. */
  private static Set<String> contracts() throws IOException, URISyntaxException {
    Set<String> contracts = new TreeSet<>();
    for (String name : topLevelClassNames()) {
      Class<?> type;
      try {
        type = Class.forName(name, false, ConformanceKitTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      if (!AGGREGATES.contains(type) && holdsTests(type)) {
        contracts.add(name);
      }
    }
    return contracts;
  }

  /** Whether the class or one of its member classes, at any depth, declares a test method. */
  private static boolean holdsTests(Class<?> type) {
    for (Method method : type.getDeclaredMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        if (annotation.annotationType().isAnnotationPresent(Testable.class)) {
          return true;
        }
      }
    }
    return Arrays.stream(type.getDeclaredClasses()).anyMatch(ConformanceKitTest::holdsTests);
  }

  private static Set<String> topLevelClassNames() throws IOException, URISyntaxException {
    Path location = Path.of(StorageConformanceKit.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    String pkg = StorageConformanceKit.class.getPackageName();
    if (Files.isDirectory(location)) {
      return classNames(location.resolve(pkg.replace('.', '/')), pkg);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return classNames(jar.getPath(pkg.replace('.', '/')), pkg);
    }
  }

  private static Set<String> classNames(Path dir, String pkg) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".class") && !file.contains("$")
              && !file.equals("package-info.class"))
          .map(file -> pkg + "." + file.substring(0, file.length() - ".class".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
