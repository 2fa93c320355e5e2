/**
 * The {@code demo} command: the seed story played by every party in one process on the public
 * API, narrated with what each party sees.
 */
@NullMarked
package dev.secupass.samples.cli.demo;

import org.jspecify.annotations.NullMarked;
