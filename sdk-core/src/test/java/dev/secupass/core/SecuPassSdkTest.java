package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecuPassSdkTest {

  @Test
  void build_withoutTheRequiredParts_namesEachMissingOne() {
    assertThatThrownBy(() -> SecuPassSdk.builder().blobStore(new MemoryBlobStore()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SecuPassSdk needs storage, atRestKey");
  }

  @Test
  void setters_rejectBadValuesAtOnce() {
    SecuPassSdk.Builder builder = SecuPassSdk.builder();
    assertThatThrownBy(() -> builder.sessionIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.grantLeaseDuration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.storage(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("storage");
  }

  @Test
  void build_withTheRequiredParts_givesEveryService() {
    SecuPassSdk sdk = SecuPassSdk.builder().storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new MemoryBlobStore()).atRestKey(TinkAtRestKey.generate()).build();

    assertThat(sdk.secuPass()).isNotNull();
    assertThat(sdk.deliveries()).isNotNull();
    assertThat(sdk.guests()).isNotNull();
    assertThat(sdk.grants()).isNotNull();
    assertThat(sdk.events()).isNotNull();
  }

  @Test
  void tinkAtRestKey_opensOnlyWhatItSealedUnderTheSameAssociatedData() {
    AtRestKey key = TinkAtRestKey.generate();
    byte[] aad = "delivery:1".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = key.encrypt("content key".getBytes(StandardCharsets.UTF_8), aad);

    assertThat(new String(key.decrypt(sealed, aad), StandardCharsets.UTF_8))
        .isEqualTo("content key");
    assertThatThrownBy(() -> key.decrypt(sealed, "delivery:2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> TinkAtRestKey.generate().decrypt(sealed, aad))
        .isInstanceOf(IntegrityException.class);
  }
}
