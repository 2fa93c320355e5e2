package dev.secupass.atrest;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import java.security.GeneralSecurityException;
import java.util.IdentityHashMap;
import java.util.Map;

/** The file-based key: a Tink keyset, kept encrypted and read back for {@link #reopen}. */
class TinkAtRestKeyContractTest extends AtRestKeyContractTest {
  private final Aead keyEncryptionKey = kek();
  private final Map<AtRestKey, byte[]> kept = new IdentityHashMap<>();

  @Override
  protected AtRestKey newKey() {
    KeysetHandle keyset = TinkAtRestKey.newKeyset();
    AtRestKey key = TinkAtRestKey.of(keyset);
    kept.put(key, TinkAtRestKey.writeKeyset(keyset, keyEncryptionKey));
    return key;
  }

  @Override
  protected AtRestKey reopen(AtRestKey key) {
    return TinkAtRestKey.of(TinkAtRestKey.readKeyset(kept.get(key), keyEncryptionKey));
  }

  private static Aead kek() {
    try {
      return TinkAtRestKey.newKeyset().getPrimitive(AeadConfig2026.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
