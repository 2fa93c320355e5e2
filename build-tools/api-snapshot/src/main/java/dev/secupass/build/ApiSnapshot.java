package dev.secupass.build;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API snapshot of one library module: every public and protected signature of the packages
 * its {@code module-info} exports (types, fields, constructors, methods, with generics and
 * type-use annotations such as {@code @Nullable}), one per line in a stable order, in the habit
 * of Kotlin's binary-compatibility validator. The build compares the compiled classes with the
 * checked-in file ({@code <module>/api/<artifactId>.api}) in the {@code verify} phase and fails on
 * any difference, printing it and the command that records the new API (see docs/build.md).
 *
 * <p>One file with no dependency beyond the JDK, so that every module runs it with {@code java
 * ApiSnapshot.java} (the source-file launcher) on its own class path, without a build dependency
 * on this module. Run as: {@code ApiSnapshot <classes dir> <snapshot file> <update: true|false>
 * [<module dir> <root dir>]}, with the module's classes and dependencies on the class path.
 */
public final class ApiSnapshot {

  private ApiSnapshot() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3 && args.length != 5) {
      System.err.println("usage: ApiSnapshot <classes dir> <snapshot file> <update: true|false>"
          + " [<module dir> <root dir>]");
      System.exit(2);
    }
    Path classes = Path.of(args[0]);
    Path snapshot = Path.of(args[1]);
    boolean update = Boolean.parseBoolean(args[2]) || args[2].isEmpty();
    Path module = Path.of(args.length == 5 ? args[3] : "");
    Path root = Path.of(args.length == 5 ? args[4] : "");
    List<String> api = dump(classes, ApiSnapshot.class.getClassLoader());
    Outcome outcome = update ? record(api, snapshot) : check(api, snapshot, command(module, root));
    System.out.println(outcome.message());
    if (!outcome.ok()) {
      System.exit(1);
    }
  }

  /** The result of a check or an update, with the message for the build log. */
  public record Outcome(boolean ok, String message) {}

  /** Compares {@code api} with the recorded snapshot; the message shows every difference. */
  public static Outcome check(List<String> api, Path snapshot, String updateCommand)
      throws IOException {
    if (!Files.exists(snapshot)) {
      return new Outcome(false, "There is no API snapshot " + snapshot + " yet. Record it with:\n  "
          + updateCommand + "\nand commit it.");
    }
    List<String> recorded = Files.readAllLines(snapshot, StandardCharsets.UTF_8);
    if (recorded.equals(api)) {
      return new Outcome(true, "API unchanged: " + snapshot);
    }
    return new Outcome(false, "The public API differs from its snapshot " + snapshot + ":\n"
        + String.join("\n", diff(recorded, api, "recorded " + snapshot.getFileName(),
            "compiled classes"))
        + "\nIf the change is intended, record it with:\n  " + updateCommand
        + "\nand commit the snapshot with the change (see docs/build.md).");
  }

  /** Writes {@code api} to the snapshot file. */
  public static Outcome record(List<String> api, Path snapshot) throws IOException {
    List<String> before = Files.exists(snapshot)
        ? Files.readAllLines(snapshot, StandardCharsets.UTF_8) : List.of();
    if (before.equals(api)) {
      return new Outcome(true, "API unchanged: " + snapshot);
    }
    Files.createDirectories(snapshot.toAbsolutePath().getParent());
    Files.write(snapshot, api, StandardCharsets.UTF_8);
    return new Outcome(true, "Recorded the API in " + snapshot);
  }

  /** The command that records a module's API, as a developer types it at the root. */
  static String command(Path module, Path root) {
    Path relative = root.toAbsolutePath().normalize().relativize(module.toAbsolutePath().normalize());
    String selection = relative.toString().isEmpty() ? "" : " -pl " + relative + " -am";
    return "mvn -B -ntp verify -DskipTests -Dsecupass.api.update" + selection;
  }

  // ---------------------------------------------------------------------------------------------
  // The dump

  /**
   * The API lines of the module compiled to {@code classes}: its exported packages, read from
   * {@code module-info.class}, with each class loaded (not initialised) through {@code loader}.
   *
   * @throws IllegalStateException if there is no module descriptor, or a package that is not
   *     exported is not an {@code internal} package (the javadoc lint and this snapshot assume
   *     that everything outside {@code internal} is exported)
   */
  public static List<String> dump(Path classes, ClassLoader loader) throws IOException {
    Path descriptor = classes.resolve("module-info.class");
    if (!Files.exists(descriptor)) {
      throw new IllegalStateException(classes + " has no module-info.class: the snapshot lists"
          + " what a module exports");
    }
    Set<String> exported;
    try (InputStream in = Files.newInputStream(descriptor)) {
      exported = ModuleDescriptor.read(in).exports().stream()
          .filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source)
          .collect(Collectors.toCollection(TreeSet::new));
    }
    TreeMap<String, Class<?>> types = new TreeMap<>();
    Set<String> unexported = new TreeSet<>();
    for (String name : classNames(classes)) {
      int dot = name.lastIndexOf('.');
      String pkg = dot < 0 ? "" : name.substring(0, dot);
      if (!exported.contains(pkg)) {
        if (!isInternal(pkg)) {
          unexported.add(pkg);
        }
        continue;
      }
      Class<?> type = load(name, loader);
      if (isApi(type)) {
        types.put(type.getName(), type);
      }
    }
    if (!unexported.isEmpty()) {
      throw new IllegalStateException("packages that are neither exported nor internal: "
          + unexported + "; export them in module-info.java or move them under an internal"
          + " package");
    }
    List<String> lines = new ArrayList<>();
    types.values().stream()
        .sorted(Comparator.comparing(ApiSnapshot::name))
        .forEach(type -> {
          lines.add(header(type) + " {");
          members(type).forEach(member -> lines.add("  " + member));
          lines.add("}");
          lines.add("");
        });
    return lines;
  }

  private static boolean isInternal(String pkg) {
    return pkg.equals("internal") || pkg.endsWith(".internal") || pkg.contains(".internal.")
        || pkg.startsWith("internal.");
  }

  private static List<String> classNames(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString())
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')
              .replace('\\', '.'))
          .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
          .sorted()
          .toList();
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot load " + name + " (is the module's class path"
          + " complete?): " + e, e);
    }
  }

  /** Public, or protected, in an accessible enclosing type; not anonymous, local or synthetic. */
  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int modifiers = type.getModifiers();
    Class<?> enclosing = type.getDeclaringClass();
    if (enclosing == null) {
      return Modifier.isPublic(modifiers);
    }
    return (Modifier.isPublic(modifiers)
        || (Modifier.isProtected(modifiers) && !Modifier.isFinal(enclosing.getModifiers())))
        && isApi(enclosing);
  }

  private static String header(Class<?> type) {
    StringBuilder out = new StringBuilder(visibility(type.getModifiers()));
    boolean nested = type.getDeclaringClass() != null;
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
    } else if (type.isInterface()) {
      kind = "interface";
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
      if (nested && Modifier.isStatic(type.getModifiers())) {
        out.append(" static");
      }
      if (Modifier.isAbstract(type.getModifiers())) {
        out.append(" abstract");
      }
      if (Modifier.isFinal(type.getModifiers())) {
        out.append(" final");
      }
    }
    if (type.isSealed()) {
      out.append(" sealed");
    } else if (!Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord()
        && extendsSealed(type)) {
      out.append(" non-sealed");
    }
    out.append(' ').append(kind).append(' ').append(name(type))
        .append(typeParameters(type.getTypeParameters()));
    List<String> supertypes = new ArrayList<>();
    AnnotatedType superclass = type.getAnnotatedSuperclass();
    if (superclass != null && !type.isEnum() && !type.isRecord()
        && superclass.getType() != Object.class) {
      out.append(" extends ").append(type(superclass));
    }
    for (AnnotatedType i : type.getAnnotatedInterfaces()) {
      if (!(type.isAnnotation() && i.getType() == Annotation.class)) {
        supertypes.add(type(i));
      }
    }
    if (!supertypes.isEmpty()) {
      out.append(type.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", supertypes));
    }
    if (type.isSealed()) {
      out.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(ApiSnapshot::name).sorted().collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static boolean extendsSealed(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return (superclass != null && superclass.isSealed())
        || Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
  }

  /**
   * The type's own API members, and those it inherits from superclasses that are not API (a
   * public method of a non-exported base class is callable on the exported subclass), sorted:
   * fields, then constructors, then methods.
   */
  private static List<String> members(Class<?> type) {
    Set<String> lines = new LinkedHashSet<>();
    boolean extendable = !Modifier.isFinal(type.getModifiers());
    TreeSet<String> fields = new TreeSet<>();
    TreeSet<String> constructors = new TreeSet<>();
    TreeSet<String> methods = new TreeSet<>();
    Set<String> declared = new HashSet<>();
    for (Class<?> c = type; c != null && (c == type || !isApiType(c)); c = c.getSuperclass()) {
      if (c == Object.class || c == Record.class || c == Enum.class) {
        break;
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f, extendable) && declared.add("field " + f.getName())) {
          fields.add(field(f));
        }
      }
      if (c == type) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
          if (visible(k, extendable && !type.isEnum())) {
            constructors.add(executable(k, type));
          }
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m, extendable) && !m.isBridge()
            && declared.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
          methods.add(executable(m, type));
        }
      }
    }
    lines.addAll(fields);
    lines.addAll(constructors);
    lines.addAll(methods);
    return new ArrayList<>(lines);
  }

  /** An exported API type, as opposed to a base class from a package that is not exported. */
  private static boolean isApiType(Class<?> c) {
    Module module = c.getModule();
    String pkg = c.getPackageName();
    boolean exported = module.isNamed() ? module.isExported(pkg) : !isInternal(pkg);
    return exported && isApi(c);
  }

  private static boolean visible(Member member, boolean protectedCounts) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || (protectedCounts && Modifier.isProtected(modifiers)));
  }

  private static String field(Field f) {
    return visibility(f.getModifiers()) + modifiers(f.getModifiers(), false) + " "
        + type(f.getAnnotatedType()) + " " + f.getName();
  }

  private static String executable(Executable e, Class<?> owner) {
    StringBuilder out = new StringBuilder(visibility(e.getModifiers()));
    if (e instanceof Method m) {
      boolean inInterface = m.getDeclaringClass().isInterface();
      if (m.isDefault()) {
        out.append(" default");
      }
      out.append(modifiers(m.getModifiers() & ~(inInterface ? Modifier.ABSTRACT : 0), true));
    }
    String typeParameters = typeParameters(e.getTypeParameters());
    if (!typeParameters.isEmpty()) {
      out.append(' ').append(typeParameters);
    }
    if (e instanceof Method m) {
      out.append(' ').append(type(m.getAnnotatedReturnType())).append(' ').append(m.getName());
    } else {
      out.append(' ').append(owner.getSimpleName());
    }
    AnnotatedType[] parameters = e.getAnnotatedParameterTypes();
    List<String> rendered = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      if (e.isVarArgs() && i == parameters.length - 1
          && parameters[i] instanceof AnnotatedArrayType array) {
        rendered.add(type(array.getAnnotatedGenericComponentType())
            + annotations(array.getAnnotations(), true) + "...");
      } else {
        rendered.add(type(parameters[i]));
      }
    }
    out.append('(').append(String.join(", ", rendered)).append(')');
    AnnotatedType[] exceptions = e.getAnnotatedExceptionTypes();
    if (exceptions.length > 0) {
      out.append(" throws ").append(Arrays.stream(exceptions).map(ApiSnapshot::type)
          .sorted().collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static String visibility(int modifiers) {
    return Modifier.isPublic(modifiers) ? "public" : Modifier.isProtected(modifiers) ? "protected"
        : "package-private";
  }

  private static String modifiers(int modifiers, boolean method) {
    StringBuilder out = new StringBuilder();
    if (Modifier.isStatic(modifiers)) {
      out.append(" static");
    }
    if (method && Modifier.isAbstract(modifiers)) {
      out.append(" abstract");
    }
    if (Modifier.isFinal(modifiers)) {
      out.append(" final");
    }
    if (!method && Modifier.isVolatile(modifiers)) {
      out.append(" volatile");
    }
    return out.toString();
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    List<String> rendered = new ArrayList<>();
    for (TypeVariable<?> v : variables) {
      List<String> bounds = Arrays.stream(v.getAnnotatedBounds())
          .filter(b -> b.getType() != Object.class || b.getAnnotations().length > 0)
          .map(ApiSnapshot::type)
          .toList();
      rendered.add(annotations(v.getAnnotations(), false) + v.getName()
          + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", rendered) + ">";
  }

  /** A type as Java source writes it, with its type-use annotations ({@code byte @Nullable []}). */
  static String type(AnnotatedType type) {
    if (type instanceof AnnotatedArrayType array) {
      return type(array.getAnnotatedGenericComponentType())
          + annotations(array.getAnnotations(), true) + "[]";
    }
    String annotations = annotations(type.getAnnotations(), false);
    if (type instanceof AnnotatedParameterizedType parameterized) {
      Class<?> raw = (Class<?>) ((ParameterizedType) parameterized.getType()).getRawType();
      return annotations + name(raw) + "<" + Arrays.stream(
          parameterized.getAnnotatedActualTypeArguments()).map(ApiSnapshot::type)
          .collect(Collectors.joining(", ")) + ">";
    }
    if (type instanceof AnnotatedWildcardType wildcard) {
      AnnotatedType[] lower = wildcard.getAnnotatedLowerBounds();
      if (lower.length > 0) {
        return annotations + "? super " + type(lower[0]);
      }
      AnnotatedType[] upper = wildcard.getAnnotatedUpperBounds();
      if (upper.length == 0 || (upper[0].getType() == Object.class
          && upper[0].getAnnotations().length == 0)) {
        return annotations + "?";
      }
      return annotations + "? extends " + type(upper[0]);
    }
    if (type instanceof AnnotatedTypeVariable variable) {
      return annotations + ((TypeVariable<?>) variable.getType()).getName();
    }
    return annotations + name((Class<?>) type.getType());
  }

  /** {@code "@A @B "} before a type, or {@code " @A @B "} before array brackets. */
  private static String annotations(Annotation[] annotations, boolean beforeBrackets) {
    if (annotations.length == 0) {
      return "";
    }
    String joined = Arrays.stream(annotations)
        .map(a -> "@" + a.annotationType().getSimpleName())
        .collect(Collectors.joining(" "));
    return beforeBrackets ? " " + joined + " " : joined + " ";
  }

  private static String name(Class<?> type) {
    if (type.isArray()) {
      return name(type.getComponentType()) + "[]";
    }
    String canonical = type.getCanonicalName();
    return canonical != null ? canonical : type.getName();
  }

  // ---------------------------------------------------------------------------------------------
  // The diff

  /**
   * A unified diff of two line lists ({@code -} only in {@code before}, {@code +} only in
   * {@code after}), with two lines of context; empty if they are equal.
   */
  public static List<String> diff(List<String> before, List<String> after, String beforeName,
      String afterName) {
    List<String> ops = editScript(before, after);
    List<String> out = new ArrayList<>();
    if (ops.stream().allMatch(op -> op.charAt(0) == ' ')) {
      return out;
    }
    out.add("--- " + beforeName);
    out.add("+++ " + afterName);
    int context = 2;
    int i = 0;
    int oldLine = 1;
    int newLine = 1;
    while (i < ops.size()) {
      if (ops.get(i).charAt(0) == ' ') {
        i++;
        oldLine++;
        newLine++;
        continue;
      }
      int start = Math.max(0, i - context);
      int end = i;
      int quiet = 0;
      for (int j = i; j < ops.size(); j++) {
        if (ops.get(j).charAt(0) == ' ') {
          quiet++;
          if (quiet > 2 * context) {
            break;
          }
        } else {
          quiet = 0;
          end = j;
        }
      }
      end = Math.min(ops.size() - 1, end + context);
      int hunkOld = oldLine - (i - start);
      int hunkNew = newLine - (i - start);
      int oldCount = 0;
      int newCount = 0;
      List<String> hunk = new ArrayList<>();
      for (int j = start; j <= end; j++) {
        String op = ops.get(j);
        hunk.add(op);
        if (op.charAt(0) != '+') {
          oldCount++;
        }
        if (op.charAt(0) != '-') {
          newCount++;
        }
      }
      out.add("@@ -" + hunkOld + "," + oldCount + " +" + hunkNew + "," + newCount + " @@");
      out.addAll(hunk);
      for (int j = i; j <= end; j++) {
        char c = ops.get(j).charAt(0);
        if (c != '+') {
          oldLine++;
        }
        if (c != '-') {
          newLine++;
        }
      }
      i = end + 1;
    }
    return out;
  }

  /** Each line prefixed with ' ', '-' or '+', from a longest common subsequence. */
  private static List<String> editScript(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> x = a.subList(prefix, a.size() - suffix);
    List<String> y = b.subList(prefix, b.size() - suffix);
    int[][] lcs = new int[x.size() + 1][y.size() + 1];
    for (int i = x.size() - 1; i >= 0; i--) {
      for (int j = y.size() - 1; j >= 0; j--) {
        lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>();
    a.subList(0, prefix).forEach(line -> ops.add(" " + line));
    int i = 0;
    int j = 0;
    while (i < x.size() || j < y.size()) {
      if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
        ops.add(" " + x.get(i++));
        j++;
      } else if (i < x.size() && (j == y.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add("-" + x.get(i++));
      } else {
        ops.add("+" + y.get(j++));
      }
    }
    a.subList(a.size() - suffix, a.size()).forEach(line -> ops.add(" " + line));
    return ops;
  }
}
