/** Implementation of the SDK's cryptography; not exported, not part of the API. */
@NullMarked
package dev.secupass.core.internal.format;

import org.jspecify.annotations.NullMarked;
