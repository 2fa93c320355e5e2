package dev.secupass.core.keylog;

import dev.secupass.api.KeyLogException;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.internal.keylog.SignedNote;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A witness that runs in the host's process (tests, and a host that wants a second key under
 * other custody): it keeps the last checkpoint it cosigned, and cosigns a new one only if it is
 * signed by the log's key and a consistency proof shows it extends the last one. It refuses a
 * fork. Safe for use by many threads.
 */
public final class InProcessWitness implements Witness {
  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;
  private final SignedNote.VerifierKey log;
  private final Clock clock;
  private long size;
  private byte[] root = MerkleTree.emptyRoot();

  /**
   * @param name the witness's key name (a schema-less URL)
   * @param logVerifierKey the log's checkpoint verifier key
   */
  public InProcessWitness(String name, String logVerifierKey, Clock clock, SecureRandom random) {
    if (!SignedNote.isValidKeyName(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException("a witness name must be non-empty, without spaces or '+'");
    }
    this.name = name;
    this.log = SignedNote.VerifierKey.parse(logVerifierKey);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
  }

  @Override
  public String verifierKey() {
    return SignedNote.verifierKey(name, SignedNote.COSIGNATURE, publicKey);
  }

  /** The size of the last checkpoint this witness cosigned. */
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized String addCheckpoint(long oldSize, List<byte[]> consistencyProof,
      String checkpoint) {
    SignedNote note;
    Checkpoint parsed;
    try {
      note = SignedNote.parse(checkpoint);
      if (!note.verifiedBy(log)) {
        throw refused("it is not signed by the log's key");
      }
      parsed = Checkpoint.parse(note.text());
    } catch (KeyLogException e) {
      if (e.kind() == KeyLogException.Kind.WITNESS_REFUSED) {
        throw e;
      }
      throw refused(String.valueOf(e.getMessage()));
    }
    if (!parsed.origin().equals(log.name())) {
      throw refused("it is of another log");
    }
    if (oldSize != size) {
      throw new dev.secupass.api.WitnessConflictException(size);
    }
    if (parsed.size() < size) {
      throw refused("it is smaller than the last one cosigned (" + size + ")");
    }
    if (!MerkleTree.verifyConsistency(size, parsed.size(), root, parsed.root(),
        consistencyProof)) {
      throw refused("it does not extend the last checkpoint cosigned (size " + size
          + "): the log forked or was rewritten");
    }
    size = parsed.size();
    root = parsed.root();
    long now = clock.instant().getEpochSecond();
    return new SignedNote(note.text(), List.of(
        SignedNote.cosign(name, seed, publicKey, note.text(), now))).encode()
        .substring(note.text().length() + 1);
  }

  private KeyLogException refused(String why) {
    return new KeyLogException(KeyLogException.Kind.WITNESS_REFUSED,
        "the witness " + name + " refused to cosign the key log's checkpoint: " + why);
  }

  @Override
  public String toString() {
    return "InProcessWitness[" + verifierKey() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InProcessWitness w && Arrays.equals(publicKey, w.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }
}
