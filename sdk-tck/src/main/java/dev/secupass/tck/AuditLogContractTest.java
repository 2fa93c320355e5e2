package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.PageRequest;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.AuditLog;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of {@link AuditLog}: append-only, listed per target in append order. */
@DisplayName("AuditLog contract")
public abstract class AuditLogContractTest extends StorageContract {

  AuditLog audit() {
    return storage.audit();
  }

  static String target() {
    return "delivery:" + Samples.deliveryId();
  }

  @Nested
  @DisplayName("AuditLog")
  class Entries {
    @Test
    @DisplayName("lists a target's entries in append order, and only that target's")
    void forTarget_appendOrder_onlyThatTarget() {
      String target = target();
      AuditEntry later = Samples.auditEntry(target, clock.instant().plusSeconds(9));
      AuditEntry earlier = Samples.auditEntry(target, clock.instant());
      audit().append(later);
      audit().append(Samples.auditEntry(target(), clock.instant()));
      audit().append(earlier);

      assertThat(audit().forTarget(target, PageRequest.first(10)).items())
          .containsExactly(later, earlier);
      assertThat(audit().forTarget(target(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    @DisplayName("appends a batch of entries in the batch's order")
    void appendAll_batch_inOrder() {
      String target = target();
      List<AuditEntry> batch = List.of(Samples.auditEntry(target, clock.instant().plusSeconds(9)),
          Samples.auditEntry(target, clock.instant()),
          new AuditEntry(clock.instant(), null, "link.open", target, "expired"));
      audit().append(Samples.auditEntry(target, clock.instant()));

      audit().appendAll(batch);
      audit().appendAll(List.of());

      List<AuditEntry> listed = audit().forTarget(target, PageRequest.first(10)).items();
      assertThat(listed).hasSize(4);
      assertThat(listed.subList(1, 4)).containsExactlyElementsOf(batch);
    }

    @Test
    @DisplayName("keeps an anonymous actor anonymous")
    void append_anonymousActor_roundTrips() {
      String target = target();
      AuditEntry anonymous = new AuditEntry(clock.instant(), null, "link.open", target, "expired");

      audit().append(anonymous);

      assertThat(audit().forTarget(target, PageRequest.first(1)).items())
          .containsExactly(anonymous);
    }

    @Test
    @DisplayName("pages through a target's entries visiting each once, even while appending")
    void forTarget_paging_eachOnceWhileAppending() {
      String target = target();
      List<AuditEntry> all = IntStream.range(0, 13)
          .mapToObj(i -> Samples.auditEntry(target, clock.instant().plusMillis(i)))
          .toList();
      all.forEach(audit()::append);

      List<AuditEntry> paged = Paging.all(p -> {
        audit().append(Samples.auditEntry(target, clock.instant()));
        return audit().forTarget(target, p);
      }, 4);

      assertThat(paged).doesNotHaveDuplicates();
      assertThat(paged.subList(0, all.size())).containsExactlyElementsOf(all);
    }
  }
}
