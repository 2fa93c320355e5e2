import { UnsupportedFormatError } from "../errors.js";
import { ByteReader, ByteWriter } from "./bytes.js";

/**
 * The six bytes every stored format begins with (docs/format.md, "Common prefix"): magic "SP", a
 * kind byte, a version byte and a u16 suite.
 */
export const PREFIX_LENGTH = 6;
export const SUITE_1 = 1;
/** The X-Wing suite of envelopes, bundles and key blobs (docs/format.md, "Suite 2: X-Wing"). */
export const SUITE_2 = 2;

export const Kind = {
  CONTENT: { code: 0x43, description: "content stream" },
  ENVELOPE: { code: 0x45, description: "envelope" },
  KEY_BLOB: { code: 0x42, description: "private-key blob" },
  PUBLIC_KEYS: { code: 0x50, description: "public-key bundle" },
  SIGNED: { code: 0x53, description: "signed statement" },
  HOST_MANIFEST: { code: 0x48, description: "host-sealed manifest" },
  HOST_WITHDRAWAL: { code: 0x57, description: "host-sealed withdrawal" },
} as const;

export type Kind = (typeof Kind)[keyof typeof Kind];

/** Writes the prefix of `version` (1 unless a format has a later one) and `suite` (default 1). */
export function writePrefix(out: ByteWriter, kind: Kind, version = 1, suite = SUITE_1): ByteWriter {
  return out.u8(0x53).u8(0x50).u8(kind.code).u8(version).u16(suite);
}

/**
 * Reads and checks a prefix: a wrong magic or kind is damage (the reader's error); a version not
 * in `versions`, or a suite other than 1, is {@link UnsupportedFormatError}.
 *
 * @returns the version found
 */
export function readPrefix(input: ByteReader, kind: Kind, versions: readonly number[] = [1]): number {
  return readPrefixAndSuite(input, kind, versions, [SUITE_1]).version;
}

/** {@link readPrefix} for a format of several suites: the version and suite found. */
export function readPrefixAndSuite(
  input: ByteReader,
  kind: Kind,
  versions: readonly number[],
  suites: readonly number[],
): { version: number; suite: number } {
  const s = input.u8();
  const p = input.u8();
  const k = input.u8();
  if (s !== 0x53 || p !== 0x50 || k !== kind.code) {
    throw input.malformed(`not a SecuPass ${kind.description} (bad magic or kind byte)`);
  }
  const version = input.u8();
  if (!versions.includes(version)) {
    throw new UnsupportedFormatError(
      `unsupported ${kind.description} version ${version} (this library reads ${versions.join(", ")})`,
    );
  }
  const suite = input.u16();
  if (!suites.includes(suite)) {
    throw new UnsupportedFormatError(
      `unsupported ${kind.description} suite ${suite} (this library reads ${suites.join(", ")})`,
    );
  }
  return { version, suite };
}
