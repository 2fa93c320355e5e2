package dev.secupass.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SecretAccess;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 14, gaps 2 and 4, performed through the storage SPI: a co-recipient who can
 * write to the blob store swaps a file's content for other content under the same content key, and
 * a storage operator renames, swaps or reorders files. Each ends in {@link IntegrityException}
 * with no forged byte released.
 */
class FormatTwoAttacksTest {
  private static final int MIB = 1 << 20;

  // Trust on first use, chosen explicitly: the subject is not the first-contact release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private static byte[] bytes(int size, char fill) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  /** From now on, the store returns {@code id}'s record changed by {@code change}. */
  private void rewrite(DeliveryId id, UnaryOperator<DeliveryRecord> change) {
    f.storage.faults().<Optional<DeliveryRecord>>rewrite("deliveries.find",
        found -> found.map(r -> r.id().equals(id) ? change.apply(r) : r));
  }

  private static DeliveryRecord withFiles(DeliveryRecord r, List<DeliveryFile> files) {
    return new DeliveryRecord(r.id(), r.sender(), r.level(), r.state(), r.createdAt(),
        r.expiresAt(), r.downloadLimit(), r.downloadCount(), r.details(), r.manifest(),
        r.linkTokenHash(), files, r.recipients());
  }

  private static DeliveryFile renamed(DeliveryFile file, String name) {
    return new DeliveryFile(file.id(), file.blob(), file.size(), file.storedSize(), file.digest(),
        name.getBytes(StandardCharsets.UTF_8));
  }

