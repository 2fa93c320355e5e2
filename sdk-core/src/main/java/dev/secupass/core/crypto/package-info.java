/**
 * The SecuPass content format and its public pieces: {@link dev.secupass.core.crypto.SymmetricKey
 * content and room keys}, {@link dev.secupass.core.crypto.ContentCipher streaming encryption} with
 * random access and a parallel mode, {@link dev.secupass.core.crypto.ContentContext contexts} that
 * bind ciphertext to its delivery or room, file and level, {@link
 * dev.secupass.core.crypto.PublicKeys public-key bundles} and fingerprints, and the verification of
 * signed statements and {@link dev.secupass.core.crypto.DeliveryManifest manifests}. Every stored
 * byte is described in {@code docs/format.md}.
 *
 * <p>Operations that need a private key (opening and sealing envelopes, signing) are on {@link
 * dev.secupass.core.keys.SecuPassSession}.
 */
@NullMarked
package dev.secupass.core.crypto;

import org.jspecify.annotations.NullMarked;
