package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecuPassException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.VerifiedBundles;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.KeyRecord;
import org.junit.jupiter.api.Test;

/**
 * A batch verifies each distinct key bundle once: the same bytes again are answered with the keys
 * verified before, and any other bytes are parsed and verified anew, so nothing altered passes on
 * the strength of an earlier check; a record must still be of the user and version its bundle
 * names.
 */
class VerifiedBundlesTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private KeyRecord active(SignedInUser user) {
    f.activate(user, user.user().value() + " pass").close();
    return f.memory.keys().findActive(user.user()).orElseThrow();
  }

  @Test
  void theSameBundleAgain_isNotParsedAgain() {
    KeyRecord record = active(bob);
    VerifiedBundles bundles = new VerifiedBundles();

    PublicKeys first = bundles.of(record);

    assertThat(bundles.of(record.withRevision(record.revision() + 1))).isSameAs(first);
    assertThat(first).isEqualTo(PublicKeys.of(record));
  }

  @Test
  void aBundleAlteredInAnyByte_afterTheOriginalWasVerified_isVerifiedAnewAndRefused() {
    KeyRecord record = active(bob);
    VerifiedBundles bundles = new VerifiedBundles();
    bundles.of(record);
    byte[] bundle = record.publicKeys();
    for (int i = 0; i < bundle.length; i += 7) {
      byte[] altered = bundle.clone();
      altered[i] ^= 1;
      KeyRecord tampered = record.withKeys(altered, record.encryptedPrivateKeys(), record.kdf());
      assertThatThrownBy(() -> bundles.of(tampered)).as("byte %d flipped", i)
          .isInstanceOf(SecuPassException.class);
    }
  }

  @Test
  void aVerifiedBundleInTheRecordOfAnotherUser_isRefused() {
    KeyRecord bobs = active(bob);
    KeyRecord carols = active(carol);
    VerifiedBundles bundles = new VerifiedBundles();
    bundles.of(bobs);
    KeyRecord swapped = carols.withKeys(bobs.publicKeys(), carols.encryptedPrivateKeys(),
        carols.kdf());

    assertThatThrownBy(() -> bundles.of(swapped)).isInstanceOf(IntegrityException.class);
  }
}
