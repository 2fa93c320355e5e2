package dev.secupass.core.relay;

import dev.secupass.api.FileId;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file a member's client encrypted into a data room ({@link ClientRelay#addRoomFile}): its
 * ciphertext, uploaded with {@link ClientRelay#upload}, and the entry's sealed fields, which only
 * members can open.
 *
 * @param id the entry id the client chose and bound into the file's contexts
 * @param folder the folder it goes into; {@code null} for the room's top
 * @param sealedEntry the entry's sealed metadata: version 2 (the writer's signed room entry,
 *     sealed under the room's current epoch key in the entry's context)
 * @param wrappedKey the file's content key wrapped under the same epoch key (version 1)
 * @param epoch the key epoch the client sealed both fields under (the relay cannot tell it from
 *     them: a file sealed under an epoch the room has left is refused, not stored unreadable)
 * @param content the uploaded ciphertext, a version-2 content stream
 */
public record ClientRoomFile(FileId id, @Nullable FileId folder, byte[] sealedEntry,
    byte[] wrappedKey, int epoch, UploadedContent content) {
  public ClientRoomFile {
    Objects.requireNonNull(id, "id");
    if (epoch < 1) {
      throw new IllegalArgumentException("key epochs start at 1");
    }
    sealedEntry = sealedEntry.clone();
    wrappedKey = wrappedKey.clone();
    Objects.requireNonNull(content, "content");
  }

  @Override
  public byte[] sealedEntry() {
    return sealedEntry.clone();
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRoomFile f && id.equals(f.id) && Objects.equals(folder, f.folder)
        && Arrays.equals(sealedEntry, f.sealedEntry) && Arrays.equals(wrappedKey, f.wrappedKey)
        && epoch == f.epoch && content.equals(f.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, folder, epoch, content);
  }

  @Override
  public String toString() {
    return "ClientRoomFile[id=" + id + ", folder=" + folder + ", epoch=" + epoch + ", " + content
        + "]";
  }
}
