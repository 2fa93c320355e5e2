package dev.secupass.storage.jdbc;

import static dev.secupass.storage.jdbc.NodeClient.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.internal.keylog.SignedNote;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.internal.rooms.ChainHash;
import dev.secupass.core.internal.rooms.MemberKey;
import dev.secupass.core.internal.rooms.MembershipAction;
import dev.secupass.core.internal.rooms.MembershipCodec;
import dev.secupass.core.internal.rooms.MembershipRecord;
import dev.secupass.core.relay.ClientDelivery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.keylog.InProcessWitness;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientKeyLogEntries;
import dev.secupass.core.relay.ClientKeyLogEntry;
import dev.secupass.core.relay.ClientKeyLogProof;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.relay.KdfCost;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.ClientSeenCheckpoint;
import dev.secupass.spi.Storage;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key transparency log in the browser through {@code sdk.relay()}, on a real database, with
 * the browser client's shipped bundle in Node.js doing every check: the checkpoint exchange
 * between correspondents, the self-monitoring of a user's own keys at unlock, and the host's
 * witness quorum. Each test performs the attack the check is there for, as an operator who holds
 * the database and the checkpoint key can: a split view between two browser users (a second
 * table set in the same database is the branch it shows one of them), a key substituted and
 * logged, a checkpoint signed without the witnesses.
 */
abstract class ClientKeyLogContract {
  private static final Map<String, Object> KDF = Map.of("memoryKiB", 64, "iterations", 1,
      "parallelism", 1);
  private static final KdfCost KDF_PARAMETERS = new KdfCost(64, 1, 1);
  private static final String BRANCH = "branch_";
  private static final List<String> KEY_LOG_TABLES = List.of("key_log_seen", "key_log_view",
      "key_log_checkpoint", "key_log_node", "key_log_leaf", "key_log_key");
  private static final TinkAtRestKey AT_REST_KEY = TinkAtRestKey.generate();

  @TempDir
  Path temp;

  private final SecureRandom random = new SecureRandom();
  private final String run = Samples.user().value();
  private final CheckpointKey host = CheckpointKey.generate("example.com/secupass-keys", random);
  private final List<SecuPassSdk> sdks = new ArrayList<>();
  private NodeClient node;
  /** The client-side copy of each user's keys (what their browser keeps). */
  private final Map<UserId, ClientKeys> keys = new LinkedHashMap<>();

  abstract DatabaseFixture db();

