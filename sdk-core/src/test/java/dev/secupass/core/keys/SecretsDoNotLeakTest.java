package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.testing.CapturedLogs;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.core.testing.LeakWitness;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyRecord;
import dev.secupass.tck.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the key and content operations, good and bad, with known secrets, and checks that no
 * SecuPass, private key or content key appears in any log line, exception message, stack trace or
 * {@code toString()}.
 */
class SecretsDoNotLeakTest {
  private static final String PASS = "Tr0ub4dor&3 violet kestrel";
  private static final String NEW_PASS = "another quite secret phrase";

  private final KeyFixture fixture = new KeyFixture();
  private final LeakWitness witness = new LeakWitness();
  private final UserId alice = Samples.user();
  private final UserId bob = Samples.user();

  @Test
  void noSecretReachesLogsExceptionsOrToString() {
    int logLinesBefore = CapturedLogs.lines().size();
    KeyService keys = TestKeys.builder(fixture.store()).clock(fixture.clock)
        .kdfPolicy(TestPolicies.FAST).random(new DeterministicRandom("leak")).build();
    PrivateKeys aliceKeys = PrivateKeys.generate(new DeterministicRandom("leak"));
    SymmetricKey contentKey = SymmetricKey.generate(new DeterministicRandom("content"));

    KeySession alice1 = keys.activate(alice, SecuPass.of(PASS));
    KeySession bob1 = fixture.activate(bob, "bob's pass");
    assertThat(aliceKeys.encryptionPublic()).as("the test knows alice's real private keys")
        .isEqualTo(alice1.publicKeys().encryptionKey());
    witness.note(alice1, bob1, contentKey, SecuPass.of(PASS), alice1.publicKeys(),
        fixture.store().findActive(alice).orElseThrow());
    witness.refused(() -> keys.unlock(alice, SecuPass.of(PASS + "x")));
    witness.refused(() -> keys.change(alice, SecuPass.of(NEW_PASS), SecuPass.of(PASS)));
    keys.change(alice, SecuPass.of(PASS), SecuPass.of(NEW_PASS));
    fixture.keys(TestPolicies.FAST_RAISED).unlock(alice, SecuPass.of(NEW_PASS)).close();
    corruptBlobThenUnlock(keys);

    EnvelopeContext context = EnvelopeContext.delivery(DeliveryId.of("d"), SecurityLevel.SECRET);
    byte[] envelope = alice1.sealEnvelope(contentKey, bob1.publicKeys(), context);
    witness.refused(() -> alice1.openEnvelope(envelope, bob1.publicKeys(), context));
    witness.attempt(() -> bob1.openEnvelope(envelope, bob1.publicKeys(), context));
    ContentCipher cipher = ContentCipher.builder(contentKey,
        ContentContext.deliveryFile(DeliveryId.of("d"), FileId.of("f"), SecurityLevel.SECRET))
        .build();
    byte[] sealed = cipher.seal(PASS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sealed[sealed.length - 1] ^= 1;
    witness.refused(() -> cipher.open(sealed));
    witness.note(cipher);
    alice1.close();
    witness.refused(() -> alice1.sign(dev.secupass.core.internal.crypto.SignedType.MEMBERSHIP_ENTRY, new byte[1]));
    fixture.clock.advance(KeyFixture.IDLE.plusMinutes(1));
    witness.refused(() -> bob1.sealEnvelope(contentKey, bob1.publicKeys(), context));

    List<String> logs = CapturedLogs.lines();
    assertThat(logs.size()).as("the capturing logger saw our debug lines")
        .isGreaterThan(logLinesBefore);
    witness.noteLogs();
    witness.assertContainsNone(secretRepresentations(aliceKeys, contentKey));
  }

  private void corruptBlobThenUnlock(KeyService keys) {
    KeyRecord record = fixture.store().findActive(alice).orElseThrow();
    byte[] blob = record.encryptedPrivateKeys();
    blob[blob.length - 20] ^= 1;
    KeyRecord corrupt = fixture.store().update(record.withEncryptedPrivateKeys(blob,
        record.kdf()));
    witness.refused(() -> fixture.keys(TestPolicies.FAST_RAISED).unlock(alice, SecuPass.of(NEW_PASS)));
    fixture.store().update(corrupt.withEncryptedPrivateKeys(record.encryptedPrivateKeys(),
        record.kdf()));
    witness.note(keys);
  }

  private List<String> secretRepresentations(PrivateKeys keys, SymmetricKey contentKey) {
    List<String> secrets = new ArrayList<>(List.of(PASS, NEW_PASS, "violet kestrel"));
    byte[] all = keys.secrets();
    byte[][] pieces = {java.util.Arrays.copyOfRange(all, 0, 32),
        java.util.Arrays.copyOfRange(all, 32, 64), contentKey.exportBytes()};
    for (byte[] piece : pieces) {
      secrets.addAll(LeakWitness.encodings(piece));
    }
    return secrets;
  }
}
