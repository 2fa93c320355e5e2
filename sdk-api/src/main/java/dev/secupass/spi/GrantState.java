package dev.secupass.spi;

/** The lifecycle of a grant. */
public enum GrantState {
  /** The recipient has no active SecuPass key yet. */
  WAITING_FOR_KEY,
  /** The recipient has a key; a granter's session can wrap the content key to it. */
  READY,
  /** Fulfilled: the envelope is stored. Final. */
  DONE,
  /** No longer wanted (the delivery expired or was withdrawn, the member was removed). Final. */
  CANCELLED;

  /** Whether no further transition is possible. */
  public boolean isFinal() {
    return this == DONE || this == CANCELLED;
  }
}
