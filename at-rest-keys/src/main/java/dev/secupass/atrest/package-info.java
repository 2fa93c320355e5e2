/**
 * At-rest keys in key services: {@link dev.secupass.atrest.AwsKmsAtRestKey} (AWS KMS) and {@link
 * dev.secupass.atrest.Pkcs11AtRestKey} (an HSM over PKCS#11); {@link
 * dev.secupass.atrest.TinkKeysetFile}, a Tink keyset in an owner-only file, where neither is at
 * hand (the samples, the starter's {@code tink-keyset-file} source). See {@code
 * docs/at-rest-keys.md}.
 */
@NullMarked
package dev.secupass.atrest;

import org.jspecify.annotations.NullMarked;
