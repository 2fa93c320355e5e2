package dev.secupass.core.testing;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.Storage;
import dev.secupass.tck.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An SDK on in-memory stores (with fault injection), a clock tests move, a fresh Tink at-rest key,
 * the fast test KDF policy, and helpers for the seed story's steps.
 */
public final class SdkFixture {
  public final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  public final MemoryStorage memory = new MemoryStorage(clock);
  public final FaultyStorage storage = new FaultyStorage(memory);
  public final TrackingBlobStore blobs = new TrackingBlobStore();
  public final AtRestKey atRestKey = TinkAtRestKey.generate();
  public final SecuPassSdk sdk;

  public SdkFixture() {
    this(builder -> builder);
  }

  public SdkFixture(UnaryOperator<SecuPassSdk.Builder> customize) {
    this(storage -> storage, customize);
  }

  /**
   * A fixture whose SDK trusts on first use ({@link FirstContactPolicy#trustOnFirstUse()}), chosen
   * explicitly by tests whose subject is not the first-contact release policy: under the default
   * policy a send to keys the sender never verified waits for the safety words.
   */
  public static SdkFixture trustingFirstUse() {
    return new SdkFixture(TRUST_ON_FIRST_USE);
  }

  /** A customizer choosing trust on first use, to compose with a test's own settings. */
  public static final UnaryOperator<SecuPassSdk.Builder> TRUST_ON_FIRST_USE =
      builder -> builder.firstContactPolicy(FirstContactPolicy.trustOnFirstUse());

  /** An SDK whose storage is {@code wrap} applied to the fault-injecting memory storage. */
  public SdkFixture(Function<Storage, Storage> wrap, UnaryOperator<SecuPassSdk.Builder> customize) {
    sdk = customize.apply(SecuPassSdk.builder()
        .storage(wrap.apply(storage))
        .blobStore(blobs)
        .atRestKey(atRestKey)
        .clock(clock)
        .kdfPolicy(TestPolicies.FAST)).build();
  }

  public static SignedInUser employee(String name) {
    return SignedInUser.employee(UserId.of(name));
  }

  public static SignedInUser partner(String name) {
    return SignedInUser.partner(UserId.of(name));
  }

  public SecuPassSession activate(SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().activate(user.user(), secuPass);
    }
  }

  public SecuPassSession unlock(SignedInUser user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().unlock(user.user(), secuPass);
    }
  }

  /** A draft at {@code level} to {@code to} with one text file {@code "report.txt"}. */
  public static DeliveryDraft.Builder draft(SecurityLevel level, String content, Addressee... to) {
    return DeliveryDraft.builder()
        .level(level)
        .subject("Quarterly report")
        .message("Please review the attached report.")
        .to(to)
        .file("report.txt", Streams.source(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** The events for {@code audience} of {@code type}, newest first. */
  public <T extends HostEvent> List<T> events(UserId audience, Class<T> type) {
    return sdk.events().forUser(audience, PageRequest.first(1000)).items().stream()
        .filter(type::isInstance).map(type::cast).toList();
  }

  /** The only event for {@code audience} of {@code type}. */
  public <T extends HostEvent> T event(UserId audience, Class<T> type) {
    List<T> events = events(audience, type);
    if (events.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " event for " + audience
          + ", got " + events.size());
    }
    return events.get(0);
  }

  /** The first file of an opened delivery, as text. */
  public static String firstFile(OpenedDelivery opened) {
    FileId file = opened.files().get(0).id();
    try (InputStream in = opened.read(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens as {@code reader} with {@code session} and returns the first file's text. */
  public String read(SignedInUser reader, SecuPassSession session, DeliveryId id) {
    try (OpenedDelivery opened = sdk.deliveries().open(reader, session, id)) {
      return firstFile(opened);
    }
  }
}
