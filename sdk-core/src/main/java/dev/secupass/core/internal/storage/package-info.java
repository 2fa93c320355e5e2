/** Internal: views of the host's storage that treat every method of a store alike. */
@NullMarked
package dev.secupass.core.internal.storage;

import org.jspecify.annotations.NullMarked;
