/** The app's commands, each over the SDK's public API; {@code docs/cli.md} lists them. */
@NullMarked
package dev.secupass.samples.cli.commands;

import org.jspecify.annotations.NullMarked;
