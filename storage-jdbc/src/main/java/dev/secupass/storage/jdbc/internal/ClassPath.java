package dev.secupass.storage.jdbc.internal;

/**
 * Checks for the optional libraries the JDBC storage uses only on some databases: H2 for the
 * embedded default, Flyway's MySQL support for MariaDB and MySQL. A host on PostgreSQL does not
 * get them; a host that uses them adds them, and gets this error, which names the artifact, if it
 * did not.
 */
public final class ClassPath {
  private ClassPath() {}

  /**
   * Returns quietly if {@code className} can be loaded, and otherwise names what to add.
   *
   * @param what what needs the class, for the message ("the embedded default (H2)")
   * @param artifact the Maven coordinates that provide it ("com.h2database:h2")
   * @throws IllegalStateException if the class is missing
   */
  public static void require(String className, String what, String artifact) {
    try {
      Class.forName(className, false, ClassPath.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(what + " needs " + artifact + " on the class path (or the"
          + " module path), which the SecuPass JDBC storage leaves optional: add it to your"
          + " dependencies; the SecuPass BOM manages its version");
    }
  }
}
