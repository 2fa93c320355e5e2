import { checkToken, isToken } from "./ids.js";
import { ByteReader, ByteWriter } from "./internal/bytes.js";

/**
 * What a piece of content belongs to (docs/format.md, "Contexts"). It is bound into the key of
 * every content stream, so ciphertext decrypts only in the context it was made for.
 */
export type ContentPurpose =
  | "DELIVERY_FILE"
  | "DELIVERY_FILE_NAME"
  | "DELIVERY_DETAILS"
  | "ROOM_FILE"
  | "ROOM_ENTRY_NAME"
  | "ROOM_NAME"
  | "ROOM_FILE_KEY";

export interface ContentContext {
  readonly purpose: ContentPurpose;
  /** The delivery or room id. */
  readonly scope: string;
  /** The file or entry id, or "" where the purpose has none. */
  readonly item: string;
  /** The delivery's security level 1-4, or 0 for room content. */
  readonly level: number;
  /** The room-key epoch for content under a room key, otherwise 0. */
  readonly epoch: number;
}

const CONTENT_PURPOSES: Record<ContentPurpose, { code: number; item: boolean; epoch: boolean; delivery: boolean }> = {
  DELIVERY_FILE: { code: 1, item: true, epoch: false, delivery: true },
  DELIVERY_FILE_NAME: { code: 2, item: true, epoch: false, delivery: true },
  DELIVERY_DETAILS: { code: 3, item: false, epoch: false, delivery: true },
  ROOM_FILE: { code: 4, item: true, epoch: false, delivery: false },
  ROOM_ENTRY_NAME: { code: 5, item: true, epoch: true, delivery: false },
  ROOM_NAME: { code: 6, item: false, epoch: true, delivery: false },
  ROOM_FILE_KEY: { code: 7, item: true, epoch: true, delivery: false },
};

/**
 * Checks that the fields fit the purpose (as Java's `ContentContext` constructor does) and returns
 * a frozen copy.
 *
 * @throws RangeError if they do not
 */
export function contentContext(fields: ContentContext): ContentContext {
  const rule = CONTENT_PURPOSES[fields.purpose];
  if (rule === undefined) {
    throw new RangeError(`unknown content purpose ${String(fields.purpose)}`);
  }
  checkToken(fields.scope, rule.delivery ? "a delivery id" : "a room id");
  if (rule.item) {
    checkToken(fields.item, "a file or entry id");
  } else if (fields.item !== "") {
    throw new RangeError(`${fields.purpose} takes no item`);
  }
  if (rule.delivery ? !isLevel(fields.level) : fields.level !== 0) {
    throw new RangeError(`${fields.purpose} ${rule.delivery ? "needs a security level 1-4" : "takes level 0"}`);
  }
  if (rule.epoch ? !isEpoch(fields.epoch) : fields.epoch !== 0) {
    throw new RangeError(`${fields.purpose} ${rule.epoch ? "needs an epoch of 1 or more" : "takes epoch 0"}`);
  }
  return Object.freeze({ ...fields });
}

/** The factories of the seven content contexts. */
export const ContentContexts = {
  deliveryFile: (delivery: string, file: string, level: number) =>
    contentContext({ purpose: "DELIVERY_FILE", scope: delivery, item: file, level, epoch: 0 }),
  deliveryFileName: (delivery: string, file: string, level: number) =>
    contentContext({ purpose: "DELIVERY_FILE_NAME", scope: delivery, item: file, level, epoch: 0 }),
  deliveryDetails: (delivery: string, level: number) =>
    contentContext({ purpose: "DELIVERY_DETAILS", scope: delivery, item: "", level, epoch: 0 }),
  roomFile: (room: string, file: string) =>
    contentContext({ purpose: "ROOM_FILE", scope: room, item: file, level: 0, epoch: 0 }),
  roomEntryName: (room: string, entry: string, epoch: number) =>
    contentContext({ purpose: "ROOM_ENTRY_NAME", scope: room, item: entry, level: 0, epoch }),
  roomName: (room: string, epoch: number) =>
    contentContext({ purpose: "ROOM_NAME", scope: room, item: "", level: 0, epoch }),
  roomFileKey: (room: string, file: string, epoch: number) =>
    contentContext({ purpose: "ROOM_FILE_KEY", scope: room, item: file, level: 0, epoch }),
} as const;

