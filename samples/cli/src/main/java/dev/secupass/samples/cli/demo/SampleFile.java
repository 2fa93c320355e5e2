package dev.secupass.samples.cli.demo;

import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.samples.cli.io.Sizes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A made-up file of the demo, and the check that what arrived is what was sent. */
final class SampleFile {
  private final String name;
  private final byte[] content;

  private SampleFile(String name, byte[] content) {
    this.name = name;
    this.content = content;
  }

  /** A file of {@code size} bytes of repeated text naming it. */
  static SampleFile of(String name, int size) {
    byte[] line = ("This is " + name + ", a file of the SecuPass demo.\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = line[i % line.length];
    }
    return new SampleFile(name, content);
  }

  String name() {
    return name;
  }

  /** Adds this file to a draft. */
  void addTo(DeliveryDraft.Builder draft) {
    draft.file(name, this::stream, content.length);
  }

  InputStream stream() {
    return new ByteArrayInputStream(content);
  }

  /** {@code "contract.pdf (48.0 KiB)"}. */
  String describe() {
    return name + " (" + Sizes.of(content.length) + ")";
  }

  /**
   * Reads {@code received} to its end and says that it equals this file, with its digest.
   *
   * @throws IllegalStateException if it does not (the demo stops)
   */
  String compare(InputStream received) {
    byte[] bytes;
    try (InputStream in = received) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Arrays.equals(bytes, content)) {
      throw new IllegalStateException(name + " arrived different from what was sent");
    }
    return "identical to what was sent (SHA-256 " + digest(bytes).substring(0, 12) + "...)";
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
