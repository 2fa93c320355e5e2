package dev.secupass.core.internal.keylog;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.keylog.KeyLog;
import dev.secupass.core.keylog.KeyLogAlarm;
import dev.secupass.core.keylog.KeyLogAudit;
import dev.secupass.core.keylog.KeyLogCheck;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.core.keylog.Witness;
import dev.secupass.core.relay.ClientKeyLogEntries;
import dev.secupass.core.relay.ClientKeyLogEntry;
import dev.secupass.core.relay.ClientSeenCheckpoint;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's side of the key transparency log ({@code docs/key-log.md}): appends every public key
 * version the SDK stores and signs a checkpoint for it; gathers witness cosignatures before a
 * checkpoint is relied on; checks, before a sender wraps to a key, that the key is in the current
 * checkpoint and that the checkpoint extends the one this sender saw last ({@link #vouch}); and at
 * every unlock reads the entries added since the user's last look, for keys of theirs they did
 * not make ({@link #monitor}). Safe for use by many threads.
 */
public final class KeyLogService implements KeyLog {
  private static final Logger LOG = LoggerFactory.getLogger(KeyLogService.class);
  /** Leaves read per store call while monitoring or auditing. */
  static final int BATCH = 1000;

  private final Storage base;
  private final Clock clock;
  private final SecureRandom random;
  private final AtRestKey atRestKey;
  private final KeyTransparency config;
  private final List<SignedNote.VerifierKey> witnessKeys;
  private final Map<Witness, Long> witnessSizes = new ConcurrentHashMap<>();
  /** Comparisons of an observer's checkpoint with a statement that passed, so none is redone. */
  private final Map<String, Boolean> compared = new ConcurrentHashMap<>();
  private final EventRecorder events;
  private volatile @Nullable CheckpointKey key;
  /**
   * The last checkpoint note {@link #verify} accepted: a batch of grants vouches against one
   * checkpoint, whose signature is checked once (the note and the host key are what it depends on).
   */
  private volatile @Nullable VerifiedNote lastVerified;

  private record VerifiedNote(String note, Verified verified) {}
  /** The largest checkpoint {@link #check()} passed in this instance; the log must extend it. */
  private final AtomicReference<@Nullable Checkpoint> lastChecked = new AtomicReference<>();

  public KeyLogService(Storage base, Clock clock, SecureRandom random, AtRestKey atRestKey,
      KeyTransparency config) {
    this.base = base;
    this.clock = clock;
    this.random = random;
    this.atRestKey = atRestKey;
    this.config = config;
    this.key = config.checkpointKey().orElse(null);
    List<SignedNote.VerifierKey> keys = new ArrayList<>();
    for (Witness witness : config.witnesses()) {
      keys.add(SignedNote.VerifierKey.parse(witness.verifierKey()));
    }
    this.witnessKeys = List.copyOf(keys);
    this.events = new EventRecorder(clock, random);
  }

  /**
   * The host's checkpoint key: the configured one, or the one kept in the storage sealed under
   * the at-rest key (made on first use). Loaded through the SDK's own storage, never a
   * transaction's, so a rolled-back transaction cannot lose a key already used.
   */
  public CheckpointKey checkpointKey() {
    CheckpointKey loaded = key;
    if (loaded != null) {
      return loaded;
    }
    synchronized (this) {
      if (key == null) {
        key = loadOrCreateKey();
      }
      return java.util.Objects.requireNonNull(key);
    }
  }

  private CheckpointKey loadOrCreateKey() {
    byte[] aad = associatedData();
    KeyLogStore store = base.keyLog();
    byte[] sealed = store.checkpointKey().orElseGet(() -> {
      CheckpointKey fresh = CheckpointKey.generate(config.origin(), random);
      byte[] seed = fresh.seed();
      try {
        return store.saveCheckpointKeyIfAbsent(atRestKey.encrypt(seed, aad));
      } finally {
        Wipe.bytes(seed);
      }
    });
    byte[] seed;
    try {
      seed = atRestKey.decrypt(sealed, aad);
    } catch (IntegrityException e) {
      throw new KeyLogException(KeyLogException.Kind.CHECKPOINT_KEY_UNAVAILABLE, "the key log's"
          + " checkpoint key in this storage was sealed under another at-rest key than this"
          + " SDK's, or for another origin than " + config.origin() + ": give every SDK on this"
          + " storage the same at-rest key, or the same checkpoint key"
          + " (KeyTransparency.Builder.checkpointKey, see docs/key-log.md)", e);
    }
    try {
      return CheckpointKey.of(config.origin(), seed);
    } finally {
      Wipe.bytes(seed);
    }
  }

  private byte[] associatedData() {
    byte[] label = Labels.of(Labels.KEY_LOG_CHECKPOINT_KEY);
    byte[] origin = config.origin().getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[label.length + origin.length];
    System.arraycopy(label, 0, aad, 0, label.length);
    System.arraycopy(origin, 0, aad, label.length, origin.length);
    return aad;
  }

  @Override
  public String origin() {
    return config.origin();
  }

  @Override
  public String checkpoint() {
    return current(base).note().encode();
  }

  @Override
  public String verifierKey() {
    return checkpointKey().verifierKey();
  }

  private SignedNote.VerifierKey hostKey() {
    return SignedNote.VerifierKey.parse(verifierKey());
  }

  /** The tree's perfect subtrees from {@code store}; a missing one is an integrity failure. */
  static MerkleTree.Nodes nodes(KeyLogStore store) {
    return (level, index) -> store.node(level, index).orElseThrow(() ->
        new KeyLogException(KeyLogException.Kind.NOT_INCLUDED,
            "the key log is missing part of its tree (level " + level + ", node " + index + ")"));
  }

  /**
   * Appends {@code entry} through {@code on} (a transaction's storage, with the key record it
   * logs) and signs the checkpoint of the new size.
   *
   * @return the leaf hash
   * @throws dev.secupass.api.ConflictException if another append came first
   */
  public byte[] append(Storage on, KeyLogEntry entry) {
    CheckpointKey signer = checkpointKey();
    KeyLogStore store = on.keyLog();
    long index = store.size();
    byte[] leaf = entry.encode();
    byte[] hash = MerkleTree.leafHash(leaf);
    store.append(new KeyLogLeaf(index, entry.user(), leaf),
        MerkleTree.completedBy(nodes(store), index, hash));
    sign(store, signer, index + 1);
    LOG.debug("appended {} to the key log at {}", entry, index);
    return hash;
  }

  private KeyLogCheckpoint sign(KeyLogStore store, CheckpointKey signer, long size) {
    Checkpoint checkpoint = new Checkpoint(signer.name(), size,
        MerkleTree.root(nodes(store), size));
    String text = checkpoint.text();
    KeyLogCheckpoint signed = new KeyLogCheckpoint(size, new SignedNote(text,
        List.of(SignedNote.sign(signer.name(), signer.seed(), signer.publicKey(), text)))
        .encode(), clock.instant());
    store.saveCheckpoint(signed);
    return signed;
  }

  /** A checkpoint whose host signature (and witness quorum) was verified. */
  public record Verified(Checkpoint checkpoint, SignedNote note) {}

  /**
   * The latest checkpoint in {@code on}, its signature checked, cosigned by the witness quorum
   * (asking the witnesses that have not cosigned yet, and storing their cosignatures).
   *
   * @throws KeyLogException if it is malformed, not signed by the host's key, or lacks the quorum
   */
  public Verified current(Storage on) {
    KeyLogStore store = on.keyLog();
    KeyLogCheckpoint stored = store.latestCheckpoint()
        .orElseGet(() -> sign(store, checkpointKey(), 0));
    Verified verified = verify(stored.note());
    if (verified.checkpoint().size() != stored.size()) {
      throw SignedNote.bad("it is stored under another tree size");
    }
    return witnessed(store, verified);
  }

  /**
   * Parses a checkpoint note and checks the host's signature and the origin (not the witnesses).
   *
   * @throws KeyLogException of kind BAD_CHECKPOINT otherwise
   */
  public Verified verify(String note) {
    VerifiedNote last = lastVerified;
    if (last != null && last.note().equals(note)) {
      return last.verified();
    }
    Verified verified = verify(note, hostKey());
    lastVerified = new VerifiedNote(note, verified);
    return verified;
  }

  /** {@link #verify(String)} with the host's verifier key given. */
  static Verified verify(String note, SignedNote.VerifierKey host) {
    SignedNote parsed = SignedNote.parse(note);
    if (!parsed.verifiedBy(host)) {
      throw SignedNote.bad("it is not signed by the host's checkpoint key " + host.name());
    }
    Checkpoint checkpoint = Checkpoint.parse(parsed.text());
    if (!checkpoint.origin().equals(host.name())) {
      throw SignedNote.bad("it is of another log (" + checkpoint.origin() + ")");
    }
    return new Verified(checkpoint, parsed);
  }

  /** How many configured witnesses validly cosigned {@code note}. */
  public int cosignatures(SignedNote note) {
    int count = 0;
    for (SignedNote.VerifierKey witness : witnessKeys) {
      try {
        if (note.verifiedBy(witness)) {
          count++;
        }
      } catch (KeyLogException e) {
        LOG.debug("a witness cosignature on the key log checkpoint does not verify");
      }
    }
    return count;
  }

  private Verified witnessed(KeyLogStore store, Verified verified) {
    int quorum = config.witnessQuorum();
    if (quorum == 0 || cosignatures(verified.note()) >= quorum) {
      return verified;
    }
    SignedNote note = verified.note();
    Checkpoint checkpoint = verified.checkpoint();
    @Nullable KeyLogException refusal = null;
    boolean added = false;
    for (int i = 0; i < witnessKeys.size(); i++) {
      SignedNote.VerifierKey witnessKey = witnessKeys.get(i);
      if (signedBy(note, witnessKey)) {
        continue;
      }
      Witness witness = config.witnesses().get(i);
      try {
        String line = ask(store, witness, checkpoint, note.encode());
        SignedNote.Signature cosignature = SignedNote.parse(note.text() + "\n" + line)
            .signatures().get(0);
        SignedNote candidate = note.with(cosignature);
        if (signedBy(candidate, witnessKey)) {
          note = candidate;
          added = true;
        }
      } catch (KeyLogException e) {
        refusal = e;
        LOG.warn("a key log witness refused checkpoint {}: {}", checkpoint.size(),
            e.getMessage());
      }
    }
    if (added) {
      store.saveCheckpoint(new KeyLogCheckpoint(checkpoint.size(), note.encode(),
          clock.instant()));
    }
    int count = cosignatures(note);
    if (count < quorum) {
      if (refusal != null && refusal.kind() == KeyLogException.Kind.WITNESS_REFUSED) {
        throw new KeyLogException(KeyLogException.Kind.WITNESS_REFUSED,
            "the key log's checkpoint has " + count + " of the " + quorum
                + " witness cosignatures it needs: " + refusal.getMessage(), refusal);
      }
      throw new KeyLogException(KeyLogException.Kind.NOT_WITNESSED,
          "the key log's checkpoint has " + count + " of the " + quorum
              + " witness cosignatures it needs", refusal);
    }
    return new Verified(checkpoint, note);
  }

  private static boolean signedBy(SignedNote note, SignedNote.VerifierKey key) {
    try {
      return note.verifiedBy(key);
    } catch (KeyLogException e) {
      return false;
    }
  }

  private String ask(KeyLogStore store, Witness witness, Checkpoint checkpoint, String note) {
    long oldSize = witnessSizes.getOrDefault(witness, 0L);
    for (int attempt = 0; ; attempt++) {
      if (oldSize > checkpoint.size()) {
        throw new KeyLogException(KeyLogException.Kind.WITNESS_REFUSED, "a witness already"
            + " cosigned a larger key log (" + oldSize + ") than this checkpoint ("
            + checkpoint.size() + "): the log was rolled back or forked");
      }
      List<byte[]> proof = MerkleTree.consistencyProof(nodes(store), oldSize, checkpoint.size());
      try {
        String line = witness.addCheckpoint(oldSize, proof, note);
        witnessSizes.put(witness, checkpoint.size());
        return line;
      } catch (dev.secupass.api.WitnessConflictException e) {
        if (attempt > 0) {
          throw new KeyLogException(KeyLogException.Kind.NOT_WITNESSED,
              "a witness keeps changing its view of the key log", e);
        }
        oldSize = e.knownSize();
      }
    }
  }

  /**
   * Before {@code observer} wraps a key to {@code keys}: the key version must be in the current
   * checkpoint (an inclusion proof) and the checkpoint must extend the last one this observer saw
   * (a consistency proof), which then becomes the one it saw.
   *
   * @throws KeyLogException NOT_LOGGED, NOT_INCLUDED, FORKED, BAD_CHECKPOINT, NOT_WITNESSED or
   *     WITNESS_REFUSED; nothing is wrapped then
   */
  public void vouch(Storage on, KeySession observer, PublicKeys keys) {
    KeyLogStore store = on.keyLog();
    Verified current = current(on);
    Checkpoint checkpoint = current.checkpoint();
    Person subject = People.of(on, keys.user());
    KeyLogLeaf found = logged(store, checkpoint, keys, subject);
    List<byte[]> proof = MerkleTree.inclusionProof(nodes(store), found.index(),
        checkpoint.size());
    if (!MerkleTree.verifyInclusion(MerkleTree.leafHash(found.data()), found.index(),
        checkpoint.size(), proof, checkpoint.root())) {
      throw new KeyLogException(KeyLogException.Kind.NOT_INCLUDED, "the key log's proof for the"
          + " keys of " + subject.displayName() + " does not match its signed checkpoint;"
          + " refusing to encrypt to them");
    }
    KeyLogView view = openView(on, observer).orElseThrow(() -> altered(on, observer));
    requireExtends(store, view, checkpoint, People.of(on, observer.user()));
    KeyLogView seen = view.at(checkpoint, false);
    if (!seen.equals(view)) { // the same view is stored already, sealed the same
      saveView(on, observer, seen);
    }
    if (view.seenSize() != checkpoint.size()
        || !MessageDigest.isEqual(view.seenRoot(), checkpoint.root())) {
      publish(on, observer, current);
    }
  }

  /** The log's entry of exactly {@code keys} within {@code checkpoint} (the last if several). */
  private static KeyLogLeaf logged(KeyLogStore store, Checkpoint checkpoint, PublicKeys keys,
      Person subject) {
    KeyLogLeaf found = null;
    for (KeyLogLeaf leaf : store.leavesOf(keys.user())) {
      if (leaf.index() >= checkpoint.size()) {
        continue;
      }
      KeyLogEntry entry;
      try {
        entry = KeyLogEntry.decode(leaf.data());
      } catch (KeyLogException e) {
        continue;
      }
      if (entry.user().equals(keys.user()) && entry.version().equals(keys.version())
          && entry.commitsTo(keys.encoded())) {
        found = leaf;
      }
    }
    if (found == null) {
      throw new KeyLogException(KeyLogException.Kind.NOT_LOGGED, "the keys of "
          + subject.displayName() + " (version " + keys.version().value()
          + ") are not in the key log; refusing to encrypt to them");
    }
    return found;
  }

  /**
   * What a client that holds its own keys checks before it wraps to {@code keys} (the check
   * {@link #vouch} makes in Java, served for a client to make): the current checkpoint (signed,
   * witnessed), the entry of the keys with its inclusion proof, and the consistency proof from
   * the tree size the client saw before ({@code seenSize}; none for 0, the same size or a larger
   * one, which the client's check then refuses).
   *
   * @param note the checkpoint as a signed note, cosignatures included
   * @throws KeyLogException NOT_LOGGED if the keys are not in the log, or the checkpoint's kinds
   */
  public record ClientProof(String note, byte[] leaf, long index, List<byte[]> inclusion,
      List<byte[]> consistency) {}

  /** See {@link ClientProof}. */
  public ClientProof proof(Storage on, PublicKeys keys, long seenSize) {
    KeyLogStore store = on.keyLog();
    Verified current = current(on);
    Checkpoint checkpoint = current.checkpoint();
    KeyLogLeaf found = logged(store, checkpoint, keys, People.of(on, keys.user()));
    List<byte[]> inclusion = MerkleTree.inclusionProof(nodes(store), found.index(),
        checkpoint.size());
    return new ClientProof(current.note().encode(), found.data(), found.index(), inclusion,
        consistency(store, seenSize, checkpoint.size()));
  }

  /**
   * The consistency proof from {@code from} entries to {@code to} of {@code on}'s tree, for a
   * client's comparison ({@code ClientRelay.keyLogConsistency}): none from 0, for one size, or if
   * the tree holds fewer than {@code to} entries (the client's check then decides).
   */
  public List<byte[]> consistency(Storage on, long from, long to) {
    KeyLogStore store = on.keyLog();
    if (to > store.size()) {
      return List.of();
    }
    try {
      return consistency(store, from, to);
    } catch (KeyLogException e) {
      return List.of(); // the storage lacks part of the tree: no proof can be had
    }
  }

  /**
   * The consistency proof from {@code from} entries to {@code to}: none from 0, for one size, or
   * to a smaller one (the client's check then refuses).
   */
  private static List<byte[]> consistency(KeyLogStore store, long from, long to) {
    return from > 0 && from < to ? MerkleTree.consistencyProof(nodes(store), from, to)
        : List.of();
  }

  /**
   * Stores the checkpoint statement a client that holds its own keys signed as the published
   * checkpoint of {@code signer}'s user, after the checks a reader makes ({@link
   * SeenCheckpoint#open}): a statement of type KEY_LOG_CHECKPOINT signed by {@code signer} (the
   * user's active keys), whose note carries the host's signature over a checkpoint of its log.
   * Whether it is of this storage's history is the readers' check, not the server's: a statement
   * of a branch is what gives a split view away.
   *
   * @throws dev.secupass.api.InvalidSignatureException if {@code signer} did not sign it
   * @throws IntegrityException if it is malformed or of another type
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown type or payload version
   * @throws KeyLogException BAD_CHECKPOINT if the note is not the host's
   */
  public void publishFromClient(Storage on, PublicKeys signer, byte[] statement) {
    SeenCheckpoint.open(statement, signer, hostKey());
    on.keyLog().saveSeenCheckpoint(signer.user(), statement);
  }

  /**
   * {@code subject}'s published checkpoint statement, with the consistency proof between the
   * checkpoint of {@code heldSize} entries a reader's client holds and the statement's (from the
   * smaller to the larger). A statement the server cannot open (altered in storage, signed by
   * keys it no longer has) or of a tree larger than its own is served with no proof: the reader's
   * check refuses it.
   */
  public Optional<ClientSeenCheckpoint> published(Storage on, UserId subject, long heldSize) {
    KeyLogStore store = on.keyLog();
    Optional<byte[]> stored = store.seenCheckpoint(subject);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> proof = List.of();
    try {
      KeyVersion version = SignedStatement.parse(stored.get()).signerKeyVersion();
      Optional<PublicKeys> keys = on.keys().find(subject, version).map(PublicKeys::of);
      if (keys.isPresent()) {
        long size = SeenCheckpoint.open(stored.get(), keys.get(), hostKey()).size();
        proof = consistency(store, Math.min(heldSize, size), Math.max(heldSize, size));
      }
    } catch (IntegrityException | dev.secupass.api.UnsupportedFormatException e) {
      LOG.debug("the published key log checkpoint of {} is served without a proof: {}",
          subject, e.getMessage());
    }
    return Optional.of(new ClientSeenCheckpoint(stored.get(), proof));
  }

  /**
   * What {@code user}'s client checks at unlock: the current checkpoint (signed, witnessed), every
   * entry the log holds for the user within it with its inclusion proof, the consistency proof
   * from the size the client relied on before ({@code seenSize}), and, as {@link #monitor} reads
   * them, every entry from {@code monitoredSize} to the checkpoint with the frontier at {@code
   * monitoredSize} (none at a first look, 0, or beyond the checkpoint).
   *
   * @throws KeyLogException if the current checkpoint cannot be served (BAD_CHECKPOINT,
   *     NOT_WITNESSED, WITNESS_REFUSED)
   */
  public ClientKeyLogEntries entries(Storage on, UserId user, long seenSize,
      long monitoredSize) {
    KeyLogStore store = on.keyLog();
    Verified current = current(on);
    long size = current.checkpoint().size();
    List<ClientKeyLogEntry> entries = new ArrayList<>();
    for (KeyLogLeaf leaf : store.leavesOf(user)) {
      if (leaf.index() < size) {
        entries.add(new ClientKeyLogEntry(leaf.index(), leaf.data(),
            MerkleTree.inclusionProof(nodes(store), leaf.index(), size)));
      }
    }
    List<byte[]> frontier = List.of();
    List<byte[]> added = new ArrayList<>();
    if (monitoredSize > 0 && monitoredSize <= size) {
      try {
        frontier = MerkleTree.Frontier.of(nodes(store), monitoredSize).hashes();
      } catch (KeyLogException e) {
        return new ClientKeyLogEntries(current.note().encode(), entries,
            consistency(store, seenSize, size), List.of(), List.of()); // the client's fold fails
      }
      for (long next = monitoredSize; next < size; ) {
        List<KeyLogLeaf> batch = store.leaves(next, (int) Math.min(BATCH, size - next));
        if (batch.isEmpty()) {
          break; // the client's fold then misses the checkpoint's root
        }
        for (KeyLogLeaf leaf : batch) {
          added.add(leaf.data());
        }
        next += batch.size();
      }
    }
    return new ClientKeyLogEntries(current.note().encode(), entries,
        consistency(store, seenSize, size), frontier, added);
  }

  /**
   * Publishes, signed by {@code session}'s user, the checkpoint their SDK now relies on, for the
   * users who read what they sign to compare with theirs ({@link #compare}).
   */
  private void publish(Storage on, KeySession session, Verified relied) {
    byte[] payload = new SeenCheckpoint(clock.instant(), relied.note().encode()).encode();
    on.keyLog().saveSeenCheckpoint(session.user(),
        session.sign(SignedType.KEY_LOG_CHECKPOINT, payload));
  }

  /**
   * Checkpoint exchange: compares the checkpoint {@code observer}'s SDK last relied on with the
   * one {@code subject} (whose keys the observer just verified, to read what they signed or to
   * wrap to them) published, signed by those keys. The two must be one history: the smaller a
   * prefix of the larger, by a consistency proof from the observer's storage. A subject who
   * published nothing, or signed with another key version, is not compared.
   *
   * @throws KeyLogException FORKED if they are not (the log was shown differently to the two
   *     users), after recording a {@link KeyLogAlarm.Kind#SPLIT_VIEW} alarm for the observer
   * @throws dev.secupass.api.InvalidSignatureException if the subject's statement does not verify
   *     under the keys presented for them (their keys, or the statement, were substituted)
   * @throws IntegrityException if the subject's statement is malformed
   */
  public void compare(Storage on, KeySession observer, PublicKeys subject) {
    KeyLogStore store = on.keyLog();
    Optional<byte[]> stored = store.seenCheckpoint(subject.user());
    if (stored.isEmpty()) {
      return;
    }
    SignedStatement statement = SignedStatement.parse(stored.get());
    if (!statement.signer().equals(subject.user())
        || !statement.signerKeyVersion().equals(subject.version())) {
      LOG.debug("the key log checkpoint of {} is signed with other keys than version {}",
          subject.user(), subject.version().value());
      return;
    }
    Optional<KeyLogView> opened = openView(on, observer);
    if (opened.isEmpty()) {
      return;
    }
    KeyLogView mine = opened.get();
    String done = observer.user().value() + "\n" + mine.seenSize() + "\n"
        + java.util.HexFormat.of().formatHex(mine.seenRoot()) + "\n"
        + java.util.HexFormat.of().formatHex(Hashes.sha256(stored.get()));
    if (compared.containsKey(done)) {
      return;
    }
    Person them = People.of(on, subject.user());
    Person me = People.of(on, observer.user());
    Checkpoint theirs;
    try {
      theirs = SeenCheckpoint.open(stored.get(), subject, hostKey());
    } catch (dev.secupass.api.InvalidSignatureException e) {
      throw new dev.secupass.api.InvalidSignatureException("the key log checkpoint that "
          + them.displayName() + "'s SDK published is not signed by the keys the storage presents"
          + " for " + them.displayName() + " (version " + subject.version().value() + "): the"
          + " keys or the statement were altered in storage; refusing to rely on them");
    } catch (KeyLogException e) {
      throw split(on, me, "the key log checkpoint that " + them.displayName() + "'s SDK relied"
          + " on is not one of this host's log: " + e.getMessage(), e);
    }
    List<byte[]> proof;
    try {
      proof = MerkleTree.consistencyProof(nodes(store), Math.min(mine.seenSize(), theirs.size()),
          Math.max(mine.seenSize(), theirs.size()));
    } catch (KeyLogException e) {
      proof = List.of(); // the storage lacks the larger tree: no proof can be had
    }
    if (!SeenCheckpoint.oneHistory(mine.seenSize(), mine.seenRoot(), theirs, proof)) {
      throw split(on, me, "the key log shown to " + me.displayName() + " (" + mine.seenSize()
          + " entries) and the one " + them.displayName() + "'s SDK relied on ("
          + theirs.size() + " entries, signed by " + them.displayName() + ") are not one"
          + " history: the log was forked to show you different keys", null);
    }
    if (compared.size() > 4096) {
      compared.clear();
    }
    compared.put(done, Boolean.TRUE);
  }

  private KeyLogException split(Storage on, Person observer, String message,
      @Nullable Throwable cause) {
    LOG.warn("key log alarm for user {}: {}", observer.user(), KeyLogAlarm.Kind.SPLIT_VIEW);
    events.record(on, EventTypes.KEY_LOG_ALARM, observer, EventPayload.builder()
        .put(EventTypes.ALARM, KeyLogAlarm.Kind.SPLIT_VIEW.name().toLowerCase(Locale.ROOT))
        .put(EventTypes.ENTRY, "-1"));
    return new KeyLogException(KeyLogException.Kind.FORKED, message + "; refusing to rely on"
        + " it", cause);
  }

  private static void requireExtends(KeyLogStore store, KeyLogView view, Checkpoint checkpoint,
      Person observer) {
    if (!extendsView(store, view, checkpoint)) {
      throw new KeyLogException(KeyLogException.Kind.FORKED, "the key log shown to "
          + observer.displayName() + " now (" + checkpoint.size() + " entries) does not extend"
          + " the one they saw before (" + view.seenSize() + " entries): it was rewritten or"
          + " forked; refusing to encrypt");
    }
  }

  private static boolean extendsView(KeyLogStore store, KeyLogView view, Checkpoint checkpoint) {
    return extendsSeen(store, view.seenSize(), view.seenRoot(), checkpoint);
  }

  /** Whether {@code checkpoint} extends the tree of {@code seenSize} entries with that root. */
  private static boolean extendsSeen(KeyLogStore store, long seenSize, byte[] seenRoot,
      Checkpoint checkpoint) {
    if (seenSize > checkpoint.size()) {
      return false;
    }
    try {
      List<byte[]> proof = MerkleTree.consistencyProof(nodes(store), seenSize, checkpoint.size());
      return MerkleTree.verifyConsistency(seenSize, checkpoint.size(), seenRoot,
          checkpoint.root(), proof);
    } catch (KeyLogException e) {
      return false;
    }
  }

  @Override
  public KeyLogCheck check() {
    KeyLogStore store = base.keyLog();
    Checkpoint checkpoint = current(base).checkpoint();
    long size = checkpoint.size();
    boolean treeMatches;
    try {
      treeMatches = MessageDigest.isEqual(MerkleTree.root(nodes(store), size), checkpoint.root());
    } catch (KeyLogException e) {
      treeMatches = false;
    }
    if (!treeMatches) {
      throw new KeyLogException(KeyLogException.Kind.FORKED, "the key log's stored tree does not"
          + " match its signed checkpoint of " + size + " entries: it was rewritten after it was"
          + " signed");
    }
    if (size > 0) {
      List<KeyLogLeaf> newest = store.leaves(size - 1, 1);
      Optional<byte[]> node = store.node(0, size - 1);
      if (newest.isEmpty() || newest.get(0).index() != size - 1 || node.isEmpty()
          || !MessageDigest.isEqual(MerkleTree.leafHash(newest.get(0).data()), node.get())) {
        throw new KeyLogException(KeyLogException.Kind.FORKED, "the key log's newest entry ("
            + (size - 1) + ") does not match its tree: it was rewritten after it was signed");
      }
    }
    Checkpoint seen = lastChecked.get();
    if (seen != null && !extendsSeen(store, seen.size(), seen.root(), checkpoint)) {
      throw new KeyLogException(KeyLogException.Kind.FORKED, "the key log now (" + size
          + " entries) does not extend the one this SDK checked before (" + seen.size()
          + " entries): it was rolled back, rewritten or forked");
    }
    lastChecked.accumulateAndGet(checkpoint,
        (before, checked) -> before == null || checked.size() >= before.size() ? checked : before);
    Instant now = clock.instant();
    Instant signedAt = store.latestCheckpoint().map(KeyLogCheckpoint::createdAt).orElse(now);
    Duration age = Duration.between(signedAt, now);
    return new KeyLogCheck(size, signedAt, age.isNegative() ? Duration.ZERO : age);
  }

  /**
   * At an unlock (or right after an activation, reset or key change made by this SDK, whose
   * entry is {@code ownEntry}): reads the entries added since this user's last look and reports
   * any key of theirs that their SDK did not make, and any rewrite of the log.
   *
   * @param replacedBundle the bundle of this key version that the unlock's migration replaced (its
   *     private keys are the session's), or null: at a first look its entries are the user's own
   * @return the alarms; empty if the log holds exactly the user's own keys
   * @throws KeyLogException if the current checkpoint is malformed, unsigned or not witnessed
   */
  public List<KeyLogAlarm> monitor(Storage on, KeySession session, byte @Nullable [] ownEntry,
      byte @Nullable [] replacedBundle) {
    KeyLogStore store = on.keyLog();
    UserId user = session.user();
    List<KeyLogAlarm> alarms = new ArrayList<>();
    Optional<byte[]> stored = store.view(user);
    KeyLogView view = null;
    if (stored.isPresent()) {
      try {
        KeyLogView decoded = KeyLogView.decode(stored.get());
        if (decoded.version() == session.keyVersion().value()) {
          if (MessageDigest.isEqual(session.sealKeyLogView(decoded.body()),
              KeyLogView.mac(stored.get()))) {
            view = decoded;
          } else {
            alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.VIEW_ALTERED, -1, null));
          }
        } else if (decoded.version() > session.keyVersion().value()) {
          alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.VIEW_ALTERED, -1, null));
        }
      } catch (IntegrityException e) {
        alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.VIEW_ALTERED, -1, null));
      }
    }
    if (view == null) {
      view = enroll(on, session, ownEntry, replacedBundle, alarms);
    } else {
      if (ownEntry != null) {
        view = view.withOwn(ownEntry);
      }
      view = scan(on, session, view, alarms);
    }
    saveView(on, session, view);
    Verified relied = current(on);
    if (relied.checkpoint().size() == view.seenSize()
        && MessageDigest.isEqual(relied.checkpoint().root(), view.seenRoot())) {
      publish(on, session, relied);
    }
    for (KeyLogAlarm alarm : alarms) {
      LOG.warn("key log alarm for user {}: {}", user, alarm.kind());
      events.record(on, EventTypes.KEY_LOG_ALARM, People.of(on, user), EventPayload.builder()
          .put(EventTypes.ALARM, alarm.kind().name().toLowerCase(Locale.ROOT))
          .put(EventTypes.ENTRY, Long.toString(alarm.entry())));
    }
    return List.copyOf(alarms);
  }

  /**
   * First look (or after a reset): this user's current keys must be logged (appended now if they
   * are not: keys made before the log existed); every entry the store lists for this user of
   * this key version or later that is not of these keys is foreign. Reading starts here.
   */
  private KeyLogView enroll(Storage on, KeySession session, byte @Nullable [] ownEntry,
      byte @Nullable [] replacedBundle, List<KeyLogAlarm> alarms) {
    KeyLogStore store = on.keyLog();
    UserId user = session.user();
    byte[] bundle = session.publicKeys().encoded();
    List<byte[]> own = new ArrayList<>();
    if (ownEntry != null) {
      own.add(ownEntry);
    }
    List<KeyLogLeaf> leaves = store.leavesOf(user);
    for (KeyLogLeaf leaf : leaves) {
      decoded(leaf).filter(e -> e.user().equals(user) && (e.commitsTo(bundle)
              || replacedBundle != null && e.commitsTo(replacedBundle)))
          .ifPresent(e -> own.add(MerkleTree.leafHash(leaf.data())));
    }
    if (own.isEmpty()) {
      KeyVersion version = session.keyVersion();
      own.add(append(on, KeyLogEntry.of(version.equals(KeyVersion.FIRST)
          ? KeyLogEntry.Event.ACTIVATION : KeyLogEntry.Event.RESET, user, version, bundle)));
    }
    KeyLogView fresh = new KeyLogView(session.keyVersion().value(), 0, MerkleTree.emptyRoot(), 0,
        MerkleTree.emptyRoot(), own);
    for (KeyLogLeaf leaf : leaves) {
      Optional<KeyLogEntry> entry = decoded(leaf);
      if (entry.isPresent() && entry.get().user().equals(user)
          && entry.get().version().compareTo(session.keyVersion()) >= 0
          && !fresh.isOwn(MerkleTree.leafHash(leaf.data()))) {
        alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.FOREIGN_KEY, leaf.index(),
            entry.get().version()));
      }
    }
    Checkpoint checkpoint = current(on).checkpoint();
    return fresh.at(checkpoint, true);
  }

  /** Reads every entry from the monitored size to the current checkpoint. */
  private KeyLogView scan(Storage on, KeySession session, KeyLogView view,
      List<KeyLogAlarm> alarms) {
    KeyLogStore store = on.keyLog();
    UserId user = session.user();
    Checkpoint checkpoint = current(on).checkpoint();
    if (!extendsView(store, view, checkpoint) || view.monitoredSize() > view.seenSize()) {
      alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.LOG_REWRITTEN, -1, null));
      return view.at(checkpoint, true);
    }
    MerkleTree.Frontier frontier;
    try {
      frontier = MerkleTree.Frontier.of(nodes(store), view.monitoredSize());
    } catch (KeyLogException e) {
      alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.LOG_REWRITTEN, -1, null));
      return view.at(checkpoint, true);
    }
    if (!MessageDigest.isEqual(frontier.root(), view.monitoredRoot())) {
      alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.LOG_REWRITTEN, -1, null));
      return view.at(checkpoint, true);
    }
    List<KeyLogAlarm> found = new ArrayList<>();
    long next = view.monitoredSize();
    while (next < checkpoint.size()) {
      List<KeyLogLeaf> batch = store.leaves(next,
          (int) Math.min(BATCH, checkpoint.size() - next));
      if (batch.isEmpty()) {
        break;
      }
      for (KeyLogLeaf leaf : batch) {
        if (leaf.index() != next) {
          break;
        }
        byte[] hash = MerkleTree.leafHash(leaf.data());
        frontier.add(hash);
        Optional<KeyLogEntry> entry = decoded(leaf);
        if (entry.isPresent() && entry.get().user().equals(user) && !view.isOwn(hash)) {
          found.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.FOREIGN_KEY, leaf.index(),
              entry.get().version()));
        }
        next++;
      }
    }
    if (frontier.size() != checkpoint.size()
        || !MessageDigest.isEqual(frontier.root(), checkpoint.root())) {
      alarms.add(new KeyLogAlarm(user, KeyLogAlarm.Kind.LOG_REWRITTEN, -1, null));
    }
    alarms.addAll(found);
    return view.at(checkpoint, true);
  }

  private static Optional<KeyLogEntry> decoded(KeyLogLeaf leaf) {
    try {
      return Optional.of(KeyLogEntry.decode(leaf.data()));
    } catch (KeyLogException e) {
      return Optional.empty();
    }
  }

  private Optional<KeyLogView> openView(Storage on, KeySession session) {
    Optional<byte[]> stored = on.keyLog().view(session.user());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    KeyLogView view;
    try {
      view = KeyLogView.decode(stored.get());
    } catch (IntegrityException e) {
      throw altered(on, session);
    }
    if (view.version() < session.keyVersion().value()) {
      return Optional.empty();
    }
    if (view.version() != session.keyVersion().value()
        || !MessageDigest.isEqual(session.sealKeyLogView(view.body()),
            KeyLogView.mac(stored.get()))) {
      throw altered(on, session);
    }
    return Optional.of(view);
  }

  private static KeyLogException altered(Storage on, KeySession session) {
    return new KeyLogException(KeyLogException.Kind.FORKED, "the stored record of what "
        + People.of(on, session.user()).displayName() + " saw of the key log was altered;"
        + " refusing to encrypt");
  }

  private static void saveView(Storage on, KeySession session, KeyLogView view) {
    on.keyLog().saveView(session.user(), view.encode(session.sealKeyLogView(view.body())));
  }

  @Override
  public KeyLogAudit audit() {
    KeyLogStore store = base.keyLog();
    List<String> problems = new ArrayList<>();
    SignedNote.VerifierKey host = hostKey();
    MerkleTree.Frontier frontier = new MerkleTree.Frontier();
    Map<String, byte[]> keysByVersion = new java.util.HashMap<>();
    long size = store.size();
    long checkpoints = 0;
    long cosigned = 0;
    long nextCheckpoint = 0;
    Checkpoint previous = null;
    List<KeyLogCheckpoint> pending = new ArrayList<>();
    while (frontier.size() <= size) {
      if (pending.isEmpty()) {
        pending.addAll(store.checkpoints(nextCheckpoint, BATCH));
      }
      long target = pending.isEmpty() ? size : Math.min(pending.get(0).size(), size);
      while (frontier.size() < target) {
        List<KeyLogLeaf> batch = store.leaves(frontier.size(),
            (int) Math.min(BATCH, target - frontier.size()));
        if (batch.isEmpty()) {
          problems.add("entries from " + frontier.size() + " on cannot be read");
          return new KeyLogAudit(frontier.size(), checkpoints, cosigned, problems);
        }
        for (KeyLogLeaf leaf : batch) {
          auditLeaf(store, leaf, frontier, keysByVersion, problems);
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      KeyLogCheckpoint stored = pending.remove(0);
      nextCheckpoint = stored.size() + 1;
      checkpoints++;
      if (stored.size() > size) {
        problems.add("checkpoint " + stored.size() + " is beyond the log's " + size
            + " entries");
        continue;
      }
      try {
        SignedNote note = SignedNote.parse(stored.note());
        if (!note.verifiedBy(host)) {
          problems.add("checkpoint " + stored.size() + " is not signed by " + host.name());
          continue;
        }
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (checkpoint.size() != stored.size() || !checkpoint.origin().equals(host.name())) {
          problems.add("checkpoint " + stored.size() + " is stored under the wrong size or log");
          continue;
        }
        if (!MessageDigest.isEqual(checkpoint.root(), frontier.root())) {
          problems.add("checkpoint " + stored.size() + " does not match the entries: the log"
              + " was rewritten after it was signed");
        }
        if (previous != null) {
          List<byte[]> proof = MerkleTree.consistencyProof(nodes(store), previous.size(),
              checkpoint.size());
          if (!MerkleTree.verifyConsistency(previous.size(), checkpoint.size(), previous.root(),
              checkpoint.root(), proof)) {
            problems.add("checkpoint " + checkpoint.size() + " is not consistent with checkpoint "
                + previous.size());
          }
        }
        if (cosignatures(note) >= config.witnessQuorum()) {
          cosigned++;
        }
        previous = checkpoint;
      } catch (KeyLogException e) {
        problems.add("checkpoint " + stored.size() + ": " + e.getMessage());
      }
    }
    return new KeyLogAudit(frontier.size(), checkpoints, cosigned, problems);
  }

  private static void auditLeaf(KeyLogStore store, KeyLogLeaf leaf, MerkleTree.Frontier frontier,
      Map<String, byte[]> keysByVersion, List<String> problems) {
    long index = frontier.size();
    if (leaf.index() != index) {
      problems.add("entry " + index + " is stored as entry " + leaf.index());
    }
    byte[] hash = MerkleTree.leafHash(leaf.data());
    frontier.add(hash);
    long position = index;
    int level = 0;
    byte[] node = hash;
    while (true) {
      Optional<byte[]> stored = store.node(level, position);
      if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(), node)) {
        problems.add("the tree node at level " + level + ", " + position
            + " does not match the entries");
        break;
      }
      if ((position & 1) == 0) {
        break;
      }
      Optional<byte[]> left = store.node(level, position - 1);
      if (left.isEmpty()) {
        break;
      }
      node = MerkleTree.nodeHash(left.get(), node);
      position >>>= 1;
      level++;
    }
    try {
      KeyLogEntry entry = KeyLogEntry.decode(leaf.data());
      if (!entry.user().equals(leaf.user())) {
        problems.add("entry " + index + " is filed under another user than it names");
      }
      String key = entry.user().value() + "\n" + entry.version().value();
      byte[] earlier = keysByVersion.putIfAbsent(key, entry.bundleHash());
      if (earlier != null && !MessageDigest.isEqual(earlier, entry.bundleHash())
          && entry.event() != KeyLogEntry.Event.KEY_CHANGE) {
        problems.add("entry " + index + " logs other keys for " + entry.user() + " "
            + entry.version() + " than an earlier entry");
      } else if (earlier != null) {
        keysByVersion.put(key, entry.bundleHash());
      }
    } catch (KeyLogException e) {
      problems.add("entry " + index + ": " + e.getMessage());
    }
  }
}
