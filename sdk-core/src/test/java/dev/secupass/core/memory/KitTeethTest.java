package dev.secupass.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Grant;
import dev.secupass.spi.Storage;
import dev.secupass.tck.BlobStoreConformanceKit;
import dev.secupass.tck.StorageConformanceKit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit has teeth: run against deliberately broken stores, it fails each of them on the rule
 * the defect breaks, and passes the rules the defect leaves alone. The broken stores are memory
 * stores behind a faulty decorator; the whole kit runs on each, through the aggregates an adapter
 * uses and the JUnit Platform Launcher, so this test can look at its results.
 */
class KitTeethTest {

  @Test
  @DisplayName("fails a blob store whose blobs are visible before commit")
  void blobVisibleBeforeCommit_failsVisibilityRule() {
    Results results = run(LeakyBlobs.class);

    assertThat(results.failed).containsExactlyInAnyOrder("create_beforeCommit_isInvisible",
        "declaredSize_committed_readsBack");
    assertThat(results.passed).isGreaterThan(20);
  }

  @Test
  @DisplayName("fails a blob store that ignores a blob's declared size")
  void declaredSizeIgnored_failsSizeRules() {
    Results results = run(SizeIgnoringBlobs.class);

    assertThat(results.failed).containsExactlyInAnyOrder(
        "declaredSize_writtenPast_failsAndLeavesNothing",
        "declaredSize_commitShort_failsAndLeavesNothing",
        "declaredSize_negative_isRefused");
    assertThat(results.passed).isGreaterThan(20);
  }

  @Test
  @DisplayName("fails a grant queue whose leases do not exclude other workers")
  void leaseNotExclusive_failsLeaseRules() {
    Results results = run(StealingLeases.class);

    assertThat(results.failed)
        .contains("claim_leased_notClaimedBeforeExpiry", "release_wrongTokenOrUnknown_doesNothing")
        .isSubsetOf("claim_leased_notClaimedBeforeExpiry", "claim_racingWorkers_neverShareAGrant",
            "release_wrongTokenOrUnknown_doesNothing");
    assertThat(results.passed).isGreaterThan(25);
  }

  @Test
  @DisplayName("fails a grant queue whose summary counts grants as they were queued")
  void summaryStale_failsSummaryRules() {
    Results results = run(StaleCounts.class);

    assertThat(results.failed).containsExactlyInAnyOrder(
        "summary_openGrants_countedByStateWithOldest", "summary_followsTransitions");
    assertThat(results.passed).isGreaterThan(25);
  }

  @Test
  @DisplayName("fails a key store that loses updates instead of comparing revisions")
  void lostUpdate_failsCompareAndSetRules() {
    Results results = run(LostUpdates.class);

    assertThat(results.failed).contains("update_staleRevision_conflicts")
        .isSubsetOf("update_staleRevision_conflicts", "update_racing_exactlyOneWins");
    assertThat(results.passed).isGreaterThan(20);
  }

  @Test
  @DisplayName("fails a room store that renames without comparing revisions")
  void lostRename_failsRoomCompareAndSetRules() {
    Results results = run(LostRenames.class);

    assertThat(results.failed).contains("updateRoom_staleRevision_conflicts",
            "updateRoom_afterAdvanceEpoch_conflicts")
        .isSubsetOf("updateRoom_staleRevision_conflicts", "updateRoom_afterAdvanceEpoch_conflicts",
            "updateRoom_racing_exactlyOneWins");
    assertThat(results.passed).isGreaterThan(40);
  }

  @Test
  @DisplayName("fails a room store whose folder listing also lists what nested folders hold")
  void deepListing_failsFolderListingRules() {
    Results results = run(DeepFolders.class);

    assertThat(results.failed).containsExactlyInAnyOrder("entriesIn_folder_onlyItsOwnByIdPaged",
        "entriesIn_top_onlyTopLevelById");
    assertThat(results.passed).isGreaterThan(40);
  }

