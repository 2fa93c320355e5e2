package dev.secupass.core.memory;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.testing.ForwardingRoomStore;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Broken on purpose: {@link #entriesIn} also lists what the folders in the listed folder hold, as
 * a store that matched a path prefix instead of the parent would.
 */
final class DeepListingRoomStore extends ForwardingRoomStore {
  DeepListingRoomStore(RoomStore real) {
    super(real);
  }

  /** Lists the folder's entries and, one level down, what its sub-folders hold. */
  @Override
  public Page<RoomEntry> entriesIn(RoomId room, @Nullable FileId folder, PageRequest page) {
    Page<RoomEntry> direct = real.entriesIn(room, folder, page);
    List<RoomEntry> listed = new ArrayList<>(direct.items());
    for (RoomEntry entry : direct.items()) {
      if (entry.kind() == RoomEntry.Kind.FOLDER) {
        listed.addAll(real.entriesIn(room, entry.id(), PageRequest.first(PageRequest.MAX_LIMIT))
            .items());
      }
    }
    return new Page<>(listed.stream().sorted(Comparator.comparing(RoomEntry::id)).toList(),
        direct.nextCursor());
  }
}
