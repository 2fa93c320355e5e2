package dev.secupass.core.observe;

/**
 * One run of an {@link Operation}, from {@link SecuPassObserver#start} to {@link #stop()}. The SDK
 * sets every tag of {@link Operation#tags()} before it stops the measurement ({@code none} where a
 * tag does not apply), and the counts of {@link Operation#counts()} that apply; it sets {@link
 * ObservationTag#OUTCOME} last before stopping.
 *
 * <p>Used by one thread at a time; {@link #stop()} is called once.
 */
public interface Measurement {

  /** A measurement that records nothing. */
  Measurement NONE = new Measurement() {
    @Override
    public void tag(ObservationTag tag, String value) {}

    @Override
    public void count(Count count, long amount) {}

    @Override
    public void stop() {}
  };

  /**
   * Sets {@code tag} to {@code value}, one of the values {@link ObservationTag} lists for it; a
   * later call for the same tag replaces the value.
   */
  void tag(ObservationTag tag, String value);

  /** Sets {@code count} of this run to {@code amount} (0 or more); a later call replaces it. */
  void count(Count count, long amount);

  /** The operation ended. */
  void stop();
}
