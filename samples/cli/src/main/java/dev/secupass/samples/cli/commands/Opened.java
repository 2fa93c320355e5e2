package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import dev.secupass.samples.cli.io.ProgressBar;
import dev.secupass.samples.cli.io.SavedFiles;
import dev.secupass.samples.cli.io.Sizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A delivery opened for the signed-in user or by its link, with the session that opened it (at
 * levels 3-4): shows what it holds and saves its files. Opening is what the SDK counts as a
 * download.
 */
final class Opened implements AutoCloseable {
  private final OpenedDelivery delivery;
  private final @Nullable SecuPassSession session;

  private Opened(OpenedDelivery delivery, @Nullable SecuPassSession session) {
    this.delivery = delivery;
    this.session = session;
  }

  /**
   * Opens a delivery as the signed-in user: without SecuPass at levels 1-2; at 3-4 the SDK asks
   * for an unlock, and the app reads the SecuPass and opens again with the session.
   */
  static Opened forUser(Invocation invocation, DeliveryId id) {
    SignedInUser reader = invocation.user();
    try {
      return new Opened(invocation.sdk().deliveries().open(reader, id), null);
    } catch (UnlockRequiredException e) {
      SecuPassSession session = invocation.unlock();
      try {
        return new Opened(invocation.sdk().deliveries().open(reader, session, id), session);
      } catch (RuntimeException failure) {
        session.close();
        throw failure;
      }
    }
  }

  /** Opens a level-1 delivery by its link, without sign-in. */
  static Opened byLink(OpenedDelivery delivery) {
    return new Opened(delivery, null);
  }

  /** Prints sender, level, subject, message and files. */
  void describe(Invocation invocation) {
    invocation.say("delivery " + delivery.id() + " from " + invocation.name(delivery.sender())
        + ", " + Levels.describe(delivery.level()) + ", expires " + delivery.expiresAt());
    invocation.say("subject: " + delivery.subject());
    invocation.say("message: " + delivery.message());
    for (DeliveredFile file : delivery.files()) {
      invocation.say("  file: " + file.name() + " (" + Sizes.of(file.size()) + ")");
    }
    invocation.field("id", delivery.id()).field("sender", invocation.name(delivery.sender()))
        .field("level", delivery.level().number()).field("expires", delivery.expiresAt())
        .field("subject", delivery.subject()).field("message", delivery.message())
        .field("files", delivery.files().stream().map(file -> Json.map("name", file.name(),
            "size", file.size())).toList());
  }

  /**
   * Saves the files named in {@code names} (all if empty) into {@code folder}.
   *
   * @throws CliException with {@link ExitCode#NOT_FOUND} for a name the delivery does not have
   */
  void save(Invocation invocation, List<String> names, Path folder, boolean resume,
      boolean overwrite) throws IOException {
    for (String name : names) {
      if (delivery.files().stream().noneMatch(file -> file.name().equals(name))) {
        throw new CliException(ExitCode.NOT_FOUND, "the delivery has no file named " + name);
      }
    }
    for (DeliveredFile file : delivery.files()) {
      if (names.isEmpty() || names.contains(file.name())) {
        SavedFiles.Saved saved = SavedFiles.save(folder, file.name(), file.size(), resume,
            overwrite, offset -> delivery.read(file.id(), offset, file.size() - offset),
            new ProgressBar(invocation.progress(), "decrypting " + file.name(), file.size()));
        invocation.say("saved " + saved.path() + " (" + Sizes.of(file.size())
            + (saved.resumedAt() > 0 ? ", resumed at " + Sizes.of(saved.resumedAt()) : "")
            + ")");
        invocation.add("saved", Json.map("name", file.name(), "path", saved.path(),
            "size", file.size(), "resumed_at", saved.resumedAt()));
      }
    }
  }

  @Override
  public void close() {
    delivery.close();
    if (session != null) {
      session.close();
    }
  }
}
