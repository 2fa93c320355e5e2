package dev.secupass.core.internal.crypto;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.stream.CiphertextDigester;
import dev.secupass.core.internal.stream.DecryptingInputStream;
import dev.secupass.core.internal.stream.ParallelPipeline;
import dev.secupass.core.internal.stream.SegmentCipher;
import dev.secupass.core.internal.stream.SegmentLayout;
import dev.secupass.core.internal.stream.SegmentTable;
import dev.secupass.core.internal.stream.StreamHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts content in the SecuPass content-stream format ({@code docs/format.md},
 * "Content stream"): AES-256-GCM in segments of 1 MiB under a per-file key derived with HKDF from
 * the content key, a random salt, the header and the {@link ContentContext}.
 *
 * <p>Two versions: version 1, and version 2, which appends a table of per-segment hashes under a
 * Merkle root; its stream digest, signed in a manifest, lets every segment a reader releases, in
 * any order and range, be checked against the writer's signature first ({@link
 * #decryptVerified}). Readers read both; {@link Builder#version} chooses what is written.
 *
 * <ul>
 *   <li>Streams of any size use memory for one segment, both ways: {@link #encrypt} and {@link
 *       #decryptTo} are written to, {@link #decrypt} is read from.
 *   <li>A reader only ever receives plaintext of segments whose tag verified; truncation anywhere
 *       (also exactly at a segment boundary), reordering, duplication, any flipped bit, another key
 *       or another context raise {@link IntegrityException}.
 *   <li>{@link #decryptRange} reads only the segments a byte range needs (resumed downloads).
 *   <li>{@link #encryptParallel} and {@link #decryptParallel} use several cores for one stream.
 *   <li>{@link #seal} and {@link #open} handle small values (names, messages) in the same format.
 * </ul>
 *
 * <pre>{@code
 * ContentCipher cipher = ContentCipher.builder(contentKey,
 *     ContentContext.deliveryFile(deliveryId, fileId, SecurityLevel.SECRET)).build();
 * }</pre>
 *
 * <p>Instances are immutable and safe to share; each stream they make is for one thread. The key is
 * used, not copied: closing it makes the cipher unusable.
 */
public final class ContentCipher {
  /** The segment size written by default: 1 MiB of plaintext per segment. */
  public static final int DEFAULT_SEGMENT_SIZE = 1 << 20;
  /** The largest version-2 table a reader holds: 2^26 segments (64 TiB at 1 MiB segments). */
  private static final long MAX_TABLE = (1L << 26) * SegmentTable.LEAF_SIZE;

  private final SymmetricKey key;
  private final ContentContext context;
  private final int segmentSize;
  private final SecureRandom random;
  private final boolean computeDigest;
  private final int version;

  private ContentCipher(Builder builder) {
    this.version = builder.version;
    this.key = builder.key;
    this.context = builder.context;
    this.segmentSize = builder.segmentSize;
    this.random = builder.random;
    this.computeDigest = builder.computeDigest;
  }

  /** A builder for a cipher of {@code key} in {@code context}. */
  public static Builder builder(SymmetricKey key, ContentContext context) {
    return new Builder(key, context);
  }

  /** Builds a {@link ContentCipher}; every setting has a default. */
  public static final class Builder {
    private final SymmetricKey key;
    private final ContentContext context;
    private int segmentSize = DEFAULT_SEGMENT_SIZE;
    private SecureRandom random = new SecureRandom();
    private boolean computeDigest;
    private int version = 1;

    private Builder(SymmetricKey key, ContentContext context) {
      this.key = Objects.requireNonNull(key, "key");
      this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Plaintext bytes per segment when encrypting (16 bytes to 8 MiB; default 1 MiB). Decryption
     * reads the size from the stream's header. Small segments are for tests.
     */
    public Builder segmentSize(int bytes) {
      StreamHeader.checkSegmentSize(bytes);
      this.segmentSize = bytes;
      return this;
    }

    /** The source of salts and nonce prefixes (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Whether encryption also computes the two-level SHA-256 ciphertext digest that a manifest
     * signs (default false). It costs a SHA-256 pass over the ciphertext; see {@code
     * docs/benchmarks.md}.
     */
    public Builder computeDigest(boolean compute) {
      this.computeDigest = compute;
      return this;
    }

    /**
     * The format version written (default 1): 2 adds the table of segment hashes and makes the
     * stream digest ({@link EncryptedContent#digest()}) whatever {@link #computeDigest} says.
     */
    public Builder version(int version) {
      StreamHeader.checkVersion(version);
      this.version = version;
      return this;
    }

    public ContentCipher build() {
      return new ContentCipher(this);
    }
  }

  /** The version-1 ciphertext size, header and tags included, of {@code plaintextSize} bytes. */
  public static long ciphertextSize(long plaintextSize, int segmentSize) {
    return ciphertextSize(1, plaintextSize, segmentSize);
  }

  /** The stored size of {@code plaintextSize} bytes in {@code version} (table included). */
  public static long ciphertextSize(int version, long plaintextSize, int segmentSize) {
    StreamHeader.checkSegmentSize(segmentSize);
    return SegmentLayout.ciphertextSize(version, plaintextSize, segmentSize);
  }

  /** The stored size, header, tags and table included, of {@code plaintextSize} bytes under this cipher. */
  public long ciphertextSize(long plaintextSize) {
    return SegmentLayout.ciphertextSize(version, plaintextSize, segmentSize);
  }

  /**
   * Starts encrypting onto {@code sink}: write the plaintext, then call {@link
   * ContentEncryptor#finish()}. The header goes out with the first segment.
   */
  public ContentEncryptor encrypt(OutputStream sink) {
    StreamHeader header = StreamHeader.create(version, segmentSize, random);
    return new ContentEncryptor(sink, header, segmentCipher(header), computeDigest);
  }

  /**
   * The plaintext of the version-1 content stream read from {@code source}, from its start.
   * Closing the returned stream closes {@code source}. A version-2 stream is read through a
   * {@link CiphertextSource} ({@link #decrypt(CiphertextSource, byte[])}); here it raises {@link
   * IntegrityException}.
   */
  public InputStream decrypt(InputStream source) {
    return DecryptingInputStream.sequential(source, this::segmentCipher, null);
  }

  /**
   * As {@link #decrypt(InputStream)}, and the stream's two-level ciphertext digest must equal
   * {@code expectedDigest} (from the signed manifest): it is checked before the final segment's
   * plaintext is handed out, so a mismatch ends the stream with {@link IntegrityException} instead
   * of an end of stream.
   */
  public InputStream decrypt(InputStream source, byte[] expectedDigest) {
    return DecryptingInputStream.sequential(source, this::segmentCipher, expectedDigest.clone());
  }

  /**
   * Starts decrypting a content stream that is written to the returned stream, with the
   * plaintext going to {@code sink}: write the ciphertext, then call {@link
   * ContentDecryptor#finish()}. For push-style sources; {@code source.transferTo(decryptor)}
   * works too.
   */
  public ContentDecryptor decryptTo(OutputStream sink) {
    return new ContentDecryptor(sink, this::segmentCipher, null);
  }

  /**
   * As {@link #decryptTo(OutputStream)}, and {@link ContentDecryptor#finish()} checks the
   * ciphertext digest before writing the final segment's plaintext.
   */
  public ContentDecryptor decryptTo(OutputStream sink, byte[] expectedDigest) {
    return new ContentDecryptor(sink, this::segmentCipher, expectedDigest.clone());
  }

  /**
   * The whole plaintext of the stream in {@code source}, either version. With {@code
   * expectedDigest} (from the signed manifest) a version-1 stream's ciphertext digest is checked
   * before its final segment is released; a version-2 stream's table is read first and checked
   * against it, and every segment against the table before its plaintext is released. Without it,
   * a version-2 stream's segments are still checked against its table.
   *
   * @throws IntegrityException (also from the returned stream) if the stream is damaged or does
   *     not match {@code expectedDigest}
   */
  public InputStream decrypt(CiphertextSource source, byte @Nullable [] expectedDigest)
      throws IOException {
    StreamHeader header = readHeader(source);
    if (header.version() == 1) {
      InputStream in = source.open(0, source.size());
      return DecryptingInputStream.sequential(in, this::segmentCipher,
          expectedDigest == null ? null : expectedDigest.clone());
    }
    return range(source, header, -1, 0, Long.MAX_VALUE, expectedDigest);
  }

  /**
   * The plaintext bytes {@code [offset, offset + length)} (fewer if the content ends first),
   * reading and verifying only the segments that hold them (at least one). A version-1 range is
   * authenticated by GCM alone; a version-2 range is checked against the stream's table, which
   * nothing here authenticates: use {@link #decryptVerified} with the signed digest.
   * The plaintext size is whatever the stream's stored size and header make it.
   *
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative or {@code
   *     offset} is beyond the plaintext's end
   * @throws IntegrityException if the source's size cannot be a content stream, or a segment
   *     read fails authentication
   */
  public InputStream decryptRange(CiphertextSource source, long offset, long length)
      throws IOException {
    return decryptRange(source, -1, offset, length);
  }

  /**
   * As {@link #decryptRange(CiphertextSource, long, long)} for content whose plaintext size the
   * caller knows from an authenticated record (a signed manifest, sealed entry metadata): the
   * stored stream must have exactly that size, so that a header whose segment size was changed
   * in storage is damage, not a range the caller asked wrongly for.
   *
   * @param plaintextSize the authenticated plaintext size, or -1 to take the stream's own
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative or {@code
   *     offset} is beyond the plaintext's end
   * @throws IntegrityException if the stored stream's size or header disagree with {@code
   *     plaintextSize}, or a segment read fails authentication
   */
  public InputStream decryptRange(CiphertextSource source, long plaintextSize, long offset,
      long length) throws IOException {
    return range(source, readHeader(source), plaintextSize, offset, length, null);
  }

  /**
   * As {@link #decryptRange}, for a version-2 stream whose stream digest the writer signed: the
   * table is read and checked against {@code streamDigest} first, and every segment read against
   * the table before its plaintext is released ({@code docs/format.md}, "Content stream, version
   * 2").
   *
   * @throws IntegrityException if the stream is not version 2, its table does not match {@code
   *     streamDigest}, or a segment does not match the table or fails authentication
   */
  public InputStream decryptVerified(CiphertextSource source, long offset, long length,
      byte[] streamDigest) throws IOException {
    return decryptVerified(source, -1, offset, length, streamDigest);
  }

  /**
   * As {@link #decryptVerified(CiphertextSource, long, long, byte[])} for content whose plaintext
   * size the caller knows from the signed manifest: a stored stream of another size is damage.
   *
   * @param plaintextSize the authenticated plaintext size, or -1 to take the stream's own
   */
  public InputStream decryptVerified(CiphertextSource source, long plaintextSize, long offset,
      long length, byte[] streamDigest) throws IOException {
    StreamHeader header = readHeader(source);
    if (header.version() != 2) {
      throw new IntegrityException("content stream is version " + header.version()
          + " where its signed digest requires version 2");
    }
    return range(source, header, plaintextSize, offset, length,
        Objects.requireNonNull(streamDigest));
  }

  private InputStream range(CiphertextSource source, StreamHeader header, long plaintextSize,
      long offset, long length, byte @Nullable [] expectedDigest) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    SegmentLayout layout = SegmentLayout.ofCiphertext(header.version(), header.segmentSize(),
        source.size());
    if (plaintextSize >= 0 && layout.plaintextSize() != plaintextSize) {
      throw new IntegrityException("content stream does not have the size its record gives: "
          + "its header or length was altered");
    }
    if (offset > layout.plaintextSize()) {
      throw new IllegalArgumentException("offset " + offset + " is beyond the plaintext's end ("
          + layout.plaintextSize() + ")");
    }
    SegmentTable table = header.version() == 2 ? readTable(source, header, layout,
        expectedDigest) : null;
    if (table == null && expectedDigest != null) {
      throw new IllegalArgumentException("a version-1 stream is checked against its digest only"
          + " when read whole");
    }
    long end = Math.min(layout.plaintextSize(), offset + Math.min(length,
        Long.MAX_VALUE - offset));
    long first = layout.indexOf(offset);
    // A read to the plaintext's end goes through the final segment (empty or not).
    long last = end == layout.plaintextSize() ? layout.lastIndex()
        : Math.max(first, layout.indexOf(Math.max(offset, end - 1)));
    long from = layout.ciphertextOffset(first);
    long to = layout.ciphertextOffset(last) + layout.ciphertextLength(last);
    InputStream ciphertext = source.open(from, to - from);
    return DecryptingInputStream.range(ciphertext, header, segmentCipher(header), layout, first,
        offset - first * header.segmentSize(), end - offset, table);
  }

  private static StreamHeader readHeader(CiphertextSource source) throws IOException {
    try (InputStream in = source.open(0, StreamHeader.LENGTH)) {
      byte[] bytes = in.readNBytes(StreamHeader.LENGTH);
      if (bytes.length < StreamHeader.LENGTH) {
        throw new IntegrityException("content stream is truncated: incomplete header");
      }
      return StreamHeader.parse(bytes);
    }
  }

  /**
   * Reads a version-2 stream's table (32 bytes per segment, held in memory) and, if given,
   * checks it against {@code expectedDigest}.
   */
  private static SegmentTable readTable(CiphertextSource source, StreamHeader header,
      SegmentLayout layout, byte @Nullable [] expectedDigest) throws IOException {
    long length = layout.segments() * SegmentTable.LEAF_SIZE;
    if (length > MAX_TABLE) {
      throw new IntegrityException("content stream has more segments than this SDK reads ("
          + (MAX_TABLE / SegmentTable.LEAF_SIZE) + ")");
    }
    byte[] bytes;
    try (InputStream in = source.open(layout.tableOffset(), length)) {
      bytes = in.readNBytes((int) length);
    }
    SegmentTable table = SegmentTable.read(bytes, layout.segments());
    if (expectedDigest != null) {
      table.checkDigest(header.encoded(), expectedDigest);
    }
    return table;
  }

  /**
   * Encrypts all of {@code source} onto {@code sink} using up to {@code parallelism} threads of
   * {@code executor} besides the calling thread, which reads and writes. Produces the same format
   * as {@link #encrypt}; memory is {@code 2 * parallelism} segments. Neither stream is closed.
   */
  public EncryptedContent encryptParallel(InputStream source, OutputStream sink, Executor executor,
      int parallelism) throws IOException {
    StreamHeader header = StreamHeader.create(version, segmentSize, random);
    byte[] encodedHeader = header.encoded();
    sink.write(encodedHeader);
    boolean version2 = version == 2;
    CiphertextDigester digester = computeDigest && !version2
        ? new CiphertextDigester(encodedHeader) : null;
    SegmentTable table = version2 ? SegmentTable.forWriting() : null;
    long plaintextSize = pipeline(header, executor, parallelism, version2
        ? ParallelPipeline.Hashing.LEAVES
        : computeDigest ? ParallelPipeline.Hashing.CIPHERTEXT_DIGEST : ParallelPipeline.Hashing.NONE)
        .encrypt(source, sink, segmentSize, digester, table);
    byte[] digest = digester == null ? new byte[0] : digester.finish();
    if (table != null) {
      sink.write(table.encoded());
      digest = table.streamDigest(encodedHeader);
    }
    return new EncryptedContent(plaintextSize, ciphertextSize(plaintextSize), digest);
  }

  /**
   * Decrypts all of {@code source} onto {@code sink} using up to {@code parallelism} threads of
   * {@code executor}. Plaintext reaches the sink in order and only for verified segments; on an
   * {@link IntegrityException} the sink holds a verified prefix, which the caller must discard if
   * it needs the whole. Neither stream is closed.
   *
   * <p>Version 1 only: a version-2 stream is read with {@link #decryptParallel(CiphertextSource,
   * OutputStream, Executor, int, byte[])}.
   *
   * @param expectedDigest the ciphertext digest to check before the final segment is written, or
   *     {@code null}
   */
  public void decryptParallel(InputStream source, OutputStream sink, Executor executor,
      int parallelism, byte @Nullable [] expectedDigest) throws IOException {
    byte[] bytes = source.readNBytes(StreamHeader.LENGTH);
    if (bytes.length < StreamHeader.LENGTH) {
      throw new IntegrityException("content stream is truncated: incomplete header");
    }
    StreamHeader header = StreamHeader.parse(bytes);
    if (header.version() != 1) {
      throw new IntegrityException("a version-2 content stream is read by range, with its table,"
          + " not sequentially");
    }
    CiphertextDigester digester = expectedDigest == null ? null : new CiphertextDigester(bytes);
    pipeline(header, executor, parallelism, expectedDigest == null
        ? ParallelPipeline.Hashing.NONE : ParallelPipeline.Hashing.CIPHERTEXT_DIGEST)
        .decrypt(source, sink, header.segmentSize(), digester, expectedDigest);
  }

  /**
   * Decrypts the whole stream in {@code source}, either version, onto {@code sink} with up to
   * {@code parallelism} threads of {@code executor}. A version-2 stream's table is read first and
   * checked against {@code expectedDigest} (if given), and each segment is checked against the
   * table, on the executor's threads, before its plaintext is written. The sink is not closed.
   */
  public void decryptParallel(CiphertextSource source, OutputStream sink, Executor executor,
      int parallelism, byte @Nullable [] expectedDigest) throws IOException {
    StreamHeader header = readHeader(source);
    if (header.version() == 1) {
      try (InputStream in = source.open(0, source.size())) {
        decryptParallel(in, sink, executor, parallelism, expectedDigest);
      }
      return;
    }
    SegmentLayout layout = SegmentLayout.ofCiphertext(2, header.segmentSize(), source.size());
    SegmentTable table = readTable(source, header, layout, expectedDigest);
    try (InputStream in = source.open(StreamHeader.LENGTH,
        layout.tableOffset() - StreamHeader.LENGTH)) {
      pipeline(header, executor, parallelism, ParallelPipeline.Hashing.LEAVES)
          .decrypt(in, sink, layout, table);
    }
  }

  /** Encrypts a small value (a name, a message) held in memory, in the content-stream format. */
  public byte[] seal(byte[] plaintext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        (int) ciphertextSize(plaintext.length, segmentSize));
    try (ContentEncryptor encryptor = encrypt(out)) {
      encryptor.write(plaintext);
      encryptor.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Decrypts what {@link #seal} made (either version). */
  public byte[] open(byte[] ciphertext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ciphertext.length);
    if (ciphertext.length > 3 && ciphertext[3] == 2) {
      try (InputStream in = decrypt(CiphertextSource.of(ciphertext), null)) {
        in.transferTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
    try (ContentDecryptor decryptor = decryptTo(out)) {
      decryptor.write(ciphertext);
      decryptor.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Wraps another key under this cipher's key: {@link #seal} of its 32 bytes. With a {@link
   * ContentContext#roomFileKey} context this wraps a room file's content key under the room key of
   * an epoch.
   */
  public byte[] wrap(SymmetricKey keyToWrap) {
    return seal(keyToWrap.material());
  }

  /**
   * Unwraps what {@link #wrap} made.
   *
   * @throws IntegrityException if it fails authentication or does not hold a 32-byte key
   */
  public SymmetricKey unwrap(byte[] wrapped) {
    byte[] material = open(wrapped);
    try {
      if (material.length != SymmetricKey.SIZE) {
        throw new IntegrityException("wrapped key has " + material.length + " bytes, not "
            + SymmetricKey.SIZE);
      }
      return SymmetricKey.importBytes(material);
    } finally {
      Wipe.bytes(material);
    }
  }

  private SegmentCipher segmentCipher(StreamHeader header) {
    byte[] fileKey = header.deriveFileKey(key.material(), context);
    try {
      return new SegmentCipher(fileKey, header.noncePrefix());
    } finally {
      Wipe.bytes(fileKey);
    }
  }

  private ParallelPipeline pipeline(StreamHeader header, Executor executor, int parallelism,
      ParallelPipeline.Hashing hashing) {
    byte[] fileKey = header.deriveFileKey(key.material(), context);
    try {
      return new ParallelPipeline(fileKey, header.noncePrefix(), header.segmentSize(),
          hashing, executor, parallelism);
    } finally {
      Wipe.bytes(fileKey);
    }
  }
}
