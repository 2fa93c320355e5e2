package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version-2 delivery manifest payload, byte by byte ({@code docs/format.md}). */
class ManifestV2Test {
  private static final UserId ALICE = UserId.of("alice");
  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00.123Z");

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static DeliveryManifest manifest(List<UserId> recipients) {
    byte[] name = "invoice.pdf".getBytes(StandardCharsets.UTF_8);
    return new DeliveryManifest(2, DeliveryId.of("d-1"), SecurityLevel.SECRET, ALICE,
        KeyVersion.FIRST, CREATED, CREATED.plusSeconds(3600), recipients,
        List.of(new DeliveryManifest.FileEntry(FileId.of("f-1"), 5, 290, filled(32, 1),
            DeliveryManifest.nameDigest(name))), filled(32, 2), filled(32, 3));
  }

  @Test
  void encode_isTheSpecsLayout_withRecipientsSortedByUtf8Bytes() {
    DeliveryManifest m = manifest(List.of(UserId.of("zoë"), UserId.of("bob"), UserId.of("Zed")));

    byte[] payload = ManifestCodec.encode(m);

    byte[] expected = new ByteWriter()
        .u8(2).string("d-1").u8(3).string("alice")
        .i64(CREATED.toEpochMilli()).i64(CREATED.plusSeconds(3600).toEpochMilli())
        .u32(3).string("Zed").string("bob").string("zoë")
        .u32(1).string("f-1")
        .bytes(Hashes.sha256(Labels.of("SecuPass file name v2"),
            "invoice.pdf".getBytes(StandardCharsets.UTF_8)))
        .u64(5).u64(290).bytes(filled(32, 1))
        .bytes(filled(32, 2)).bytes(filled(32, 3)).toByteArray();
    assertThat(payload).isEqualTo(expected);
    DeliveryManifest decoded = ManifestCodec.decode(payload, ALICE, KeyVersion.FIRST);
    assertThat(decoded.version()).isEqualTo(2);
    assertThat(decoded.files()).isEqualTo(m.files());
    assertThat(decoded.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void decode_recipientsNotStrictlyAscending_isDamage() {
    byte[] payload = new ByteWriter().u8(2).string("d-1").u8(3).string("alice")
        .i64(1).i64(2).u32(2).string("bob").string("bob").u32(0)
        .bytes(filled(32, 2)).bytes(filled(32, 3)).toByteArray();

    assertThatThrownBy(() -> ManifestCodec.decode(payload, ALICE, KeyVersion.FIRST))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("ascending");
  }

  @Test
  void decode_senderOtherThanTheSigner_isDamage() {
    byte[] payload = ManifestCodec.encode(manifest(List.of(UserId.of("bob"))));

    assertThatThrownBy(() -> ManifestCodec.decode(payload, UserId.of("mallory"),
        KeyVersion.FIRST)).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("another sender");
  }

  @Test
  void decode_unknownPayloadVersion_isUnsupported() {
    byte[] payload = ManifestCodec.encode(manifest(List.of(UserId.of("bob"))));
    payload[0] = 4;

    assertThatThrownBy(() -> ManifestCodec.decode(payload, ALICE, KeyVersion.FIRST))
        .isInstanceOf(UnsupportedFormatException.class);
  }

  @Test
  void decode_trailingByte_isDamage() {
    byte[] payload = ManifestCodec.encode(manifest(List.of(UserId.of("bob"))));

    assertThatThrownBy(() -> ManifestCodec.decode(Arrays.copyOf(payload, payload.length + 1),
        ALICE, KeyVersion.FIRST)).isInstanceOf(IntegrityException.class);
  }
}
