/**
 * Deliveries at security levels 1-4: {@link dev.secupass.core.delivery.Deliveries sending and
 * opening}, {@link dev.secupass.core.delivery.DeliveryDraft drafts}, {@link
 * dev.secupass.core.delivery.DeliveryPolicy policies} per sender or group, {@link
 * dev.secupass.core.delivery.LinkToken link tokens}, summaries, statuses and audit records as host
 * values. The typed errors of each refusal are in {@code dev.secupass.api}.
 */
@NullMarked
package dev.secupass.core.delivery;

import org.jspecify.annotations.NullMarked;
