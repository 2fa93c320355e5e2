/** Internal: the words of messages (durations as people read them). */
@NullMarked
package dev.secupass.core.internal.text;

import org.jspecify.annotations.NullMarked;
