package dev.secupass.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.atrest.testing.SoftHsm;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** What only the HSM key does: signing in, finding and making keys, keeping them inside. */
class Pkcs11AtRestKeyTest {
  private final SoftHsm hsm = SoftHsm.shared();

  @Test
  void open_unknownLabel_throwsNotFound() {
    assertThatThrownBy(() -> Pkcs11AtRestKey.open(hsm.provider(), SoftHsm.PIN, "no-such-key"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-key");
  }

  @Test
  void createKey_labelTaken_throwsConflict() {
    Pkcs11AtRestKey key = hsm.newKey();

    assertThatThrownBy(() -> Pkcs11AtRestKey.createKey(hsm.provider(), SoftHsm.PIN, key.label()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void createdKey_cannotBeExported() throws Exception {
    Pkcs11AtRestKey key = hsm.newKey();
    KeyStore store = KeyStore.getInstance("PKCS11", hsm.provider());
    store.load(null, SoftHsm.PIN);

    SecretKey inHsm = (SecretKey) store.getKey(key.label(), null);

    assertThat(inHsm.getEncoded()).as("the key bytes never leave the HSM").isNull();
  }

  @Test
  void provider_missingConfigFile_throwsIllegalArgument() {
    assertThatThrownBy(() -> Pkcs11AtRestKey.provider(Path.of("/nonexistent/pkcs11.cfg")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/nonexistent/pkcs11.cfg");
  }
}
