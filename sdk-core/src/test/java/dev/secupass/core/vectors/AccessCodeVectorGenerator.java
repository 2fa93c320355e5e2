package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.hex;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.UserId;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.firstcontact.AccessCodes;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.vectors.Vectors.User;
import dev.secupass.spi.KdfParameters;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code vectors/access-code.json}: access code checks and bindings ({@code
 * docs/format.md}, "Access code"), valid ones and altered ones, and the safety words of the bound
 * keys, from fixed seeds. Disabled unless {@code -Dsecupass.vectors.generate=true}; {@link
 * AccessCodeVectorsTest} checks the file.
 */
@EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
class AccessCodeVectorGenerator {
  static final String FILE = "access-code.json";

  @Test
  void generate() throws IOException {
    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass access code format 1 (docs/format.md, Access"
        + " code). Each vector: the code as shown, the delivery and guest ids, the Argon2id"
        + " costs, the salt and stretched key, the delivery's content key, the check the"
        + " invitation stores, the guest's public key bundle and key version, the binding, and"
        + " the safety words of the bundle's fingerprint. result: valid, or the exception an"
        + " altered value raises (for a binding: invalid).");
    JsonArray vectors = new JsonArray();
    DeterministicRandom random = new DeterministicRandom("vectors/access-code");
    for (int i = 0; i < 3; i++) {
      DeliveryId delivery = DeliveryId.random(random);
      byte[] guestBytes = new byte[16];
      random.nextBytes(guestBytes);
      UserId guest = UserId.of("guest-" + HexFormat.of().formatHex(guestBytes));
      AccessCode code = AccessCodes.generate(random);
      KdfParameters kdf = new KdfParameters("argon2id", 1024 * (i + 1), 1 + i, 1);
      byte[] contentKeyBytes = new byte[32];
      random.nextBytes(contentKeyBytes);
      User keys = User.make("access-code-" + i, 1, i == 2 ? 2 : 1);
      byte[] stretched = AccessCodes.stretch(code, delivery, guest, kdf);
      byte[] check;
      try (SymmetricKey contentKey = SymmetricKey.importBytes(contentKeyBytes)) {
        check = AccessCodes.check(stretched, contentKey, delivery, guest, kdf);
      }
      byte[] binding = AccessCodes.bind(stretched, delivery, guest, keys.version(),
          keys.bundle());
      JsonObject v = new JsonObject();
      v.addProperty("name", "code " + (i + 1) + ", m=" + kdf.memoryKiB() + " KiB t="
          + kdf.iterations() + (i == 2 ? ", suite-2 keys" : ""));
      v.addProperty("code", code.reveal());
      v.addProperty("delivery", delivery.value());
      v.addProperty("guest", guest.value());
      v.addProperty("memoryKiB", kdf.memoryKiB());
      v.addProperty("iterations", kdf.iterations());
      v.addProperty("parallelism", kdf.parallelism());
      v.addProperty("salt", hex(AccessCodes.salt(delivery, guest)));
      v.addProperty("stretched", hex(stretched));
      v.addProperty("contentKey", hex(contentKeyBytes));
      v.addProperty("check", hex(check));
      v.addProperty("keyVersion", keys.version().value());
      v.addProperty("bundle", hex(keys.bundle()));
      v.addProperty("binding", hex(binding));
      v.addProperty("fingerprint", PublicKeys.parse(keys.bundle()).fingerprint().digits());
      v.addProperty("safetyWords",
          SafetyWords.of(PublicKeys.parse(keys.bundle()).fingerprint()).toString());
      v.addProperty("result", Vectors.VALID);
      vectors.add(v);
      if (i == 0) {
        vectors.add(altered(v, "binding", binding, 12, "invalid",
            "binding with a flipped MAC bit"));
        vectors.add(altered(v, "check", check, 20, "IntegrityException",
            "check with a flipped sealed-key bit"));
        vectors.add(altered(v, "check", check, 0, "UnsupportedFormatException",
            "check of version 0"));
      }
    }
    file.add("vectors", vectors);
    Vectors.write(FILE, file);
  }

  private static JsonObject altered(JsonObject valid, String field, byte[] value, int index,
      String result, String name) {
    JsonObject v = valid.deepCopy();
    byte[] changed = value.clone();
    changed[index] ^= index == 0 ? 0x01 : 0x10;
    v.addProperty("name", name);
    v.addProperty(field, hex(changed));
    v.addProperty("result", result);
    return v;
  }
}
