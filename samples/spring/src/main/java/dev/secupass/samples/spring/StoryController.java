package dev.secupass.samples.spring;

import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.GrantId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first-contact story over REST, on the {@link SecuPassSdk} bean the starter made. Employees
 * are named in the path: the sample has no login, where a real host takes the signed-in user from
 * its own security context. SecuPasses and passwords travel in request bodies, so run it over
 * HTTPS anywhere but on your own machine; and the SDK runs in this server, which therefore sees
 * plaintext while a SecuPass is unlocked (docs/spring-boot.md).
 */
@RestController
@RequestMapping("/api")
public class StoryController {
  private final SecuPassSdk sdk;
  private final MailOutbox mail;

  public StoryController(SecuPassSdk sdk, MailOutbox mail) {
    this.sdk = sdk;
    this.mail = mail;
  }

  /** A user, by id. */
  public record UserRef(String user) {}

  /** A SecuPass typed by its user. */
  public record SecuPassForm(String secuPass) {}

  /** A level-3 delivery from an employee to a guest, with one text file. */
  public record SendForm(String secuPass, String to, String subject, String message,
      String fileName, String fileText) {}

  /** What the sender sees after sending. */
  public record Sent(String delivery, List<String> awaitingSecuPass) {}

  /** A guest's registration through the invitation in their mail. */
  public record RegisterForm(String invitation, String username, String password) {}

  /** A guest's sign-in and SecuPass, to open a delivery. */
  public record OpenForm(String username, String password, String secuPass) {}

  /** An opened delivery. */
  public record Opened(String subject, String message, List<OpenedFile> files) {}

  /** A file of an opened delivery, as text. */
  public record OpenedFile(String name, String text) {}

  /** A recipient and what they are waiting for. */
  public record Recipient(String recipient, String state) {}

  /** Activates the SecuPass of {@code user} (an employee, or a registered guest). */
  @PostMapping("/users/{user}/secupass")
  public UserRef activate(@PathVariable String user, @RequestBody SecuPassForm form) {
    try (SecuPass pass = SecuPass.of(form.secuPass());
        SecuPassSession session = sdk.secuPass().activate(UserId.of(user), pass)) {
      return new UserRef(session.user().value());
    }
  }

  /** A first contact the sender must confirm: the recipient and their safety words. */
  public record Held(String grant, String recipient, String safetyWords) {}

  /** What an unlock did: the first contacts that wait for the sender's confirmation. */
  public record Unlocked(String user, List<Held> awaitingConfirmation) {}

  /** The safety words the sender compares with the ones the recipient reads out. */
  public record ConfirmForm(String secuPass, String safetyWords) {}

  /** A user's safety words, which they read out to whoever confirms their keys. */
  public record Words(String safetyWords) {}

  /**
   * Unlocks {@code user}'s SecuPass and fulfils the grants that wait for it; a first contact whose
   * keys nobody verified yet waits for {@link #confirm} (the SDK's default first-contact policy).
   */
  @PostMapping("/users/{user}/unlock")
  public Unlocked unlock(@PathVariable String user, @RequestBody SecuPassForm form) {
    try (SecuPass pass = SecuPass.of(form.secuPass());
        SecuPassSession session = sdk.secuPass().unlock(UserId.of(user), pass)) {
      sdk.grants().fulfil(session);
      List<Held> held = sdk.grants().pending(session.user(), 100).stream()
          .filter(g -> g.state() == PendingGrant.State.READY)
          .map(g -> new Held(g.id().value(), g.recipient().address()
              .orElse(g.recipient().user().value()),
              sdk.secuPass().fingerprint(g.recipient().user()).map(SafetyWords::of)
                  .map(SafetyWords::toString).orElse("")))
          .toList();
      return new Unlocked(session.user().value(), held);
    }
  }

