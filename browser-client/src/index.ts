/**
 * The SecuPass format in the browser (docs/browser-client.md): a user's keys, envelopes, signed
 * statements, manifests, room formats and content streams, on WebCrypto and WebAssembly, so
 * that a web user's SecuPass, private keys and plaintext never leave the page.
 */
export {
  SecuPassError,
  IntegrityError,
  InvalidSignatureError,
  UnsupportedFormatError,
  WrongSecuPassError,
  InvalidKeyBlobError,
  MembershipLogError,
  SessionClosedError,
} from "./errors.js";
export { isToken, isUserId, MAX_USER_ID_LENGTH } from "./ids.js";
export {
  ContentContexts,
  EnvelopeContexts,
  contentContext,
  envelopeContext,
  encodeContentContext,
  type ContentContext,
  type ContentPurpose,
  type EnvelopeContext,
  type EnvelopePurpose,
} from "./contexts.js";
export { SymmetricKey } from "./symmetric-key.js";
export { PublicKeys, fingerprint } from "./keys.js";
export {
  DEFAULT_KDF,
  kdfPolicy,
  withinBounds,
  passphraseBytes,
  type KdfParameters,
} from "./keyblob.js";
export {
  Session,
  activate,
  unlock,
  changeSecuPass,
  type KeyRecord,
  type KeyOptions,
  type Unlocked,
} from "./session.js";
export { parseEnvelope, type ParsedEnvelope } from "./envelope.js";
export {
  parseStatement,
  verifiedPayload,
  verifyStatement,
  MAX_PAYLOAD,
  type ParsedStatement,
  type SignedType,
} from "./signed.js";
export {
  encodeManifest,
  decodeManifest,
  verifyManifest,
  checkManifestKey,
  type DeliveryManifest,
  type ManifestFile,
  type Instant,
} from "./manifest.js";
export {
  encodeManifestV2,
  decodeManifestV2,
  verifyManifestV2,
  verifyAnyManifest,
  fileNameDigest,
  aesGcmAtRestKey,
  tinkOutputPrefix,
  sealHostManifest,
  openHostManifest,
  type DeliveryManifestV2,
  type ManifestFileV2,
  type ManifestV2Input,
  type AtRestAead,
  type HostManifest,
} from "./manifest-v2.js";
export { PIN_SEAL_SIZE, type PinCheck } from "./pins.js";
export {
  encodeMembership,
  decodeMembership,
  chainHash,
  memberKey,
  encodeEntryMetadata,
  decodeEntryMetadata,
  RoomCiphers,
  NAME_EPOCH,
  type MembershipRecord,
  type MembershipAction,
  type MemberKey,
  type RoomRole,
  type EntryMetadata,
} from "./rooms.js";
export {
  encodeRoomEntry,
  decodeRoomEntry,
  verifyRoomEntry,
  membershipView,
  type RoomEntryPayload,
  type SignedRoomEntry,
  type ClearRoomEntry,
  type MembershipView,
} from "./room-entries.js";
export { fulfilDeliveryGrant, fulfilRoomGrant, type DeliveryGrant, type RoomEpochEnvelope } from "./grants.js";
export {
  ContentCipher,
  ContentEncryptor,
  type ContentCipherOptions,
  type DecryptOptions,
  type EncryptedContent,
} from "./stream/cipher.js";
export { DEFAULT_SEGMENT_SIZE, type StreamVersion } from "./stream/format.js";
export {
  bytesSource,
  blobSource,
  httpSource,
  RangeRequestError,
  type CiphertextSource,
  type HttpSourceOptions,
} from "./stream/sources.js";
export type { Random } from "./internal/primitives.js";
