package dev.secupass.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects what a host could see of an operation (its objects' {@code toString()}, the messages
 * and stack traces of its failures, the captured log lines) and checks that no secret is in it.
 */
public final class LeakWitness {
  private final List<String> observed = new ArrayList<>();

  /** Records the {@code toString()} of each object. */
  public void note(Object... objects) {
    for (Object o : objects) {
      observed.add(String.valueOf(o));
    }
  }

  /** Runs {@code operation} and records the message and stack trace of its failure, if any. */
  public void attempt(Runnable operation) {
    if (!failed(operation)) {
      observed.add("no failure");
    }
  }

  /** Runs {@code operation}, which must fail, and records the message and stack trace. */
  public void refused(Runnable operation) {
    if (!failed(operation)) {
      throw new AssertionError("expected the operation to be refused, but it succeeded");
    }
  }

  private boolean failed(Runnable operation) {
    try {
      operation.run();
      return false;
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      observed.add(trace.toString());
      observed.add(String.valueOf(e.getMessage()));
      return true;
    }
  }

  /** Records the log lines captured so far. */
  public void noteLogs() {
    observed.addAll(CapturedLogs.lines());
  }

  /** The ways a leaked byte secret would show: hex either case, Base64, {@code Arrays.toString}. */
  public static List<String> encodings(byte[] secret) {
    return List.of(HexFormat.of().formatHex(secret),
        HexFormat.of().withUpperCase().formatHex(secret),
        Base64.getEncoder().encodeToString(secret),
        Arrays.toString(secret).substring(0, 40));
  }

  /** Asserts that nothing recorded contains any of {@code secrets}. */
  public void assertContainsNone(List<String> secrets) {
    for (String secret : secrets) {
      for (String text : observed) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
