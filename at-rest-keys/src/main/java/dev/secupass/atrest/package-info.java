/**
 * At-rest keys in key services: {@link dev.secupass.atrest.AwsKmsAtRestKey} (AWS KMS) and {@link
 * dev.secupass.atrest.Pkcs11AtRestKey} (an HSM over PKCS#11). See {@code docs/at-rest-keys.md}.
 */
@NullMarked
package dev.secupass.atrest;

import org.jspecify.annotations.NullMarked;
