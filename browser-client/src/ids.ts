/**
 * The identifier grammar every codec shares (docs/format.md, "Identifiers"; the design of format
 * version 2): generated ids and user ids. A codec that decodes an id breaking the grammar raises
 * its format's integrity error; a caller that passes one gets a `RangeError`.
 */

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The longest user id, in UTF-16 code units (Java `char`s). */
export const MAX_USER_ID_LENGTH = 200;

/**
 * Whether `value` is a generated identifier (delivery, file, room, entry, blob, grant, event):
 * 1-64 ASCII characters of `[A-Za-z0-9._-]`, starting with a letter or digit, without `..`.
 */
export function isToken(value: string): boolean {
  return TOKEN.test(value) && !value.includes("..");
}

/** Java's `Character.isISOControl`: U+0000-U+001F and U+007F-U+009F. */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/**
 * Java's `Character.isWhitespace`, which `String.strip` uses: the space, line and paragraph
 * separators except the no-break ones (U+00A0, U+2007, U+202F), and U+0009-U+000D, U+001C-U+001F.
 */
function isJavaWhitespace(code: number): boolean {
  if ((code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)) {
    return true;
  }
  if (code === 0x00a0 || code === 0x2007 || code === 0x202f) {
    return false;
  }
  return (
    code === 0x20 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Whether `value` is a user id: 1-200 UTF-16 code units of well-formed Unicode (no unpaired
 * surrogate), no control characters, no leading or trailing white space as Java's `strip`
 * defines it.
 */
export function isUserId(value: string): boolean {
  if (value.length === 0 || value.length > MAX_USER_ID_LENGTH) {
    return false;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code)) {
      return false;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        return false;
      }
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return (
    !isJavaWhitespace(value.codePointAt(0)!) &&
    !isJavaWhitespace(value.charCodeAt(value.length - 1))
  );
}

export function checkToken(value: string, what: string): string {
  if (!isToken(value)) {
    throw new RangeError(
      `${what} must be 1-64 characters of [A-Za-z0-9._-], start with a letter or digit and contain no '..'`,
    );
  }
  return value;
}

export function checkUserId(value: string, what = "user id"): string {
  if (!isUserId(value)) {
    throw new RangeError(
      `${what} must be 1-200 characters without control characters, unpaired surrogates or surrounding white space`,
    );
  }
  return value;
}
