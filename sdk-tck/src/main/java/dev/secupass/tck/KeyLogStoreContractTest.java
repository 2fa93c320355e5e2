package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KeyLogStore}: append-only leaves at consecutive indexes (an append at any
 * other index conflicts and stores nothing, of racing appends at one index exactly one wins), the
 * tree's nodes, checkpoints by tree size, users' views and seen-checkpoint statements, and the one
 * checkpoint key. The log of a shared backend is shared by every test: the rules read its size
 * before they append.
 */
@DisplayName("KeyLogStore contract")
public abstract class KeyLogStoreContractTest extends StorageContract {

  KeyLogStore log() {
    return storage.keyLog();
  }

  /** A leaf at the log's current end, with its level-0 node. */
  KeyLogLeaf appendOne(UserId user) {
    long index = log().size();
    KeyLogLeaf leaf = new KeyLogLeaf(index, user, Samples.bytes(60));
    log().append(leaf, List.of(new KeyLogNode(0, index, Samples.bytes(32))));
    return leaf;
  }

  @Nested
  @DisplayName("KeyLogStore.append")
  class Append {
    @Test
    @DisplayName("stores a leaf at the log's size, and its nodes, readable by index and by user")
    void append_atSize_readsBack() {
      UserId user = Samples.user();
      long index = log().size();
      KeyLogLeaf leaf = new KeyLogLeaf(index, user, Samples.bytes(61));
      byte[] hash = Samples.bytes(32);
      byte[] parent = Samples.bytes(32);
      log().append(leaf, List.of(new KeyLogNode(0, index, hash),
          new KeyLogNode(1, index / 2, parent)));

      assertThat(log().size()).isEqualTo(index + 1);
      assertThat(log().leaves(index, 10)).containsExactly(leaf);
      assertThat(log().leavesOf(user)).containsExactly(leaf);
      assertThat(log().node(0, index)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash));
      assertThat(log().node(1, index / 2))
          .hasValueSatisfying(h -> assertThat(h).isEqualTo(parent));
    }

    @Test
    @DisplayName("refuses a leaf at any index but the log's size, storing nothing")
    void append_wrongIndex_conflictsAndStoresNothing() {
      appendOne(Samples.user());
      long size = log().size();
      UserId user = Samples.user();

      assertThatThrownBy(() -> log().append(new KeyLogLeaf(size + 1, user, Samples.bytes(8)),
          List.of(new KeyLogNode(0, size + 1, Samples.bytes(32)))))
          .isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> log().append(new KeyLogLeaf(size - 1, user, Samples.bytes(8)),
          List.of(new KeyLogNode(0, size - 1, Samples.bytes(32)))))
          .isInstanceOf(ConflictException.class);

