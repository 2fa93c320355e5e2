package dev.secupass.core.keylog;

import java.util.List;

/**
 * A witness of the key log: it cosigns a checkpoint (C2SP {@code tlog-cosignature}, Ed25519, type
 * 0x04) only if it extends, by a consistency proof, the last checkpoint of this log it cosigned,
 * so the log cannot show different histories to different readers without a witness noticing.
 * The calls follow C2SP {@code tlog-witness}'s {@code add-checkpoint}; a remote witness is an
 * implementation that makes that HTTP request. {@link InProcessWitness} runs in process.
 */
public interface Witness {

  /** The witness's C2SP verifier key ({@code name+keyid+base64(0x04 || public key)}). */
  String verifierKey();

  /**
   * Asks the witness to cosign {@code checkpoint}.
   *
   * @param oldSize the size of the last checkpoint of this log the witness cosigned, as the
   *     caller believes it (0 if none)
   * @param consistencyProof the proof from {@code oldSize} to the checkpoint's size
   * @param checkpoint the signed checkpoint note
   * @return the witness's cosignature line ({@code "— name base64(...)\n"})
   * @throws dev.secupass.api.WitnessConflictException if the witness's last size is not {@code oldSize} (retry
   *     with its size)
   * @throws dev.secupass.api.KeyLogException of kind {@code WITNESS_REFUSED} if the checkpoint
   *     is not signed by the log, or does not extend what the witness saw (a fork)
   */
  String addCheckpoint(long oldSize, List<byte[]> consistencyProof, String checkpoint);
}