  /** The sender confirms a recipient's safety words, which releases the delivery to them. */
  @PostMapping("/users/{user}/grants/{grant}/confirm")
  public UserRef confirm(@PathVariable String user, @PathVariable String grant,
      @RequestBody ConfirmForm form) {
    try (SecuPass pass = SecuPass.of(form.secuPass());
        SecuPassSession session = sdk.secuPass().unlock(UserId.of(user), pass)) {
      sdk.grants().confirmFirstContact(session, GrantId.of(grant),
          SafetyWords.parse(form.safetyWords()));
      return new UserRef(session.user().value());
    }
  }

  /** {@code user}'s safety words, from the fingerprint of their keys. */
  @GetMapping("/users/{user}/safety-words")
  public Words safetyWords(@PathVariable String user) {
    return new Words(sdk.secuPass().fingerprint(UserId.of(user)).map(SafetyWords::of)
        .orElseThrow(() -> new NotFoundException("no SecuPass chosen yet")).toString());
  }

  /** {@code sender} sends a level-3 delivery to a guest's address. */
  @PostMapping("/users/{sender}/deliveries")
  public Sent send(@PathVariable String sender, @RequestBody SendForm form) {
    SignedInUser employee = SignedInUser.employee(UserId.of(sender));
    try (SecuPass pass = SecuPass.of(form.secuPass());
        SecuPassSession session = sdk.secuPass().unlock(employee.user(), pass)) {
      SentDelivery sent = sdk.deliveries().send(employee, session, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET).subject(form.subject()).message(form.message())
          .to(Addressee.guest(form.to()))
          .file(form.fileName(), new ByteArrayInputStream(
              form.fileText().getBytes(StandardCharsets.UTF_8)))
          .build());
      return new Sent(sent.id().value(), sent.awaitingSecuPass().stream()
          .map(p -> p.address().orElse(p.user().value())).toList());
    }
  }

  /** Where each recipient of {@code sender}'s delivery stands. */
  @GetMapping("/users/{sender}/deliveries/{delivery}/recipients")
  public List<Recipient> recipients(@PathVariable String sender, @PathVariable String delivery) {
    return sdk.deliveries().recipientStatus(SignedInUser.employee(UserId.of(sender)),
            DeliveryId.of(delivery)).stream()
        .map(s -> new Recipient(s.recipient().address().orElse(s.recipient().user().value()),
            s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
        .toList();
  }

  /** The mail sent to {@code address} (the sample's mailbox). */
  @GetMapping("/mail")
  public List<MailOutbox.Mail> mail(@RequestParam String address) {
    return mail.forAddress(address);
  }

  /** A guest follows the invitation in their mail and chooses a username and password. */
  @PostMapping("/guests")
  public UserRef register(@RequestBody RegisterForm form) {
    try (Password password = Password.of(form.password())) {
      return new UserRef(sdk.guests().register(LinkToken.parse(form.invitation()),
          form.username(), password).user().value());
    }
  }

  /** A guest signs in, unlocks their SecuPass and opens a delivery. */
  @PostMapping("/deliveries/{delivery}/open")
  public Opened open(@PathVariable String delivery, @RequestBody OpenForm form)
      throws IOException {
    SignedInUser guest;
    try (Password password = Password.of(form.password())) {
      guest = sdk.guests().signIn(form.username(), password);
    }
    try (SecuPass pass = SecuPass.of(form.secuPass());
        SecuPassSession session = sdk.secuPass().unlock(guest.user(), pass);
        OpenedDelivery opened = sdk.deliveries().open(guest, session, DeliveryId.of(delivery))) {
      List<OpenedFile> files = new ArrayList<>();
      for (DeliveredFile file : opened.files()) {
        try (InputStream in = opened.read(file.id())) {
          files.add(new OpenedFile(file.name(), new String(in.readAllBytes(),
              StandardCharsets.UTF_8)));
        }
      }
      return new Opened(opened.subject(), opened.message(), files);
    }
  }
}
