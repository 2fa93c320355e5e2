package dev.secupass.core.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.UnsupportedFormatException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The properties every fuzz target checks on a decoder of stored or received bytes
 * ({@code docs/testing.md}, "Fuzzing"):
 *
 * <ul>
 *   <li>it fails only with the SDK's typed exceptions for damage ({@link IntegrityException} and
 *       its kinds, {@link UnsupportedFormatException}), never with another exception or an {@link
 *       Error};
 *   <li>it allocates no more than its input justifies: a fixed allowance plus a small multiple of
 *       the input's length, so a length field cannot make it allocate what the input does not
 *       hold.
 * </ul>
 *
 * <p>A property that fails throws {@link AssertionError}, which Jazzer reports as a finding.
 */
public final class Fuzz {
  /** What any decode may allocate regardless of its input (parsers, ciphers, key derivation). */
  public static final long BASE_ALLOWANCE = 2L << 20;
  /** What it may allocate per input byte (copies, strings, the UTF-8 decoder). */
  public static final long PER_BYTE = 64;

  /** The JDK's per-thread allocation counter, if it has one; read reflectively (tests compile as
   *  part of the SDK's module, which does not read {@code jdk.management}). */
  private static final Object THREADS;
  private static final Method ALLOCATED;

  static {
    Object threads = null;
    Method allocated = null;
    try {
      threads = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      Method method = Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
      if ((long) method.invoke(threads) >= 0) {
        allocated = method;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      allocated = null;
    }
    THREADS = threads;
    ALLOCATED = allocated;
  }
  private static final List<Class<? extends SecuPassException>> DAMAGE =
      List.of(IntegrityException.class, UnsupportedFormatException.class);

  private Fuzz() {}

  /** A decoder under test. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode() throws Exception;
  }

  /**
   * Runs {@code decoder} on an input of {@code inputLength} bytes: its value, or empty if it
   * refused the input with {@link IntegrityException} or {@link UnsupportedFormatException}.
   */
  public static <T> Optional<T> decode(int inputLength, Decoder<T> decoder) {
    return decode(inputLength, 0, decoder, DAMAGE);
  }

  /**
   * As {@link #decode(int, Decoder)}, with {@code extraAllowance} more bytes it may allocate
   * (a stream reader's segment buffer, bounded by the format) and the exception kinds it may
   * refuse with.
   */
  public static <T> Optional<T> decode(int inputLength, long extraAllowance, Decoder<T> decoder,
      List<Class<? extends SecuPassException>> refusals) {
    long allowed = BASE_ALLOWANCE + extraAllowance + PER_BYTE * inputLength;
    long before = allocated();
    Optional<T> result = run(decoder, refusals);
    if (before >= 0 && allocated() - before > allowed) {
      // The first use of a class (a cipher provider, a regex) allocates once; measure again.
      before = allocated();
      run(decoder, refusals);
      long allocated = allocated() - before;
      if (allocated > allowed) {
        throw new AssertionError("decoding " + inputLength + " bytes allocated " + allocated
            + " bytes, more than the " + allowed + " it may");
      }
    }
    return result;
  }

  private static <T> Optional<T> run(Decoder<T> decoder,
      List<Class<? extends SecuPassException>> refusals) {
    try {
      return Optional.ofNullable(decoder.decode());
    } catch (SecuPassException e) {
      if (refusals.stream().noneMatch(kind -> kind.isInstance(e))) {
        throw new AssertionError("refused with " + e.getClass().getSimpleName()
            + ", not a damage kind: " + e.getMessage(), e);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new AssertionError("failed with an untyped " + e, e);
    } catch (Exception e) {
      throw new AssertionError("failed with a checked " + e, e);
    }
  }

  /** Bytes this thread has allocated so far, or -1 if the JDK does not say. */
  private static long allocated() {
    if (ALLOCATED == null) {
      return -1;
    }
    try {
      return (long) ALLOCATED.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      return -1;
    }
  }

  /** The damage kinds plus {@code more}. */
  @SafeVarargs
  public static List<Class<? extends SecuPassException>> damageOr(
      Class<? extends SecuPassException>... more) {
    List<Class<? extends SecuPassException>> kinds = new java.util.ArrayList<>(DAMAGE);
    kinds.addAll(Arrays.asList(more));
    return kinds;
  }

  /**
   * {@code valid} changed by one to four edits the fuzzer chooses: flip bits of a byte, set a
   * byte, cut the end off, insert bytes, delete a range, or swap two ranges. The result may
   * equal {@code valid} (an edit that changes nothing); callers compare.
   */
  public static byte[] mutate(byte[] valid, FuzzedDataProvider data) {
    byte[] bytes = valid.clone();
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      bytes = edit(bytes, data);
    }
    return bytes;
  }

  private static byte[] edit(byte[] bytes, FuzzedDataProvider data) {
    int op = data.consumeInt(0, 5);
    if (bytes.length == 0) {
      return op == 3 ? data.consumeBytes(16) : bytes;
    }
    int at = data.consumeInt(0, bytes.length - 1);
    switch (op) {
      case 0 -> bytes[at] ^= (byte) (1 << data.consumeInt(0, 7));
      case 1 -> bytes[at] = data.consumeByte();
      case 2 -> bytes = Arrays.copyOf(bytes, at);
      case 3 -> {
        byte[] inserted = data.consumeBytes(data.consumeInt(1, 16));
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        bytes = out;
      }
      case 4 -> {
        int end = data.consumeInt(at, bytes.length);
        byte[] out = new byte[bytes.length - (end - at)];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, end, out, at, bytes.length - end);
        bytes = out;
      }
      default -> {
        int other = data.consumeInt(0, bytes.length - 1);
        int length = data.consumeInt(1, bytes.length - Math.max(at, other));
        byte[] first = Arrays.copyOfRange(bytes, at, at + length);
        System.arraycopy(bytes, other, bytes, at, length);
        System.arraycopy(first, 0, bytes, other, length);
      }
    }
    return bytes;
  }
}
