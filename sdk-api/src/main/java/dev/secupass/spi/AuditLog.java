package dev.secupass.spi;

/** The audit trail: append-only. */
public interface AuditLog {

  /** Appends an entry. */
  void append(AuditEntry entry);

  /** The entries about {@code target}, in the order they were appended. */
  Page<AuditEntry> forTarget(String target, PageRequest page);
}
