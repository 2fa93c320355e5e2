package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.events.DeliveryDownloaded;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening is not downloading: a file counts as downloaded when a reader reads its content to the
 * end, once per reader and file; then the count rises, the sender gets DeliveryDownloaded and the
 * audit trail records delivery.download.
 */
class DownloadCountingTest {
  private static final int SIZE = 3 * 1024 * 1024 + 17;

  // Trust on first use, chosen explicitly: the subject is not the first-contact release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");
  private final byte[] content = Streams.pattern(SIZE);

  private DeliveryId send(SecurityLevel level, int limit) {
    return f.sdk.deliveries().send(alice, DeliveryDraft.builder().level(level)
        .subject("Plans").to(Addressee.employee(bob.user(), "bob@corp.example"),
            Addressee.employee(carol.user(), ""))
        .file("plans.bin", Streams.source(content))
        .file("notes.txt", Streams.source(new byte[] {1, 2, 3}))
        .downloadLimit(limit).build()).id();
  }

  private int count(DeliveryId id) {
    return f.memory.deliveries().find(id).orElseThrow().downloadCount();
  }

  private List<String> downloads(DeliveryId id) {
    return f.sdk.deliveries().auditTrail(alice, id, PageRequest.first(100)).items().stream()
        .filter(record -> record.action().equals("delivery.download"))
        .map(record -> record.knownActor().map(p -> p.displayName()).orElse("(link)")
            + " " + record.outcome())
        .toList();
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void opening_countsNothing_readingAFileToItsEnd_countsItOnce() {
    DeliveryId id = send(SecurityLevel.LOGIN, 0);

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      assertThat(count(id)).isZero();
      assertThat(f.events(alice.user(), DeliveryDownloaded.class)).isEmpty();
      FileId plans = opened.files().get(0).id();

      assertThat(readAll(opened.read(plans))).isEqualTo(content);
      assertThat(readAll(opened.read(plans))).isEqualTo(content);
    }
    try (OpenedDelivery again = f.sdk.deliveries().open(bob, id)) {
      readAll(again.read(again.files().get(0).id()));
    }

    assertThat(count(id)).isEqualTo(1);
    DeliveryDownloaded event = f.event(alice.user(), DeliveryDownloaded.class);
    assertThat(event.delivery()).isEqualTo(id);
    assertThat(event.clearFileName()).contains("plans.bin");
    assertThat(event.knownDownloader().orElseThrow().displayName()).isEqualTo("bob@corp.example");
    assertThat(downloads(id)).containsExactly("bob@corp.example ok");
  }

  @Test
  void eachFileAndEachReader_countOnce_theSendersReadsNever() {
    DeliveryId id = send(SecurityLevel.LOGIN, 0);

    for (SignedInUser reader : List.of(bob, carol, alice)) {
      try (OpenedDelivery opened = f.sdk.deliveries().open(reader, id)) {
        for (DeliveredFile file : opened.files()) {
          readAll(opened.read(file.id()));
        }
      }
    }

    assertThat(count(id)).isEqualTo(4);
    assertThat(f.events(alice.user(), DeliveryDownloaded.class)).hasSize(4);
    assertThat(downloads(id)).filteredOn(line -> line.startsWith("alice")).hasSize(2);
  }

