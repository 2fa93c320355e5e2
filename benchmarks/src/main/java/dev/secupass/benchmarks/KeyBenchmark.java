package dev.secupass.benchmarks;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Ed25519Signing;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.memory.MemoryStorage;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per key operation: activation and unlock at the default Argon2id cost (64 MiB, 3 passes,
 * 1 lane), envelope seal and open (HPKE plus Ed25519), signing and verifying a statement; and the
 * primitive choices measured against Tink in the same run: HPKE (X25519, HKDF-SHA256, AES-256-GCM)
 * wrap and unwrap of a 32-byte key, and Ed25519 sign and verify of 256 bytes. The key operations
 * run for both key suites in the same run ({@code suite}: X-Wing, the default, and classical X25519),
 * with {@link #grantFulfil} the cryptography of fulfilling one grant (open the sender's own envelope,
 * seal to the recipient).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KeyBenchmark {
  private static final String PASS = "correct horse battery staple";
  private static final byte[] INFO = "benchmark info".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The key suite of the users' keys, so of the envelopes between them. */
  @Param({"X_WING", "CLASSICAL"})
  public KeySuite suite = KeySuite.X_WING;

  private final AtomicLong users = new AtomicLong();
  private final SecureRandom random = new SecureRandom();
  private KeyService keys;
  private final UserId alice = UserId.of("alice");
  private final UserId bob = UserId.of("bob");
  private KeySession aliceSession;
  private KeySession bobSession;
  private PublicKeys aliceKeys;
  private PublicKeys bobKeys;
  private final EnvelopeContext context =
      EnvelopeContext.delivery(DeliveryId.of("bench"), SecurityLevel.SECRET);
  private SymmetricKey contentKey;
  private byte[] envelope;
  private byte[] ownEnvelope;
  private final byte[] payload = new byte[256];
  private byte[] signed;

  private byte[] seed;
  private byte[] signingPublic;
  private byte[] signature;
  private Ed25519Sign tinkSigner;
  private Ed25519Verify tinkVerifier;
  private byte[] tinkSignature;

  private byte[] hpkePrivate;
  private byte[] hpkePublic;
  private HpkeX25519.Sealed bcSealed;
  private HybridEncrypt tinkHpkeEncrypt;
  private HybridDecrypt tinkHpkeDecrypt;
  private byte[] tinkSealed;
  private final byte[] wrappedKey = new byte[32];

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    Clock clock = Clock.systemUTC();
    keys = new KeyService(new MemoryStorage(clock), clock, random, KdfPolicy.DEFAULT,
        suite, Duration.ofHours(1), UnlockAttemptListener.NONE,
        new KdfLimiter(KdfLimiter.defaultBudget(), Duration.ofMinutes(1)), new Sessions(clock));
    aliceSession = keys.activate(alice, SecuPass.of(PASS));
    bobSession = keys.activate(bob, SecuPass.of(PASS));
    aliceKeys = aliceSession.publicKeys();
    bobKeys = bobSession.publicKeys();
    contentKey = SymmetricKey.generate(random);
    envelope = aliceSession.sealEnvelope(contentKey, bobKeys, context);
    ownEnvelope = aliceSession.sealEnvelope(contentKey, aliceKeys, context);
    random.nextBytes(payload);
    signed = aliceSession.sign(SignedType.MEMBERSHIP_ENTRY, payload);

    seed = Ed25519Signing.generateSeed(random);
    signingPublic = Ed25519Signing.publicKey(seed);
    signature = Ed25519Signing.sign(seed, signingPublic, payload, payload.length);
    tinkSigner = new Ed25519Sign(seed);
    tinkVerifier = new Ed25519Verify(signingPublic);
    tinkSignature = tinkSigner.sign(payload);

    random.nextBytes(wrappedKey);
    hpkePrivate = HpkeX25519.generatePrivateKey(random);
    hpkePublic = HpkeX25519.publicKey(hpkePrivate);
    bcSealed = HpkeX25519.seal(hpkePublic, INFO, wrappedKey, random);
    KeysetHandle tinkKeys = KeysetHandle.generateNew(HpkeParameters.builder()
        .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
        .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
        .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
        .setVariant(HpkeParameters.Variant.NO_PREFIX)
        .build(), HybridConfig2026.get());
    tinkHpkeEncrypt = tinkKeys.getPublicKeysetHandle()
        .getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
    tinkHpkeDecrypt = tinkKeys.getPrimitive(HybridConfig2026.get(), HybridDecrypt.class);
    tinkSealed = tinkHpkeEncrypt.encrypt(wrappedKey, INFO);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void activate() {
    try (SecuPass pass = SecuPass.of(PASS)) {
      keys.activate(UserId.of("user-" + users.incrementAndGet()), pass).close();
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void unlock() {
    try (SecuPass pass = SecuPass.of(PASS)) {
      keys.unlock(alice, pass).close();
    }
  }

  @Benchmark
  public byte[] envelopeSeal() {
    return aliceSession.sealEnvelope(contentKey, bobKeys, context);
  }

  @Benchmark
  public SymmetricKey envelopeOpen() {
    return bobSession.openEnvelope(envelope, aliceKeys, context);
  }

  /** What a grant costs in cryptography: open the sender's own envelope, seal to the recipient. */
  @Benchmark
  public byte[] grantFulfil() {
    try (SymmetricKey key = aliceSession.openEnvelope(ownEnvelope, aliceKeys, context)) {
      return aliceSession.sealEnvelope(key, bobKeys, context);
    }
  }

  @Benchmark
  public byte[] statementSign() {
    return aliceSession.sign(SignedType.MEMBERSHIP_ENTRY, payload);
  }

  @Benchmark
  public byte[] statementVerify() {
    return SignedStatement.parse(signed).verifiedPayload(aliceKeys, SignedType.MEMBERSHIP_ENTRY);
  }

  @Benchmark
  public byte[] bcEd25519Sign() {
    return Ed25519Signing.sign(seed, signingPublic, payload, payload.length);
  }

  @Benchmark
  public boolean bcEd25519Verify() {
    return Ed25519Signing.verify(signingPublic, payload, payload.length, signature, 0);
  }

  @Benchmark
  public byte[] tinkEd25519Sign() throws GeneralSecurityException {
    return tinkSigner.sign(payload);
  }

  @Benchmark
  public byte[] tinkEd25519Verify() throws GeneralSecurityException {
    tinkVerifier.verify(tinkSignature, payload);
    return tinkSignature;
  }

  @Benchmark
  public HpkeX25519.Sealed bcHpkeWrap() {
    return HpkeX25519.seal(hpkePublic, INFO, wrappedKey, random);
  }

  @Benchmark
  public byte[] bcHpkeUnwrap() throws AEADBadTagException {
    return HpkeX25519.open(hpkePrivate, hpkePublic, bcSealed.enc(), INFO, bcSealed.ciphertext());
  }

  @Benchmark
  public byte[] tinkHpkeWrap() throws GeneralSecurityException {
    return tinkHpkeEncrypt.encrypt(wrappedKey, INFO);
  }

  @Benchmark
  public byte[] tinkHpkeUnwrap() throws GeneralSecurityException {
    return tinkHpkeDecrypt.decrypt(tinkSealed, INFO);
  }
}