/** `u8 purpose || str scope || str item || u8 level || u32 epoch`. */
export function encodeContentContext(context: ContentContext): Uint8Array {
  const checked = contentContext(context);
  return new ByteWriter(64)
    .u8(CONTENT_PURPOSES[checked.purpose].code)
    .string(checked.scope)
    .string(checked.item)
    .u8(checked.level)
    .u32(checked.epoch)
    .toBytes();
}

/** What a wrapped key belongs to: a delivery's content key, or a room's key of one epoch. */
export type EnvelopePurpose = "DELIVERY_KEY" | "ROOM_EPOCH_KEY";

export interface EnvelopeContext {
  readonly purpose: EnvelopePurpose;
  readonly scope: string;
  readonly level: number;
  readonly epoch: number;
}

const ENVELOPE_CODES: Record<EnvelopePurpose, number> = { DELIVERY_KEY: 1, ROOM_EPOCH_KEY: 2 };

/** Checks an envelope context: a delivery's needs level 1-4 and epoch 0, a room's level 0 and an epoch. */
export function envelopeContext(fields: EnvelopeContext): EnvelopeContext {
  const delivery = fields.purpose === "DELIVERY_KEY";
  if (!delivery && fields.purpose !== "ROOM_EPOCH_KEY") {
    throw new RangeError(`unknown envelope purpose ${String(fields.purpose)}`);
  }
  checkToken(fields.scope, delivery ? "a delivery id" : "a room id");
  if (delivery ? !isLevel(fields.level) || fields.epoch !== 0 : fields.level !== 0 || !isEpoch(fields.epoch)) {
    throw new RangeError(
      delivery
        ? "a delivery key envelope needs level 1-4 and epoch 0"
        : "a room key envelope needs level 0 and an epoch of 1 or more",
    );
  }
  return Object.freeze({ ...fields });
}

export const EnvelopeContexts = {
  delivery: (delivery: string, level: number) =>
    envelopeContext({ purpose: "DELIVERY_KEY", scope: delivery, level, epoch: 0 }),
  roomEpoch: (room: string, epoch: number) =>
    envelopeContext({ purpose: "ROOM_EPOCH_KEY", scope: room, level: 0, epoch }),
} as const;

/** `u8 purpose || str scope || u8 level || u32 epoch`. */
export function writeEnvelopeContext(out: ByteWriter, context: EnvelopeContext): void {
  out.u8(ENVELOPE_CODES[context.purpose]).string(context.scope).u8(context.level).u32(context.epoch);
}

/** Reads what {@link writeEnvelopeContext} wrote; an inconsistent one is damage. */
export function readEnvelopeContext(input: ByteReader): EnvelopeContext {
  const code = input.u8();
  const scope = input.string("envelope scope");
  const level = input.u8();
  const epoch = input.u32AsInt("envelope epoch");
  const purpose = (Object.keys(ENVELOPE_CODES) as EnvelopePurpose[]).find((p) => ENVELOPE_CODES[p] === code);
  if (purpose === undefined) {
    throw input.malformed(`unknown envelope purpose ${code}`);
  }
  if (!isToken(scope)) {
    throw input.malformed("envelope scope is not a valid identifier");
  }
  try {
    return envelopeContext({ purpose, scope, level, epoch });
  } catch (e) {
    throw input.malformed(`envelope context is inconsistent: ${(e as Error).message}`);
  }
}

export function sameEnvelopeContext(a: EnvelopeContext, b: EnvelopeContext): boolean {
  return a.purpose === b.purpose && a.scope === b.scope && a.level === b.level && a.epoch === b.epoch;
}

function isLevel(level: number): boolean {
  return Number.isInteger(level) && level >= 1 && level <= 4;
}

function isEpoch(epoch: number): boolean {
  return Number.isInteger(epoch) && epoch >= 1 && epoch <= 0x7fffffff;
}
