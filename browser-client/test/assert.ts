import { toHex } from "../src/internal/bytes.js";

/** Assertions that run in Node and in the browser alike. */

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function ok(condition: unknown, message = "expected a true condition"): asserts condition {
  if (!condition) {
    throw new AssertionError(message);
  }
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message ?? "values differ"}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

export function bytesEqual(actual: Uint8Array, expected: Uint8Array, message = "bytes differ"): void {
  if (actual.length !== expected.length || toHex(actual) !== toHex(expected)) {
    throw new AssertionError(
      `${message}: expected ${expected.length} bytes ${toHex(expected.subarray(0, 48))}..., got ${actual.length} bytes ${toHex(actual.subarray(0, 48))}...`,
    );
  }
}

/** The simple name a failure maps to: "valid", or the Java exception name of a SecuPass error. */
export async function outcome(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return "valid";
  } catch (e) {
    const name = (e as { javaName?: string }).javaName;
    if (name === undefined) {
      throw e;
    }
    return name;
  }
}

/** Asserts that `action` fails with an error of `type` (and returns it). */
export async function rejects<E extends Error>(
  action: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  message?: RegExp,
): Promise<E> {
  try {
    await action();
  } catch (e) {
    if (!(e instanceof type)) {
      throw new AssertionError(`expected ${type.name}, got ${(e as Error).name}: ${(e as Error).message}`);
    }
    if (message !== undefined && !message.test(e.message)) {
      throw new AssertionError(`${type.name} message ${JSON.stringify(e.message)} does not match ${message}`);
    }
    return e;
  }
  throw new AssertionError(`expected ${type.name}, but nothing was thrown`);
}