  @Test
  void anInterruptedRead_countsNothing() throws IOException {
    DeliveryId id = send(SecurityLevel.LOGIN, 0);

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id);
        InputStream in = opened.read(opened.files().get(0).id())) {
      assertThat(in.readNBytes(SIZE - 1)).hasSize(SIZE - 1);
    }

    assertThat(count(id)).isZero();
    assertThat(f.events(alice.user(), DeliveryDownloaded.class)).isEmpty();
    assertThat(downloads(id)).isEmpty();
  }

  @Test
  void aFailedRead_ofATamperedFile_countsNothing() throws IOException {
    DeliveryId id = send(SecurityLevel.LOGIN, 0);
    var blob = f.memory.deliveries().find(id).orElseThrow().files().get(0).blob();
    byte[] stored;
    try (InputStream in = f.blobs.open(blob)) {
      stored = in.readAllBytes();
    }
    stored[stored.length - 3] ^= 1;
    f.blobs.delete(blob);
    try (var out = f.blobs.create(blob)) {
      out.write(stored);
      out.commit();
    }

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      assertThatThrownBy(() -> readAll(opened.read(opened.files().get(0).id())))
          .isInstanceOf(IntegrityException.class);
    }

    assertThat(count(id)).isZero();
  }

  @Test
  void aResumedDownload_countsOnce_whenTheRangeThatEndsTheFileIsRead() throws IOException {
    DeliveryId id = send(SecurityLevel.LOGIN, 0);
    int half = SIZE / 2;

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      FileId plans = opened.files().get(0).id();
      byte[] first = readAll(opened.read(plans, 0, half));
      assertThat(count(id)).isZero();
      byte[] rest = readAll(opened.read(plans, half, Long.MAX_VALUE));
      assertThat(count(id)).isEqualTo(1);
      byte[] whole = new byte[SIZE];
      System.arraycopy(first, 0, whole, 0, half);
      System.arraycopy(rest, 0, whole, half, rest.length);
      assertThat(whole).isEqualTo(content);
      readAll(opened.read(plans, SIZE - 10, 10));
    }

    assertThat(count(id)).isEqualTo(1);
  }

  @Test
  void endToEnd_readToTheEnd_countsOnce() {
    f.activate(alice, "alice pass").close();
    f.activate(bob, "bob pass").close();
    DeliveryId id;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      id = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.TOP_SECRET, "secret",
          Addressee.employee(bob.user(), "")).build()).id();
    }

    try (SecuPassSession session = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, session, id)).isEqualTo("secret");
      assertThat(f.read(bob, session, id)).isEqualTo("secret");
    }

    assertThat(count(id)).isEqualTo(1);
    assertThat(f.event(alice.user(), DeliveryDownloaded.class).clearFileName())
        .as("a level-4 file name is end-to-end encrypted").isEmpty();
  }

  @Test
  void aLevel1Link_countsEachOpeningAsAReaderOfItsOwn() {
    SentDelivery sent = f.sdk.deliveries().send(alice, draft(SecurityLevel.LINK, "public",
        Addressee.employee(bob.user(), "")).build());
    LinkToken token = sent.linkToken().orElseThrow();

    for (int i = 0; i < 2; i++) {
      try (OpenedDelivery opened = f.sdk.deliveries().openByLink(sent.id(), token)) {
        assertThat(SdkFixture.firstFile(opened)).isEqualTo("public");
        SdkFixture.firstFile(opened);
      }
    }

    assertThat(count(sent.id())).isEqualTo(2);
    assertThat(f.events(alice.user(), DeliveryDownloaded.class))
        .allSatisfy(event -> assertThat(event.knownDownloader()).isEmpty());
  }

  @Test
  void theLimit_isCheckedAtOpeningAndAtAFilesFirstRead() {
    DeliveryId id = send(SecurityLevel.LOGIN, 1);
    OpenedDelivery carolOpened = f.sdk.deliveries().open(carol, id);

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      readAll(opened.read(opened.files().get(1).id()));
    }

    assertThatThrownBy(() -> readAll(carolOpened.read(carolOpened.files().get(1).id())))
        .isInstanceOf(DownloadLimitReachedException.class)
        .hasMessageContaining("1 time");
    carolOpened.close();
    assertThatThrownBy(() -> f.sdk.deliveries().open(carol, id))
        .isInstanceOf(DownloadLimitReachedException.class);
    assertThat(count(id)).isEqualTo(1);
  }

  @Test
  void aReaderWhoLosesTheLastDownload_doesNotGetTheFilesLastBytes() throws IOException {
    DeliveryId id = send(SecurityLevel.LOGIN, 1);

    try (OpenedDelivery bobs = f.sdk.deliveries().open(bob, id);
        OpenedDelivery carols = f.sdk.deliveries().open(carol, id);
        InputStream carolReads = carols.read(carols.files().get(0).id())) {
      byte[] almost = carolReads.readNBytes(SIZE - 100);
      assertThat(almost).hasSize(SIZE - 100);
      readAll(bobs.read(bobs.files().get(0).id()));

      ByteArrayOutputStream got = new ByteArrayOutputStream();
      got.writeBytes(almost);
      assertThatThrownBy(() -> {
        byte[] chunk = new byte[200];
        int n;
        while ((n = carolReads.read(chunk)) > 0) {
          got.write(chunk, 0, n);
        }
      }).isInstanceOf(DownloadLimitReachedException.class);
      assertThat(got.size()).as("the bytes that end the file are withheld").isLessThan(SIZE);
    }

    assertThat(count(id)).isEqualTo(1);
    assertThat(downloads(id)).containsExactly("bob@corp.example ok", "carol download_limit");
  }
}
