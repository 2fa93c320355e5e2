/** The API snapshot check that keeps each library module's public API deliberate. */
@NullMarked
package dev.secupass.build;

import org.jspecify.annotations.NullMarked;
