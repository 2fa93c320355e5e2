package dev.secupass.samples.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --json} output: maps become objects (in their order), collections arrays, numbers
 * and booleans themselves, everything else its string. Small on purpose: the app only writes.
 */
public final class Json {
  private Json() {}

  /** {@code value} as one line of JSON. */
  public static String write(@Nullable Object value) {
    StringBuilder json = new StringBuilder();
    append(json, value);
    return json.toString();
  }

  /** An object of alternating keys and values, in that order. */
  public static Map<String, @Nullable Object> map(@Nullable Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return map;
  }

  /** {@link #map} written as one line. */
  public static String object(@Nullable Object... keysAndValues) {
    return write(map(keysAndValues));
  }

  private static void append(StringBuilder json, @Nullable Object value) {
    if (value == null) {
      json.append("null");
    } else if (value instanceof Map<?, ?> map) {
      json.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.append(first ? "" : ",");
        first = false;
        string(json, String.valueOf(entry.getKey()));
        json.append(':');
        append(json, entry.getValue());
      }
      json.append('}');
    } else if (value instanceof Collection<?> items) {
      json.append('[');
      boolean first = true;
      for (Object item : items) {
        json.append(first ? "" : ",");
        first = false;
        append(json, item);
      }
      json.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      json.append(value);
    } else {
      string(json, value.toString());
    }
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
