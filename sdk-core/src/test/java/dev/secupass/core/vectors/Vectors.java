package dev.secupass.core.vectors;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.RecordedOutcomes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Reading and writing the known-answer vector files in {@code src/test/resources/vectors}: JSON,
 * binary values as lower-case hex, a {@code "result"} of {@code "valid"} or the simple name of the
 * exception the SDK must throw.
 */
final class Vectors {
  static final String VALID = RecordedOutcomes.VALID;
  static final Path DIRECTORY = Path.of("src/test/resources/vectors");

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();

  private Vectors() {}

  static JsonObject load(String file) throws IOException {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
      if (in == null) {
        throw new IOException("missing vector file " + file);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }

  static void write(String file, JsonObject content) throws IOException {
    Files.createDirectories(DIRECTORY);
    Files.writeString(DIRECTORY.resolve(file), GSON.toJson(content) + "\n");
  }

  /** A copy of {@code bytes} with the byte at {@code index} set to {@code value}. */
  static byte[] withByte(byte[] bytes, int index, int value) {
    byte[] changed = bytes.clone();
    changed[index] = (byte) value;
    return changed;
  }

  /** {@code length} bytes counting up from {@code first}: recognisable filler for vectors. */
  static byte[] range(int first, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
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

  /** The vectors of a file, each a JSON object. */
  static Iterable<JsonObject> vectors(JsonObject file) {
    JsonArray array = file.getAsJsonArray("vectors");
    return () -> array.asList().stream().map(JsonElement::getAsJsonObject).iterator();
  }

  /** A user of the vectors: id, key version and key pair, made from a fixed seed. */
  record User(UserId id, KeyVersion version, PrivateKeys keys, byte[] bundle) {
    static User make(String name, int version) {
      return make(name, version, 1);
    }

    /** A user with keys of {@code suite} (2: with an X-Wing key). */
    static User make(String name, int version, int suite) {
      PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("vectors/" + name), suite);
      UserId id = UserId.of(name + "@example.org");
      KeyVersion keyVersion = KeyVersion.of(version);
      return new User(id, keyVersion, keys, PublicKeyBundle.encode(id, keyVersion, keys));
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("user", id.value());
      json.addProperty("version", version.value());
      json.addProperty("privateKeys", hex(keys.secrets()));
      json.addProperty("bundle", hex(bundle));
      return json;
    }

    static User fromJson(JsonObject json) {
      PrivateKeys keys = PrivateKeys.fromSecrets(bytes(json, "privateKeys"));
      return new User(UserId.of(string(json, "user")), KeyVersion.of(integer(json, "version")),
          keys, bytes(json, "bundle"));
    }
  }

  /** Users listed under {@code "users"} in a file, by name. */
  static Function<String, User> users(JsonObject file) {
    JsonObject users = file.getAsJsonObject("users");
    return name -> User.fromJson(users.getAsJsonObject(name));
  }

  static JsonObject json(ContentContext context) {
    JsonObject json = new JsonObject();
    json.addProperty("purpose", context.purpose().name());
    json.addProperty("scope", context.scope());
    json.addProperty("item", context.item());
    json.addProperty("level", context.level());
    json.addProperty("epoch", context.epoch());
    return json;
  }

  static ContentContext contentContext(JsonObject json) {
    return new ContentContext(ContentContext.Purpose.valueOf(string(json, "purpose")),
        string(json, "scope"), string(json, "item"), integer(json, "level"),
        integer(json, "epoch"));
  }

  static JsonObject json(EnvelopeContext context) {
    JsonObject json = new JsonObject();
    json.addProperty("purpose", context.purpose().name());
    json.addProperty("scope", context.scope());
    json.addProperty("level", context.level());
    json.addProperty("epoch", context.epoch());
    return json;
  }

  static EnvelopeContext envelopeContext(JsonObject json) {
    return new EnvelopeContext(EnvelopeContext.Purpose.valueOf(string(json, "purpose")),
        string(json, "scope"), integer(json, "level"), integer(json, "epoch"));
  }
}
