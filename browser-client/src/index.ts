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
  WrongAccessCodeError,
  KeyChangedError,
  KeyDowngradeError,
  UnverifiedKeyError,
  FirstContactRefusedError,
  SafetyWordsMismatchError,
  KeyLogError,
  type KeyLogErrorKind,
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
  type KeptSession,
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
  encodeManifestV3,
  decodeManifestV3,
  verifyManifestV3,
  verifyAnyManifest,
  fileNameDigest,
  aesGcmAtRestKey,
  tinkOutputPrefix,
  sealHostManifest,
  openHostManifest,
  type DeliveryManifestV2,
  type DeliveryManifestV3,
  type ManifestFileV2,
  type ManifestV2Input,
  type AtRestAead,
  type HostManifest,
} from "./manifest-v2.js";
export { PIN_SEAL_SIZE, openPin, type PinCheck, type OpenedPin, type EarlierPin, type PinTrust, type PinSuite } from "./pins.js";
export { KeyPinning, MemoryPinStore, type PinStore, type StoredPin, type Standing } from "./pinning.js";
export {
  AccessCode,
  accessCodeBinding,
  accessCodeCheckVerifies,
  accessCodeSalt,
  bindAccessCode,
  makeAccessCodeCheck,
  openAccessCodeCheck,
  parseAccessCodeCheck,
  stretchAccessCode,
  verifiesAccessCodeBinding,
  ACCESS_CODE_CHECK_SIZE,
  ACCESS_CODE_BINDING_SIZE,
  type AccessCodeCheck,
} from "./access-code.js";
export { safetyWords, safetyWordsMatch } from "./safety-words.js";
export {
  keysToRelease,
  keysToWrap,
  ROOMS_LEVEL,
  confirmFirstContact,
  CONFIRM_FIRST_CONTACT,
  type FirstContactRelease,
  type FirstContactPolicy,
  type FirstContactFacts,
  type FirstContactRule,
} from "./first-contact.js";
export {
  encodeKeyLogLeaf,
  decodeKeyLogLeaf,
  keyLogLeafOf,
  leafHash,
  nodeHash,
  keyLogRoot,
  verifyInclusion,
  verifyConsistency,
  parseVerifierKey,
  parseSignedNote,
  noteVerifiedBy,
  noteKeyId,
  parseCheckpoint,
  checkpointText,
  verifyCheckpoint,
  checkLoggedKey,
  witnessPolicy,
  cosignatures,
  type WitnessPolicy,
  type KeyLogLeaf,
  type KeyLogEvent,
  type VerifierKey,
  type SignedNote,
  type NoteSignature,
  type Checkpoint,
  type KeyLogProof,
} from "./key-log.js";
export {
  encodeSeenCheckpoint,
  decodeSeenCheckpoint,
  signSeenCheckpoint,
  openSeenCheckpoint,
  oneHistory,
  compareSeenCheckpoint,
  compareBoundCheckpoint,
  boundCheckpointOf,
  type SeenCheckpoint,
  type BoundCheckpoint,
  type KeyLogRelay,
  type HeldCheckpoint,
} from "./key-log-statement.js";
export {
  monitorOwnKeys,
  type KeyLogAlarm,
  type KeyLogAlarmKind,
  type OwnKeyLogEntry,
  type OwnKeyLogEntries,
  type KeyLogMonitoring,
  type KeyLogMonitorState,
} from "./key-log-monitor.js";
export {
  encodeWithdrawal,
  decodeWithdrawal,
  verifyWithdrawal,
  withdrawalSignedBy,
  checkWithdrawal,
  sealHostWithdrawal,
  openHostWithdrawal,
  type Withdrawal,
  type WithdrawalCheck,
} from "./withdrawal.js";
export {
  encodeMembership,
  membershipVersion,
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
  roomEntryReadOptions,
  type RoomEntryPayload,
  type SignedRoomEntry,
  type ClearRoomEntry,
  type MembershipView,
} from "./room-entries.js";
export { MembershipLog, MembershipState, verifyMembershipLog } from "./membership-log.js";
export {
  openRoom,
  foundRoom,
  nextMembershipEntry,
  addMemberEntry,
  removeMemberEntry,
  keyEntry,
  signRoomFile,
  type RoomCopy,
  type OpenedRoom,
  type FlowOptions,
  type FoundedRoom,
  type AddedMember,
  type RemovedMember,
  type UploadedRoomFile,
  type MembershipChange,
} from "./room-flows.js";
export {
  encryptRoomFile,
  openRoomFile,
  readRoomFile,
  decryptRoomFile,
  type RoomFileOptions,
  type RoomFileEncryption,
  type UploadedCiphertext,
  type RoomFileToAdd,
  type ListedRoomFile,
  type OpenedRoomFile,
  type RoomFileReadRule,
  type RoomFileRange,
} from "./room-files.js";
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