  @BeforeEach
  void start() throws IOException {
    node = new NodeClient(Files.createDirectories(temp.resolve("node")));
    // Each test starts with empty logs: this class signs with a key of its own.
    branchStorage();
    try (Connection c = db().database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String prefix : List.of(DatabaseFixture.PREFIX, BRANCH)) {
        for (String table : KEY_LOG_TABLES) {
          s.executeUpdate("DELETE FROM " + prefix + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the key logs of the test database", e);
    }
  }

  @AfterEach
  void stop() {
    sdks.forEach(SecuPassSdk::close);
  }

  private Storage branchStorage() {
    return JdbcStorage.builder(db().database().dataSource())
        .tablePrefix(BRANCH).dialect(db().dialect()).clock(Clock.systemUTC()).build();
  }

  /** A host SDK on {@code storage} that signs with the host's checkpoint key. */
  private ClientRelay relay(Storage storage, InProcessWitness... witnesses) throws IOException {
    return sdk(storage, witnesses).relay();
  }

  /**
   * As {@link #relay}, the SDK itself: its Java users release to first keys on first use, so that
   * a send reaches the key log's checks without a confirmation first.
   */
  private SecuPassSdk sdk(Storage storage, InProcessWitness... witnesses) throws IOException {
    KeyTransparency.Builder transparency = KeyTransparency.builder().checkpointKey(host);
    for (InProcessWitness w : witnesses) {
      transparency.witness(w);
    }
    SecuPassSdk sdk = SecuPassSdk.builder()
        .storage(storage)
        .blobStore(new FileSystemBlobStore(Files.createDirectories(temp.resolve("blobs"))))
        .atRestKey(AT_REST_KEY)
        .kdfPolicy(KdfPolicy.builder().memoryKiB(64).iterations(1).parallelism(1)
            .allowWeakParametersForTests().build())
        .keySuite(KeySuite.CLASSICAL)
        .keyTransparency(transparency.build())
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .build();
    sdks.add(sdk);
    return sdk;
  }

  private ClientRelay real(InProcessWitness... witnesses) throws IOException {
    return relay(db().storage(Clock.systemUTC()), witnesses);
  }

  private UserId user(String name) {
    return UserId.of(name + "-" + run);
  }

  private static String secuPass(UserId user) {
    return "pass of " + user.value();
  }

  /** Keys made and sealed in the user's client (version 1, or a reset's next version). */
  private ClientKeys makeInClient(UserId user, KeyVersion version, String secuPass) {
    NodeClient.Output made = node.run("activate", Map.of("user", user.value(),
        "secuPass", secuPass, "kdf", KDF, "version", version.value()));
    return new ClientKeys(version, made.one("publicKeys"), made.one("sealed"), KDF_PARAMETERS);
  }

  private ClientKeys activate(UserId user, ClientRelay... relays) {
    ClientKeys made = makeInClient(user, KeyVersion.FIRST, secuPass(user));
    keys.put(user, made);
    for (ClientRelay relay : relays) {
      relay.activate(user, made);
    }
    return made;
  }

  /** What the client relied on last: its size and root, as the client keeps it. */
  private record Seen(long size, byte[] root) {
    Map<String, Object> json() {
      return Map.of("size", size, "root", b64(root));
    }

    static @Nullable Seen of(NodeClient.Output out, String prefix) {
      return out.all(prefix + "Size").isEmpty() ? null
          : new Seen(Long.parseLong(out.text(prefix + "Size")), out.one(prefix + "Root"));
    }

    static @Nullable Seen of(NodeClient.Output out) {
      return of(out, "seen");
    }
  }

  /**
   * The outcome of an unlock in the client: its alarms, the statement it signed, the checkpoint
   * it relied on and the one it read every entry up to.
   */
  private record Unlocked(List<String> alarms, byte @Nullable [] statement, @Nullable Seen seen,
      @Nullable Seen monitored) {}

  private Unlocked unlockInClient(ClientRelay relay, UserId user, @Nullable Seen seen,
      @Nullable List<String> witnesses) {
    return unlockInClient(relay, user, seen, null, witnesses, e -> true);
  }

  /**
   * {@code user}'s client unlocks with the keys it holds and checks the log's entries for its
   * user as {@code relay} serves them, of which the operator lists only those {@code listed}
   * lets through.
   */
  private Unlocked unlockInClient(ClientRelay relay, UserId user, @Nullable Seen seen,
      @Nullable Seen monitored, @Nullable List<String> witnesses,
      java.util.function.Predicate<ClientKeyLogEntry> listed) {
    ClientKeys own = keys.get(user);
    ClientKeyLogEntries served = relay.keyLogEntries(user, seen == null ? 0 : seen.size(),
        monitored == null ? 0 : monitored.size());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("owner", Map.of("user", user.value(), "version", own.version().value(),
        "publicKeys", b64(own.publicKeys()), "sealed", b64(own.sealedPrivateKeys())));
    input.put("secuPass", secuPass(user));
    input.put("kdf", KDF);
    input.put("verifierKey", relay.keyLogVerifierKey());
    input.put("entries", Map.of("checkpoint", served.checkpoint(),
        "consistency", served.consistency().stream().map(NodeClient::b64).toList(),
        "entries", served.entries().stream().filter(listed).map(e -> Map.of(
            "index", e.index(), "leaf", b64(e.leaf()),
            "inclusion", e.inclusion().stream().map(NodeClient::b64).toList())).toList(),
        "frontier", served.frontier().stream().map(NodeClient::b64).toList(),
        "added", served.added().stream().map(NodeClient::b64).toList()));
    if (seen != null) {
      input.put("seen", seen.json());
    }
    if (monitored != null) {
      input.put("monitored", monitored.json());
    }
    if (witnesses != null) {
      input.put("witnesses", witnesses);
    }
    NodeClient.Output out = node.run("unlock", input);
    List<String> alarms = out.all("alarm").stream()
        .map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    byte[] statement = out.all("statement").isEmpty() ? null : out.one("statement");
    return new Unlocked(alarms, statement, Seen.of(out), Seen.of(out, "monitored"));
  }

  /** The check before a wrap to {@code recipient}'s keys, in the sender's client. */
  private NodeClient.Output vouchInClient(ClientRelay relay, UserId recipient, KeyVersion version,
      @Nullable Seen seen, @Nullable List<String> witnesses) {
    ClientKeyLogProof proof = relay.keyLogProof(recipient, version, seen == null ? 0 : seen.size());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("verifierKey", relay.keyLogVerifierKey());
    input.put("recipientPublicKeys", b64(relay.keys(recipient).orElseThrow().publicKeys()));
    input.put("keyLogProof", Map.of("checkpoint", proof.checkpoint(), "leaf", b64(proof.leaf()),
        "index", proof.index(),
        "inclusion", proof.inclusion().stream().map(NodeClient::b64).toList(),
        "consistency", proof.consistency().stream().map(NodeClient::b64).toList()));
    if (seen != null) {
      input.put("seen", seen.json());
    }
    if (witnesses != null) {
      input.put("witnesses", witnesses);
    }
    return node.run("vouch", input);
  }

  /**
   * The checkpoint exchange in the reader's client: the checkpoint it holds against the one
   * {@code subject} published, as {@code relay} serves it; the subject's keys are those the reader
   * verified.
   */
  private String compareInClient(ClientRelay relay, Seen held, UserId subject) {
    ClientSeenCheckpoint theirs = relay.keyLogCheckpointOf(subject, held.size()).orElseThrow();
    NodeClient.Output out = node.run("compare", Map.of("verifierKey", relay.keyLogVerifierKey(),
        "held", held.json(), "subjectPublicKeys", b64(keys.get(subject).publicKeys()),
        "statement", b64(theirs.statement()),
        "proof", theirs.proof().stream().map(NodeClient::b64).toList()));
    return out.all("error").isEmpty() ? "one history of " + out.text("size")
        : out.text("error");
  }

  @Test
  @DisplayName("a split view between two browser users is caught through the checkpoints they"
      + " publish, in both directions, even without witnesses; a Java user compares too")
  void splitView_betweenBrowserUsers_isForkedThroughTheExchangedStatements() throws IOException {
    SecuPassSdk host = sdk(db().storage(Clock.systemUTC()));
    ClientRelay real = host.relay();
    ClientRelay branch = relay(branchStorage());
    UserId alice = user("alice");
    UserId bob = user("bob");
    UserId carol = user("carol");
    UserId dave = user("dave");
    activate(alice, real, branch);
    activate(bob, real, branch);
    activate(dave, real, branch);
    // The operator shows Bob a branch on which Carol has its keys, and Alice the real log.
    ClientKeys carolsOwn = activate(carol, real);
    ClientKeys operators = makeInClient(carol, KeyVersion.FIRST, "the operator's");
    branch.activate(carol, operators);
    assertThat(vouchInClient(branch, carol, KeyVersion.FIRST, null, null).all("error"))
        .as("Bob's check before a wrap to the substitute passes on the branch").isEmpty();
    assertThat(carolsOwn.publicKeys()).isNotEqualTo(operators.publicKeys());

    // Each client relies on the checkpoint it is shown at unlock and publishes it, signed.
    Unlocked a = unlockInClient(real, alice, null, null);
    Unlocked b = unlockInClient(branch, bob, null, null);
    assertThat(a.alarms()).isEmpty();
    assertThat(b.alarms()).isEmpty();
    real.publishKeyLogCheckpoint(alice, a.statement());
    branch.publishKeyLogCheckpoint(bob, b.statement());
    assertThat(a.seen().size()).isEqualTo(b.seen().size()).isEqualTo(4);
    // The operator cannot sign a statement of its branch in Alice's name; all it can serve Bob
    // is hers (or nothing: the limit docs/threat-model.md states).
    branch.publishKeyLogCheckpoint(alice, a.statement());
    real.publishKeyLogCheckpoint(bob, b.statement());

    assertThat(compareInClient(branch, b.seen(), alice))
        .as("Bob, before he relies on Alice's keys").isEqualTo("KeyLogException FORKED");
    assertThat(compareInClient(real, a.seen(), bob))
        .as("Alice, before she relies on Bob's keys").isEqualTo("KeyLogException FORKED");

    // Correspondents on one history pass, at any size on either side.
    Unlocked d = unlockInClient(real, dave, null, null);
    real.publishKeyLogCheckpoint(dave, d.statement());
    assertThat(compareInClient(real, a.seen(), dave)).isEqualTo("one history of 4");
    activate(user("erin"), real);
    Unlocked later = unlockInClient(real, alice, a.seen(), null);
    assertThat(later.alarms()).isEmpty();
    assertThat(compareInClient(real, later.seen(), dave)).isEqualTo("one history of 4");
    real.publishKeyLogCheckpoint(alice, later.statement());
    assertThat(compareInClient(real, d.seen(), alice)).isEqualTo("one history of 5");

    // A Java user of the real log reads the browser users' statements as its own users': it
    // sends to Dave, and refuses to encrypt to Bob, whose client relied on the branch.
    SignedInUser frank = SignedInUser.employee(user("frank"));
    try (SecuPass pass = SecuPass.of("frank's pass");
        SecuPassSession session = host.secuPass().activate(frank.user(), pass)) {
      host.deliveries().send(frank, session, draft(dave));
      assertThatThrownBy(() -> host.deliveries().send(frank, session, draft(bob)))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED));
    }
  }

