package dev.secupass.atrest;

import dev.secupass.atrest.testing.SoftHsm;
import dev.secupass.core.AtRestKey;

/** The HSM key: AES keys in a SoftHSM2 token over the JDK's SunPKCS11. */
class Pkcs11AtRestKeyContractTest extends AtRestKeyContractTest {
  private final SoftHsm hsm = SoftHsm.shared();

  @Override
  protected AtRestKey newKey() {
    return hsm.newKey();
  }

  @Override
  protected AtRestKey reopen(AtRestKey key) {
    return Pkcs11AtRestKey.open(hsm.provider(), SoftHsm.PIN, ((Pkcs11AtRestKey) key).label());
  }
}
