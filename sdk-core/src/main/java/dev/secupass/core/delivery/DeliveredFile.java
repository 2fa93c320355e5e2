package dev.secupass.core.delivery;

import dev.secupass.api.FileId;
import java.util.Objects;

/**
 * A file of an opened delivery.
 *
 * @param id the file, to {@linkplain OpenedDelivery#read(FileId) read} it
 * @param name its name (decrypted at level 4)
 * @param size its size in bytes
 */
public record DeliveredFile(FileId id, String name, long size) {
  public DeliveredFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
