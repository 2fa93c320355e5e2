package dev.secupass.core.testing;

import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.internal.stream.StreamHeader;
import java.util.Arrays;

/**
 * Reads the version fields of stored formats ({@code docs/format.md}) for tests that check which
 * version a writer chose, without a host importing the SDK's internals.
 */
public final class FormatProbe {
  private FormatProbe() {}

  /** The key suite of an encoded public-key bundle (1 classical, 2 X-Wing). */
  public static int bundleSuite(byte[] bundle) {
    return PublicKeyBundle.decode(bundle).suite();
  }

  /** The version of the content stream that starts with {@code stored}. */
  public static int streamVersion(byte[] stored) {
    return StreamHeader.parse(Arrays.copyOf(stored, StreamHeader.LENGTH)).version();
  }

  /** The version of a signed delivery manifest, verified with its sender's bundle. */
  public static int manifestVersion(byte[] signedManifest, byte[] senderBundle) {
    return DeliveryManifest.verify(signedManifest, PublicKeys.parse(senderBundle)).version();
  }
}
