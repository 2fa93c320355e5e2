package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the key transparency log.
 *
 * @param index its position, from 0
 * @param user whose key version it records (kept apart so stores can index by user)
 * @param data the encoded entry ({@code docs/format.md}, "Key log leaf")
 */
public record KeyLogLeaf(long index, UserId user, byte[] data) {

  public KeyLogLeaf {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    Objects.requireNonNull(user, "user");
    data = Bytes.copy(data, "data");
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLogLeaf l && index == l.index && user.equals(l.user)
        && Arrays.equals(data, l.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, user, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "KeyLogLeaf[index=" + index + ", user=" + user + ", " + data.length + " bytes]";
  }
}
