import { EnvelopeContexts } from "../src/contexts.js";
import { IntegrityError, InvalidSignatureError, KeyChangedError } from "../src/errors.js";
import { fulfilDeliveryGrant, fulfilRoomGrant } from "../src/grants.js";
import type { FirstContactRule } from "../src/first-contact.js";
import { KeyPinning, MemoryPinStore } from "../src/pinning.js";
import { kdfPolicy } from "../src/keyblob.js";
import { checkManifestKey } from "../src/manifest.js";
import { encodeManifestV2, fileNameDigest, verifyManifestV2 } from "../src/manifest-v2.js";
import { activate, type Session } from "../src/session.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, rejects } from "./assert.js";
import { test } from "./harness.js";

/** Grant fulfilment in the browser: unwrap with the own key, check, re-wrap to the recipient. */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const PASS = "grant me";

async function user(name: string, suite: 1 | 2 = 2): Promise<Session> {
  return (await activate(`${name}@example.org`, PASS, { kdf: FAST, suite })).session;
}

/** These tests are about the grant mechanics: the sender trusts first contacts on first use. */
function tofu(sender: Session): FirstContactRule {
  return { pinning: new KeyPinning(sender, new MemoryPinStore()), policy: () => "TRUST_ON_FIRST_USE" };
}

async function sent(sender: Session, recipients: string[], key: SymmetricKey, delivery = "d-1", level = 4) {
  const payload = encodeManifestV2({
    delivery,
    level,
    sender: sender.user,
    createdAt: 1_772_355_600_123,
    expiresAt: 1_772_355_600_123 + 86_400_000,
    recipients,
    files: [{ file: "f-1", nameDigest: await fileNameDigest(new Uint8Array([1])), size: 5, storedSize: 60, digest: new Uint8Array(32) }],
    detailsDigest: new Uint8Array(32),
    keyCommitment: await key.commitment(),
  });
  return {
    signedManifest: await sender.sign("DELIVERY_MANIFEST", payload),
    ownEnvelope: await sender.sealEnvelope(sender.publicKeys, EnvelopeContexts.delivery(delivery, level), key),
  };
}

test("grants_delivery_rewrapsTheSendersKeyToTheRecipient_inTheRecipientsSuite", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const carl = await user("carl", 1);
  const key = SymmetricKey.generate();
  const stored = await sent(alice, [bob.user, carl.user], key);
  const context = EnvelopeContexts.delivery("d-1", 4);
  for (const recipient of [bob, carl]) {
    const envelope = await fulfilDeliveryGrant(alice, { delivery: "d-1", level: 4, ...stored, recipient: recipient.publicKeys }, tofu(alice));
    equal(envelope[5], recipient.publicKeys.suite, "the recipient's suite");
    const opened = await recipient.openEnvelope(envelope, alice.publicKeys, context);
    bytesEqual(opened.exportBytes(), key.exportBytes());
    await checkManifestKey(await verifyManifestV2(stored.signedManifest, alice.publicKeys), opened);
  }
});

test("grants_delivery_refusesWhatTheSenderDidNotSign_orAnotherKey", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const mallory = await user("mallory");
  const key = SymmetricKey.generate();
  const stored = await sent(alice, [bob.user], key);
  const grant = { delivery: "d-1", level: 4, ...stored, recipient: bob.publicKeys };
  // A manifest the storage operator made with another signer's keys.
  const forged = await sent(mallory, [bob.user], key);
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, signedManifest: forged.signedManifest }, tofu(alice)), InvalidSignatureError);
  // A recipient the manifest does not list (the operator adds mallory to the record).
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, recipient: mallory.publicKeys }, tofu(alice)), IntegrityError);
  // The grant of another delivery or level than the manifest's.
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, delivery: "d-2" }, tofu(alice)), IntegrityError);
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, level: 3 }, tofu(alice)), IntegrityError);
  // An own envelope holding another key than the committed one (an operator cannot make one
  // signed by alice; alice's own earlier envelope of another key stands for it).
  const other = await alice.sealEnvelope(alice.publicKeys, EnvelopeContexts.delivery("d-1", 4), SymmetricKey.generate());
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, ownEnvelope: other }, tofu(alice)), IntegrityError);
  // The own envelope of another delivery.
  const moved = await sent(alice, [bob.user], key, "d-2");
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, ownEnvelope: moved.ownEnvelope }, tofu(alice)), IntegrityError);
});

test("grants_room_wrapsEveryEpochKey_checkedAgainstTheLogsCommitments", async () => {
  const owner = await user("owner");
  const manager = await user("manager");
  const member = await user("member", 1);
  const keys = [SymmetricKey.generate(), SymmetricKey.generate()];
  const epochs = await Promise.all(
    keys.map(async (key, i) => ({
      epoch: i + 1,
      envelope: await owner.sealEnvelope(manager.publicKeys, EnvelopeContexts.roomEpoch("room-1", i + 1), key),
      granter: owner.publicKeys,
      commitment: await key.commitment(),
    })),
  );
  const wrapped = await fulfilRoomGrant(manager, "room-1", epochs, member.publicKeys, tofu(manager));
  equal(wrapped.length, 2);
  for (const [i, w] of wrapped.entries()) {
    equal(w.epoch, i + 1);
    const opened = await member.openEnvelope(w.envelope, manager.publicKeys, EnvelopeContexts.roomEpoch("room-1", i + 1));
    bytesEqual(opened.exportBytes(), keys[i]!.exportBytes());
  }
  const wrongCommitment = [{ ...epochs[0]!, commitment: await keys[1]!.commitment() }];
  await rejects(() => fulfilRoomGrant(manager, "room-1", wrongCommitment, member.publicKeys, tofu(manager)), IntegrityError);
  await rejects(() => fulfilRoomGrant(manager, "room-1", [{ ...epochs[0]!, granter: member.publicKeys }], member.publicKeys, tofu(manager)), InvalidSignatureError);
  await rejects(() => fulfilRoomGrant(manager, "room-2", epochs, member.publicKeys, tofu(manager)), IntegrityError);
  // Other keys under the member's name, after the manager pinned the member's: nothing wrapped.
  const rule = tofu(manager);
  await fulfilRoomGrant(manager, "room-1", epochs, member.publicKeys, rule);
  const impostor = await user("member", 1);
  await rejects(() => fulfilRoomGrant(manager, "room-1", epochs, impostor.publicKeys, rule), KeyChangedError);
});
