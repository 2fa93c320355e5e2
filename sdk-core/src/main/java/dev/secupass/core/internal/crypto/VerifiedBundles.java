package dev.secupass.core.internal.crypto;

import dev.secupass.spi.KeyRecord;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public-key bundles whose self-signature was verified, remembered by their exact bytes: a bundle
 * read again (one recipient in several grants of a batch) is not decoded and verified again, and
 * a bundle that differs in any byte is parsed anew, so what is remembered is a fact about those
 * bytes alone. Whether the keys may be used is still decided per use (the pin, the key log, the
 * record's user and version, see {@link PublicKeys#of(KeyRecord)}).
 *
 * <p>Hold one for a short unit of work, such as a batch of grants; it remembers at most {@value
 * #LIMIT} bundles and then parses the others each time. Safe for use by many threads.
 */
public final class VerifiedBundles {
  /** The most bundles one holds. */
  static final int LIMIT = 256;

  private final Map<ByteBuffer, PublicKeys> verified = new ConcurrentHashMap<>();

  /**
   * The public keys of a stored key record, as {@link PublicKeys#of(KeyRecord)} returns them; its
   * bundle is parsed and its self-signature verified only if these exact bytes were not before.
   *
   * @throws dev.secupass.api.IntegrityException if the bundle names another user or version, or
   *     is malformed
   * @throws dev.secupass.api.InvalidSignatureException if the self-signature does not verify
   */
  public PublicKeys of(KeyRecord record) {
    byte[] bundle = record.publicKeys();
    PublicKeys keys = verified.get(ByteBuffer.wrap(bundle));
    if (keys == null) {
      keys = PublicKeys.parse(bundle);
      if (verified.size() < LIMIT) {
        // Keyed by the keys' own copy of the bytes, which nothing else can change.
        verified.putIfAbsent(ByteBuffer.wrap(keys.encoded()), keys);
      }
    }
    return PublicKeys.named(record, keys);
  }
}
