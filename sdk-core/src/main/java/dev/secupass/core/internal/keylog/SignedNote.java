package dev.secupass.core.internal.keylog;

import dev.secupass.api.KeyLogException;
import dev.secupass.core.internal.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A C2SP {@code signed-note} (v1.0.0): a text ending in a newline, a blank line, and signature
 * lines {@code "— <key name> base64(key ID || signature)"}. Ed25519 note signatures (type 0x01)
 * sign the text as it is; Ed25519 cosignatures (type 0x04, C2SP {@code tlog-cosignature}) sign
 * {@code "cosignature/v1\ntime <t>\n" || text} and carry the time before the signature.
 *
 * @param text the note text, final newline included
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<Signature> signatures) {
  /** Signature type of Ed25519 note signatures. */
  public static final int ED25519 = 0x01;
  /** Signature type of timestamped Ed25519 checkpoint cosignatures. */
  public static final int COSIGNATURE = 0x04;
  /** The most bytes a note may have (the spec asks for 16 signatures at least; this is 64 KiB). */
  public static final int MAX_SIZE = 64 * 1024;
  /** The most signature lines accepted. */
  public static final int MAX_SIGNATURES = 64;

  private static final String DASH = "\u2014 ";

  public SignedNote {
    signatures = List.copyOf(signatures);
  }

  /**
   * One signature line.
   *
   * @param name the key name
   * @param keyId the 32-bit key ID
   * @param signature the bytes after the key ID
   */
  public record Signature(String name, int keyId, byte[] signature) {
    public Signature {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    String line() {
      byte[] all = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
      return DASH + name + " " + Base64.getEncoder().encodeToString(all) + "\n";
    }
  }

  /** The whole note: text, blank line, signature lines. */
  public String encode() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (Signature signature : signatures) {
      out.append(signature.line());
    }
    return out.toString();
  }

  /** This note with one more signature (one of the same name and key ID is replaced). */
  public SignedNote with(Signature signature) {
    List<Signature> all = new ArrayList<>();
    for (Signature existing : signatures) {
      if (!(existing.name().equals(signature.name()) && existing.keyId() == signature.keyId())) {
        all.add(existing);
      }
    }
    all.add(signature);
    return new SignedNote(text, all);
  }

  /**
   * Parses a signed note.
   *
   * @throws KeyLogException of kind {@link KeyLogException.Kind#BAD_CHECKPOINT} if it is not one
   */
  public static SignedNote parse(String note) {
    if (note.length() > MAX_SIZE) {
      throw bad("the note is too large");
    }
    if (!isValidUtf8(note)) {
      throw bad("the note is not valid UTF-8");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw bad("the note contains a control character");
      }
    }
    if (!note.endsWith("\n")) {
      throw bad("the note does not end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw bad("the note has no signatures");
    }
    String text = note.substring(0, split + 1);
    String[] lines = note.substring(split + 2).split("\n", -1);
    List<Signature> signatures = new ArrayList<>();
    for (int i = 0; i < lines.length - 1; i++) {
      if (signatures.size() == MAX_SIGNATURES) {
        throw bad("the note has too many signatures");
      }
      signatures.add(parseLine(lines[i]));
    }
    if (signatures.isEmpty()) {
      throw bad("the note has no signatures");
    }
    return new SignedNote(text, signatures);
  }

  private static Signature parseLine(String line) {
    if (!line.startsWith(DASH)) {
      throw bad("a signature line does not start with an em dash");
    }
    String rest = line.substring(DASH.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw bad("a signature line is malformed");
    }
    String name = rest.substring(0, space);
    if (!isValidKeyName(name)) {
      throw bad("a signature line has an invalid key name");
    }
    byte[] all;
    try {
      all = Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw bad("a signature is not base64");
    }
    if (all.length < 5) {
      throw bad("a signature is too short");
    }
    ByteBuffer buffer = ByteBuffer.wrap(all);
    int keyId = buffer.getInt();
    byte[] signature = new byte[buffer.remaining()];
    buffer.get(signature);
    return new Signature(name, keyId, signature);
  }

  /** Key names: non-empty, no Unicode space, no plus. */
  public static boolean isValidKeyName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    return name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c)
        || Character.isSpaceChar(c) || c < 0x20);
  }

  /** The C2SP key ID: the first four bytes of SHA-256(name || 0x0A || type || public key). */
  public static int keyId(String name, int type, byte[] publicKey) {
    byte[] hash = Hashes.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {0x0A},
        new byte[] {(byte) type}, publicKey);
    return ByteBuffer.wrap(hash).getInt();
  }

  /** The verifier key {@code name+hex(key ID)+base64(type || public key)}. */
  public static String verifierKey(String name, int type, byte[] publicKey) {
    byte[] typed = new byte[1 + publicKey.length];
    typed[0] = (byte) type;
    System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
    return name + "+" + HexFormat.of().formatHex(ByteBuffer.allocate(4)
        .putInt(keyId(name, type, publicKey)).array()) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  /**
   * A parsed Ed25519 verifier key (type 0x01 or 0x04).
   *
   * @param name key name
   * @param keyId key ID
   * @param type signature type
   * @param publicKey the 32-byte Ed25519 key
   */
  public record VerifierKey(String name, int keyId, int type, byte[] publicKey) {
    public VerifierKey {
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /** The vkey text. */
    public String encode() {
      return verifierKey(name, type, publicKey);
    }

    /**
     * Parses a vkey.
     *
     * @throws IllegalArgumentException if it is not an Ed25519 vkey whose ID matches its key
     */
    public static VerifierKey parse(String vkey) {
      String[] parts = vkey.split("\\+", 3);
      if (parts.length != 3 || !isValidKeyName(parts[0]) || parts[1].length() != 8) {
        throw new IllegalArgumentException("not a verifier key (name+id+key)");
      }
      byte[] typed;
      int id;
      try {
        id = ByteBuffer.wrap(HexFormat.of().parseHex(parts[1])).getInt();
        typed = Base64.getDecoder().decode(parts[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a verifier key: malformed hex or base64", e);
      }
      if (typed.length != 1 + Ed25519.PUBLIC_KEY_SIZE
          || (typed[0] != ED25519 && typed[0] != COSIGNATURE)) {
        throw new IllegalArgumentException("not an Ed25519 verifier key");
      }
      byte[] key = java.util.Arrays.copyOfRange(typed, 1, typed.length);
      if (SignedNote.keyId(parts[0], typed[0], key) != id) {
        throw new IllegalArgumentException("the verifier key's ID does not match its key");
      }
      return new VerifierKey(parts[0], id, typed[0], key);
    }
  }

  /** Signs {@code text} with an Ed25519 note signature (type 0x01). */
  public static Signature sign(String name, byte[] seed, byte[] publicKey, String text) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return new Signature(name, keyId(name, ED25519, publicKey), signature);
  }

  /** Cosigns {@code text} (a checkpoint) at POSIX time {@code time} (type 0x04). */
  public static Signature cosign(String name, byte[] seed, byte[] publicKey, String text,
      long time) {
    byte[] message = cosignedMessage(text, time);
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    byte[] timed = ByteBuffer.allocate(8 + signature.length).putLong(time).put(signature).array();
    return new Signature(name, keyId(name, COSIGNATURE, publicKey), timed);
  }

  /**
   * Whether this note carries a valid signature by {@code key}. A line with the key's name and ID
   * that fails to verify makes the whole note invalid ({@link KeyLogException}); lines of other
   * keys are ignored.
   *
   * @return false if no line has the key's name and ID
   * @throws KeyLogException of kind BAD_CHECKPOINT if a line of this key fails to verify
   */
  public boolean verifiedBy(VerifierKey key) {
    boolean found = false;
    for (Signature line : signatures) {
      if (!line.name().equals(key.name()) || line.keyId() != key.keyId()) {
        continue;
      }
      if (!verify(key, line)) {
        throw bad("the signature of " + key.name() + " does not verify");
      }
      found = true;
    }
    return found;
  }

  private boolean verify(VerifierKey key, Signature line) {
    byte[] sig = line.signature;
    byte[] message;
    int offset;
    if (key.type() == ED25519) {
      if (sig.length != Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      message = text.getBytes(StandardCharsets.UTF_8);
      offset = 0;
    } else {
      if (sig.length != 8 + Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      long time = ByteBuffer.wrap(sig).getLong();
      if (time < 0) {
        return false;
      }
      message = cosignedMessage(text, time);
      offset = 8;
    }
    return Ed25519.verify(sig, offset, key.publicKey, 0, message, 0, message.length);
  }

  private static byte[] cosignedMessage(String text, long time) {
    return ("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isValidUtf8(String note) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(note));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static KeyLogException bad(String message) {
    return new KeyLogException(KeyLogException.Kind.BAD_CHECKPOINT,
        "the key log's checkpoint is invalid: " + message);
  }
}
