package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.guests.AccessCode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A {@link SentDelivery}; holds the link token, which {@link #toString()} leaves out. */
final class Sent implements SentDelivery {
  private final DeliveryId id;
  private final SecurityLevel level;
  private final Instant expiresAt;
  private final List<Person> recipients;
  private final List<Person> awaitingSecuPass;
  private final List<FirstContactHold> awaitingConfirmation;
  private final @Nullable LinkToken linkToken;
  private final Map<Person, AccessCode> accessCodes;

  Sent(DeliveryId id, SecurityLevel level, Instant expiresAt, List<Person> recipients,
      List<Person> awaitingSecuPass, List<FirstContactHold> awaitingConfirmation,
      @Nullable LinkToken linkToken,
      Map<Person, AccessCode> accessCodes) {
    this.id = id;
    this.level = level;
    this.expiresAt = expiresAt;
    this.recipients = List.copyOf(recipients);
    this.awaitingSecuPass = List.copyOf(awaitingSecuPass);
    this.awaitingConfirmation = List.copyOf(awaitingConfirmation);
    this.linkToken = linkToken;
    this.accessCodes = Collections.unmodifiableMap(new LinkedHashMap<>(accessCodes));
  }

  @Override
  public Map<Person, AccessCode> accessCodes() {
    return accessCodes;
  }

  @Override
  public DeliveryId id() {
    return id;
  }

  @Override
  public SecurityLevel level() {
    return level;
  }

  @Override
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public List<Person> recipients() {
    return recipients;
  }

  @Override
  public List<Person> awaitingSecuPass() {
    return awaitingSecuPass;
  }

  @Override
  public List<FirstContactHold> awaitingConfirmation() {
    return awaitingConfirmation;
  }

  @Override
  public Optional<LinkToken> linkToken() {
    return Optional.ofNullable(linkToken);
  }

  @Override
  public String toString() {
    return "SentDelivery[id=" + id + ", level=" + level.number() + ", recipients="
        + recipients.size() + ", awaitingSecuPass=" + awaitingSecuPass.size()
        + ", awaitingConfirmation=" + awaitingConfirmation.size() + "]";
  }
}
