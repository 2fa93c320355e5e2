package dev.secupass.samples.cli.demo;

import dev.secupass.api.SecuPassException;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.mail.Notices;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.KdfProfile;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.host.UserDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The demo's people and host: who they are, the SecuPasses and password they type (constants of
 * the demo, never printed), and the steps every chapter repeats: activating, unlocking, the host
 * sending its mail, a refusal the SDK signals.
 */
final class Cast {
  static final String ALICE_SECUPASS = "alice demo secupass: orange kite";
  static final String PAUL_SECUPASS = "paul demo secupass: seven lanterns";
  static final String GINA_SECUPASS = "gina demo secupass: quiet harbour";
  static final String GINA_PASSWORD = "gina demo password 42";
  static final String GINA_ADDRESS = "gina@example.org";

  final SampleHost host;
  final SecuPassSdk sdk;
  final Narrator say;
  final Notices notices;
  final DirectoryUser alice;
  final DirectoryUser paul;
  private int activations;
  /** What the demo calls the deliveries and rooms it made, by id. */
  private final Map<String, String> called = new LinkedHashMap<>();

  Cast(SampleHost host, Narrator say, DirectoryUser alice, DirectoryUser paul) {
    this.host = host;
    this.sdk = host.sdk();
    this.say = say;
    this.notices = new Notices(host.directory());
    this.alice = alice;
    this.paul = paul;
  }

  UserDirectory directory() {
    return host.directory();
  }

  String name(UserId user) {
    return directory().nameOf(user);
  }

  /** Activates {@code user}'s SecuPass, telling how long the Argon2id derivation took. */
  void activate(String who, UserId user, String secuPass) {
    activate(who, user, secuPass, null);
  }

  /**
   * Activates {@code user}'s SecuPass, binding the new keys to {@code code} if there is one (a
   * guest whose sender set an access code).
   */
  void activate(String who, UserId user, String secuPass, @Nullable AccessCode code) {
    long start = System.nanoTime();
    try (SecuPass pass = SecuPass.of(secuPass);
        SecuPassSession session = code == null ? sdk.secuPass().activate(user, pass)
            : sdk.secuPass().activate(user, pass, code)) {
      double seconds = (System.nanoTime() - start) / 1e9;
      say.party(who, "chooses a SecuPass (typed, never shown); activation took "
          + String.format(Locale.ROOT, "%.2f s", seconds) + " with " + costInWords()
          + (activations++ == 0 ? " (the first in a new JVM also loads the crypto code)" : ""));
      say.party(who, "fingerprint: " + session.fingerprint());
    }
  }

  /** Unlocks {@code user}'s SecuPass (the SDK fulfils their ready grants on the way). */
  SecuPassSession unlock(UserId user, String secuPass) {
    try (SecuPass pass = SecuPass.of(secuPass)) {
      return sdk.secuPass().unlock(user, pass);
    }
  }

  /** The host's outbox loop: every pending event becomes a mail (tokens not shown). */
  void sendMail() {
    List<HostEvent> pending;
    while (!(pending = sdk.events().claim(100)).isEmpty()) {
      for (HostEvent event : pending) {
        DirectoryUser to = directory().byId(event.audience().user()).orElse(null);
        String address = to != null && !to.email().isEmpty() ? to.email()
            : event.audience().address().orElse(name(event.audience().user()));
        say.mail(address, notices.mail(event, false));
        sdk.events().acknowledge(event.id());
      }
    }
  }

  /** Remembers what the demo calls a delivery or room, for messages that give its id. */
  void call(Object id, String words) {
    called.put(id.toString(), words);
  }

  /**
   * Runs a step the SDK must refuse and returns its message, for narration, in the demo's words:
   * people by name, deliveries and rooms as the demo calls them.
   *
   * @throws IllegalStateException if the step succeeds (the demo stops)
   */
  String refusal(Supplier<?> step) {
    try {
      Object result = step.get();
      if (result instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    } catch (SecuPassException e) {
      String message = String.valueOf(e.getMessage());
      for (DirectoryUser user : directory().all()) {
        message = message.replace("user " + user.id().value(), user.name())
            .replace(user.id().value(), user.name());
      }
      for (Map.Entry<String, String> name : called.entrySet()) {
        message = message.replace("delivery " + name.getKey(), name.getValue())
            .replace("room " + name.getKey(), name.getValue())
            .replace(name.getKey(), name.getValue());
      }
      return "\"" + message + "\"";
    }
    throw new IllegalStateException("the SDK allowed a step the demo expected it to refuse");
  }

  private String costInWords() {
    KdfProfile kdf = host.settings().kdf();
    return kdf == KdfProfile.DEFAULT
        ? kdf.cost() + ", the default: deliberately slow, so that guessing SecuPasses against a"
            + " stolen key record is expensive"
        : kdf.cost() + ", the weak test profile; the default (64 MiB, 3 passes) takes noticeably"
            + " longer: run the demo without the test profile to see how long";
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Only reached when the demo is already failing.
    }
  }
}