      assertThat(log().size()).isEqualTo(size);
      assertThat(log().leavesOf(user)).isEmpty();
      assertThat(log().node(0, size + 1)).isEmpty();
    }

    @Test
    @DisplayName("of racing appends at the same index, exactly one wins")
    void append_racing_exactlyOneWins() {
      long index = log().size();
      UserId user = Samples.user();

      KeyLogLeaf winner = Race.exactlyOneWinner(Race.run(i -> {
        KeyLogLeaf leaf = new KeyLogLeaf(index, user, Samples.bytes(20 + i));
        log().append(leaf, List.of(new KeyLogNode(0, index, Samples.bytes(32))));
        return leaf;
      }));

      assertThat(log().size()).isEqualTo(index + 1);
      assertThat(log().leavesOf(user)).containsExactly(Objects.requireNonNull(winner));
    }

    @Test
    @DisplayName("an append in a rolled-back transaction leaves nothing")
    void append_rolledBack_leavesNothing() {
      long size = log().size();
      UserId user = Samples.user();

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        long index = tx.keyLog().size();
        tx.keyLog().append(new KeyLogLeaf(index, user, Samples.bytes(8)),
            List.of(new KeyLogNode(0, index, Samples.bytes(32))));
        assertThat(tx.keyLog().size()).isEqualTo(index + 1);
        throw new IllegalStateException("roll back");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(log().size()).isEqualTo(size);
      assertThat(log().leavesOf(user)).isEmpty();
      assertThat(log().node(0, size)).isEmpty();
    }

    @Test
    @DisplayName("reads leaves from an index in order, at most as many as asked")
    void leaves_fromIndex_inOrder_bounded() {
      UserId user = Samples.user();
      KeyLogLeaf first = appendOne(user);
      KeyLogLeaf second = appendOne(Samples.user());
      KeyLogLeaf third = appendOne(user);

      assertThat(log().leaves(first.index(), 2)).containsExactly(first, second);
      assertThat(log().leaves(first.index(), 100)).startsWith(first, second, third);
      assertThat(log().leaves(third.index() + 1, 10)).isEmpty();
      assertThat(log().leavesOf(user)).containsExactly(first, third);
      assertThat(log().leavesOf(Samples.user())).isEmpty();
    }

    @Test
    @DisplayName("has no node that was never stored")
    void node_missing_isEmpty() {
      assertThat(log().node(40, 0)).isEmpty();
      assertThat(log().node(0, log().size() + 5)).isEmpty();
    }
  }

  @Nested
  @DisplayName("KeyLogStore checkpoints")
  class Checkpoints {
    @Test
    @DisplayName("keeps checkpoints by tree size: the latest is the largest, one size is replaced")
    void checkpoints_bySize_latestIsLargest_replaced() {
      long base = log().latestCheckpoint().map(KeyLogCheckpoint::size).orElse(0L) + 1000;
      KeyLogCheckpoint small = new KeyLogCheckpoint(base, "small\n", clock.instant());
      KeyLogCheckpoint large = new KeyLogCheckpoint(base + 7, "large\n\u2014 x AAAA\n",
          clock.instant());
      log().saveCheckpoint(large);
      log().saveCheckpoint(small);

      assertThat(log().latestCheckpoint()).contains(large);
      assertThat(log().checkpoints(base, 10)).containsExactly(small, large);
      assertThat(log().checkpoints(base + 1, 10)).containsExactly(large);
      assertThat(log().checkpoints(base, 1)).containsExactly(small);

      KeyLogCheckpoint cosigned = new KeyLogCheckpoint(base + 7, "large, cosigned\n",
          clock.instant().plusSeconds(1));
      log().saveCheckpoint(cosigned);
      assertThat(log().latestCheckpoint()).contains(cosigned);
      assertThat(log().checkpoints(base, 10)).containsExactly(small, cosigned);
    }
  }

  @Nested
  @DisplayName("KeyLogStore views and key")
  class Views {
    @Test
    @DisplayName("keeps each user's sealed view as given, replacing the earlier one")
    void view_perUser_replaced() {
      UserId user = Samples.user();
      UserId other = Samples.user();
      byte[] first = Samples.bytes(90);
      byte[] second = Samples.bytes(130);
      assertThat(log().view(user)).isEmpty();

      log().saveView(user, first);
      log().saveView(other, second);
      log().saveView(user, second);

      assertThat(log().view(user)).hasValueSatisfying(v -> assertThat(v).isEqualTo(second));
      assertThat(log().view(other)).hasValueSatisfying(v -> assertThat(v).isEqualTo(second));
    }

    @Test
    @DisplayName("keeps each user's seen-checkpoint statement as given, replacing the earlier one,"
        + " apart from their view")
    void seenCheckpoint_perUser_replaced_apartFromTheView() {
      UserId user = Samples.user();
      UserId other = Samples.user();
      byte[] first = Samples.bytes(220);
      byte[] second = Samples.bytes(310);
      byte[] view = Samples.bytes(90);
      assertThat(log().seenCheckpoint(user)).isEmpty();

      log().saveView(user, view);
      log().saveSeenCheckpoint(user, first);
      log().saveSeenCheckpoint(other, second);
      log().saveSeenCheckpoint(user, second);

      assertThat(log().seenCheckpoint(user))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(second));
      assertThat(log().seenCheckpoint(other))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(second));
      assertThat(log().view(user)).hasValueSatisfying(v -> assertThat(v).isEqualTo(view));
      assertThat(log().view(other)).isEmpty();
    }

    @Test
    @DisplayName("stores the checkpoint key once: a second one is refused, the first returned")
    void checkpointKey_storedOnce() {
      byte[] first = log().saveCheckpointKeyIfAbsent(Samples.bytes(48));
      byte[] second = log().saveCheckpointKeyIfAbsent(Samples.bytes(48));

      assertThat(second).isEqualTo(first);
      assertThat(log().checkpointKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(first));
    }
  }
}
