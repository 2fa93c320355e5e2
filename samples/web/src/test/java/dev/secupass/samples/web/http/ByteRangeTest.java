package dev.secupass.samples.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parse_firstToLast_givesThoseBytes() {
    assertThat(ByteRange.parse("bytes=3-6", 10)).hasValue(new ByteRange(3, 4));
  }

  @Test
  void parse_openEnded_runsToTheEnd() {
    assertThat(ByteRange.parse("bytes=4-", 10)).hasValue(new ByteRange(4, 6));
  }

  @Test
  void parse_suffix_givesTheLastBytes_atMostTheFile() {
    assertThat(ByteRange.parse("bytes=-3", 10)).hasValue(new ByteRange(7, 3));
    assertThat(ByteRange.parse("bytes=-30", 10)).hasValue(new ByteRange(0, 10));
  }

  @Test
  void parse_lastBeyondTheEnd_isClampedToTheFile() {
    assertThat(ByteRange.parse("bytes=8-100", 10)).hasValue(new ByteRange(8, 2));
    assertThat(new ByteRange(8, 2).contentRange(10)).isEqualTo("bytes 8-9/10");
  }

  @Test
  void parse_noHeader_severalRangesOrOtherUnits_servesTheWholeFile() {
    assertThat(ByteRange.parse(null, 10)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,4-5", 10)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 10)).isEmpty();
    assertThat(ByteRange.parse("bytes=-", 10)).isEmpty();
  }

  @Test
  void parse_outsideTheFile_isUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10))
        .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=5-4", 10))
        .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10))
        .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0))
        .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
  }
}