  private DeliveryId sendTwoFiles(SecuPassSession session, SecurityLevel level) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder().level(level).subject("Invoice")
        .message("Attached.").to(Addressee.employee(bob.user(), ""),
            Addressee.employee(carol.user(), ""))
        .file("invoice.pdf", Streams.source(bytes(1000, 'i')))
        .file("terms.pdf", Streams.source(bytes(2000, 't')));
    return (session == null ? f.sdk.deliveries().send(alice, draft.build())
        : f.sdk.deliveries().send(alice, session, draft.build())).id();
  }

  private OpenedDelivery open(SecurityLevel level, DeliveryId id, SecuPassSession bobSession) {
    return level.requiresSecuPass() ? f.sdk.deliveries().open(bob, bobSession, id)
        : f.sdk.deliveries().open(bob, id);
  }

  /**
   * Gap 4: carol, a co-recipient with write access to the blob store, encrypts her own content
   * under the delivery's content key and puts it in place of bob's file. Bob's ranged reads (from
   * the start, the middle and the end) and his whole read all fail before any byte of hers.
   */
  @Test
  void coRecipientSwapsBlobUnderTheSameKey_everyReadFailsBeforeAnyForgedByte()
      throws IOException {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass");
        SecuPassSession carolSession = f.activate(carol, "carol pass")) {
      DeliveryDraft draft = DeliveryDraft.builder().level(SecurityLevel.SECRET)
          .subject("Contract").message("Sign it.")
          .to(Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), ""))
          .file("contract.pdf", Streams.source(bytes(3 * MIB + 5, 'a'))).build();
      DeliveryId id = f.sdk.deliveries().send(alice, aliceSession, draft).id();
      DeliveryFile original = f.memory.deliveries().find(id).orElseThrow().files().get(0);

      byte[] forged;
      try (OpenedDelivery carols = f.sdk.deliveries().open(carol, carolSession, id);
          SymmetricKey key = SymmetricKey.importBytes(
              carols.contentKey(SecretAccess.insecure()))) {
        ContentCipher cipher = ContentCipher.builder(key, ContentContext.deliveryFile(id,
            original.id(), SecurityLevel.SECRET)).version(2).build();
        forged = Streams.encrypt(cipher, bytes(3 * MIB + 5, 'X'), 64 * 1024);
      }
      assertThat(forged).hasSize((int) original.storedSize());
      replaceBlob(original.blob(), forged);

      try (OpenedDelivery opened = f.sdk.deliveries().open(bob, bobSession, id)) {
        FileId file = opened.files().get(0).id();
        for (long offset : new long[] {0, MIB + 7, 3L * MIB}) {
          assertThatThrownBy(() -> readAll(opened.read(file, offset, 4096)))
              .isInstanceOf(IntegrityException.class);
        }
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
          try (InputStream in = opened.read(file)) {
            in.transferTo(released);
          }
        }).isInstanceOf(IntegrityException.class);
        assertThat(released.size()).isZero();
      }
      assertThat(f.memory.deliveries().find(id).orElseThrow().downloadCount()).isZero();
    }
  }

  /** The same blob swap, one forged segment in the middle: only the verified prefix is released. */
  @Test
  void coRecipientSwapsOneSegment_theSegmentIsNeverReleased() throws IOException {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      DeliveryId id = f.sdk.deliveries().send(alice, aliceSession, DeliveryDraft.builder()
          .level(SecurityLevel.TOP_SECRET).subject("s").message("m")
          .to(Addressee.employee(bob.user(), ""))
          .file("a.bin", Streams.source(bytes(3 * MIB, 'a'))).build()).id();
      DeliveryFile original = f.memory.deliveries().find(id).orElseThrow().files().get(0);
      byte[] stored;
      try (InputStream in = f.blobs.open(original.blob(), 0, original.storedSize())) {
        stored = in.readAllBytes();
      }
      // Flip one byte of segment 1: GCM would catch it too; the table catches it first.
      stored[49 + MIB + 16 + 100] ^= 1;
      replaceBlob(original.blob(), stored);

      try (OpenedDelivery opened = f.sdk.deliveries().open(bob, bobSession, id)) {
        FileId file = opened.files().get(0).id();
        assertThat(readAll(opened.read(file, 0, MIB))).hasSize(MIB);
        assertThatThrownBy(() -> readAll(opened.read(file, MIB, 10)))
            .isInstanceOf(IntegrityException.class).hasMessageContaining("segment 1");
      }
    }
  }

  /** Gap 2 at every level: the operator swaps two files' names. */
  @Test
  void operatorSwapsTwoFileNames_isDetectedAtEveryLevel() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      for (SecurityLevel level : List.of(SecurityLevel.LOGIN, SecurityLevel.SECRET,
          SecurityLevel.TOP_SECRET)) {
        DeliveryId id = sendTwoFiles(level.requiresSecuPass() ? aliceSession : null, level);
        rewrite(id, r -> {
          List<DeliveryFile> files = r.files();
          return withFiles(r, List.of(
              new DeliveryFile(files.get(0).id(), files.get(0).blob(), files.get(0).size(),
                  files.get(0).storedSize(), files.get(0).digest(), files.get(1).name()),
              new DeliveryFile(files.get(1).id(), files.get(1).blob(), files.get(1).size(),
                  files.get(1).storedSize(), files.get(1).digest(), files.get(0).name())));
        });

        assertThatThrownBy(() -> open(level, id, bobSession).close())
            .as("level %s", level).isInstanceOf(IntegrityException.class);
      }
    }
  }

  /** Gap 2: invoice.pdf renamed to invoice.pdf.hta at levels 1-3 (level 4 names are sealed). */
  @Test
  void operatorRenamesInvoiceToHta_isDetected() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      for (SecurityLevel level : List.of(SecurityLevel.LOGIN, SecurityLevel.SECRET)) {
        DeliveryId id = sendTwoFiles(level.requiresSecuPass() ? aliceSession : null, level);
        rewrite(id, r -> {
          List<DeliveryFile> files = new ArrayList<>(r.files());
          files.set(0, renamed(files.get(0), "invoice.pdf.hta"));
          return withFiles(r, files);
        });

        assertThatThrownBy(() -> open(level, id, bobSession).close())
            .as("level %s", level).isInstanceOf(IntegrityException.class)
            .hasMessageContaining("name");
      }
      DeliveryId link = f.sdk.deliveries().send(alice, DeliveryDraft.builder()
          .level(SecurityLevel.LINK).subject("s").message("m")
          .to(Addressee.employee(bob.user(), ""))
          .file("invoice.pdf", Streams.source(bytes(10, 'i'))).build()).id();
      rewrite(link, r -> withFiles(r, List.of(renamed(r.files().get(0), "invoice.pdf.hta"))));
      assertThatThrownBy(() -> f.sdk.deliveries().open(bob, link).close())
          .isInstanceOf(IntegrityException.class);
    }
  }

  /** Gap 2: the operator reorders the files (positions are bound too). */
  @Test
  void operatorReordersFiles_isDetected() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession aliceSession = f.unlock(alice, "alice pass");
        SecuPassSession bobSession = f.activate(bob, "bob pass")) {
      for (SecurityLevel level : List.of(SecurityLevel.LOGIN, SecurityLevel.SECRET)) {
        DeliveryId id = sendTwoFiles(level.requiresSecuPass() ? aliceSession : null, level);
        rewrite(id, r -> withFiles(r, List.of(r.files().get(1), r.files().get(0))));

        assertThatThrownBy(() -> open(level, id, bobSession).close())
            .as("level %s", level).isInstanceOf(IntegrityException.class)
            .hasMessageContaining("order");
      }
    }
  }

  @Test
  void untouchedDelivery_opensWithItsNamesInOrder() throws IOException {
    DeliveryId id = sendTwoFiles(null, SecurityLevel.LOGIN);
    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      assertThat(opened.files()).extracting(DeliveredFile::name)
          .containsExactly("invoice.pdf", "terms.pdf");
      assertThat(readAll(opened.read(opened.files().get(1).id(), 10, 5)))
          .isEqualTo(bytes(5, 't'));
    }
  }

  private void replaceBlob(BlobId blob, byte[] content) {
    f.blobs.delete(blob);
    try (BlobOutput out = f.blobs.create(blob)) {
      out.write(content);
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
