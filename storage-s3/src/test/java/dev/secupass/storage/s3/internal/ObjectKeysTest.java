package dev.secupass.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BlobId;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

  @Test
  void key_prefixWithOrWithoutTrailingSlash_isPrefixSlashId() {
    BlobId id = BlobId.of("abc");

    assertThat(ObjectKeys.of("tenants/acme").key(id)).isEqualTo("tenants/acme/abc");
    assertThat(ObjectKeys.of("tenants/acme/").key(id)).isEqualTo("tenants/acme/abc");
    assertThat(ObjectKeys.of("").key(id)).isEqualTo("abc");
  }

  @Test
  void isBlobKey_onlyKeysUnderThePrefixThatNameABlob() {
    ObjectKeys keys = ObjectKeys.of("tenants/acme");

    assertThat(keys.isBlobKey("tenants/acme/abc")).isTrue();
    assertThat(keys.isBlobKey("tenants/acme/sub/abc")).isFalse();
    assertThat(keys.isBlobKey("tenants/other/abc")).isFalse();
    assertThat(keys.isBlobKey("tenants/acme/")).isFalse();
  }
}
