package dev.secupass.core.internal.observe;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.Measurement;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import java.util.Locale;

/**
 * One measured run of an operation: every tag of the operation starts as {@code none}, the outcome
 * and the failure kind are set from how the work ended, and the measurement is stopped once. With
 * {@link SecuPassObserver#NONE} it is a shared instance that does nothing.
 */
public final class Run {
  /** The work measured; it may set tags and counts on its run. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Run run);
  }

  /** Work measured that returns nothing. */
  @FunctionalInterface
  public interface Step {
    void run(Run run);
  }

  private static final Run NONE = new Run(Operation.STORAGE, Measurement.NONE);

  private final Operation operation;
  private final Measurement measurement;

  private Run(Operation operation, Measurement measurement) {
    this.operation = operation;
    this.measurement = measurement;
  }

  /** Starts a run of {@code operation}, every tag {@code none}. */
  public static Run start(SecuPassObserver observer, Operation operation) {
    Measurement measurement = observer.start(operation);
    if (measurement == Measurement.NONE) {
      return NONE;
    }
    for (ObservationTag tag : operation.tags()) {
      measurement.tag(tag, "none");
    }
    return new Run(operation, measurement);
  }

  /** Runs {@code work} as one measured run of {@code operation}. */
  public static <T> T measure(SecuPassObserver observer, Operation operation, Work<T> work) {
    Run run = start(observer, operation);
    boolean ended = false;
    try {
      T result = work.run(run);
      run.tag(ObservationTag.OUTCOME, "success");
      ended = true;
      return result;
    } catch (RuntimeException e) {
      run.failed(e);
      ended = true;
      throw e;
    } finally {
      if (!ended) {
        run.tag(ObservationTag.FAILURE, "other");
        run.tag(ObservationTag.OUTCOME, "failure");
      }
      run.measurement.stop();
    }
  }

  /** Runs {@code step} as one measured run of {@code operation}. */
  public static void perform(SecuPassObserver observer, Operation operation, Step step) {
    measure(observer, operation, run -> {
      step.run(run);
      return Boolean.TRUE;
    });
  }

  public Run tag(ObservationTag tag, String value) {
    measurement.tag(tag, value);
    return this;
  }

  public Run count(Count count, long amount) {
    measurement.count(count, amount);
    return this;
  }

  /** Tags the run with {@code level}. */
  public Run level(SecurityLevel level) {
    return tag(ObservationTag.LEVEL, level.name().toLowerCase(Locale.ROOT));
  }

  private void failed(RuntimeException e) {
    tag(ObservationTag.FAILURE, Failures.kind(e));
    if (e instanceof StorageException storage && operation.tags().contains(
        ObservationTag.RETRYABLE)) {
      tag(ObservationTag.RETRYABLE, Boolean.toString(storage.retryable()));
    }
    tag(ObservationTag.OUTCOME, "failure");
  }
}
