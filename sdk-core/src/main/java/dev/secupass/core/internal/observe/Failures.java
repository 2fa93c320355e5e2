package dev.secupass.core.internal.observe;

import dev.secupass.api.SecuPassException;
import java.util.Locale;

/**
 * The failure kind of an exception, as a tag value: the SDK's exception class name (of {@code
 * dev.secupass.api}, or the nearest such superclass) in snake case without {@code Exception}, so
 * {@code WrongSecuPassException} is {@code wrong_secupass}. Only the class is read, never the
 * message, which may name people. The set is as small as the SDK's exceptions.
 */
public final class Failures {
  private static final String API_PACKAGE = SecuPassException.class.getPackageName();
  private static final ClassValue<String> KINDS = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      return kindOf(type);
    }
  };

  private Failures() {}

  /** The kind of {@code error}. */
  public static String kind(Throwable error) {
    return KINDS.get(error.getClass());
  }

  private static String kindOf(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getPackageName().equals(API_PACKAGE)) {
        return snake(c.getSimpleName().replace("Exception", "").replace("SecuPass", "Secupass"));
      }
      if (c == IllegalArgumentException.class || c == NullPointerException.class) {
        return "invalid_argument";
      }
      if (c == IllegalStateException.class) {
        return "illegal_state";
      }
      if (c == java.io.UncheckedIOException.class) {
        return "io";
      }
    }
    return "other";
  }

  private static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch) && i > 0) {
        out.append('_');
      }
      out.append(Character.toLowerCase(ch));
    }
    String kind = out.toString();
    return kind.isEmpty() ? "secupass" : kind.toLowerCase(Locale.ROOT);
  }
}
