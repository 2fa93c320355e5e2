package dev.secupass.core.internal.keylog;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one user's SDK saw of the key log ({@code docs/format.md}, "Key log view"), sealed with a
 * MAC only that user's private keys make (see {@code KeySession#sealKeyLogView}):
 *
 * <pre>
 * u8      0x01            view format version
 * u32     key version     of the keys that sealed it
 * u64     seen size       the last checkpoint this user relied on (as a sender or at unlock)
 * u8[32]  seen root
 * u64     monitored size  how far this user's SDK read every entry looking for its own keys
 * u8[32]  monitored root
 * u16     n, then n x u8[32]: the leaf hashes of the entries this user's SDK made or accepted
 * u8[32]  MAC
 * </pre>
 *
 * @param version the key version that sealed it
 * @param seenSize see above
 * @param seenRoot see above
 * @param monitoredSize see above
 * @param monitoredRoot see above
 * @param own own leaf hashes
 */
public record KeyLogView(int version, long seenSize, byte[] seenRoot, long monitoredSize,
    byte[] monitoredRoot, List<byte[]> own) {
  public static final int FORMAT = 0x01;
  /** The most own entries kept (the oldest are dropped). */
  public static final int MAX_OWN = 64;
  private static final int MAC_SIZE = 32;

  public KeyLogView {
    seenRoot = seenRoot.clone();
    monitoredRoot = monitoredRoot.clone();
    List<byte[]> copy = new ArrayList<>();
    for (byte[] hash : own) {
      copy.add(hash.clone());
    }
    while (copy.size() > MAX_OWN) {
      copy.remove(0);
    }
    own = List.copyOf(copy);
  }

  @Override
  public byte[] seenRoot() {
    return seenRoot.clone();
  }

  @Override
  public byte[] monitoredRoot() {
    return monitoredRoot.clone();
  }

  /** Whether {@code leafHash} is one of this user's own entries. */
  public boolean isOwn(byte[] leafHash) {
    return own.stream().anyMatch(h -> Arrays.equals(h, leafHash));
  }

  /** This view with one more own entry. */
  public KeyLogView withOwn(byte[] leafHash) {
    if (isOwn(leafHash)) {
      return this;
    }
    List<byte[]> all = new ArrayList<>(own);
    all.add(leafHash);
    return new KeyLogView(version, seenSize, seenRoot, monitoredSize, monitoredRoot, all);
  }

  /** This view having seen (and, if {@code monitored}, read up to) {@code checkpoint}. */
  public KeyLogView at(Checkpoint checkpoint, boolean monitored) {
    return new KeyLogView(version, checkpoint.size(), checkpoint.root(),
        monitored ? checkpoint.size() : monitoredSize,
        monitored ? checkpoint.root() : monitoredRoot, own);
  }

  /** The body the MAC covers. */
  public byte[] body() {
    ByteWriter out = new ByteWriter(1 + 4 + 80 + 2 + own.size() * 32).u8(FORMAT).u32(version)
        .u64(seenSize).bytes(seenRoot).u64(monitoredSize).bytes(monitoredRoot).u16(own.size());
    for (byte[] hash : own) {
      out.bytes(hash);
    }
    return out.toByteArray();
  }

  /** The body followed by {@code mac}. */
  public byte[] encode(byte[] mac) {
    return ByteBuffer.allocate(body().length + mac.length).put(body()).put(mac).array();
  }

  /** The MAC at the end of a stored view, or empty bytes if it is too short. */
  public static byte[] mac(byte[] stored) {
    return stored.length < MAC_SIZE ? new byte[0]
        : Arrays.copyOfRange(stored, stored.length - MAC_SIZE, stored.length);
  }

  /**
   * Decodes a stored view (not checking its MAC).
   *
   * @throws IntegrityException if it is malformed
   */
  public static KeyLogView decode(byte[] stored) {
    if (stored.length < MAC_SIZE) {
      throw new IntegrityException("a key log view is too short");
    }
    ByteReader in = new ByteReader(Arrays.copyOf(stored, stored.length - MAC_SIZE),
        message -> new IntegrityException("a key log view is malformed: " + message));
    if (in.u8() != FORMAT) {
      throw in.malformed("unknown view format");
    }
    int version = in.u32AsInt("the key version");
    long seen = in.u64("the seen size");
    byte[] seenRoot = in.bytes(32, "the seen root");
    long monitored = in.u64("the monitored size");
    byte[] monitoredRoot = in.bytes(32, "the monitored root");
    int n = in.u16();
    List<byte[]> own = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      own.add(in.bytes(32, "an own entry"));
    }
    in.end("the view");
    return new KeyLogView(version, seen, seenRoot, monitored, monitoredRoot, own);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLogView v && Arrays.equals(body(), v.body());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body());
  }

  @Override
  public String toString() {
    return "KeyLogView[seen " + seenSize + ", monitored " + monitoredSize + ", " + own.size()
        + " own]";
  }
}