  private static DeliveryDraft draft(UserId to) {
    return DeliveryDraft.builder().level(SecurityLevel.SECRET).subject("Contract")
        .to(Addressee.employee(to, ""))
        .file("contract.txt", new ByteArrayInputStream(
            "sign here".getBytes(StandardCharsets.UTF_8))).build();
  }

  @Test
  @DisplayName("the relay stores only a statement the user's active keys signed over a note the"
      + " host signed")
  void publish_refusesStatementsAReaderWouldRefuse() throws IOException {
    ClientRelay real = real();
    UserId alice = user("alice");
    UserId bob = user("bob");
    activate(alice, real);
    activate(bob, real);
    byte[] statement = unlockInClient(real, alice, null, null).statement();
    assertThatThrownBy(() -> real.publishKeyLogCheckpoint(bob, statement))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> real.publishKeyLogCheckpoint(user("nobody"), statement))
        .isInstanceOf(SecuPassRequiredException.class);
    byte[] flipped = statement.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(() -> real.publishKeyLogCheckpoint(alice, flipped))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> real.publishKeyLogCheckpoint(alice, new byte[] {1, 2, 3}))
        .isInstanceOf(IntegrityException.class);
    assertThat(real.keyLogCheckpointOf(alice, 0)).isEmpty();
    // After a reset the old keys' statement is not the active keys'.
    real.publishKeyLogCheckpoint(alice, statement);
    assertThat(real.keyLogCheckpointOf(alice, 0).orElseThrow().statement()).isEqualTo(statement);
    real.reset(alice, makeInClient(alice, KeyVersion.of(2), secuPass(alice)));
    assertThatThrownBy(() -> real.publishKeyLogCheckpoint(alice, statement))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> real.keyLogEntries(alice, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> real.keyLogEntries(alice, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a key substituted and logged passes the senders' check, and the victim's client"
      + " raises FOREIGN_KEY at its next unlock")
  void substitutedAndLoggedKey_isAForeignKeyAtTheVictimsUnlock() throws IOException {
    ClientRelay real = real();
    UserId victim = user("victim");
    UserId sender = user("sender");
    activate(victim, real);
    activate(sender, real);
    Unlocked first = unlockInClient(real, victim, null, null);
    assertThat(first.alarms()).isEmpty();
    // The operator "resets" the victim's SecuPass with keys it made itself: logged, so every
    // sender's check before a wrap passes.
    real.reset(victim, makeInClient(victim, KeyVersion.of(2), "the operator's"));
    assertThat(vouchInClient(real, victim, KeyVersion.of(2), null, null).all("error")).isEmpty();
    // The victim's client, which holds the keys it made, names the entry at its next unlock.
    long index = real.keyLogProof(victim, KeyVersion.of(2), 0).index();
    Unlocked next = unlockInClient(real, victim, first.seen(), null);
    assertThat(next.alarms()).containsExactly("FOREIGN_KEY " + index + " 2");
    // Leaving the entry off the victim's list hides it from a first look only: a client that
    // looked before reads every entry added since.
    Unlocked hidden = unlockInClient(real, victim, first.seen(), null, null,
        e -> e.index() != index);
    assertThat(hidden.alarms()).isEmpty();
    Unlocked read = unlockInClient(real, victim, first.seen(), first.monitored(), null,
        e -> e.index() != index);
    assertThat(read.alarms()).containsExactly("FOREIGN_KEY " + index + " 2");
    assertThat(read.monitored().size()).isEqualTo(index + 1);
    activate(user("later"), real);
    assertThat(unlockInClient(real, victim, read.seen(), read.monitored(), null,
        e -> e.index() != index).alarms()).as("read once, and nothing new since").isEmpty();
    // The sender's own log is clean.
    assertThat(unlockInClient(real, sender, null, null).alarms()).isEmpty();
  }

  @Test
  @DisplayName("a checkpoint without the host's witness quorum is refused by the browser client,"
      + " before a wrap and at unlock")
  void checkpointWithoutWitnessQuorum_isRefusedByTheClient() throws IOException {
    InProcessWitness witness = new InProcessWitness("witness.example.org", host.verifierKey(),
        Clock.systemUTC(), random);
    ClientRelay witnessed = real(witness);
    List<String> policy = List.of(witness.verifierKey());
    UserId alice = user("alice");
    UserId bob = user("bob");
    activate(alice, witnessed);
    activate(bob, witnessed);
    NodeClient.Output vouched = vouchInClient(witnessed, bob, KeyVersion.FIRST, null, policy);
    assertThat(vouched.all("error")).isEmpty();
    Seen seen = Seen.of(vouched);
    assertThat(unlockInClient(witnessed, alice, null, policy).alarms()).isEmpty();

    // The operator runs a node without the witness: it appends and signs a checkpoint no
    // witness saw, and serves it.
    ClientRelay unwitnessed = real();
    activate(user("carol"), unwitnessed);
    assertThat(vouchInClient(unwitnessed, bob, KeyVersion.FIRST, seen, policy).text("error"))
        .isEqualTo("KeyLogException NOT_WITNESSED");
    assertThat(unlockInClient(unwitnessed, alice, seen, policy).alarms())
        .containsExactly("CHECK_FAILED -1 -");
    // Without a witness policy the same checkpoint passes: the policy is what refuses it.
    assertThat(vouchInClient(unwitnessed, bob, KeyVersion.FIRST, seen, null).all("error"))
        .isEmpty();
    // The honest node asks the witness, which cosigns a checkpoint that extends what it saw.
    assertThat(vouchInClient(witnessed, bob, KeyVersion.FIRST, seen, policy).all("error"))
        .isEmpty();
    assertThat(witness.size()).isEqualTo(3);
    // A quorum the host does not have (a second witness nobody asked) is refused as well.
    InProcessWitness absent = new InProcessWitness("absent.example.org", host.verifierKey(),
        Clock.systemUTC(), random);
    assertThat(vouchInClient(witnessed, bob, KeyVersion.FIRST, seen,
        List.of(witness.verifierKey(), absent.verifierKey())).text("error"))
        .isEqualTo("KeyLogException NOT_WITNESSED");
  }

  /** Keys made in Java for a client user, so that a test can sign as that user's client. */
  private PrivateKeys activateInJava(UserId user, ClientRelay... relays) {
    PrivateKeys made = PrivateKeys.generate(random, 1);
    byte[] bundle = PublicKeyBundle.encode(user, KeyVersion.FIRST, made);
    byte[] sealed = KeyBlob.seal(user, KeyVersion.FIRST, made,
        secuPass(user).getBytes(StandardCharsets.UTF_8),
        new dev.secupass.spi.KdfParameters("argon2id", 64, 1, 1), random);
    ClientKeys client = new ClientKeys(KeyVersion.FIRST, bundle, sealed, KDF_PARAMETERS);
    keys.put(user, client);
    for (ClientRelay relay : relays) {
      relay.activate(user, client);
    }
    return made;
  }

  /** The checkpoint {@code relay} serves now (read from the proof for {@code user}'s keys). */
  private static Checkpoint checkpoint(ClientRelay relay, UserId user) {
    return Checkpoint.parse(SignedNote.parse(relay.keyLogProof(user, KeyVersion.FIRST, 0)
        .checkpoint()).text());
  }

  /** A room's entry 0 of version 2 binding {@code seen}, signed by {@code creator}'s keys. */
  private byte[] createEntry(PrivateKeys creatorKeys, UserId creator, RoomId room,
      BoundCheckpoint seen) {
    byte[] commitment = new byte[32];
    random.nextBytes(commitment);
    MembershipRecord record = new MembershipRecord(room, 0, ChainHash.genesis(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), MembershipAction.CREATE, creator,
        RoomRole.OWNER, 1, commitment, MemberKey.of(PublicKeys.parse(keys.get(creator)
            .publicKeys())), seen);
    return SignedStatementCodec.sign(creatorKeys, creator, KeyVersion.FIRST,
        SignedType.MEMBERSHIP_ENTRY, MembershipCodec.encode(record));
  }

  /** A level-3 delivery to {@code to} whose version-3 manifest binds {@code seen}. */
  private ClientDelivery delivery(PrivateKeys senderKeys, UserId sender, UserId to,
      DeliveryId id, BoundCheckpoint seen) {
    byte[] details = "details".getBytes(StandardCharsets.UTF_8);
    byte[] commitment = new byte[32];
    random.nextBytes(commitment);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    DeliveryManifest manifest = new DeliveryManifest(3, id, SecurityLevel.SECRET, sender,
        KeyVersion.FIRST, now, now.plus(Duration.ofDays(7)), List.of(to), List.of(),
        Hashes.sha256(details), commitment, seen);
    byte[] signed = SignedStatementCodec.sign(senderKeys, sender, KeyVersion.FIRST,
        SignedType.DELIVERY_MANIFEST, ManifestCodec.encode(manifest));
    return new ClientDelivery(List.of(Addressee.employee(to, "")), signed, details, List.of(),
        List.of(), 0);
  }

  @Test
  @DisplayName("the relay serves consistency proofs of its tree, and refuses a version-3 manifest"
      + " or version-2 membership entry that binds a checkpoint not of its log, storing nothing")
  void boundCheckpoints_ofAnotherBranch_areRefused_andConsistencyIsServed() throws IOException {
    ClientRelay real = real();
    ClientRelay branch = relay(branchStorage());
    UserId alice = user("alice");
    UserId bob = user("bob");
    PrivateKeys aliceKeys = activateInJava(alice, real, branch);
    activate(bob, real, branch);
    activate(user("carol"), real);
    activate(user("dave"), branch); // the branch differs from entry 2 on
    Checkpoint real3 = checkpoint(real, alice);
    Checkpoint branch3 = checkpoint(branch, alice);
    assertThat(real3.size()).isEqualTo(branch3.size()).isEqualTo(3);
    assertThat(real3.root()).isNotEqualTo(branch3.root());
    activate(user("erin"), real);
    activate(user("fay"), real);
    Checkpoint real5 = checkpoint(real, alice);

    // The proof a browser client asks for to compare a bound checkpoint with its own.
    List<byte[]> proof = real.keyLogConsistency(3, 5);
    assertThat(MerkleTree.verifyConsistency(3, 5, real3.root(), real5.root(), proof)).isTrue();
    assertThat(MerkleTree.verifyConsistency(3, 5, branch3.root(), real5.root(), proof))
        .as("the branch is not a prefix of the log").isFalse();
    assertThat(real.keyLogConsistency(0, 5)).isEmpty();
    assertThat(real.keyLogConsistency(5, 5)).isEmpty();
    assertThat(real.keyLogConsistency(3, 6)).as("beyond the tree").isEmpty();
    assertThatThrownBy(() -> real.keyLogConsistency(-1, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> real.keyLogConsistency(4, 3))
        .isInstanceOf(IllegalArgumentException.class);

    BoundCheckpoint ofBranch = new BoundCheckpoint(3, branch3.root());
    BoundCheckpoint beyond = new BoundCheckpoint(9, real5.root());
    BoundCheckpoint ofLog = new BoundCheckpoint(3, real3.root());
    SignedInUser sender = SignedInUser.employee(alice);
    byte[] name = new byte[40];
    byte[] envelope = new byte[40];

    RoomId room = RoomId.random(random);
    for (BoundCheckpoint refused : List.of(ofBranch, beyond)) {
      assertThatThrownBy(() -> real.createRoom(sender,
          createEntry(aliceKeys, alice, room, refused), name, envelope))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED))
          .hasMessageContaining("not one of this host's log");
    }
    for (BoundCheckpoint passed : List.of(ofLog, BoundCheckpoint.NONE)) {
      assertThatThrownBy(() -> real.createRoom(sender,
          createEntry(aliceKeys, alice, room, passed), name, envelope))
          .as("past the key-log check, the junk name and envelope are refused")
          .isNotInstanceOf(KeyLogException.class);
    }
    assertThatThrownBy(() -> real.room(sender, room)).as("nothing stored")
        .isInstanceOf(NotFoundException.class);

    DeliveryId id = DeliveryId.random(random);
    for (BoundCheckpoint refused : List.of(ofBranch, beyond)) {
      assertThatThrownBy(() -> real.deliver(sender, delivery(aliceKeys, alice, bob, id,
          refused)))
          .isInstanceOfSatisfying(KeyLogException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyLogException.Kind.FORKED));
    }
    assertThatThrownBy(() -> real.deliver(sender, delivery(aliceKeys, alice, bob, id, ofLog)))
        .as("past the key-log check, a delivery without files or envelopes is refused")
        .isNotInstanceOf(KeyLogException.class);
    assertThatThrownBy(() -> real.open(SignedInUser.employee(bob), id))
        .isInstanceOf(NotFoundException.class);
  }
}
