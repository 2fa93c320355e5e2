package dev.secupass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.spi.KdfParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK and the browser client (in Node.js, the bundle {@code npm run build} made in this
 * module's compile phase: {@code target/test/node/interop.mjs}) exchange suite-2 (X-Wing) keys
 * and envelopes, both ways, with fresh random keys on each run: the browser client activates a
 * user, whose key record the Java SDK opens with the SecuPass and whose X-Wing key it seals to;
 * the browser client seals to a Java-made X-Wing key, which the Java SDK opens, and fulfils a
 * delivery grant to it (version-2 manifest, own envelope, re-wrap), which the Java SDK verifies.
 */
class XWingInteropTest {
  private static final Gson GSON = new Gson();
  private static final HexFormat HEX = HexFormat.of();
  private static final Path SCRIPT = Path.of("target/test/node/interop.mjs");
  private static final String SECUPASS = "correct horse battery staple, Zürich";
  private static final EnvelopeContext CONTEXT = EnvelopeContext.delivery(
      DeliveryId.of("d-interop"), SecurityLevel.TOP_SECRET);

  @Test
  @DisplayName("A key sealed by the browser client to a Java-made X-Wing key opens in Java, so does"
      + " a grant the browser fulfilled with its signed manifest, and a key Java seals to a"
      + " browser-made X-Wing key opens in the browser client")
  void suite2Envelopes_openAcrossJavaAndTheBrowserClient() throws Exception {
    SecureRandom random = new SecureRandom();
    UserId janId = UserId.of("jan@example.org");
    PrivateKeys jan = PrivateKeys.generate(random, 2);
    byte[] janBundle = PublicKeyBundle.encode(janId, KeyVersion.FIRST, jan);

    JsonObject make = new JsonObject();
    make.addProperty("command", "make");
    make.addProperty("user", "tess@example.org");
    make.addProperty("secuPass", SECUPASS);
    make.addProperty("javaBundle", HEX.formatHex(janBundle));
    JsonObject made = node(make);
    assertThat(made.get("javaSuite").getAsInt()).isEqualTo(2);

    // The browser's key record: a suite-2 bundle, and a blob the Java SDK opens with the SecuPass
    // to the keys of that bundle (re-encoding it gives the same bytes: Ed25519 is deterministic).
    JsonObject record = made.getAsJsonObject("record");
    UserId tessId = UserId.of(record.get("user").getAsString());
    byte[] tessBundle = HEX.parseHex(record.get("publicKeys").getAsString());
    PublicKeys tess = PublicKeys.parse(tessBundle);
    assertThat(tess.suite()).isEqualTo(2);
    JsonObject kdf = record.getAsJsonObject("kdf");
    PrivateKeys tessKeys = KeyBlob.open(HEX.parseHex(record.get("encryptedPrivateKeys")
            .getAsString()), tessId, KeyVersion.FIRST,
        new KdfParameters("argon2id", kdf.get("memoryKiB").getAsInt(),
            kdf.get("iterations").getAsInt(), kdf.get("parallelism").getAsInt()),
        SECUPASS.getBytes(StandardCharsets.UTF_8));
    assertThat(PublicKeyBundle.encode(tessId, KeyVersion.FIRST, tessKeys)).isEqualTo(tessBundle);

    // Browser -> Java: an X-Wing envelope to Jan, signed by Tess.
    byte[] fromBrowser = HEX.parseHex(made.get("envelope").getAsString());
    EnvelopeCodec.Parsed parsed = EnvelopeCodec.parse(fromBrowser);
    assertThat(fromBrowser[5]).isEqualTo((byte) 2);
    assertThat(EnvelopeCodec.open(parsed, jan, PublicKeys.parse(janBundle), tess, CONTEXT))
        .isEqualTo(HEX.parseHex(made.get("key").getAsString()));

    // A grant the browser fulfilled as the sender: Java verifies the version-2 manifest under the
    // browser user's keys, opens the envelope and checks the key against the signed commitment.
    DeliveryManifest manifest = DeliveryManifest.verify(
        HEX.parseHex(made.get("signedManifest").getAsString()), tess);
    assertThat(manifest.version()).isEqualTo(2);
    assertThat(manifest.recipients()).containsExactly(janId);
    byte[] granted = EnvelopeCodec.open(EnvelopeCodec.parse(HEX.parseHex(
        made.get("grantEnvelope").getAsString())), jan, PublicKeys.parse(janBundle), tess, CONTEXT);
    assertThat(granted).isEqualTo(HEX.parseHex(made.get("contentKey").getAsString()));
    try (SymmetricKey contentKey = SymmetricKey.importBytes(granted)) {
      manifest.checkKey(contentKey);
    }

    // Java -> browser: an X-Wing envelope to Tess, signed by Jan.
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] fromJava = EnvelopeCodec.seal(jan, janId, KeyVersion.FIRST, tess, CONTEXT, key, random);
    assertThat(fromJava[5]).isEqualTo((byte) 2);
    JsonObject open = new JsonObject();
    open.addProperty("command", "open");
    open.add("record", record);
    open.addProperty("secuPass", SECUPASS);
    open.addProperty("envelope", HEX.formatHex(fromJava));
    open.addProperty("granterBundle", HEX.formatHex(janBundle));
    JsonObject opened = node(open);
    assertThat(opened.get("key").getAsString()).isEqualTo(HEX.formatHex(key));
    assertThat(opened.get("resealed").getAsBoolean()).isFalse();
  }

  /** Runs the browser client's side with {@code request} on stdin; its JSON answer. */
  private static JsonObject node(JsonObject request) throws IOException, InterruptedException {
    assertThat(SCRIPT).as("built by npm run build in the compile phase").exists();
    Process process = new ProcessBuilder("node", SCRIPT.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(GSON.toJson(request).getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)).isTrue();
    String answer = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(answer).isZero();
    return GSON.fromJson(answer, JsonObject.class);
  }

}
