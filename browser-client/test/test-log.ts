import { utf8 } from "../src/internal/bytes.js";
import { ed25519Sign, importEd25519Seed } from "../src/internal/primitives.js";
import {
  base64Encode,
  checkpointText,
  encodeKeyLogLeaf,
  keyLogLeafOf,
  keyLogRoot,
  leafHash,
  noteKeyId,
  type Checkpoint,
  type KeyLogEvent,
  type KeyLogProof,
} from "../src/key-log.js";
import type { KeyLogRelay } from "../src/key-log-statement.js";
import type { PublicKeys } from "../src/keys.js";
import { deterministicRandom } from "./support.js";

/** An Ed25519 note signer of the tests: the log's key (type 0x01) or a witness's (type 0x04). */
class NoteSigner {
  private constructor(
    readonly name: string,
    readonly type: number,
    private readonly signing: { privateKey: CryptoKey; publicKey: Uint8Array },
  ) {}

  static async make(name: string, type: number, seed: string): Promise<NoteSigner> {
    const random = await deterministicRandom(seed);
    return new NoteSigner(name, type, await importEd25519Seed(random(32)));
  }

  async verifierKey(): Promise<string> {
    const typed = new Uint8Array([this.type, ...this.signing.publicKey]);
    return `${this.name}+${(await this.keyId()).toString(16).padStart(8, "0")}+${base64Encode(typed)}`;
  }

  private keyId(): Promise<number> {
    return noteKeyId(this.name, this.type, this.signing.publicKey);
  }

  /** The signature line over `text` (a cosignature at `time` for a witness). */
  async line(text: string, time = 1796000000): Promise<string> {
    const head = new Uint8Array(this.type === 1 ? 4 : 12);
    const view = new DataView(head.buffer);
    view.setUint32(0, await this.keyId());
    const message = this.type === 1 ? text : `cosignature/v1\ntime ${time}\n${text}`;
    if (this.type !== 1) {
      view.setBigUint64(4, BigInt(time));
    }
    const signature = await ed25519Sign(this.signing.privateKey, utf8(message));
    return `\u2014 ${this.name} ${base64Encode(new Uint8Array([...head, ...signature]))}\n`;
  }
}

/** A witness of the tests: cosigns whatever note it is given. */
export class TestWitness {
  private constructor(private readonly signer: NoteSigner) {}

  static async make(name: string): Promise<TestWitness> {
    return new TestWitness(await NoteSigner.make(name, 4, `witness ${name}`));
  }

  verifierKey(): Promise<string> {
    return this.signer.verifierKey();
  }

  /** `note` with this witness's cosignature line added. */
  async cosign(note: string): Promise<string> {
    const text = note.slice(0, note.lastIndexOf("\n\n") + 1);
    return note + (await this.signer.line(text));
  }
}

/** A key log kept by the test: leaves, and proofs made by RFC 9162's recursive definitions. */
export class TestLog {
  readonly leaves: Uint8Array[] = [];
  private constructor(private readonly signer: NoteSigner) {}

  static async make(name: string, seed: string): Promise<TestLog> {
    return new TestLog(await NoteSigner.make(name, 1, seed));
  }

  verifierKey(): Promise<string> {
    return this.signer.verifierKey();
  }

  async add(keys: PublicKeys, event: KeyLogEvent = "ACTIVATION"): Promise<number> {
    this.leaves.push(encodeKeyLogLeaf(await keyLogLeafOf(event, keys.user, keys.version, keys.encoded)));
    return this.leaves.length - 1;
  }

  async hashes(n = this.leaves.length): Promise<Uint8Array[]> {
    return Promise.all(this.leaves.slice(0, n).map(leafHash));
  }

  async checkpoint(n = this.leaves.length): Promise<Checkpoint> {
    return { origin: this.signer.name, size: n, root: await keyLogRoot(await this.hashes(n)) };
  }

  async note(n = this.leaves.length): Promise<string> {
    const text = checkpointText(await this.checkpoint(n));
    return `${text}\n${await this.signer.line(text)}`;
  }

  /** The inclusion proof of the leaf at `index` in the tree of `size` leaves. */
  async inclusion(index: number, size = this.leaves.length): Promise<Uint8Array[]> {
    return path(index, await this.hashes(size));
  }

  /** The roots of the perfect subtrees of the tree of `size` leaves, largest first. */
  async frontier(size: number): Promise<Uint8Array[]> {
    const hashes = await this.hashes(size);
    const roots: Uint8Array[] = [];
    let from = 0;
    for (let level = 52; level >= 0; level--) {
      if (Math.floor(size / 2 ** level) % 2 === 1) {
        roots.push(await keyLogRoot(hashes.slice(from, from + 2 ** level)));
        from += 2 ** level;
      }
    }
    return roots;
  }

  /** The consistency proof from `from` leaves to `to` (none from 0 or to the same size). */
  async consistency(from: number, to = this.leaves.length): Promise<Uint8Array[]> {
    return from === 0 || from === to ? [] : subproof(from, await this.hashes(to), true);
  }

  /**
   * The host's relay over this log as `ClientRelay.keyLogConsistency` answers: the proof between
   * two sizes, empty when the tree holds fewer than `toSize` entries, from 0 or for one size.
   * `asked` records each request.
   */
  relay(asked: [number, number][] = []): KeyLogRelay {
    return {
      keyLogConsistency: async (fromSize, toSize) => {
        asked.push([fromSize, toSize]);
        if (fromSize < 0 || fromSize > toSize) {
          throw new RangeError(`no proof from ${fromSize} to ${toSize}`);
        }
        return toSize > this.leaves.length ? [] : this.consistency(fromSize, toSize);
      },
    };
  }

  async proof(index: number, seen: number): Promise<KeyLogProof> {
    return {
      checkpoint: await this.note(),
      leaf: this.leaves[index]!,
      index,
      inclusion: await this.inclusion(index),
      consistency: await this.consistency(seen),
    };
  }
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

async function path(m: number, d: Uint8Array[]): Promise<Uint8Array[]> {
  if (d.length <= 1) {
    return [];
  }
  const k = split(d.length);
  return m < k
    ? [...(await path(m, d.slice(0, k))), await keyLogRoot(d.slice(k))]
    : [...(await path(m - k, d.slice(k))), await keyLogRoot(d.slice(0, k))];
}

async function subproof(m: number, d: Uint8Array[], b: boolean): Promise<Uint8Array[]> {
  if (m === d.length) {
    return b ? [] : [await keyLogRoot(d)];
  }
  const k = split(d.length);
  return m <= k
    ? [...(await subproof(m, d.slice(0, k), b)), await keyLogRoot(d.slice(k))]
    : [...(await subproof(m - k, d.slice(k), false)), await keyLogRoot(d.slice(0, k))];
}
