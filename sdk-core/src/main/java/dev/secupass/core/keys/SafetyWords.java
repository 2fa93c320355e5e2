package dev.secupass.core.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.core.internal.firstcontact.SafetyWordList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A user's key fingerprint rendered as twelve words from the BIP-39 English word list, for two
 * people to compare out of band at a first contact ("read me your safety words"). Both sides
 * compute them from the same fingerprint the same way ({@code docs/format.md}, "Safety words"), so
 * equal words mean equal keys, as far as anyone can arrange on purpose (132 bits).
 *
 * @param words the twelve words, lower case
 */
public record SafetyWords(List<String> words) {
  /** How many words there are. */
  public static final int COUNT = 12;

  public SafetyWords {
    words = List.copyOf(words);
    if (words.size() != COUNT) {
      throw new IllegalArgumentException("safety words are " + COUNT + " words");
    }
  }

  /**
   * The safety words of {@code fingerprint}. A recipient reads theirs from their own session
   * ({@code SafetyWords.of(session.fingerprint())}), never from what storage presents.
   */
  public static SafetyWords of(Fingerprint fingerprint) {
    return SafetyWordList.of(fingerprint);
  }

  /** Words as typed or read: separated by spaces, commas or hyphens, in any case. */
  public static SafetyWords parse(String typed) {
    return new SafetyWords(Arrays.stream(typed.strip().toLowerCase(Locale.ROOT).split("[\\s,\\-]+"))
        .filter(word -> !word.isEmpty()).toList());
  }

  /** Whether these are the same words as {@code other}. */
  public boolean matches(SafetyWords other) {
    return words.equals(Objects.requireNonNull(other, "other").words);
  }

  /** The words separated by single spaces. */
  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
