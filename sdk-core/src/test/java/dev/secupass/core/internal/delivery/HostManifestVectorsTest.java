package dev.secupass.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.FixedRandom;
import dev.secupass.core.testing.Streams;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.api.DeliveryState;
import dev.secupass.spi.Recipient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Known-answer vectors of levels 1-2 ({@code docs/format.md}, "At-rest AEAD" and "Host-sealed
 * manifest"): one level-1 delivery whose manifest is sealed under a Tink AES-256-GCM keyset given
 * as JSON. The generator writes the at-rest ciphertext with the JDK in the layout the spec states
 * (output prefix, fixed nonce, GCM), so the file is reproducible; the checks show that Tink itself
 * and the SDK's {@link HostManifest} open exactly those bytes, and that damaged or moved
 * manifests fail as recorded.
 */
class HostManifestVectorsTest {
  private static final String FILE = "host-manifest.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();
  private static final DeliveryId DELIVERY = DeliveryId.of("delivery-7");
  private static final UserId SENDER = UserId.of("alice@example.org");
  private static final UserId RECIPIENT = UserId.of("bob@example.org");
  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(30));
  private static final int DOWNLOAD_LIMIT = 3;
  private static final long PRIMARY_KEY_ID = 0x5EC0FA55L;
  private static final long OLDER_KEY_ID = 0x0BADCAFEL;
  private static final int SEGMENT = 32;

  @Test
  @DisplayName("The frozen levels-1-2 vectors are exactly what the generator computes")
  void computed_equalsTheFrozenFile() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @Test
  @DisplayName("Tink's AEAD, given the keyset JSON, opens the at-rest ciphertext written as the spec"
      + " lays it out, and the SDK opens the delivery's manifest from its record")
  void tinkAndTheSdk_openTheVectorsManifest() throws Exception {
    JsonObject v = load();
    AtRestKey key = tink(v);
    byte[] stored = bytes(v, "manifest");
    byte[] sealed = Arrays.copyOfRange(stored, 6, stored.length);
    assertThat(key.decrypt(sealed, bytes(v, "associatedData"))).isEqualTo(bytes(v, "plaintext"));

    for (JsonObject vector : vectors(v)) {
      String outcome;
      try (HostManifest opened = HostManifest.open(key, record(v,
          DeliveryId.of(vector.get("delivery").getAsString()), bytes(vector, "manifest")))) {
        assertThat(opened.contentKey().exportBytes()).isEqualTo(bytes(v, "contentKey"));
        assertThat(ManifestCodec.encode(opened.manifest()))
            .isEqualTo(bytes(v, "manifestPayload"));
        outcome = "valid";
      } catch (RuntimeException e) {
        outcome = e.getClass().getSimpleName();
      }
      assertThat(outcome).as(vector.get("name").getAsString())
          .isEqualTo(vector.get("result").getAsString());
    }
  }

  @Test
  @DisplayName("The level-1 file decrypts with the manifest's content key and matches its digest")
  void file_decryptsUnderTheContentKey() throws IOException {
    JsonObject v = load();
    JsonObject file = v.getAsJsonArray("files").get(0).getAsJsonObject();
    ContentCipher cipher = ContentCipher.builder(SymmetricKey.importBytes(bytes(v, "contentKey")),
        ContentContext.deliveryFile(DELIVERY, FileId.of(file.get("id").getAsString()),
            SecurityLevel.LINK)).build();
    try (InputStream in = cipher.decrypt(Streams.source(bytes(file, "stored")),
        bytes(file, "digest"))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes(file, "plaintext"));
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Files.writeString(Path.of("src/test/resources/vectors", FILE), GSON.toJson(compute()) + "\n");
  }

  // ----- the generator -----

  private static JsonObject compute() throws IOException {
    byte[] primary = seeded("at-rest key 1", 32);
    byte[] older = seeded("at-rest key 0", 32);
    SymmetricKey contentKey = SymmetricKey.importBytes(seeded("level-1 content key", 32));
    byte[] tokenBytes = seeded("level-1 link token", LinkToken.BYTES);
    LinkToken token = LinkToken.parse(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(tokenBytes));

    JsonObject v = new JsonObject();
    v.addProperty("description", "SecuPass levels 1-2 (docs/format.md, At-rest AEAD, Host-sealed"
        + " manifest, Delivery details): one level-1 delivery, its manifest sealed under a Tink"
        + " AES-256-GCM keyset (JSON below) with output prefix TINK, its details and one file."
        + " 'vectors' are stored manifests to open as the delivery they name.");
    v.add("keyset", keyset(primary, older));
    JsonObject delivery = new JsonObject();
    delivery.addProperty("id", DELIVERY.value());
    delivery.addProperty("level", SecurityLevel.LINK.number());
    delivery.addProperty("sender", SENDER.value());
    JsonArray recipients = new JsonArray();
    recipients.add(RECIPIENT.value());
    delivery.add("recipients", recipients);
    delivery.addProperty("createdAtMillis", CREATED.toEpochMilli());
    delivery.addProperty("expiresAtMillis", EXPIRES.toEpochMilli());
    delivery.addProperty("downloadLimit", DOWNLOAD_LIMIT);
    delivery.addProperty("linkToken", token.reveal());
    delivery.addProperty("linkTokenHash", HEX.formatHex(token.hash()));
    v.add("delivery", delivery);
    v.addProperty("contentKey", HEX.formatHex(contentKey.exportBytes()));

    Details details = new Details("Quarterly report", "The figures for Q1, as promised.");
    byte[] storedDetails = details.encode();
    JsonObject detailsJson = new JsonObject();
    detailsJson.addProperty("subject", details.subject());
    detailsJson.addProperty("message", details.message());
    detailsJson.addProperty("stored", HEX.formatHex(storedDetails));
    v.add("details", detailsJson);

    FileId fileId = FileId.of("file-1");
    byte[] plaintext = Streams.pattern(100);
    ContentCipher cipher = ContentCipher.builder(contentKey,
            ContentContext.deliveryFile(DELIVERY, fileId, SecurityLevel.LINK))
        .segmentSize(SEGMENT)
        .random(new FixedRandom(seeded("file salt", 32), seeded("file nonce prefix", 7)))
        .computeDigest(true).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptedContent encrypted = Streams.encrypt(cipher, plaintext, out);
    JsonObject file = new JsonObject();
    file.addProperty("id", fileId.value());
    file.addProperty("blob", "blob-1");
    file.addProperty("name", "report.txt");
    file.addProperty("plaintext", HEX.formatHex(plaintext));
    file.addProperty("segmentSize", SEGMENT);
    file.addProperty("stored", HEX.formatHex(out.toByteArray()));
    file.addProperty("digest", HEX.formatHex(encrypted.digest()));
    JsonArray files = new JsonArray();
    files.add(file);
    v.add("files", files);

    DeliveryManifest manifest = new DeliveryManifest(1, DELIVERY, SecurityLevel.LINK, SENDER,
        KeyVersion.FIRST, CREATED, EXPIRES, List.of(RECIPIENT),
        List.of(new DeliveryManifest.FileEntry(fileId, plaintext.length,
            encrypted.ciphertextSize(), encrypted.digest())),
        Hashes.sha256(storedDetails), contentKey.commitment());
    v.addProperty("manifestPayload", HEX.formatHex(ManifestCodec.encode(manifest)));

    FixedNonceTinkKey sealer = new FixedNonceTinkKey(PRIMARY_KEY_ID, primary,
        seeded("at-rest nonce", 12));
    byte[] stored;
    try (HostManifest host = new HostManifest(manifest, DOWNLOAD_LIMIT, token.hash(),
        contentKey)) {
      stored = host.seal(sealer);
    }
    v.addProperty("associatedData", HEX.formatHex(sealer.lastAssociatedData));
    v.addProperty("plaintext", HEX.formatHex(sealer.lastPlaintext));
    v.addProperty("manifest", HEX.formatHex(stored));

    JsonArray vectors = new JsonArray();
    vectors.add(vector("sealed under the primary key", DELIVERY, stored, "valid"));
    byte[] prefix = Arrays.copyOf(stored, 6);
    vectors.add(vector("sealed under the older key of the keyset", DELIVERY,
        concat(prefix, new FixedNonceTinkKey(OLDER_KEY_ID, older, seeded("older nonce", 12))
            .encrypt(sealer.lastPlaintext, sealer.lastAssociatedData)), "valid"));
    vectors.add(vector("moved to another delivery", DeliveryId.of("delivery-8"), stored,
        "IntegrityException"));
    vectors.add(vector("bit flipped in the tag", DELIVERY, flip(stored, stored.length - 1),
        "IntegrityException"));
    vectors.add(vector("bit flipped in the output prefix's key id", DELIVERY, flip(stored, 7),
        "IntegrityException"));
    vectors.add(vector("sealed under a key not in the keyset", DELIVERY,
        concat(prefix, new FixedNonceTinkKey(PRIMARY_KEY_ID, seeded("foreign key", 32),
            seeded("foreign nonce", 12)).encrypt(sealer.lastPlaintext,
            sealer.lastAssociatedData)), "IntegrityException"));
    byte[] flagged = sealer.lastPlaintext.clone();
    flagged[2 + SENDER.value().length() + 4] = 2; // the link-token flag: only 0 and 1 exist
    vectors.add(vector("unknown link-token flag 2", DELIVERY, concat(prefix,
        new FixedNonceTinkKey(PRIMARY_KEY_ID, primary, seeded("flag nonce", 12))
            .encrypt(flagged, sealer.lastAssociatedData)), "IntegrityException"));
    byte[] unknownVersion = stored.clone();
    unknownVersion[3] = 9;
    vectors.add(vector("unknown version 9", DELIVERY, unknownVersion,
        "UnsupportedFormatException"));
    byte[] wrongKind = stored.clone();
    wrongKind[2] = 'C';
    vectors.add(vector("not a host-sealed manifest (kind byte)", DELIVERY, wrongKind,
        "IntegrityException"));
    vectors.add(vector("truncated", DELIVERY, Arrays.copyOf(stored, 20), "IntegrityException"));
    v.add("vectors", vectors);
    return v;
  }

  /** The keyset as Tink writes it in JSON: two AES-256-GCM keys with TINK output prefixes. */
  private static JsonObject keyset(byte[] primary, byte[] older) {
    JsonObject keyset = new JsonObject();
    keyset.addProperty("primaryKeyId", PRIMARY_KEY_ID);
    JsonArray keys = new JsonArray();
    keys.add(key(older, OLDER_KEY_ID));
    keys.add(key(primary, PRIMARY_KEY_ID));
    keyset.add("key", keys);
    return keyset;
  }

  private static JsonObject key(byte[] material, long id) {
    byte[] proto = new byte[34];
    proto[0] = 0x1A; // AesGcmKey.key_value, field 3, length-delimited
    proto[1] = 0x20;
    System.arraycopy(material, 0, proto, 2, 32);
    JsonObject keyData = new JsonObject();
    keyData.addProperty("typeUrl", "type.googleapis.com/google.crypto.tink.AesGcmKey");
    keyData.addProperty("value", Base64.getEncoder().encodeToString(proto));
    keyData.addProperty("keyMaterialType", "SYMMETRIC");
    JsonObject key = new JsonObject();
    key.add("keyData", keyData);
    key.addProperty("status", "ENABLED");
    key.addProperty("keyId", id);
    key.addProperty("outputPrefixType", "TINK");
    return key;
  }

  /**
   * An {@link AtRestKey} that writes what a Tink AES-GCM key with output prefix TINK writes, with
   * a fixed nonce: {@code 0x01 || u32 key id || nonce || AES-256-GCM(key, nonce, aad, pt)}.
   */
  static final class FixedNonceTinkKey implements AtRestKey {
    private final long keyId;
    private final byte[] key;
    private final byte[] nonce;
    byte[] lastPlaintext;
    byte[] lastAssociatedData;

    FixedNonceTinkKey(long keyId, byte[] key, byte[] nonce) {
      this.keyId = keyId;
      this.key = key;
      this.nonce = nonce;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      lastPlaintext = plaintext.clone();
      lastAssociatedData = associatedData.clone();
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
            new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(5 + 12 + sealed.length).put((byte) 1).putInt((int) keyId)
            .put(nonce).put(sealed).array();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      ByteBuffer in = ByteBuffer.wrap(ciphertext);
      if (ciphertext.length < 5 + 12 + 16 || in.get() != 1 || in.getInt() != (int) keyId) {
        throw new IntegrityException("not a ciphertext of this key");
      }
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
            new GCMParameterSpec(128, ciphertext, 5, 12));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext, 17, ciphertext.length - 17);
      } catch (GeneralSecurityException e) {
        throw new IntegrityException("the at-rest ciphertext does not open");
      }
    }
  }

  // ----- helpers -----

  private static AtRestKey tink(JsonObject v) throws GeneralSecurityException {
    AeadConfig.register();
    KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(GSON.toJson(v.get("keyset")),
        InsecureSecretKeyAccess.get());
    return TinkAtRestKey.of(handle);
  }

  /** The delivery record the vector's manifest belongs to, with {@code manifest} stored in it. */
  private static DeliveryRecord record(JsonObject v, DeliveryId id, byte[] manifest) {
    JsonObject file = v.getAsJsonArray("files").get(0).getAsJsonObject();
    JsonObject delivery = v.getAsJsonObject("delivery");
    return new DeliveryRecord(id, SENDER, SecurityLevel.LINK, DeliveryState.ACTIVE, CREATED,
        EXPIRES, DOWNLOAD_LIMIT, 0, bytes(v.getAsJsonObject("details"), "stored"), manifest,
        bytes(delivery, "linkTokenHash"),
        List.of(new DeliveryFile(FileId.of(file.get("id").getAsString()),
            BlobId.of(file.get("blob").getAsString()), bytes(file, "plaintext").length,
            bytes(file, "stored").length, bytes(file, "digest"),
            file.get("name").getAsString().getBytes(StandardCharsets.UTF_8))),
        List.of(new Recipient(RECIPIENT, PrincipalKind.EMPLOYEE, "bob@example.org")));
  }

  private static JsonObject vector(String name, DeliveryId delivery, byte[] manifest,
      String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("delivery", delivery.value());
    vector.addProperty("manifest", HEX.formatHex(manifest));
    vector.addProperty("result", result);
    return vector;
  }

  private static List<JsonObject> vectors(JsonObject v) {
    return v.getAsJsonArray("vectors").asList().stream().map(e -> e.getAsJsonObject()).toList();
  }

  private static byte[] seeded(String seed, int length) {
    byte[] bytes = new byte[length];
    new DeterministicRandom("vectors/" + seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] flip(byte[] bytes, int position) {
    byte[] out = bytes.clone();
    out[position] ^= 1;
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = HostManifestVectorsTest.class.getResourceAsStream("/vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }
}
