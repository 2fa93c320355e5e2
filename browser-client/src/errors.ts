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
