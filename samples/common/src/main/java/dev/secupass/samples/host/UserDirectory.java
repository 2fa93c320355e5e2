package dev.secupass.samples.host;

import dev.secupass.api.ConflictException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sample host's users, in a text file of the data folder: one line per person, {@code name},
 * {@code kind}, {@code user id} and {@code e-mail} separated by tabs. The SDK leaves users to the
 * host; this is the smallest directory that lets the samples sign people in and address e-mail.
 * Employees and partners are added by an administrator; guests are remembered when they are first
 * sent something.
 *
 * <p>Rewritten whole and atomically on each change. Not for concurrent writers: one sample process
 * at a time uses a data folder.
 */
public final class UserDirectory {
  /** The file's name in the data folder. */
  public static final String FILE_NAME = "users.tsv";

  private final Path file;
  private final List<DirectoryUser> users;

  private UserDirectory(Path file, List<DirectoryUser> users) {
    this.file = file;
    this.users = users;
  }

  /**
   * The directory in {@code file}; empty if the file does not exist yet.
   *
   * @throws HostSetupException if the file cannot be read or has a bad line
   */
  public static UserDirectory load(Path file) {
    List<DirectoryUser> users = new ArrayList<>();
    if (Files.exists(file)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new HostSetupException("cannot read the user directory " + file + ": "
            + e.getMessage());
      }
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).isBlank()) {
          users.add(parse(lines.get(i), file, i + 1));
        }
      }
    }
    return new UserDirectory(file, users);
  }

  /** Everyone, in the order they were added. */
  public List<DirectoryUser> all() {
    return List.copyOf(users);
  }

  /** The person of a name (a guest's name is their address), compared without case. */
  public Optional<DirectoryUser> byName(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return users.stream().filter(user -> user.name().equals(wanted)).findFirst();
  }

  /** The person of an SDK user id. */
  public Optional<DirectoryUser> byId(UserId id) {
    return users.stream().filter(user -> user.id().equals(id)).findFirst();
  }

  /** The person with an e-mail address, compared without case. */
  public Optional<DirectoryUser> byEmail(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    return users.stream().filter(user -> !user.email().isEmpty() && user.email().equals(wanted))
        .findFirst();
  }

  /** A name to show for a user id: the directory's name, or the id itself. */
  public String nameOf(UserId id) {
    return byId(id).map(DirectoryUser::name).orElse(id.value());
  }

  /**
   * Adds an employee or partner.
   *
   * @throws ConflictException if the name or the e-mail address is taken
   * @throws IllegalArgumentException for a bad name or address, or a guest
   */
  public DirectoryUser add(String name, PrincipalKind kind, String email) {
    DirectoryUser user = DirectoryUser.member(name, kind, email);
    if (byName(user.name()).isPresent()) {
      throw new ConflictException("the directory already has a user named " + user.name());
    }
    if (!user.email().isEmpty() && byEmail(user.email()).isPresent()) {
      throw new ConflictException("the directory already has a user with the address "
          + user.email());
    }
    users.add(user);
    save();
    return user;
  }

  /**
   * Remembers a guest the SDK created or found for an address (idempotent).
   *
   * @throws ConflictException if an employee or partner has that address
   */
  public DirectoryUser rememberGuest(UserId id, String email) {
    DirectoryUser guest = DirectoryUser.guest(id, email);
    Optional<DirectoryUser> known = byEmail(guest.email());
    if (known.isPresent()) {
      if (!known.get().id().equals(id)) {
        throw new ConflictException("the address " + guest.email() + " belongs to "
            + known.get().name() + ", not to a guest");
      }
      return known.get();
    }
    users.add(guest);
    save();
    return guest;
  }

  private void save() {
    StringBuilder text = new StringBuilder();
    for (DirectoryUser user : users) {
      text.append(user.name()).append('\t').append(user.kind().name().toLowerCase(Locale.ROOT))
          .append('\t').append(user.id().value()).append('\t').append(user.email()).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Path temporary = Files.createTempFile(parent, ".users-", ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new HostSetupException("cannot write the user directory " + file + ": "
          + e.getMessage());
    }
  }

  private static DirectoryUser parse(String line, Path file, int number) {
    String[] fields = line.split("\t", -1);
    try {
      if (fields.length != 4) {
        throw new IllegalArgumentException("expected 4 tab-separated fields");
      }
      PrincipalKind kind = PrincipalKind.valueOf(fields[1].toUpperCase(Locale.ROOT));
      return new DirectoryUser(fields[0], kind, UserId.of(fields[2]), fields[3]);
    } catch (IllegalArgumentException e) {
      throw new HostSetupException("line " + number + " of the user directory " + file
          + " is not valid: " + e.getMessage());
    }
  }
}
