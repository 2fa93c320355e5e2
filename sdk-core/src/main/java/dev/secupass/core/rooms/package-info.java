/**
 * End-to-end encrypted data rooms: {@link dev.secupass.core.rooms.DataRooms}, members with roles,
 * folders and files under per-epoch room keys, key rotation when a member leaves, and a signed,
 * hash-chained membership log every member verifies ({@code docs/data-rooms.md}).
 */
@NullMarked
package dev.secupass.core.rooms;

import org.jspecify.annotations.NullMarked;
