import { utf8 } from "./bytes.js";

/**
 * The domain-separation labels of docs/format.md ("Conventions"): ASCII text and one zero byte,
 * so no input of one purpose can be taken for another.
 */
export const Labels = {
  CONTENT: "SecuPass content v1",
  CONTENT_V2: "SecuPass content v2",
  CIPHERTEXT_DIGEST: "SecuPass ciphertext digest v1",
  STREAM_DIGEST_V2: "SecuPass stream digest v2",
  ENVELOPE: "SecuPass envelope v1",
  SIGNED: "SecuPass signed v1",
  KEY_COMMITMENT: "SecuPass key commitment v1",
  KEY_BLOB: "SecuPass key blob v1",
  KEY_BLOB_CHECKSUM: "SecuPass key blob checksum v1",
  FINGERPRINT: "SecuPass fingerprint v1",
  PIN_SEAL_KEY: "SecuPass pin seal key v1",
  PIN_SEAL: "SecuPass pin seal v1",
  PIN_SEAL_V2: "SecuPass pin seal v2",
  MEMBERSHIP_CHAIN: "SecuPass membership chain v1",
  MEMBER_KEY: "SecuPass member key v1",
  FILE_NAME_V2: "SecuPass file name v2",
  HOST_MANIFEST_V2: "SecuPass host manifest v2",
  HOST_WITHDRAWAL: "SecuPass host withdrawal v1",
  ACCESS_CODE_SALT: "SecuPass access code salt v1",
  ACCESS_CODE_VERIFIER: "SecuPass access code verifier v1",
  ACCESS_CODE_SEAL: "SecuPass access code seal v1",
  ACCESS_CODE_BINDING: "SecuPass access code binding v1",
  SAFETY_WORDS: "SecuPass safety words v1",
} as const;

/** The label's bytes followed by a zero byte. */
export function label(text: string): Uint8Array {
  const ascii = utf8(text);
  const out = new Uint8Array(ascii.length + 1);
  out.set(ascii);
  return out;
}
