/**
 * Implementation of data rooms: the signed membership log and its verification, the sealed formats
 * of room names, entry metadata and wrapped file keys, and the steps of each room operation. Not
 * exported, not part of the API.
 */
@NullMarked
package dev.secupass.core.internal.rooms;

import org.jspecify.annotations.NullMarked;
