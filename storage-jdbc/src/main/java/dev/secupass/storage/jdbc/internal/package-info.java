/**
 * The implementation of the JDBC storage: sessions and transactions, error translation, one class
 * per store, schema migration. Not exported; nothing here is API.
 */
@NullMarked
package dev.secupass.storage.jdbc.internal;

import org.jspecify.annotations.NullMarked;
