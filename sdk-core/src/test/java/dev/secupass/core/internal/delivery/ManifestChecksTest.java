package dev.secupass.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.DeliveryManifest.FileEntry;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The second line of defence behind the manifest's signature: a stored record that differs from
 * the verified manifest in any one field is refused, naming the field. Each test hands
 * {@link ManifestChecks#check} a record that differs in that field only, as a storage operator
 * would write it.
 */
class ManifestChecksTest {
  private static final DeliveryId DELIVERY = DeliveryId.of("d-1");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");
  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-03-31T09:00:00Z");
  private static final byte[] DETAILS = "subject and message".getBytes(StandardCharsets.UTF_8);

  private static final DeliveryFile FIRST = file("f-1", "report.txt", 100, 150, 1);
  private static final DeliveryFile SECOND = file("f-2", "figures.csv", 200, 250, 2);

  private static DeliveryFile file(String id, String name, long size, long stored, int digest) {
    return new DeliveryFile(FileId.of(id), BlobId.of("b-" + id), size, stored, digest(digest),
        name.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] digest(int seed) {
    byte[] digest = new byte[32];
    digest[0] = (byte) seed;
    digest[31] = (byte) (seed * 7);
    return digest;
  }

  private static DeliveryManifest manifest(int version) {
    List<FileEntry> files = new ArrayList<>();
    for (DeliveryFile file : List.of(FIRST, SECOND)) {
      files.add(version == 1
          ? new FileEntry(file.id(), file.size(), file.storedSize(), file.digest())
          : new FileEntry(file.id(), file.size(), file.storedSize(), file.digest(),
              DeliveryManifest.nameDigest(file.name())));
    }
    return new DeliveryManifest(version, DELIVERY, SecurityLevel.SECRET, ALICE, KeyVersion.of(1),
        CREATED, EXPIRES, List.of(BOB, CAROL), files, Hashes.sha256(DETAILS), digest(9));
  }

  private static Rec record() {
    return new Rec(DELIVERY, SecurityLevel.SECRET, ALICE, CREATED, EXPIRES,
        List.of(recipient(BOB), recipient(CAROL)), List.of(FIRST, SECOND), DETAILS);
  }

  private static Recipient recipient(UserId user) {
    return new Recipient(user, PrincipalKind.EMPLOYEE, user.value() + "@corp.example");
  }

  /** The fields of a stored record that the check compares, to change one at a time. */
  private record Rec(DeliveryId id, SecurityLevel level, UserId sender, Instant created,
      Instant expires, List<Recipient> recipients, List<DeliveryFile> files, byte[] details) {
    DeliveryRecord stored() {
      return new DeliveryRecord(id, sender, level, DeliveryState.ACTIVE, created, expires, 0, 0,
          details, new byte[] {1}, null, files, recipients);
    }
  }

  private static void assertRefused(int version, UnaryOperator<Rec> change, String field) {
    DeliveryRecord stored = change.apply(record()).stored();
    assertThatThrownBy(() -> ManifestChecks.check(manifest(version), stored))
        .isInstanceOf(IntegrityException.class)
        .hasMessage("the stored " + field + " of delivery d-1 does not match its manifest");
  }

  private static void assertRefused(UnaryOperator<Rec> change, String field) {
    assertRefused(1, change, field);
    assertRefused(2, change, field);
  }

  @Test
  void theRecordTheManifestDescribes_passes_atBothVersions() {
    assertThatCode(() -> ManifestChecks.check(manifest(1), record().stored()))
        .doesNotThrowAnyException();
    assertThatCode(() -> ManifestChecks.check(manifest(2), record().stored()))
        .doesNotThrowAnyException();
  }

  @Test
  void recipientsInAnotherOrder_pass() {
    Rec swapped = new Rec(DELIVERY, SecurityLevel.SECRET, ALICE, CREATED, EXPIRES,
        List.of(recipient(CAROL), recipient(BOB)), List.of(FIRST, SECOND), DETAILS);
    assertThatCode(() -> ManifestChecks.check(manifest(2), swapped.stored()))
        .doesNotThrowAnyException();
  }

  @Test
  void version1_doesNotBindTheOrderOfFiles_version2_does() {
    UnaryOperator<Rec> swap = r -> new Rec(r.id, r.level, r.sender, r.created, r.expires,
        r.recipients, List.of(SECOND, FIRST), r.details);
    assertThatCode(() -> ManifestChecks.check(manifest(1), swap.apply(record()).stored()))
        .doesNotThrowAnyException();
    assertRefused(2, swap, "order of files");
  }

  @Test
  void anotherDeliveryId_isRefused() {
    DeliveryRecord stored = new Rec(DeliveryId.of("d-2"), SecurityLevel.SECRET, ALICE, CREATED,
        EXPIRES, record().recipients, record().files, DETAILS).stored();
    assertThatThrownBy(() -> ManifestChecks.check(manifest(2), stored))
        .isInstanceOf(IntegrityException.class)
        .hasMessage("the stored delivery id of delivery d-2 does not match its manifest");
  }

  @Test
  void anotherLevel_isRefused() {
    assertRefused(r -> new Rec(r.id, SecurityLevel.LOGIN, r.sender, r.created, r.expires,
        r.recipients, r.files, r.details), "security level");
    assertRefused(r -> new Rec(r.id, SecurityLevel.TOP_SECRET, r.sender, r.created, r.expires,
        r.recipients, r.files, r.details), "security level");
  }

  @Test
  void anotherSender_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, UserId.of("mallory"), r.created, r.expires,
        r.recipients, r.files, r.details), "sender");
  }

  @Test
  void anotherCreationTime_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created.minusSeconds(1), r.expires,
        r.recipients, r.files, r.details), "creation or expiry time");
  }

  @Test
  void aLaterExpiry_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires.plusSeconds(86400),
        r.recipients, r.files, r.details), "creation or expiry time");
  }

  @Test
  void anAddedRecipient_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires,
        List.of(recipient(BOB), recipient(CAROL), recipient(UserId.of("mallory"))), r.files,
        r.details), "recipients");
  }

  @Test
  void aRemovedRecipient_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires,
        List.of(recipient(BOB)), r.files, r.details), "recipients");
  }

  @Test
  void aReplacedRecipient_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires,
        List.of(recipient(BOB), recipient(UserId.of("mallory"))), r.files, r.details),
        "recipients");
  }

  @Test
  void aDroppedFile_isRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires, r.recipients,
        List.of(FIRST), r.details), "files");
  }

  @Test
  void anAddedFile_isRefused() {
    DeliveryFile extra = file("f-3", "extra.bin", 1, 1, 3);
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires, r.recipients,
        List.of(FIRST, SECOND, extra), r.details), "files");
  }

  @Test
  void aFileReplacedByAnother_isRefused() {
    DeliveryFile other = file("f-3", "figures.csv", 200, 250, 2);
    UnaryOperator<Rec> replace = r -> new Rec(r.id, r.level, r.sender, r.created, r.expires,
        r.recipients, List.of(FIRST, other), r.details);
    assertThatThrownBy(() -> ManifestChecks.check(manifest(1), replace.apply(record()).stored()))
        .isInstanceOf(IntegrityException.class)
        .hasMessage("file f-3 is not in the manifest of delivery d-1");
    assertRefused(2, replace, "order of files");
  }

  @Test
  void anotherPlaintextSize_isRefused() {
    assertRefused(r -> withSecond(r, file("f-2", "figures.csv", 199, 250, 2)), "file f-2");
  }

  @Test
  void anotherStoredSize_isRefused() {
    assertRefused(r -> withSecond(r, file("f-2", "figures.csv", 200, 251, 2)), "file f-2");
  }

  @Test
  void anotherDigest_isRefused() {
    assertRefused(r -> withSecond(r, file("f-2", "figures.csv", 200, 250, 5)), "file f-2");
  }

  @Test
  void anotherName_isRefusedFromVersion2On() {
    UnaryOperator<Rec> rename = r -> withSecond(r, file("f-2", "invoice.pdf", 200, 250, 2));
    assertThatCode(() -> ManifestChecks.check(manifest(1), rename.apply(record()).stored()))
        .doesNotThrowAnyException();
    assertRefused(2, rename, "name of file f-2");
  }

  @Test
  void otherDetails_areRefused() {
    assertRefused(r -> new Rec(r.id, r.level, r.sender, r.created, r.expires, r.recipients,
        r.files, "another subject".getBytes(StandardCharsets.UTF_8)), "subject and message");
  }

  private static Rec withSecond(Rec r, DeliveryFile second) {
    return new Rec(r.id, r.level, r.sender, r.created, r.expires, r.recipients,
        List.of(FIRST, second), r.details);
  }
}
