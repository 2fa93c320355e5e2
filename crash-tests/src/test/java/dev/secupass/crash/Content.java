package dev.secupass.crash;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * File content the checks can recompute: a file's name carries the seed and size of its bytes,
 * so whoever opens it knows what it must read (the name is sealed with the content at level 4
 * and in rooms, and comes back with it).
 */
final class Content {
  private Content() {}

  static String name(long seed, int size) {
    return "f" + Long.toHexString(seed) + "-" + size + ".bin";
  }

  static byte[] bytes(String name) {
    int dash = name.indexOf('-');
    long seed = Long.parseUnsignedLong(name.substring(1, dash), 16);
    int size = Integer.parseInt(name.substring(dash + 1, name.length() - ".bin".length()));
    byte[] bytes = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  static InputStream open(String name) {
    return new ByteArrayInputStream(bytes(name));
  }

  static boolean matches(String name, byte[] read) {
    return Arrays.equals(bytes(name), read);
  }
}
