package dev.secupass.core.internal.firstcontact;

import dev.secupass.api.Fingerprint;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.keys.SafetyWords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a fingerprint as {@link SafetyWords} ({@code docs/format.md}, "Safety words"): SHA-256
 * over the label {@code "SecuPass safety words v1"} and the fingerprint's ASCII digits and spaces;
 * the first 132 bits of the hash, read big-endian in twelve 11-bit slices, index the BIP-39
 * English word list (2048 words, {@code bip39-english.txt} beside this class, from
 * github.com/bitcoin/bips, bip-0039/english.txt, MIT licence).
 */
public final class SafetyWordList {
  static final String LABEL = "SecuPass safety words v1";
  private static final List<String> WORDS = load();

  private SafetyWordList() {}

  /** The safety words of {@code fingerprint}. */
  public static SafetyWords of(Fingerprint fingerprint) {
    byte[] hash = Hashes.sha256(Labels.of(LABEL),
        fingerprint.digits().getBytes(StandardCharsets.US_ASCII));
    List<String> words = new ArrayList<>(SafetyWords.COUNT);
    for (int i = 0; i < SafetyWords.COUNT; i++) {
      int index = 0;
      for (int bit = i * 11; bit < i * 11 + 11; bit++) {
        index = (index << 1) | ((hash[bit / 8] >> (7 - bit % 8)) & 1);
      }
      words.add(WORDS.get(index));
    }
    return new SafetyWords(words);
  }

  private static List<String> load() {
    try (InputStream in = Objects.requireNonNull(
            SafetyWordList.class.getResourceAsStream("bip39-english.txt"), "bip39-english.txt");
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> words = reader.lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
      if (words.size() != 2048) {
        throw new IllegalStateException("the safety word list has " + words.size()
            + " words, not 2048");
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the safety word list", e);
    }
  }
}
