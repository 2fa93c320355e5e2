package dev.secupass.samples.web.host;

import dev.secupass.core.events.Events;
import dev.secupass.core.events.HostEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The sample's stand-in for a mail server: takes the SDK's pending events, writes each as an
 * e-mail, keeps the mail for the "outbox of sent mails" page and acknowledges the event. The mails
 * live in memory only (like mail already delivered, they are gone for the sample after a restart),
 * at most {@value #KEPT} of them.
 */
public final class MailOutbox {
  static final int KEPT = 500;
  private static final int BATCH = 100;

  private final Events events;
  private final MailWriter writer;
  private final Deque<SentMail> sent = new ArrayDeque<>();

  public MailOutbox(Events events, MailWriter writer) {
    this.events = events;
    this.writer = writer;
  }

  /** Turns every pending event into a mail (claiming it first); returns how many were sent. */
  public synchronized int deliverPending() {
    int count = 0;
    List<HostEvent> batch;
    while (!(batch = events.claim(BATCH)).isEmpty()) {
      for (HostEvent event : batch) {
        sent.addFirst(writer.write(event));
        if (sent.size() > KEPT) {
          sent.removeLast();
        }
        events.acknowledge(event.id());
        count++;
      }
    }
    return count;
  }

  /** The mails sent so far, newest first (after delivering what is pending). */
  public synchronized List<SentMail> mails() {
    deliverPending();
    return List.copyOf(sent);
  }
}
