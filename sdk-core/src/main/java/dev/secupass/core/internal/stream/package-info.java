/** Implementation of the SDK's cryptography; not exported, not part of the API. */
@NullMarked
package dev.secupass.core.internal.stream;

import org.jspecify.annotations.NullMarked;
