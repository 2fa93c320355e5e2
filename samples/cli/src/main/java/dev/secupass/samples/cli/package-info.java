/**
 * A command-line app over the SecuPass SDK's public API: the root command, exit codes and the
 * mapping of failures to one-line messages. {@code docs/cli.md} describes it.
 */
@NullMarked
package dev.secupass.samples.cli;

import org.jspecify.annotations.NullMarked;
