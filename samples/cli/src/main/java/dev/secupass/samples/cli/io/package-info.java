/** The app's terminal and files: secrets without echo, progress bars, safe output files. */
@NullMarked
package dev.secupass.samples.cli.io;

import org.jspecify.annotations.NullMarked;
