/** Data-room membership timings (see benchmarks/run-rooms.sh). */
@NullMarked
package dev.secupass.benchmarks.rooms;

import org.jspecify.annotations.NullMarked;
