package dev.secupass.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecuPassException;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.events.Events;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.core.rooms.DataRooms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public surface is what {@code docs/api.md} says it is, read from the compiled classes of
 * sdk-api and sdk-core and from their module descriptors: every exported package, every public and
 * protected member of every public type in them.
 */
class PublicApiTest {
  private static final List<Class<?>> PARTS = List.of(SecuPasses.class, Deliveries.class,
      Guests.class, Grants.class, DataRooms.class, Events.class);

  /** Packages a host imports (besides dev.secupass.api): no storage row may appear in them. */
  private static final Set<String> HOST_PACKAGES = Set.of("dev.secupass.core",
      "dev.secupass.core.keys", "dev.secupass.core.delivery", "dev.secupass.core.guests",
      "dev.secupass.core.grants", "dev.secupass.core.rooms", "dev.secupass.core.events",
      "dev.secupass.core.observe");

  @Test
  @DisplayName("sdk-core and sdk-api export exactly the packages docs/api.md lists")
  void exportedPackages_areTheDocumentedOnes() {
    assertThat(exports(SecuPassSdk.class)).containsExactlyInAnyOrder("dev.secupass.core",
        "dev.secupass.core.keys", "dev.secupass.core.delivery", "dev.secupass.core.guests",
        "dev.secupass.core.grants", "dev.secupass.core.rooms", "dev.secupass.core.events",
        "dev.secupass.core.memory", "dev.secupass.core.fs", "dev.secupass.core.observe",
        "dev.secupass.core.relay", "dev.secupass.core.keylog");
    assertThat(exports(SecuPassException.class))
        .containsExactlyInAnyOrder("dev.secupass.api", "dev.secupass.spi");
  }