  @Test
  @DisplayName("fails a storage whose transactions do not roll back")
  void noRollback_failsRollbackRules() {
    Results results = run(NoRollback.class);

    assertThat(results.failed).contains("inTransaction_workThrows_nothingVisible",
        "inTransaction_storeConflicts_nothingVisible", "inTransaction_workThrows_updatesUndone",
        "inTransaction_nestedThrows_rollsBackAll",
        "completeAll_oneReclaimed_conflictsAndNoneDoneInTransaction",
        "putEnvelopes_unknownDeliveryInTransaction_storesNone",
        "appendAll_takenIdInTransaction_appendsNone", "append_rolledBack_leavesNothing",
        "withdraw_inFailedTransaction_changesNothing",
        "forgetAndBegin_inFailedTransaction_undone")
        .isSubsetOf("inTransaction_workThrows_nothingVisible",
            "inTransaction_storeConflicts_nothingVisible", "inTransaction_workThrows_updatesUndone",
            "inTransaction_nestedThrows_rollsBackAll",
            "completeAll_oneReclaimed_conflictsAndNoneDoneInTransaction",
            "putEnvelopes_unknownDeliveryInTransaction_storesNone",
            "withdraw_inFailedTransaction_changesNothing",
            "appendAll_takenIdInTransaction_appendsNone", "append_rolledBack_leavesNothing",
            "forgetAndBegin_inFailedTransaction_undone",
            "inTransaction_uncommitted_invisibleToOthers",
            "inTransaction_concurrentReaders_seeAllOrNothing");
    assertThat(results.passed).isGreaterThan(3);
  }

  @Test
  @DisplayName("fails a delivery store whose inbox paging skips deliveries")
  void pagingSkips_failsPagingRules() {
    Results results = run(SkippingPages.class);

    assertThat(results.failed).containsExactlyInAnyOrder(
        "inbox_paging_visitsEveryDeliveryOnceInOrder", "inbox_insertsWhilePaging_noRepeatsOrSkips");
    assertThat(results.passed).isGreaterThan(25);
  }

  @Test
  @DisplayName("fails an event outbox whose leases do not keep other nodes off an event")
  void eventLeaseForgotten_failsLeaseRules() {
    Results results = run(ForgetfulEvents.class);

    assertThat(results.failed)
        .contains("claim_leased_notClaimedBeforeExpiry", "release_wrongTokenOrUnknown_doesNothing")
        .isSubsetOf("claim_leased_notClaimedBeforeExpiry", "release_wrongTokenOrUnknown_doesNothing",
            "claim_racingNodes_neverShareAnEvent", "claim_appendOrderUpToLimit_withLeases");
    assertThat(results.passed).isGreaterThan(6);
  }

  @Test
  @DisplayName("fails a delivery store that counts one reader's download of a file again")
  void downloadRecountedPerCall_failsOncePerReaderRules() {
    Results results = run(Recounting.class);

    assertThat(results.failed).containsExactlyInAnyOrder(
        "recordDownload_sameFileAndReader_countsOnce", "recordDownload_filesAndReaders_countedApart",
        "recordDownload_racingSameReader_countsOnce");
    assertThat(results.passed).isGreaterThan(25);
  }

  @Test
  @DisplayName("fails a key log that takes a leaf at any index")
  void keyLogAnyIndex_failsAppendOnlyRules() {
    Results results = run(AnyIndexLog.class);

    assertThat(results.failed).contains("append_wrongIndex_conflictsAndStoresNothing",
        "append_racing_exactlyOneWins").isSubsetOf("append_wrongIndex_conflictsAndStoresNothing",
        "append_racing_exactlyOneWins");
    assertThat(results.passed).isGreaterThan(25);
  }

