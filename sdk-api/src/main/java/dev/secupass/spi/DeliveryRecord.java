package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as stored. Files and recipients are fixed when it is created; only {@code state},
 * {@code downloadCount} and, once, {@code withdrawal} change afterwards.
 *
 * @param id the delivery
 * @param sender who sent it
 * @param level its security level
 * @param state active, expired or withdrawn
 * @param createdAt when it was sent
 * @param expiresAt when it expires
 * @param downloadLimit how many downloads are allowed, 0 for no limit
 * @param downloadCount how many downloads were counted
 * @param details subject and message: clear at levels 1-3, encrypted at level 4 (opaque)
 * @param manifest the sender's signed manifest (opaque; empty where the level has none)
 * @param linkTokenHash the hash of the level-1 link token, or {@code null}
 * @param files the files, in the sender's order
 * @param recipients the recipients, without duplicates
 * @param withdrawal the sender's withdrawal statement (opaque: signed by the sender at levels 3-4,
 *     sealed under the host's at-rest key at levels 1-2), stored by {@link
 *     DeliveryStore#withdraw}; empty while the delivery is not withdrawn
 */
public record DeliveryRecord(
    DeliveryId id,
    UserId sender,
    SecurityLevel level,
    DeliveryState state,
    Instant createdAt,
    Instant expiresAt,
    int downloadLimit,
    int downloadCount,
    byte[] details,
    byte[] manifest,
    byte @Nullable [] linkTokenHash,
    List<DeliveryFile> files,
    List<Recipient> recipients,
    byte[] withdrawal) {

  public DeliveryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (downloadLimit < 0 || downloadCount < 0) {
      throw new IllegalArgumentException("download limit and count must not be negative");
    }
    details = Bytes.copy(details, "details");
    manifest = Bytes.copy(manifest, "manifest");
    linkTokenHash = linkTokenHash == null ? null : linkTokenHash.clone();
    files = List.copyOf(files);
    recipients = List.copyOf(recipients);
    withdrawal = Bytes.copy(withdrawal, "withdrawal");
    if (new HashSet<>(recipients.stream().map(Recipient::user).toList()).size()
        != recipients.size()) {
      throw new IllegalArgumentException("recipients must not repeat a user");
    }
  }

  /** A delivery that is not withdrawn: no withdrawal statement. */
  public DeliveryRecord(DeliveryId id, UserId sender, SecurityLevel level, DeliveryState state,
      Instant createdAt, Instant expiresAt, int downloadLimit, int downloadCount, byte[] details,
      byte[] manifest, byte @Nullable [] linkTokenHash, List<DeliveryFile> files,
      List<Recipient> recipients) {
    this(id, sender, level, state, createdAt, expiresAt, downloadLimit, downloadCount, details,
        manifest, linkTokenHash, files, recipients, new byte[0]);
  }

  @Override
  public byte[] details() {
    return details.clone();
  }

  @Override
  public byte[] manifest() {
    return manifest.clone();
  }

  @Override
  public byte[] withdrawal() {
    return withdrawal.clone();
  }

  @Override
  public byte @Nullable [] linkTokenHash() {
    return linkTokenHash == null ? null : linkTokenHash.clone();
  }

  /** The recipient entry of {@code user}, if they are one. */
  public Optional<Recipient> recipient(UserId user) {
    return recipients.stream().filter(r -> r.user().equals(user)).findFirst();
  }

  /** This record with another state. */
  public DeliveryRecord withState(DeliveryState newState) {
    return new DeliveryRecord(id, sender, level, newState, createdAt, expiresAt, downloadLimit,
        downloadCount, details, manifest, linkTokenHash, files, recipients, withdrawal);
  }

  /** This record with another download count. */
  public DeliveryRecord withDownloadCount(int count) {
    return new DeliveryRecord(id, sender, level, state, createdAt, expiresAt, downloadLimit,
        count, details, manifest, linkTokenHash, files, recipients, withdrawal);
  }

  /** This record with another manifest (an at-rest re-seal), all else the same. */
  public DeliveryRecord withManifest(byte[] newManifest) {
    return new DeliveryRecord(id, sender, level, state, createdAt, expiresAt, downloadLimit,
        downloadCount, details, newManifest, linkTokenHash, files, recipients, withdrawal);
  }

  /** This record withdrawn: state {@link DeliveryState#WITHDRAWN} and the sender's statement. */
  public DeliveryRecord withWithdrawal(byte[] statement) {
    return new DeliveryRecord(id, sender, level, DeliveryState.WITHDRAWN, createdAt, expiresAt,
        downloadLimit, downloadCount, details, manifest, linkTokenHash, files, recipients,
        statement);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryRecord d
        && id.equals(d.id)
        && sender.equals(d.sender)
        && level == d.level
        && state == d.state
        && createdAt.equals(d.createdAt)
        && expiresAt.equals(d.expiresAt)
        && downloadLimit == d.downloadLimit
        && downloadCount == d.downloadCount
        && Arrays.equals(details, d.details)
        && Arrays.equals(manifest, d.manifest)
        && Arrays.equals(linkTokenHash, d.linkTokenHash)
        && files.equals(d.files)
        && recipients.equals(d.recipients)
        && Arrays.equals(withdrawal, d.withdrawal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, sender, level, state, downloadCount);
  }

  @Override
  public String toString() {
    return "DeliveryRecord[id=" + id + ", sender=" + sender + ", level=" + level
        + ", state=" + state + ", files=" + files.size() + ", recipients=" + recipients.size()
        + "]";
  }
}
