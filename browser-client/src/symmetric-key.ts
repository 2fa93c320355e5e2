import { constantTimeEqual, wipe } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { hmacSha256, secureRandom, type Random } from "./internal/primitives.js";

const COMMITMENT_LABEL = label(Labels.KEY_COMMITMENT);
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A 256-bit secret key: a delivery's or room file's content key, or a room's key of one epoch. It
 * has no revealing `toString`, `toJSON` or inspection; {@link wipe} overwrites the bytes (copies
 * the JavaScript engine made cannot be reached).
 */
export class SymmetricKey {
  static readonly SIZE = 32;
  readonly #material: Uint8Array;
  #wiped = false;

  private constructor(material: Uint8Array) {
    this.#material = material;
  }

  /** A fresh random key. */
  static generate(random: Random = secureRandom): SymmetricKey {
    return new SymmetricKey(random(SymmetricKey.SIZE));
  }

  /** A key from its 32 raw bytes, which are copied: wipe yours afterwards. */
  static fromBytes(bytes: Uint8Array): SymmetricKey {
    if (bytes.length !== SymmetricKey.SIZE) {
      throw new RangeError(`a symmetric key is 32 bytes, got ${bytes.length}`);
    }
    return new SymmetricKey(bytes.slice());
  }

  /** A copy of the raw key bytes, for wrapping; never log or store them in the clear. */
  exportBytes(): Uint8Array {
    return this.material().slice();
  }

  /**
   * The key commitment (docs/format.md, "Key commitment"): HMAC-SHA256 keyed with this key over
   * `"SecuPass key commitment v1"\0`. A signed manifest or log entry carries it so a reader can
   * tell that the key it unwrapped is the one the writer used.
   */
  commitment(): Promise<Uint8Array> {
    return hmacSha256(this.material(), COMMITMENT_LABEL);
  }

  /** Whether `commitment` is this key's, compared in constant time. */
  async matchesCommitment(commitment: Uint8Array): Promise<boolean> {
    return constantTimeEqual(await this.commitment(), commitment);
  }

  /** Overwrites the key bytes; using the key afterwards throws. */
  wipe(): void {
    this.#wiped = true;
    wipe(this.#material);
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  /** The key bytes themselves (not a copy), for this library's ciphers. @internal */
  material(): Uint8Array {
    if (this.#wiped) {
      throw new Error("the key was wiped");
    }
    return this.#material;
  }

  toString(): string {
    return "SymmetricKey[hidden]";
  }

  toJSON(): string {
    return "SymmetricKey[hidden]";
  }

  [INSPECT](): string {
    return "SymmetricKey[hidden]";
  }
}
