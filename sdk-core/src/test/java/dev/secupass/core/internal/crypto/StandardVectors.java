package dev.secupass.core.internal.crypto;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the published vector files in {@code src/test/resources/vectors/standard} (RFC 9180, RFC
 * 8032, RFC 9106 and Wycheproof; sources and licences in the README there). They are data,
 * carried over unchanged; only the code that runs them is ours.
 */
final class StandardVectors {
  private static final HexFormat HEX = HexFormat.of();

  private StandardVectors() {}

  static JsonObject load(String path) {
    return resource("/vectors/standard/" + path);
  }

  /** A JSON file on the test class path, by absolute resource path. */
  static JsonObject resource(String path) {
    try (InputStream in = StandardVectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing vector file " + path);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return new Gson().fromJson(reader, JsonObject.class);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonObject> objects(JsonObject parent, String field) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray array = parent.getAsJsonArray(field);
    for (JsonElement element : array) {
      out.add(element.getAsJsonObject());
    }
    return out;
  }

  /** Every test of a Wycheproof file, each with its group's fields under {@code "group"}. */
  static List<JsonObject> wycheproof(String file) {
    List<JsonObject> tests = new ArrayList<>();
    for (JsonObject group : objects(load("wycheproof/" + file), "testGroups")) {
      for (JsonObject test : objects(group, "tests")) {
        JsonObject copy = test.deepCopy();
        copy.add("group", group);
        tests.add(copy);
      }
    }
    return tests;
  }

  static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  static String string(JsonObject object, String field) {
    return object.get(field).getAsString();
  }

  static int integer(JsonObject object, String field) {
    return object.get(field).getAsInt();
  }

  static boolean hasFlag(JsonObject test, String flag) {
    for (JsonElement element : test.getAsJsonArray("flags")) {
      if (element.getAsString().equals(flag)) {
        return true;
      }
    }
    return false;
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** A name for a Wycheproof test in assertion messages. */
  static String describe(JsonObject test) {
    return "tcId " + test.get("tcId").getAsInt() + " (" + test.get("comment").getAsString() + ")";
  }
}
