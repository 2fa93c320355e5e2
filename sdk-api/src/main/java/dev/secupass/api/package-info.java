/**
 * What hosts and storage adapters share: identifiers, plain values ({@link
 * dev.secupass.api.SecurityLevel}, {@link dev.secupass.api.PrincipalKind}, {@link
 * dev.secupass.api.Person}, {@link dev.secupass.api.Fingerprint}, {@link
 * dev.secupass.api.KeyVersion}, {@link dev.secupass.api.RoomRole}, {@link
 * dev.secupass.api.DeliveryState}, {@link dev.secupass.api.Page} and {@link
 * dev.secupass.api.PageRequest}), and every exception the SDK throws, rooted at {@link
 * dev.secupass.api.SecuPassException} and grouped under the kinds a host catches ({@link
 * dev.secupass.api.ActionRequiredException}, {@link dev.secupass.api.RefusedException}, {@link
 * dev.secupass.api.IntegrityException}, {@link dev.secupass.api.StorageException}).
 */
@NullMarked
package dev.secupass.api;

import org.jspecify.annotations.NullMarked;
