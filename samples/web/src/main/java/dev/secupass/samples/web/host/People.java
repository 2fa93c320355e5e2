package dev.secupass.samples.web.host;

import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.UserDirectory;
import java.util.List;
import java.util.Optional;

/**
 * Everyone the web sample deals with, from the shared user directory of the data folder: the
 * host's employees and partners, and the guests it has sent something to (remembered by address).
 * The directory is not made for concurrent use, and requests run in parallel, so every access goes
 * through this object's lock.
 */
public final class People {
  private final UserDirectory directory;

  public People(UserDirectory directory) {
    this.directory = directory;
  }

  /** How pages and mails name a user: the directory's name (a guest's address), or the id. */
  public synchronized String name(UserId user) {
    return directory.nameOf(user);
  }

  /** How pages and mails name a person the SDK names: the directory's name, else their address. */
  public synchronized String name(Person person) {
    return directory.byId(person.user()).isPresent() ? directory.nameOf(person.user())
        : person.displayName();
  }

  /** Where mails to the user go, if the directory knows an address. */
  public synchronized Optional<String> email(UserId user) {
    return directory.byId(user).map(DirectoryUser::email).filter(email -> !email.isEmpty());
  }

  /** The employee or partner of a user id. */
  public synchronized Optional<DirectoryUser> member(UserId user) {
    return directory.byId(user).filter(u -> u.kind() != PrincipalKind.GUEST);
  }

  /** The person a sender names by directory name or e-mail address, if the directory knows them. */
  public synchronized Optional<DirectoryUser> find(String nameOrAddress) {
    return directory.byName(nameOrAddress).or(() -> directory.byEmail(nameOrAddress));
  }

  /** The employees and partners, in the directory's order. */
  public synchronized List<DirectoryUser> members() {
    return directory.all().stream().filter(u -> u.kind() != PrincipalKind.GUEST).toList();
  }

  /** Adds an employee or partner unless the name or address is taken; returns whether it did. */
  public synchronized boolean addIfAbsent(String name, PrincipalKind kind, String email) {
    if (directory.byName(name).isPresent() || directory.byEmail(email).isPresent()) {
      return false;
    }
    directory.add(name, kind, email);
    return true;
  }

  /** Remembers the guests of a sent delivery, so pages can list them by name. */
  public synchronized void rememberGuests(SentDelivery sent) {
    for (Person recipient : sent.recipients()) {
      if (recipient.isGuest()) {
        directory.rememberGuest(recipient.user(), recipient.displayName());
      }
    }
  }
}
