package dev.secupass.spi;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import java.util.List;

/** The audit trail: append-only. */
public interface AuditLog {

  /** Appends an entry. */
  void append(AuditEntry entry);

  /**
   * Appends each of {@code entries} as {@link #append} would, in order. Called in a transaction
   * ({@link Storage#inTransaction}) it is all or nothing with it. The default calls {@link
   * #append} for each; an adapter may use fewer round trips.
   */
  default void appendAll(List<AuditEntry> entries) {
    entries.forEach(this::append);
  }

  /** The entries about {@code target}, in the order they were appended. */
  Page<AuditEntry> forTarget(String target, PageRequest page);
}
