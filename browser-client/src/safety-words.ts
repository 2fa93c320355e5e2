// The BIP-39 English list, kept once in sdk-core (docs/format.md, "Safety words"), inlined by the bundler.
import wordList from "../../sdk-core/src/main/resources/dev/secupass/core/internal/firstcontact/bip39-english.txt";
import { label, Labels } from "./internal/labels.js";
import { utf8 } from "./internal/bytes.js";
import { sha256 } from "./internal/primitives.js";

/**
 * Safety words (docs/format.md, "Safety words"): a fingerprint as twelve words of the BIP-39
 * English list, which two people compare at a first contact. Both sides compute them from the same
 * fingerprint, as the Java SDK's `SafetyWords.of` does.
 */

const WORDS: readonly string[] = wordList.split("\n").map((w) => w.trim()).filter((w) => w.length > 0);
if (WORDS.length !== 2048) {
  throw new Error(`the safety word list has ${WORDS.length} words, not 2048`);
}
const COUNT = 12;

/** The twelve safety words of `fingerprint` (eight groups of five digits, single spaces). */
export async function safetyWords(fingerprint: string): Promise<string[]> {
  if (!/^[0-9]{5}( [0-9]{5}){7}$/.test(fingerprint)) {
    throw new RangeError("a fingerprint is eight groups of five digits");
  }
  const hash = await sha256(label(Labels.SAFETY_WORDS), utf8(fingerprint));
  const words: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    let index = 0;
    for (let bit = i * 11; bit < i * 11 + 11; bit++) {
      index = (index << 1) | ((hash[bit >> 3]! >> (7 - (bit & 7))) & 1);
    }
    words.push(WORDS[index]!);
  }
  return words;
}

/** Whether typed words are `words`: lower-cased, split on spaces, commas and hyphens. */
export function safetyWordsMatch(typed: string, words: readonly string[]): boolean {
  const parts = typed.trim().toLowerCase().split(/[\s,-]+/).filter((w) => w.length > 0);
  return parts.length === words.length && parts.every((w, i) => w === words[i]);
}
