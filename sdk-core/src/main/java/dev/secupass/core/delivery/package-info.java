/**
 * Deliveries at security levels 1-4: {@link dev.secupass.core.delivery.Deliveries sending and
 * opening}, {@link dev.secupass.core.delivery.DeliveryDraft drafts}, {@link
 * dev.secupass.core.delivery.DeliveryPolicy policies} per sender or group, {@link
 * dev.secupass.core.delivery.LinkToken link tokens}, and the typed errors of each refusal.
 */
@NullMarked
package dev.secupass.core.delivery;

import org.jspecify.annotations.NullMarked;
