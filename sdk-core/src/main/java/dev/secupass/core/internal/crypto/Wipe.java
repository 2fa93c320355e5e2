package dev.secupass.core.internal.crypto;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Overwrites secret bytes with zeros once they are no longer needed. */
public final class Wipe {
  private Wipe() {}

  public static void bytes(byte[] @Nullable ... arrays) {
    for (byte[] array : arrays) {
      if (array != null) {
        Arrays.fill(array, (byte) 0);
      }
    }
  }

  public static void chars(char @Nullable [] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
