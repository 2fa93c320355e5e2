package dev.secupass.samples.web.host;

import dev.secupass.api.UserId;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import java.util.Optional;

/**
 * Names and addresses of everyone the sample deals with: the directory's employees and partners,
 * and the guests the SDK created (known by their e-mail address).
 */
public final class People {
  private final SampleDirectory directory;
  private final GuestStore guests;

  public People(SampleDirectory directory, GuestStore guests) {
    this.directory = directory;
    this.guests = guests;
  }

  public SampleDirectory directory() {
    return directory;
  }

  /** How pages and mails name a user: "Alice Archer", a guest's address, or the bare id. */
  public String name(UserId user) {
    return directory.find(user).map(SampleUser::name)
        .or(() -> guests.find(user).map(GuestAccount::email))
        .orElse(user.value());
  }

  /** Where mails to the user go, if the sample knows an address. */
  public Optional<String> email(UserId user) {
    return directory.find(user).map(SampleUser::email)
        .or(() -> guests.find(user).map(GuestAccount::email));
  }
}
