/**
 * The typed errors of the SecuPass format, one class per failure a caller can act on. They mirror
 * the Java SDK's exceptions (`dev.secupass.api`): `IntegrityError` is `IntegrityException`, and so
 * on; {@link SecuPassError.javaName} names the Java class, which the known-answer vectors record.
 *
 * Messages name the check that failed and never contain a secret (a SecuPass, a private or
 * content key, a plaintext byte).
 */
export class SecuPassError extends Error {
  /** The simple name of the Java SDK's exception for the same failure. */
  readonly javaName: string = "SecuPassException";

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Ciphertext or other protected data failed authentication: tampered with, truncated, reordered,
 * moved from another context (delivery, room, file, level, recipient) or opened with the wrong
 * key. No plaintext of what failed was released.
 */
export class IntegrityError extends SecuPassError {
  override readonly javaName: string = "IntegrityException";
}

/** A signature does not verify, or the keys given are not the claimed signer's. */
export class InvalidSignatureError extends SecuPassError {
  override readonly javaName: string = "InvalidSignatureException";
}

/**
 * Data begins with a format version, suite or type this library does not know (written by a
 * newer SDK, or not SecuPass data). Nothing was decrypted.
 */
export class UnsupportedFormatError extends SecuPassError {
  override readonly javaName: string = "UnsupportedFormatException";
}

/**
 * The SecuPass does not open an intact private-key blob that belongs to the user, key version and
 * parameters of its record: most likely a typing mistake. Hosts count these to rate-limit.
 */
export class WrongSecuPassError extends SecuPassError {
  override readonly javaName: string = "WrongSecuPassException";

  constructor(readonly user: string) {
    super(`wrong SecuPass for user ${user}`);
  }
}

/**
 * A private-key blob or key record is damaged, truncated, or belongs to another user, version or
 * cost. Never a wrong SecuPass: retrying with another one cannot help.
 */
export class InvalidKeyBlobError extends SecuPassError {
  override readonly javaName: string = "InvalidKeyBlobException";
}

/**
 * A data room's membership log (or one of its entries) failed verification. A kind of
 * {@link IntegrityError}, as in Java.
 */
export class MembershipLogError extends IntegrityError {
  override readonly javaName: string = "MembershipLogException";
}

/** A session was closed (its keys are gone); unlock again. */
export class SessionClosedError extends SecuPassError {
  override readonly javaName: string = "SessionClosedException";

  constructor() {
    super("the SecuPass session was closed; unlock again");
  }
}

/**
 * The access code typed does not match the delivery's check (Java's `WrongAccessCodeException`):
 * most likely a typing mistake; the guest checks it with the sender. The message never repeats it.
 */
export class WrongAccessCodeError extends SecuPassError {
  override readonly javaName: string = "WrongAccessCodeException";
}

/**
 * A user's keys changed since the observer verified them (Java's `KeyChangedException`): compare
 * the new fingerprint with them before anything is wrapped to them.
 */
export class KeyChangedError extends SecuPassError {
  override readonly javaName: string = "KeyChangedException";

  constructor(
    readonly subject: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(`the keys of ${subject} changed since they were verified (verified ${pinned}, now ${presented}); compare the fingerprint with them and confirm it`);
  }
}

/**
 * A user's keys were offered without the post-quantum (X-Wing) key the observer's pin recorded for
 * the same keys (Java's `KeyDowngradeException`, an `IntegrityException`): nothing is wrapped to
 * them with the weaker method.
 */
export class KeyDowngradeError extends IntegrityError {
  override readonly javaName: string = "KeyDowngradeException";

  constructor(readonly subject: string) {
    super(`the keys of ${subject} were offered without their post-quantum key, which was seen before; refusing to encrypt to them with the weaker method`);
  }
}

/**
 * A first contact whose keys the sender has not verified yet (Java's `UnverifiedKeyException`):
 * the sender compares the recipient's safety words with them and confirms, then releases.
 */
export class UnverifiedKeyError extends SecuPassError {
  override readonly javaName: string = "UnverifiedKeyException";

  constructor(
    readonly recipient: string,
    /** The fingerprint of the keys presented, from which both sides compute the safety words. */
    readonly presented: string,
  ) {
    super(`the keys of ${recipient} were not verified yet; compare their safety words with them and confirm`);
  }
}

/**
 * A first contact protected by an access code whose recipient's keys carry no binding to the code,
 * or one that does not verify for the keys now stored (Java's `FirstContactRefusedException`): the
 * keys are not the guest's who typed the code, and nothing is released to them.
 */
export class FirstContactRefusedError extends SecuPassError {
  override readonly javaName: string = "FirstContactRefusedException";

  constructor(
    readonly recipient: string,
    readonly reason: "BINDING_MISSING" | "BINDING_WRONG",
  ) {
    super(
      reason === "BINDING_MISSING"
        ? `the keys of ${recipient} were not activated with the delivery's access code; nothing is released to them`
        : `the keys of ${recipient} are not the ones activated with the delivery's access code; nothing is released to them`,
    );
  }
}

/** What a key transparency check found (Java's `KeyLogException.Kind`). */
export type KeyLogErrorKind = "NOT_LOGGED" | "NOT_INCLUDED" | "FORKED" | "BAD_CHECKPOINT" | "NOT_WITNESSED" | "WITNESS_REFUSED";

/**
 * The key transparency log does not vouch for a key (Java's `KeyLogException`, an
 * `IntegrityException`): see {@link KeyLogError.kind}. Nothing is wrapped to the key.
 */
export class KeyLogError extends IntegrityError {
  override readonly javaName: string = "KeyLogException";

  constructor(
    readonly kind: KeyLogErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The safety words the sender typed are not those of the recipient's keys (Java's
 * `SafetyWordsMismatchException`): someone else chose the SecuPass, or the keys were replaced.
 * Nothing is pinned or released.
 */
export class SafetyWordsMismatchError extends SecuPassError {
  override readonly javaName: string = "SafetyWordsMismatchException";

  constructor(readonly recipient: string) {
    super(`the safety words do not match the keys of ${recipient}; nothing was released`);
  }
}
