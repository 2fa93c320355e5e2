import { UnsupportedFormatError } from "../errors.js";
import { ByteReader, ByteWriter } from "./bytes.js";

/**
 * The six bytes every stored format begins with (docs/format.md, "Common prefix"): magic "SP", a
 * kind byte, a version byte and a u16 suite.
 */
export const PREFIX_LENGTH = 6;
export const SUITE_1 = 1;

export const Kind = {
  CONTENT: { code: 0x43, description: "content stream" },
  ENVELOPE: { code: 0x45, description: "envelope" },
  KEY_BLOB: { code: 0x42, description: "private-key blob" },
  PUBLIC_KEYS: { code: 0x50, description: "public-key bundle" },
  SIGNED: { code: 0x53, description: "signed statement" },
  HOST_MANIFEST: { code: 0x48, description: "host-sealed manifest" },
} as const;

export type Kind = (typeof Kind)[keyof typeof Kind];

/** Writes the prefix of `version` (1 unless a format has a later one) and suite 1. */
export function writePrefix(out: ByteWriter, kind: Kind, version = 1): ByteWriter {
  return out.u8(0x53).u8(0x50).u8(kind.code).u8(version).u16(SUITE_1);
}

/**
 * Reads and checks a prefix: a wrong magic or kind is damage (the reader's error); a version not
 * in `versions`, or a suite other than 1, is {@link UnsupportedFormatError}.
 *
 * @returns the version found
 */
export function readPrefix(input: ByteReader, kind: Kind, versions: readonly number[] = [1]): number {
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
  if (suite !== SUITE_1) {
    throw new UnsupportedFormatError(
      `unsupported ${kind.description} suite ${suite} (this library reads 1)`,
    );
  }
  return version;
}
