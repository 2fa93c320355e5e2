package dev.secupass.core.relay;

import dev.secupass.api.FileId;
import java.util.Objects;

/**
 * One file of a delivery a client encrypted.
 *
 * @param id the file id the client chose and bound into the file's content context
 * @param name the stored name: clear UTF-8 at level 3, sealed by the client at level 4
 * @param content the uploaded ciphertext
 */
public record ClientFile(FileId id, byte[] name, UploadedContent content) {
  public ClientFile {
    Objects.requireNonNull(id, "id");
    name = Objects.requireNonNull(name, "name").clone();
    Objects.requireNonNull(content, "content");
  }

  @Override
  public byte[] name() {
    return name.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientFile f && id.equals(f.id) && java.util.Arrays.equals(name, f.name)
        && content.equals(f.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, content);
  }

  @Override
  public String toString() {
    return "ClientFile[id=" + id + ", " + content + "]";
  }
}
