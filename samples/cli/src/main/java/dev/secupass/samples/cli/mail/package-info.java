/**
 * The sample host's e-mail: the links it puts in mails, the wording of each event as a mail or a
 * notice, and the outbox loop that "sends" them. The sample sends no real e-mail; the {@code mail}
 * command shows what would have been sent.
 */
@NullMarked
package dev.secupass.samples.cli.mail;

import org.jspecify.annotations.NullMarked;
