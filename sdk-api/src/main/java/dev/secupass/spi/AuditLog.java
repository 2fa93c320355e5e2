package dev.secupass.spi;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;

/** The audit trail: append-only. */
public interface AuditLog {

  /** Appends an entry. */
  void append(AuditEntry entry);

  /** The entries about {@code target}, in the order they were appended. */
  Page<AuditEntry> forTarget(String target, PageRequest page);
}
