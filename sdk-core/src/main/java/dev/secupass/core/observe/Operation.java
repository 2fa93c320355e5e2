package dev.secupass.core.observe;

import static dev.secupass.core.observe.ObservationTag.CALL;
import static dev.secupass.core.observe.ObservationTag.FAILURE;
import static dev.secupass.core.observe.ObservationTag.KIND;
import static dev.secupass.core.observe.ObservationTag.LEVEL;
import static dev.secupass.core.observe.ObservationTag.OUTCOME;
import static dev.secupass.core.observe.ObservationTag.RETRYABLE;
import static dev.secupass.core.observe.ObservationTag.ROUTE;
import static dev.secupass.core.observe.ObservationTag.STATE;
import static dev.secupass.core.observe.ObservationTag.STORE;
import static dev.secupass.core.observe.ObservationTag.WAITED;

import java.util.List;

/**
 * The operations the SDK reports to a {@link SecuPassObserver}, each with its name, the tags every
 * run carries and the counts it may report. {@code docs/observability.md} says what each means.
 */
public enum Operation {
  /** A SecuPass activation or reset: key pair, Argon2id derivation, storing the key. */
  ACTIVATION("secupass.activation", "secupass activation", List.of(KIND, OUTCOME, FAILURE),
      List.of()),
  /** An unlock of a SecuPass (Argon2id derivation and the key check). */
  UNLOCK("secupass.unlock", "secupass unlock", List.of(OUTCOME, FAILURE), List.of()),
  /** A change of SecuPass (the key pair stays). */
  CHANGE("secupass.change", "secupass change", List.of(OUTCOME, FAILURE), List.of()),
  /**
   * A derivation's wait for room in the KDF memory budget (activations, unlocks, changes, guest
   * passwords); {@code waited=false} when there was room at once.
   */
  KDF_WAIT("secupass.kdf.wait", "secupass kdf wait", List.of(WAITED, OUTCOME, FAILURE),
      List.of()),
  /** Sending a delivery, files uploaded and encrypted. */
  SEND("secupass.delivery.send", "secupass send", List.of(LEVEL, OUTCOME, FAILURE),
      List.of(Count.BYTES, Count.FILES)),
  /** Opening a delivery (checks, key unwrap, manifest); a refusal is a failure. */
  OPEN("secupass.delivery.open", "secupass open", List.of(ROUTE, LEVEL, OUTCOME, FAILURE),
      List.of(Count.BYTES, Count.FILES)),
  /** One batch of the sweep that expires deliveries and deletes their blobs. */
  SWEEP("secupass.delivery.sweep", "secupass sweep", List.of(OUTCOME, FAILURE),
      List.of(Count.EXPIRED, Count.BLOBS_DELETED)),
  /** A grant queued for a recipient (a delivery's content key or a room key). */
  GRANT_QUEUE("secupass.grant.queue", "secupass grant queue", List.of(KIND, STATE, OUTCOME,
      FAILURE), List.of()),
  /** A session's run over the grants it can fulfil. */
  GRANT_RUN("secupass.grant.run", "secupass grant run", List.of(OUTCOME, FAILURE),
      List.of(Count.GRANTS_FULFILLED, Count.GRANTS_LEFT, Count.GRANTS_CANCELLED,
          Count.OLDEST_GRANT_AGE)),
  /** Removing a room member, which rotates the room key for everything written afterwards. */
  ROOM_ROTATION("secupass.room.rotation", "secupass room rotation", List.of(OUTCOME, FAILURE),
      List.of()),
  /** One call of the metadata storage SPI (or a whole transaction). */
  STORAGE("secupass.storage", "secupass storage", List.of(STORE, CALL, OUTCOME, FAILURE,
      RETRYABLE), List.of()),
  /** One call of the blob store SPI (or a blob's commit). */
  BLOB_STORE("secupass.blob", "secupass blob", List.of(CALL, OUTCOME, FAILURE, RETRYABLE),
      List.of());

  private final String observationName;
  private final String contextualName;
  private final List<ObservationTag> tags;
  private final List<Count> counts;

  Operation(String observationName, String contextualName, List<ObservationTag> tags,
      List<Count> counts) {
    this.observationName = observationName;
    this.contextualName = contextualName;
    this.tags = tags;
    this.counts = counts;
  }

  /** The name metrics are published under, e.g. {@code secupass.delivery.send}. */
  public String observationName() {
    return observationName;
  }

  /** A name for a span: fixed per operation, holding no id or name. */
  public String contextualName() {
    return contextualName;
  }

  /** The tags every run of this operation carries. */
  public List<ObservationTag> tags() {
    return tags;
  }

  /** The counts a run may report. */
  public List<Count> counts() {
    return counts;
  }
}
