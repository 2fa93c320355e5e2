package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grant engine's batches on PostgreSQL: four processes of the host (SDKs with storages of their
 * own) fulfil one sender's grants at once while one delivery's grants fail, and every grant is
 * fulfilled exactly once or left ready, none lost and none done twice.
 */
@Tag("postgresql")
@DisplayName("Grant batches on PostgreSQL")
class GrantBatchesTest {
  @RegisterExtension
  static final DatabaseFixture DB = new DatabaseFixture(Dialect.POSTGRESQL);

  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();
  private static final int POLLERS = 4;

  @TempDir
  Path blobs;

  private final TinkAtRestKey atRestKey = TinkAtRestKey.generate();

  /** Another process of the host: its own SDK and storage on the same database and blobs. */
  private SecuPassSdk process() {
    return SecuPassSdk.builder()
        .storage(DB.storage(Clock.systemUTC()))
        .blobStore(new FileSystemBlobStore(blobs))
        .atRestKey(atRestKey)
        .kdfPolicy(FAST)
        .grantExecutor(task -> { }) // sessions fulfil only when asked, so the pollers race
        // the engine's batches with employees' keys released on first use; the default policy,
        // which holds such releases for the sender, is FirstContactOnJdbc's
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .build();
  }

  @Test
  @DisplayName("Concurrent pollers fulfil each good grant once; a delivery whose grants fail"
      + " leaves them ready and takes no other grant down")
  void concurrentPollers_oneDeliveryFailing_eachGoodGrantOnceAndBadOnesReady() throws Exception {
    SecuPassSdk sdk = process();
    String run = Samples.user().value();
    SignedInUser sender = SignedInUser.employee(UserId.of("sender-" + run));
    activate(sdk, sender.user()).close();
    List<UserId> good = users("good-" + run, 45);
    List<UserId> bad = users("bad-" + run, 7);
    DeliveryId first;
    DeliveryId second;
    DeliveryId tampered;
    try (SecuPassSession session = unlock(sdk, sender.user())) {
      first = send(sdk, sender, session, good.subList(0, 30));
      tampered = send(sdk, sender, session, bad);
      second = send(sdk, sender, session, good.subList(30, 45));
    }
    for (UserId recipient : concat(good, bad)) {
      activate(sdk, recipient).close();
    }
    // The operator flips a bit of one delivery's stored manifest (in its signature, which is
    // last): the manifest no longer verifies, so that delivery's grants must fail.
    try (Connection c = DB.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE " + DatabaseFixture.PREFIX
            + "delivery SET manifest = set_byte(manifest, length(manifest) - 1,"
            + " get_byte(manifest, length(manifest) - 1) # 1) WHERE id = ?")) {
      s.setString(1, tampered.value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    List<GrantRun> runs = pollConcurrently(sender.user());

    Map<GrantId, Integer> fulfilled = new HashMap<>();
    runs.forEach(r -> r.fulfilled().forEach(id -> fulfilled.merge(id, 1, Integer::sum)));
    List<Grant> goodGrants = grantsOf(sdk, good);
    List<Grant> badGrants = grantsOf(sdk, bad);
    assertThat(fulfilled.keySet()).as("every good grant fulfilled")
        .containsExactlyInAnyOrderElementsOf(goodGrants.stream().map(Grant::id).toList());
    assertThat(fulfilled.values()).as("none fulfilled twice").allMatch(n -> n == 1);
    assertThat(goodGrants).allSatisfy(g -> {
      assertThat(g.state()).isEqualTo(GrantState.DONE);
      assertThat(fulfilAudits(g)).as("one audit line per grant").isEqualTo(1);
    });
    assertThat(badGrants).allSatisfy(g -> {
      assertThat(g.state()).as("a failing grant stays ready").isEqualTo(GrantState.READY);
      assertThat(g.lease()).as("and is released for others to try").isNull();
      assertThat(fulfilAudits(g)).isZero();
    });
    assertThat(runs.stream().flatMap(r -> r.failed().keySet().stream()))
        .as("the failing grants are reported").containsAll(
            badGrants.stream().map(Grant::id).toList());
    var deliveries = DB.storage(Clock.systemUTC()).deliveries();
    assertThat(deliveries.envelopes(first)).extracting(e -> e.recipient())
        .containsAll(good.subList(0, 30));
    assertThat(deliveries.envelopes(second)).extracting(e -> e.recipient())
        .containsAll(good.subList(30, 45));
    assertThat(deliveries.envelopes(tampered)).extracting(e -> e.recipient())
        .doesNotContainAnyElementsOf(bad);
    for (UserId recipient : good) {
      assertThat(DB.storage(Clock.systemUTC()).events().forAudience(recipient,
              PageRequest.first(50)).items())
          .as("one delivery.released event for %s", recipient)
          .filteredOn(e -> e.type().equals("delivery.released")).hasSize(1);
    }
    for (UserId recipient : good.subList(0, 3)) {
      DeliveryId id = good.indexOf(recipient) < 30 ? first : second;
      try (SecuPassSession session = unlock(sdk, recipient);
          var opened = sdk.deliveries().open(SignedInUser.employee(recipient), session, id)) {
        assertThat(opened.files()).as("the recipient opens what was granted").hasSize(1);
      }
    }
  }

  private List<GrantRun> pollConcurrently(UserId sender) throws Exception {
    ExecutorService pollers = Executors.newFixedThreadPool(POLLERS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<GrantRun>> futures = new ArrayList<>();
      for (int i = 0; i < POLLERS; i++) {
        SecuPassSdk process = process();
        SecuPassSession session = unlock(process, sender);
        futures.add(pollers.submit(() -> {
          try (session) {
            start.await(10, TimeUnit.SECONDS);
            return process.grants().fulfil(session);
          }
        }));
      }
      start.countDown();
      List<GrantRun> runs = new ArrayList<>();
      for (Future<GrantRun> future : futures) {
        runs.add(future.get(120, TimeUnit.SECONDS));
      }
      return runs;
    } finally {
      pollers.shutdownNow();
    }
  }

  private static List<Grant> grantsOf(SecuPassSdk sdk, List<UserId> recipients) {
    var grants = DB.storage(Clock.systemUTC()).grants();
    List<Grant> all = new ArrayList<>();
    recipients.forEach(r -> all.addAll(grants.forRecipient(r).stream()
        .filter(g -> g.target().kind() == GrantTarget.Kind.DELIVERY).toList()));
    assertThat(all).hasSize(recipients.size());
    return all;
  }

  private static long fulfilAudits(Grant grant) {
    return DB.storage(Clock.systemUTC()).audit()
        .forTarget("grant:" + grant.id(), PageRequest.first(10)).items().stream()
        .map(AuditEntry::action).filter("grant.fulfil"::equals).count();
  }

  private static DeliveryId send(SecuPassSdk sdk, SignedInUser sender, SecuPassSession session,
      List<UserId> to) {
    Addressee[] addressees = to.stream().map(u -> Addressee.employee(u, ""))
        .toArray(Addressee[]::new);
    return sdk.deliveries().send(sender, session, DeliveryDraft.builder()
        .level(SecurityLevel.SECRET)
        .subject("Batch")
        .message("Grants in batches")
        .to(addressees)
        .file("a.txt", new ByteArrayInputStream("payload".getBytes(StandardCharsets.UTF_8)))
        .build()).id();
  }

  private static List<UserId> users(String prefix, int count) {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(UserId.of(prefix + "-" + i));
    }
    return users;
  }

  private static List<UserId> concat(List<UserId> a, List<UserId> b) {
    List<UserId> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static SecuPassSession activate(SecuPassSdk sdk, UserId user) {
    try (SecuPass pass = SecuPass.of("pass of " + user.value())) {
      return sdk.secuPass().activate(user, pass);
    }
  }

  private static SecuPassSession unlock(SecuPassSdk sdk, UserId user) {
    try (SecuPass pass = SecuPass.of("pass of " + user.value())) {
      return sdk.secuPass().unlock(user, pass);
    }
  }
}
