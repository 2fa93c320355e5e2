package dev.secupass.core.internal.people;

import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;

/**
 * What the SDK knows of a person, as a host value: a guest by the e-mail address they were invited
 * at, a recipient by the kind and address their sender gave, anyone else by user id.
 */
public final class People {
  private People() {}

  /** {@code user} as the guest store knows them (a guest with their address), read through {@code on}. */
  public static Person of(Storage on, UserId user) {
    return on.guests().find(user).map(People::of).orElseGet(() -> Person.of(user));
  }

  /** A guest. */
  public static Person of(GuestAccount guest) {
    return Person.guest(guest.user(), guest.email());
  }

  /** A delivery's recipient, with the kind and address stored with the delivery. */
  public static Person of(Recipient recipient) {
    String address = recipient.address().isEmpty() ? null : recipient.address();
    if (recipient.kind() == PrincipalKind.GUEST && address == null) {
      return Person.of(recipient.user());
    }
    return new Person(recipient.user(), recipient.kind(), address);
  }
}
