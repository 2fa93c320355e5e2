package dev.secupass.core.keylog;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.internal.keylog.SignedNote;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The key that signs the log's checkpoints: kept by the SDK in the storage under the at-rest key
 * (the default), or given by the host in the C2SP / Go {@code note} signer-key text. SDK instances
 * that share a storage but not the at-rest key get a typed error with the default, and work with
 * a shared host key.
 */
class CheckpointKeyTest {
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  /** A second SDK on {@code f}'s storage and blobs, with an at-rest key of its own. */
  private static SecuPassSdk otherAtRestKey(SdkFixture f, KeyTransparency transparency) {
    return SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(TinkAtRestKey.generate()).clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .keyTransparency(transparency)
        // The release policy is not this test's subject: the send releases at once.
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
  }

  private static SecuPassSession activate(SecuPassSdk sdk, SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().activate(user.user(), secuPass);
    }
  }

  @Test
  void defaultKey_sharedStorageWithAnotherAtRestKey_isATypedErrorThatSaysWhatToDo() {
    SdkFixture f = new SdkFixture();
    f.activate(bob, "bob pass").close();
    try (SecuPassSdk other = otherAtRestKey(f, KeyTransparency.defaults())) {
      assertThatThrownBy(() -> activate(other, alice, "alice pass"))
          .isInstanceOfSatisfying(KeyLogException.class, e -> assertThat(e.kind())
              .isEqualTo(KeyLogException.Kind.CHECKPOINT_KEY_UNAVAILABLE))
          .hasMessageContaining("another at-rest key")
          .hasMessageContaining("KeyTransparency.Builder.checkpointKey");
    }
    assertThat(f.memory.keys().findActive(alice.user())).as("nothing half-made").isEmpty();
  }

  @Test
  void hostKey_sharedBySdksWithDifferentAtRestKeys_signsOneLogBothTrust() {
    CheckpointKey key = CheckpointKey.generate("example.com/secupass-keys", new SecureRandom());
    String vault = key.signerKey();
    SdkFixture f = new SdkFixture(b -> b.keyTransparency(
        KeyTransparency.builder().checkpointKey(CheckpointKey.parse(vault)).build()));
    f.activate(bob, "bob pass").close();
    DeliveryId sent;
    try (SecuPassSdk other = otherAtRestKey(f,
            KeyTransparency.builder().checkpointKey(CheckpointKey.parse(vault)).build());
        SecuPassSession a = activate(other, alice, "alice pass")) {
      assertThat(a.keyLogAlarms()).isEmpty();
      sent = other.deliveries().send(alice, a, draft(SecurityLevel.SECRET, "the contract",
          Addressee.employee(bob.user(), "")).build()).id();
      assertThat(other.keyLog().verifierKey()).isEqualTo(key.verifierKey());
    }
    try (SecuPassSession b = f.unlock(bob, "bob pass")) {
      assertThat(b.keyLogAlarms()).isEmpty();
      assertThat(f.read(bob, b, sent)).isEqualTo("the contract");
    }
    assertThat(f.sdk.keyLog().checkpoint()).startsWith("example.com/secupass-keys\n2\n");
    assertThat(f.sdk.keyLog().audit().problems()).isEmpty();
    assertThat(f.memory.keyLog().checkpointKey()).as("nothing sealed in the storage").isEmpty();
  }

  @Test
  void signerKey_readsGoNoteSignerKeys_andSignsAsTheyDo() {
    // golang.org/x/mod/sumdb/note, example_test.go (ExampleSign, ExampleOpen)
    CheckpointKey key = CheckpointKey.parse(
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    assertThat(key.name()).isEqualTo("PeterNeumann");
    assertThat(key.verifierKey())
        .isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    String text = "If you think cryptography is the answer to your problem,\n"
        + "then you don't know what your problem is.\n";
    SignedNote note = new SignedNote(text, java.util.List.of(
        SignedNote.sign(key.name(), key.seed(), key.publicKey(), text)));
    assertThat(note.encode()).isEqualTo(text + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBt"
        + "iFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    assertThat(key.signerKey()).isEqualTo(
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
  }

  @Test
  void signerKey_malformedOrWithAWrongId_isRefused_withoutShowingTheKey() {
    CheckpointKey key = CheckpointKey.generate("example.com/keys", new SecureRandom());
    String good = key.signerKey();
    String seed = Base64.getEncoder().encodeToString(key.seed());
    String id = good.split("\\+")[3];
    String otherId = HexFormat.of().toHexDigits(HexFormat.fromHexDigits(id) ^ 1);
    for (String bad : new String[] {
        good.substring("PRIVATE+KEY+".length()),
        good.replace("+" + id + "+", "+" + otherId + "+"),
        good.replace("example.com/keys", "example.com/other"),
        good.substring(0, good.length() - 4),
        key.verifierKey()}) {
      assertThatThrownBy(() -> CheckpointKey.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(seed)
              .doesNotContain(good.split("\\+")[4]));
    }
    assertThat(key.toString()).doesNotContain(good.split("\\+")[4]).contains(key.verifierKey());
    assertThat(CheckpointKey.parse(good).verifierKey()).isEqualTo(key.verifierKey());
  }
}
