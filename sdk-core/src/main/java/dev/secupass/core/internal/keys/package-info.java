/** Implementation of the SDK's cryptography; not exported, not part of the API. */
@NullMarked
package dev.secupass.core.internal.keys;

import org.jspecify.annotations.NullMarked;
