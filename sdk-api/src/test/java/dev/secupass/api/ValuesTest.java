package dev.secupass.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "a..b", "-a", "a/b", "a\\b", "a b", "ä"})
  void generatedIds_rejectUnsafeValues(String value) {
    assertThatThrownBy(() -> BlobId.of(value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryId.of(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generatedIds_rejectMoreThan64Characters() {
    assertThatThrownBy(() -> RoomId.of("a".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RoomId.of("a".repeat(64)).value()).hasSize(64);
  }

  @Test
  void randomIds_are128BitHexAndDistinct() {
    SecureRandom random = new SecureRandom();
    FileId a = FileId.random(random);
    FileId b = FileId.random(random);
    assertThat(a.value()).matches("[0-9a-f]{32}");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void userId_acceptsHostValuesButNotControlCharactersOrPadding() {
    assertThat(UserId.of("alice@example.com").value()).isEqualTo("alice@example.com");
    assertThatThrownBy(() -> UserId.of(" alice")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserId.of("al\nice")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserId.of("x".repeat(UserId.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void userId_refusesUnpairedSurrogatesButAcceptsSupplementaryCharacters() {
    // An unpaired surrogate has no UTF-8 encoding: Java would write '?' and read back another id.
    for (String unpaired : new String[] {"al\uD800ice", "alice\uDC00", "\uDC00\uD800"}) {
      assertThatThrownBy(() -> UserId.of(unpaired)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(UserId.of("j\u00fcrg\uD83D\uDE00").value()).hasSize(6);
  }

  @Test
  void userId_countsUtf16CodeUnitsAndStripsOnlyJavaWhiteSpace() {
    // 100 supplementary characters are 200 UTF-16 code units: the longest id.
    assertThat(UserId.of("\uD83D\uDE00".repeat(100)).value()).hasSize(UserId.MAX_LENGTH);
    assertThatThrownBy(() -> UserId.of("\uD83D\uDE00".repeat(100) + "x"))
        .isInstanceOf(IllegalArgumentException.class);
    // U+3000 ideographic space is white space to String.strip; U+00A0 no-break space is not.
    assertThatThrownBy(() -> UserId.of("alice\u3000")).isInstanceOf(IllegalArgumentException.class);
    assertThat(UserId.of("alice\u00a0").value()).endsWith("\u00a0");
    assertThatThrownBy(() -> UserId.of("ali\u0085ce")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void securityLevels_sayWhatEachRequires() {
    assertThat(SecurityLevel.of(1)).isEqualTo(SecurityLevel.LINK);
    assertThat(SecurityLevel.LINK.requiresSignIn()).isFalse();
    assertThat(SecurityLevel.LOGIN.requiresSignIn()).isTrue();
    assertThat(SecurityLevel.LOGIN.requiresSecuPass()).isFalse();
    assertThat(SecurityLevel.SECRET.requiresSecuPass()).isTrue();
    assertThat(SecurityLevel.SECRET.endToEndFiles()).isTrue();
    assertThat(SecurityLevel.SECRET.endToEndMessage()).isFalse();
    assertThat(SecurityLevel.TOP_SECRET.endToEndMessage()).isTrue();
    assertThatThrownBy(() -> SecurityLevel.of(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-4");
  }

  @Test
  void keyVersion_startsAtOneAndCounts() {
    assertThat(KeyVersion.FIRST.next()).isEqualTo(KeyVersion.of(2));
    assertThatThrownBy(() -> KeyVersion.of(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fingerprint_acceptsOnlyDigitGroups() {
    assertThat(Fingerprint.of("12345 67890 13579 24680").digits()).startsWith("12345");
    assertThatThrownBy(() -> Fingerprint.of("1234 67890 13579 24680"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fingerprint.of("12345  67890 13579 24680"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storageException_carriesRetryable() {
    assertThat(new StorageException("down", true, null).retryable()).isTrue();
    assertThat(new StorageException("bad schema", false, null).retryable()).isFalse();
    assertThat(new ConflictException("x")).isInstanceOf(SecuPassException.class);
  }
}