  @Test
  @DisplayName("no public signature of an exported package mentions a type of a package that is"
      + " not exported")
  void publicSignatures_mentionNoInternalType() {
    Set<String> exported = new TreeSet<>(exports(SecuPassSdk.class));
    exported.addAll(exports(SecuPassException.class));
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      for (Signature signature : signatures(type)) {
        for (Class<?> mentioned : signature.types()) {
          String pkg = mentioned.getPackageName();
          if (pkg.startsWith("dev.secupass.") && !exported.contains(pkg)) {
            leaks.add(signature.where() + " mentions " + mentioned.getName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  @DisplayName("host packages show host values, not storage rows: only SecuPassSdk's builder"
      + " takes a store")
  void hostPackages_mentionNoStorageRow() {
    List<String> rows = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      if (!HOST_PACKAGES.contains(type.getPackageName())) {
        continue;
      }
      for (Signature signature : signatures(type)) {
        for (Class<?> mentioned : signature.types()) {
          boolean store = mentioned == dev.secupass.spi.Storage.class
              || mentioned == dev.secupass.spi.BlobStore.class;
          if (mentioned.getPackageName().equals("dev.secupass.spi")
              && !(store && type == SecuPassSdk.Builder.class)) {
            rows.add(signature.where() + " mentions " + mentioned.getName());
          }
        }
      }
    }
    assertThat(rows).isEmpty();
  }

  @Test
  @DisplayName("the six parts are interfaces that no exported class implements, builds or"
      + " constructs: SecuPassSdk.builder() is the only door")
  void parts_haveNoPublicImplementationConstructorOrBuilder() {
    assertThat(PARTS).allMatch(Class::isInterface);
    List<String> doors = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      for (Class<?> part : PARTS) {
        if (part.isAssignableFrom(type) && part != type) {
          doors.add(type.getName() + " implements " + part.getSimpleName());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (isVisible(method) && PARTS.contains(method.getReturnType())
            && type != SecuPassSdk.class) {
          doors.add(type.getName() + "." + method.getName() + " hands out a "
              + method.getReturnType().getSimpleName());
        }
      }
      if (type.getSimpleName().equals("Builder") && type.getEnclosingClass() != null
          && PARTS.stream().anyMatch(p -> p.isAssignableFrom(type.getEnclosingClass()))) {
        doors.add(type.getName() + " builds a part");
      }
    }
    assertThat(doors).isEmpty();
    assertThat(Arrays.stream(SecuPassSdk.class.getConstructors())).isEmpty();
  }

  @Test
  @DisplayName("a SecuPassSession exposes no key operation: only who, which keys, and whether"
      + " it is open")
  void session_exposesNoKeyOperation() {
    assertThat(Arrays.stream(SecuPassSession.class.getMethods())
        .filter(method -> !Modifier.isStatic(method.getModifiers()))
        .map(Method::getName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("user", "keyVersion", "fingerprint", "isOpen", "close",
            "keyLogAlarms");
  }

  @Test
  @DisplayName("grants() offers only what a host calls: no queueing, marking ready, dispatching,"
      + " cancelling or registering")
  void grants_offerOnlyWhatAHostCalls() {
    assertThat(Arrays.stream(Grants.class.getMethods()).map(Method::getName)
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("pending", "fulfil", "confirmFirstContact",
            "pollOpenSessions", "startPolling", "backlog");
    assertThat(Arrays.stream(SecuPasses.class.getMethods()).map(Method::getName)
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("activate", "unlock", "change", "reset", "hasSecuPass",
            "requireSecuPass", "fingerprint", "pinnedFingerprint", "reverify");
  }

  @Test
  @DisplayName("every exception a host can catch is in dev.secupass.api under SecuPassException")
  void exceptions_areAllInTheApiPackage() {
    List<String> outside = publicTypes().stream()
        .filter(Throwable.class::isAssignableFrom)
        .filter(type -> !type.getPackageName().equals("dev.secupass.api")
            || !SecuPassException.class.isAssignableFrom(type))
        .map(Class::getName).toList();
    assertThat(outside).isEmpty();
  }

  // --- reading the compiled classes ---------------------------------------------------------

  private record Signature(String where, Set<Class<?>> types) {}

  private static Set<String> exports(Class<?> member) {
    ModuleDescriptor descriptor = ModuleFinder.of(location(member)).findAll().iterator().next()
        .descriptor();
    return descriptor.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
  }

  private static Path location(Class<?> member) {
    try {
      return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every public type (top-level and nested) of the exported packages of sdk-api and sdk-core. */
  private static List<Class<?>> publicTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> module : List.of(SecuPassSdk.class, SecuPassException.class)) {
      Path root = classesRoot(location(module));
      for (String pkg : exports(module)) {
        Path dir = root.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
            String name = file.getFileName().toString().replace(".class", "");
            if (name.equals("package-info") || name.equals("module-info")) {
              continue;
            }
            Class<?> type = Class.forName(pkg + "." + name, false,
                PublicApiTest.class.getClassLoader());
            if (isExported(type)) {
              types.add(type);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return types;
  }

  /** The root of a classes folder, or of a jar (the reactor hands either). */
  private static Path classesRoot(Path location) {
    if (Files.isDirectory(location)) {
      return location;
    }
    try {
      return FileSystems.newFileSystem(location).getPath("/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Public, and enclosed only by public types. */
  private static boolean isExported(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static List<Signature> signatures(Class<?> type) {
    List<Signature> signatures = new ArrayList<>();
    Set<Class<?>> head = new java.util.HashSet<>();
    mentions(type.getGenericSuperclass(), head);
    for (Type implemented : type.getGenericInterfaces()) {
      mentions(implemented, head);
    }
    for (TypeVariable<?> variable : type.getTypeParameters()) {
      mentions(variable, head);
    }
    signatures.add(new Signature(type.getName(), head));
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        Set<Class<?>> types = new java.util.HashSet<>();
        mentions(component.getGenericType(), types);
        signatures.add(new Signature(type.getName() + "." + component.getName(), types));
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (isVisible(field)) {
        Set<Class<?>> types = new java.util.HashSet<>();
        mentions(field.getGenericType(), types);
        signatures.add(new Signature(type.getName() + "." + field.getName(), types));
      }
    }
    List<Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
    for (Executable executable : executables) {
      if (!isVisible(executable) || executable.isSynthetic()) {
        continue;
      }
      Set<Class<?>> types = new java.util.HashSet<>();
      if (executable instanceof Method method) {
        mentions(method.getGenericReturnType(), types);
      }
      for (Type parameter : executable.getGenericParameterTypes()) {
        mentions(parameter, types);
      }
      for (Type thrown : executable.getGenericExceptionTypes()) {
        mentions(thrown, types);
      }
      for (TypeVariable<?> variable : executable.getTypeParameters()) {
        mentions(variable, types);
      }
      signatures.add(new Signature(type.getName() + "." + executable.getName(), types));
    }
    return signatures;
  }

  private static void mentions(Type type, Set<Class<?>> into) {
    mentions(type, into, new java.util.HashSet<>());
  }

  private static void mentions(Type type, Set<Class<?>> into, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        mentions(c.getComponentType(), into, seen);
      } else if (into.add(c) && c.getEnclosingClass() != null) {
        mentions(c.getEnclosingClass(), into, seen);
      }
    } else if (type instanceof ParameterizedType p) {
      mentions(p.getRawType(), into, seen);
      for (Type argument : p.getActualTypeArguments()) {
        mentions(argument, into, seen);
      }
    } else if (type instanceof GenericArrayType a) {
      mentions(a.getGenericComponentType(), into, seen);
    } else if (type instanceof WildcardType w) {
      Arrays.stream(w.getUpperBounds()).forEach(bound -> mentions(bound, into, seen));
      Arrays.stream(w.getLowerBounds()).forEach(bound -> mentions(bound, into, seen));
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        mentions(bound, into, seen);
      }
    }
  }
}
