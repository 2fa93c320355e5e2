/** Not API: the Tink {@code Aead} on the AWS SDK's KMS client. */
@NullMarked
package dev.secupass.atrest.internal;

import org.jspecify.annotations.NullMarked;
