package dev.secupass.core.keylog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.ForwardingKeyLogStore;
import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.Storage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A user whose classical keys another client made and logged (a browser client, which keeps its
 * view of the log in the page, not in the store) unlocks through a Java SDK, which adds an X-Wing
 * key to the same key version and logs the change. The replaced bundle's entry is the user's own:
 * no alarm (found in the web sample, where a browser-made user opening a server-side room page got
 * a FOREIGN_KEY alarm and mail).
 */
class MigratedClientKeysTest {
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser carol = SdkFixture.employee("carol@corp.example");

  /** A classical client on the same stores that keeps no view of the log in them. */
  private final SecuPassSdk client = SecuPassSdk.builder().storage(new ViewKeptElsewhere(f.storage))
      .blobStore(f.blobs).atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
      .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).keySuite(KeySuite.CLASSICAL)
      .build();

  @Test
  void unlock_migratingAnotherClientsLoggedKeys_raisesNoAlarm() {
    try (SecuPass pass = SecuPass.of("carol's secupass");
        SecuPassSession made = client.secuPass().activate(carol.user(), pass)) {
      assertThat(made.keyLogAlarms()).isEmpty();
    }
    assertThat(f.storage.keyLog().view(carol.user())).as("the client kept its view elsewhere")
        .isEmpty();
    try (SecuPassSession migrated = f.unlock(carol, "carol's secupass")) {
      assertThat(f.storage.keyLog().leavesOf(carol.user())).as("activation and key change")
          .hasSize(2);
      assertThat(migrated.keyLogAlarms()).isEmpty();
    }
    try (SecuPassSession again = f.unlock(carol, "carol's secupass")) {
      assertThat(again.keyLogAlarms()).isEmpty();
    }
  }

  /** Storage whose key log keeps no user's sealed view, as a browser client keeps its own. */
  private static final class ViewKeptElsewhere extends ForwardingStorage {
    ViewKeptElsewhere(Storage real) {
      super(real);
    }

    @Override
    public KeyLogStore keyLog() {
      return new ForwardingKeyLogStore(real.keyLog()) {
        @Override
        public Optional<byte[]> view(UserId user) {
          return Optional.empty();
        }

        @Override
        public void saveView(UserId user, byte[] sealed) {}
      };
    }

    @Override
    protected Storage over(Storage tx) {
      return new ViewKeptElsewhere(tx);
    }
  }
}
