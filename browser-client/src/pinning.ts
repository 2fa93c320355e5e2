import { IntegrityError, KeyChangedError, KeyDowngradeError } from "./errors.js";
import type { PublicKeys } from "./keys.js";
import { MAX_PIN_HISTORY, type EarlierPin, type OpenedPin, type PinTrust } from "./pins.js";
import type { Session } from "./session.js";

/**
 * Key pins in the browser, with the rules of the Java SDK's `KeyPinning` (docs/format.md,
 * "Key-pin seal", "Checking a stored pin"): an observer's pin of a subject's keys, sealed (version
 * 2) under a key only the observer's private keys give, so a store that keeps pins (the host's
 * server, the browser's storage) can lose them but cannot change them unnoticed. Keys that differ
 * from the pin are {@link KeyChangedError}; the pinned keys shown without the X-Wing key the pin
 * recorded are {@link KeyDowngradeError}; a seal that fails its MAC is {@link IntegrityError}.
 */

/** One stored pin: the subject's keys of one version, by fingerprint, and the observer's seal. */
export interface StoredPin {
  readonly subject: string;
  readonly version: number;
  readonly fingerprint: string;
  readonly seal: Uint8Array;
}

/** Where an observer's pins are kept (one per observer and subject), as the host chooses. */
export interface PinStore {
  find(observer: string, subject: string): Promise<StoredPin | undefined>;
  save(observer: string, pin: StoredPin): Promise<void>;
}

/** A {@link PinStore} in memory (tests, or a page that keeps pins for one visit). */
export class MemoryPinStore implements PinStore {
  private readonly pins = new Map<string, StoredPin>();

  async find(observer: string, subject: string): Promise<StoredPin | undefined> {
    return this.pins.get(`${observer}\u0000${subject}`);
  }

  async save(observer: string, pin: StoredPin): Promise<void> {
    this.pins.set(`${observer}\u0000${pin.subject}`, pin);
  }
}

/** What an observer's pins say about a subject's keys of one version. */
export type Standing = "PINNED" | "DIFFERENT" | "UNKNOWN";

/**
 * The pins of one unlocked observer. `vouch` is the key transparency check before a wrap (see
 * `checkLoggedKey`): it runs before anything is pinned, for keys about to be wrapped to.
 */
export class KeyPinning {
  constructor(
    private readonly observer: Session,
    private readonly store: PinStore,
  ) {}

  /** Whether the observer has a pin of `subject` (valid or not); without one, a first contact. */
  async hasPin(subject: string): Promise<boolean> {
    return subject === this.observer.user || (await this.store.find(this.observer.user, subject)) !== undefined;
  }

  /**
   * Whether the observer's pin of `subject` is verified (trust 2: the fingerprint or the safety
   * words compared, or an access code's binding checked). A pin made on first use (trust 1) is not:
   * one seen when reading a signature, one made under trust on first use, a version-1 seal, or one
   * re-made after the observer's own reset. The observer's own keys count as verified. Only a
   * verified pin releases at levels 3-4 under the default first-contact policy (Java's
   * `KeyPinning.hasVerifiedPin`).
   *
   * @throws IntegrityError if the stored pin was altered
   */
  async hasVerifiedPin(subject: string): Promise<boolean> {
    if (subject === this.observer.user) {
      return true;
    }
    const pin = await this.store.find(this.observer.user, subject);
    if (pin === undefined) {
      return false;
    }
    const seal = await this.opened(pin);
    return seal.check === "VALID" && seal.trust === 2;
  }

  /**
   * Checks `keys` against the observer's pin of their user, if there is one, without pinning or
   * asking the key log: for keys a release holds until the observer confirms them (a pin seen when
   * reading and keys replaced since are a change of keys, not a first contact).
   *
   * @throws KeyChangedError, KeyDowngradeError, IntegrityError as {@link verifiedKeys}
   */
  async requireUnchanged(keys: PublicKeys): Promise<void> {
    if (keys.user === this.observer.user) {
      return;
    }
    const pin = await this.store.find(this.observer.user, keys.user);
    if (pin !== undefined) {
      await this.matching(pin, keys);
    }
  }

