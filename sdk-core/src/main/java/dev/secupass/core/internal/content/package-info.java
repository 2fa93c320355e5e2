/** Writing a file's content as an encrypted blob, shared by deliveries and data rooms. */
@NullMarked
package dev.secupass.core.internal.content;

import org.jspecify.annotations.NullMarked;
