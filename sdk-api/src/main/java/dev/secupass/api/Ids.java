package dev.secupass.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validation shared by the identifier records. Not part of the API. */
final class Ids {
  /** Generated identifiers: safe as file names, object keys and SQL values. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Ids() {}

  static String token(String kind, String value) {
    Objects.requireNonNull(value, kind);
    if (!TOKEN.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          kind + " must be 1-64 characters of [A-Za-z0-9._-], start with a letter or digit and"
              + " contain no '..'; got " + value.length() + " characters");
    }
    return value;
  }
}
