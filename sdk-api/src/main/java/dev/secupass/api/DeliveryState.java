package dev.secupass.api;

/** The lifecycle of a delivery. */
public enum DeliveryState {
  /** Can be opened by those the level allows. */
  ACTIVE,
  /** Past its expiry; its files are (being) deleted, the record stays in the outbox. */
  EXPIRED,
  /** Withdrawn by the sender. */
  WITHDRAWN
}
