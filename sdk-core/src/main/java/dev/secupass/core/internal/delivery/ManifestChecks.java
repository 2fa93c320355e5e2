package dev.secupass.core.internal.delivery;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Recipient;
import java.util.HashSet;
import java.util.Set;

/**
 * Compares a verified manifest with the record a store returned, so a storage operator who changes
 * the level, the sender, the recipients, the times, a file's sizes or digest, or the details is
 * caught before anything is decrypted or counted; from manifest version 2 on, also a file's name
 * or position.
 */
final class ManifestChecks {
  private ManifestChecks() {}

  /** @throws IntegrityException naming the first field that differs */
  static void check(DeliveryManifest manifest, DeliveryRecord record) {
    require(manifest.delivery().equals(record.id()), record, "delivery id");
    require(manifest.level() == record.level(), record, "security level");
    require(manifest.sender().equals(record.sender()), record, "sender");
    require(manifest.createdAt().equals(record.createdAt())
        && manifest.expiresAt().equals(record.expiresAt()), record, "creation or expiry time");
    Set<UserId> recipients = new HashSet<>();
    for (Recipient recipient : record.recipients()) {
      recipients.add(recipient.user());
    }
    require(recipients.equals(new HashSet<>(manifest.recipients())), record, "recipients");
    require(manifest.files().size() == record.files().size(), record, "files");
    if (manifest.version() >= 2) {
      // Version 2 binds each file's position and name too.
      for (int i = 0; i < record.files().size(); i++) {
        DeliveryFile file = record.files().get(i);
        DeliveryManifest.FileEntry entry = manifest.files().get(i);
        require(entry.file().equals(file.id()), record, "order of files");
        require(Hashes.constantTimeEquals(entry.nameDigest(),
            DeliveryManifest.nameDigest(file.name())), record, "name of file " + file.id());
      }
    }
    for (DeliveryFile file : record.files()) {
      DeliveryManifest.FileEntry entry = manifest.file(file.id());
      require(entry.size() == file.size() && entry.storedSize() == file.storedSize()
          && Hashes.constantTimeEquals(entry.digest(), file.digest()), record,
          "file " + file.id());
    }
    require(Hashes.constantTimeEquals(manifest.detailsDigest(), Hashes.sha256(record.details())),
        record, "subject and message");
  }

  private static void require(boolean holds, DeliveryRecord record, String field) {
    if (!holds) {
      throw new IntegrityException("the stored " + field + " of delivery " + record.id()
          + " does not match its manifest");
    }
  }
}
