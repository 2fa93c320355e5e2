package dev.secupass.core.independent;

/** docs/format.md, "Identifiers", checked as the spec states them in bytes and code points. */
final class Identifiers {
  private Identifiers() {}

  /** A generated id, else the format's damage. */
  static String token(Cursor in, String value) {
    boolean ok = !value.isEmpty() && value.length() <= 64 && !value.contains("..");
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      ok = alnum || (i > 0 && (c == '-' || c == '.' || c == '_'));
    }
    if (!ok) {
      throw in.damage("identifier outside the grammar");
    }
    return value;
  }

  /** A user id (UTF-8 already checked by the cursor), else the format's damage. */
  static String user(Cursor in, String value) {
    // 1-200 UTF-16 code units: Java strings count exactly that.
    boolean ok = !value.isEmpty() && value.length() <= 200;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = !(c <= 0x1F || (c >= 0x7F && c <= 0x9F));
    }
    if (ok && (whiteSpace(value.codePointAt(0))
        || whiteSpace(value.codePointBefore(value.length())))) {
      ok = false;
    }
    if (!ok) {
      throw in.damage("user id outside the grammar");
    }
    return value;
  }

  /** The list in docs/format.md, "Identifiers". */
  private static boolean whiteSpace(int c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x20 || c == 0x1680
        || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A) || c == 0x2028
        || c == 0x2029 || c == 0x205F || c == 0x3000;
  }
}
