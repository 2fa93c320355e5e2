package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How values meet columns: instants in UTC whatever the JVM's time zone, at microsecond precision,
 * within years 1000-9999; values too large for their column rejected as bad input, with nothing
 * stored.
 */
abstract class ColumnValuesTest {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");

  abstract DatabaseFixture db();

  @Test
  @DisplayName("An instant in a local daylight-saving gap reads back unchanged")
  void instant_inLocalDaylightSavingGap_readsBackUnchanged() {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    try {
      // 2031-03-30 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00.
      Instant gap = Instant.parse("2031-03-30T02:30:00.123Z");
      KeyRecord stored = keys().create(Samples.keyRecord(Samples.user(), KeyVersion.FIRST, gap));
      assertThat(stored.createdAt()).isEqualTo(gap);
      assertThat(keys().find(stored.user(), KeyVersion.FIRST)).contains(stored);
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  @DisplayName("Instants are stored at microsecond precision")
  void instant_withNanoseconds_isStoredTruncatedToMicroseconds() {
    Instant precise = Instant.parse("2031-05-01T10:00:00.123456789Z");
    KeyRecord stored =
        keys().create(Samples.keyRecord(Samples.user(), KeyVersion.FIRST, precise));
    Instant micros = Instant.parse("2031-05-01T10:00:00.123456Z");
    assertThat(stored.createdAt()).isEqualTo(micros);
    assertThat(keys().findActive(stored.user())).contains(stored);
  }

  @Test
  @DisplayName("An instant outside years 1000-9999 is rejected as bad input")
  void instant_outsideStorableYears_throwsIllegalArgument() {
    UserId user = Samples.user();
    assertThatThrownBy(() -> keys().create(
        Samples.keyRecord(user, KeyVersion.FIRST, Instant.parse("+10000-01-01T00:00:00Z"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(keys().history(user)).isEmpty();
  }

  @Test
  @DisplayName("A value longer than its column is rejected as bad input and nothing is stored")
  void value_tooLongForColumn_throwsIllegalArgumentAndStoresNothing() {
    UserId user = Samples.user();
    KdfParameters oversized = new KdfParameters("a".repeat(101), 65536, 3, 1);
    KeyRecord record = new KeyRecord(user, KeyVersion.FIRST, KeyState.ACTIVE, Samples.bytes(8),
        Samples.bytes(8), oversized, 0, NOW);
    assertThatThrownBy(() -> keys().create(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("aaaa");
    assertThat(keys().history(user)).isEmpty();
  }

  private dev.secupass.spi.KeyStore keys() {
    return db().storage(MutableClock.at(NOW)).keys();
  }
}
