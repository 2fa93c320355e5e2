package dev.secupass.core.grants;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import java.util.Objects;

/**
 * A grant the granter could not fulfil because the recipient's keys are not the ones the granter
 * pinned: the recipient reset their SecuPass, or someone replaced their keys in storage. The granter
 * compares {@link #presented()} with the recipient out of band, re-verifies, and fulfils again.
 *
 * @param grant the grant left waiting
 * @param recipient whose keys changed (a guest with their e-mail address)
 * @param pinned the fingerprint the granter pinned
 * @param presented the fingerprint of the keys stored now
 */
public record KeyChange(GrantId grant, Person recipient, Fingerprint pinned,
    Fingerprint presented) {
  public KeyChange {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(pinned, "pinned");
    Objects.requireNonNull(presented, "presented");
  }
}
