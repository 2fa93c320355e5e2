package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JdbcStorage.Builder")
class JdbcStorageBuilderTest {
  private final JdbcStorage.Builder builder = JdbcStorage.builder(new JdbcDataSource());

  @ParameterizedTest
  @ValueSource(strings = {"Secupass_", "1sp_", "sp-", "sp;drop", "a23456789012345678901234567890x"})
  @DisplayName("rejects a table prefix that is not lower-case letters, digits and underscores")
  void tablePrefix_malformed_throwsIllegalArgument(String prefix) {
    assertThatThrownBy(() -> builder.tablePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table prefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sp_", "secupass_", "a23456789012345678901234567890"})
  @DisplayName("accepts an empty prefix and prefixes of up to 30 characters")
  void tablePrefix_wellFormed_isAccepted(String prefix) {
    assertThatNoException().isThrownBy(() -> builder.tablePrefix(prefix));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16 * 1024 - 1, 16 * 1024 * 1024 + 1})
  @DisplayName("rejects a blob chunk size outside 16 KiB to 16 MiB")
  void blobChunkSize_outOfRange_throwsIllegalArgument(int bytes) {
    assertThatThrownBy(() -> builder.blobChunkSize(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk size");
  }

  @Test
  @DisplayName("rejects a missing data source, clock or dialect at once")
  void nulls_throwNullPointer() {
    assertThatThrownBy(() -> JdbcStorage.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.dialect(null)).isInstanceOf(NullPointerException.class);
  }
}