  /**
   * `keys` (the subject's active keys as the server presents them) checked against the pin, pinned
   * on first use (trust 1). A valid version-1 seal, or a pin of the same keys now shown with an
   * X-Wing key, is re-sealed as version 2.
   *
   * @param vouch for keys about to be wrapped to: the key log's check, before anything is pinned
   * @throws KeyChangedError if the keys differ from the pinned ones
   * @throws KeyDowngradeError if they are the pinned keys without the X-Wing key the pin recorded
   * @throws IntegrityError if the stored pin was altered
   */
  async verifiedKeys(keys: PublicKeys, vouch?: (keys: PublicKeys) => Promise<void>): Promise<PublicKeys> {
    if (keys.user === this.observer.user) {
      return this.observer.publicKeys;
    }
    const pin = await this.store.find(this.observer.user, keys.user);
    if (pin === undefined) {
      await vouch?.(keys);
      await this.pin(keys, 1, []);
      return keys;
    }
    const seal = await this.matching(pin, keys);
    await vouch?.(keys);
    if (seal.check === "UNVERIFIABLE") {
      await this.pin(keys, 1, []);
    } else if (seal.version === 1 || keys.suite > seal.suite) {
      await this.pin(keys, seal.trust, seal.history);
    }
    return keys;
  }

  /**
   * Pins `keys` after the observer compared `confirmed` (the fingerprint, or the safety words made
   * from it) out of band (trust 2), replacing an earlier pin, which the new seal keeps as history.
   *
   * @throws KeyChangedError if the keys do not have the confirmed fingerprint (nothing is pinned)
   * @throws KeyDowngradeError if they are the pinned keys without the X-Wing key the pin recorded
   */
  async reverify(keys: PublicKeys, confirmed: string): Promise<PublicKeys> {
    if (keys.fingerprint !== confirmed) {
      throw new KeyChangedError(keys.user, confirmed, keys.fingerprint);
    }
    let history: EarlierPin[] = [];
    const pin = await this.store.find(this.observer.user, keys.user);
    if (pin !== undefined) {
      const seal = await this.open(pin);
      if (seal.check === "VALID" && pin.version === keys.version && pin.fingerprint === keys.fingerprint && keys.suite < seal.suite) {
        throw new KeyDowngradeError(keys.user);
      }
      if (seal.check === "VALID") {
        history = seal.history.filter((e) => e.version !== pin.version);
        if (pin.version !== keys.version) {
          history.push({ version: pin.version, fingerprint: pin.fingerprint, trust: seal.trust });
        }
      }
    }
    await this.pin(
      keys,
      2,
      history.filter((e) => e.version !== keys.version),
    );
    return keys;
  }

  /** What the observer's pins say about `keys` (of any version), without pinning anything. */
  async standing(keys: PublicKeys): Promise<Standing> {
    if (keys.user === this.observer.user) {
      if (keys.version !== this.observer.version) {
        return "UNKNOWN";
      }
      return keys.fingerprint === this.observer.fingerprint ? "PINNED" : "DIFFERENT";
    }
    const pin = await this.store.find(this.observer.user, keys.user);
    if (pin === undefined) {
      return "UNKNOWN";
    }
    const seal = await this.opened(pin);
    if (pin.version === keys.version) {
      return pin.fingerprint === keys.fingerprint ? "PINNED" : "DIFFERENT";
    }
    if (seal.check !== "VALID") {
      return "UNKNOWN";
    }
    const earlier = seal.history.filter((e) => e.version === keys.version).at(-1);
    return earlier === undefined ? "UNKNOWN" : earlier.fingerprint === keys.fingerprint ? "PINNED" : "DIFFERENT";
  }

  private open(pin: StoredPin): Promise<OpenedPin> {
    return this.observer.openPin(pin.seal, pin.subject, pin.version, pin.fingerprint);
  }

  private async opened(pin: StoredPin): Promise<OpenedPin> {
    const seal = await this.open(pin);
    if (seal.check === "INVALID") {
      throw new IntegrityError(`the stored verification of ${pin.subject} by ${this.observer.user} was altered`);
    }
    return seal;
  }

  /** The pin's checked seal, after checking that `keys` are the pinned ones. */
  private async matching(pin: StoredPin, keys: PublicKeys): Promise<OpenedPin> {
    const seal = await this.opened(pin);
    if (pin.version !== keys.version || pin.fingerprint !== keys.fingerprint) {
      throw new KeyChangedError(keys.user, pin.fingerprint, keys.fingerprint);
    }
    if (keys.suite < seal.suite) {
      throw new KeyDowngradeError(keys.user);
    }
    return seal;
  }

  private async pin(keys: PublicKeys, trust: PinTrust, history: readonly EarlierPin[]): Promise<void> {
    const kept = history.slice(Math.max(0, history.length - MAX_PIN_HISTORY));
    const seal = await this.observer.sealPin(keys.user, keys.version, keys.fingerprint, { trust, suite: keys.suite, history: kept });
    await this.store.save(this.observer.user, { subject: keys.user, version: keys.version, fingerprint: keys.fingerprint, seal });
  }
}
