package dev.secupass.core.internal.memory;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.AuditLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The in-memory {@link AuditLog}: each target's entries in append order. A page cursor is the
 * position of the next entry, stable because the log only grows.
 */
public final class MemoryAuditLog implements AuditLog {
  private final Access access;
  private final Map<String, List<AuditEntry>> byTarget;

  public MemoryAuditLog(Access access) {
    this(access, new HashMap<>());
  }

  private MemoryAuditLog(Access access, Map<String, List<AuditEntry>> byTarget) {
    this.access = access;
    this.byTarget = byTarget;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryAuditLog bind(Access other) {
    return new MemoryAuditLog(other, byTarget);
  }

  @Override
  public void append(AuditEntry entry) {
    access.write(journal -> {
      journal.append(byTarget.computeIfAbsent(entry.target(), t -> new ArrayList<>()), entry);
      return null;
    });
  }

  @Override
  public Page<AuditEntry> forTarget(String target, PageRequest page) {
    return access.read(() -> {
      List<AuditEntry> entries = byTarget.getOrDefault(target, List.of());
      int from = page.after().map(MemoryAuditLog::position).orElse(0);
      return Pages.of(IntStream.range(Math.min(from, entries.size()), entries.size()).iterator(),
          page.limit(), entries::get, position -> Integer.toString(position + 1));
    });
  }

  private static int position(String cursor) {
    try {
      int position = Integer.parseInt(cursor);
      if (position < 0) {
        throw new NumberFormatException("negative");
      }
      return position;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed page cursor", e);
    }
  }
}