  @Test
  @DisplayName("fails an upload journal that forgets entries a sweep has claimed")
  void journalForgetsClaimed_failsExclusionRules() {
    Results results = run(ClaimBlindJournal.class);

    assertThat(results.failed).contains("claim_thenForget_fails")
        .isSubsetOf("claim_thenForget_fails", "forgetAndClaim_racing_excludeEachOther");
    assertThat(results.passed).isGreaterThan(40);
  }

  @Test
  @DisplayName("fails a storage whose batch reads answer a key with another key's row, or drop one")
  void batchReadsMixed_failsBatchReadRules() {
    Results results = run(MixingBatchReads.class);

    assertThat(results.failed).containsExactlyInAnyOrder("findAll_deliveries_eachAsFind",
        "findEnvelopes_oneRecipientAndVersion_eachAsFindEnvelope",
        "findActiveAll_users_eachAsFindActive", "findPins_oneObserver_eachAsFindPin",
        "savePins_batch_eachAsSavePin",
        "guests_findAllAndInvitationsOf_eachAsSingleRead",
        "keyLog_leavesOfAllAndNodes_eachAsSingleRead");
    assertThat(results.passed).isGreaterThan(100);
  }

  /** Which test methods of a kit run failed (by method name), and how many passed. */
  record Results(Set<String> failed, int passed) {}

  private static Results run(Class<?> kit) {
    Set<String> failed = new TreeSet<>();
    int[] passed = {0};
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
          return;
        }
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
          passed[0]++;
        } else {
          failed.add(test.getSource()
              .filter(MethodSource.class::isInstance)
              .map(source -> ((MethodSource) source).getMethodName())
              .orElse(test.getDisplayName()));
        }
      }
    };
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(kit))
        .filters(EngineFilter.includeEngines("junit-jupiter"))
        .build(), listener);
    return new Results(failed, passed[0]);
  }

  // The broken stores, bound to the contracts. Static nested classes: neither Surefire nor the
  // Jupiter engine runs them on their own, only the launcher above.

  static class LeakyBlobs extends BlobStoreConformanceKit {
    @Override
    protected BlobStore createBlobStore() {
      return new LeakyBlobStore();
    }

    @Override
    protected long maxLargeBlobBytes() {
      return 1024 * 1024;
    }
  }

  static class SizeIgnoringBlobs extends BlobStoreConformanceKit {
    @Override
    protected BlobStore createBlobStore() {
      return new SizeIgnoringBlobStore();
    }

    @Override
    protected long maxLargeBlobBytes() {
      return 1024 * 1024;
    }
  }

  static class StealingLeases extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).grants(StealingGrantQueue::new);
    }
  }

  static class StaleCounts extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      List<Grant> queued = new ArrayList<>();
      return DecoratedStorage.of(new MemoryStorage(clock))
          .grants(real -> new StaleCountGrantQueue(real, queued));
    }
  }

  static class LostUpdates extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).keys(LostUpdateKeyStore::new);
    }
  }

  static class NoRollback extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return new NoRollbackStorage(clock);
    }
  }

  static class ForgetfulEvents extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).events(ForgetfulEventOutbox::new);
    }
  }

  static class Recounting extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock))
          .deliveries(RecountingDeliveryStore::new);
    }
  }

  static class SkippingPages extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).deliveries(SkippingDeliveryStore::new);
    }
  }

  static class LostRenames extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).rooms(LostRenameRoomStore::new);
    }
  }

  static class AnyIndexLog extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).keyLog(AnyIndexKeyLogStore::new);
    }
  }

  static class ClaimBlindJournal extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).blobJournal(ClaimBlindBlobJournal::new);
    }
  }

  static class MixingBatchReads extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return new MixingBatchStorage(new MemoryStorage(clock));
    }
  }

  static class DeepFolders extends StorageConformanceKit {
    @Override
    protected Storage createStorage(Clock clock) {
      return DecoratedStorage.of(new MemoryStorage(clock)).rooms(DeepListingRoomStore::new);
    }
  }
}
