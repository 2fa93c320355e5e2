package dev.secupass.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Known-answer vectors that record their outcome: a {@code "result"} of {@code "valid"} or the
 * simple name of the exception a reader must throw. Each vector is one dynamic test, named by its
 * {@code "name"}: it is opened as a reader opens it, the outcome must be the recorded one, and a
 * valid one is then checked further (re-encoded, re-signed).
 */
public final class RecordedOutcomes {
  /** The outcome of a vector that opens. */
  public static final String VALID = "valid";

  private RecordedOutcomes() {}

  /** Opens a vector as a reader does. */
  @FunctionalInterface
  public interface Reader<T> {
    T open(JsonObject vector) throws Exception;
  }

  /** Checks what a valid vector opened to. */
  @FunctionalInterface
  public interface ValidCheck<T> {
    void check(JsonObject vector, T opened) throws Exception;
  }

  /** A check that may throw. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** {@code "valid"} if {@code check} returns, else the simple name of what it threw. */
  public static String outcome(Action check) {
    try {
      check.run();
      return VALID;
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  /**
   * A test per vector: {@code reader} opens it, with the recorded outcome, and {@code valid}
   * checks what a valid one opened to. The file must hold at least {@code atLeast} vectors, of
   * them at least {@code refused} that a reader refuses (a file that lost its vectors fails).
   */
  public static <T> Stream<DynamicTest> tests(List<JsonObject> vectors, int atLeast, int refused,
      Reader<T> reader, ValidCheck<? super T> valid) {
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(atLeast);
    assertThat(vectors).filteredOn(v -> !result(v).equals(VALID))
        .hasSizeGreaterThanOrEqualTo(refused);
    return vectors.stream().map(v -> DynamicTest.dynamicTest(v.get("name").getAsString(), () -> {
      Object[] opened = new Object[1];
      String outcome = outcome(() -> opened[0] = reader.open(v));
      assertThat(outcome).isEqualTo(result(v));
      if (outcome.equals(VALID)) {
        @SuppressWarnings("unchecked")
        T value = (T) opened[0];
        valid.check(v, value);
      }
    }));
  }

  private static String result(JsonObject vector) {
    return vector.get("result").getAsString();
  }
}
