/** Internal: people as host values ({@link dev.secupass.api.Person}) from what the stores hold. */
@NullMarked
package dev.secupass.core.internal.people;

import org.jspecify.annotations.NullMarked;
