package dev.secupass.storage.jdbc;

import static dev.secupass.storage.jdbc.NodeClient.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PageRequest;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.StaleEpochException;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.RoomAccessGranted;
import dev.secupass.core.events.RoomInvitation;
import dev.secupass.core.events.RoomMemberRemoved;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.relay.KdfCost;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.ClientRoomCopy;
import dev.secupass.core.relay.ClientRoomEntry;
import dev.secupass.core.relay.ClientRoomFile;
import dev.secupass.core.relay.ClientRoomGrant;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Data rooms through {@code sdk.relay()} on a real database and file-system blobs, driven by the
 * browser client's shipped bundle in Node.js ({@code relay-room-client.mjs}): rooms founded,
 * members added and removed, files encrypted and signed in the client; read back in the client
 * and by the Java SDK, and the other way round. Forged changes are refused with typed errors and
 * change nothing.
 */
abstract class ClientRelayRoomsContract {
  private static final Map<String, Object> KDF = Map.of("memoryKiB", 64, "iterations", 1,
      "parallelism", 1);
  private static final KdfCost KDF_PARAMETERS = new KdfCost(64, 1, 1);
  private static final int SEGMENT = 4096;

  @TempDir
  Path temp;

  private final SecureRandom random = new SecureRandom();
  private final String run = Samples.user().value();
  private SecuPassSdk sdk;
  private ClientRelay relay;
  private NodeClient keys;
  private NodeClient rooms;
  private RoomFileHttp http;
  /** Whose keys founded each room: the creator bundle each member's client pinned. */
  private final Map<RoomId, UserId> creators = new LinkedHashMap<>();

  abstract DatabaseFixture db();

  @BeforeEach
  void start() throws IOException {
    sdk = ClientRelayContract.relaySdk(db(), temp);
    relay = sdk.relay();
    keys = new NodeClient(Files.createDirectories(temp.resolve("node")));
    rooms = new NodeClient(temp.resolve("node"), "relay-room-client.mjs");
    http = new RoomFileHttp(relay);
  }

  @AfterEach
  void stop() {
    http.close();
    sdk.close();
  }

  private UserId user(String name) {
    return UserId.of(name + "-" + run);
  }

  /** The safety words the member reads out from their own session. */
  private String wordsOf(UserId member) {
    try (SecuPass pass = SecuPass.of(secuPass(member));
        SecuPassSession session = sdk.secuPass().unlock(member, pass)) {
      return SafetyWords.of(session.fingerprint()).toString();
    }
  }

  private String secuPass(UserId user) {
    return "pass of " + user.value() + " \u00e9t\u00e9";
  }

  private static SignedInUser employee(UserId user) {
    return SignedInUser.employee(user);
  }

  /** Keys made and sealed in the client, stored by the relay. */
  private UserId activated(String name) {
    return activate(user(name));
  }

  private UserId activate(UserId user) {
    NodeClient.Output made = keys.run("activate", Map.of("user", user.value(),
        "secuPass", secuPass(user), "kdf", KDF, "version", 1));
    relay.activate(user, new ClientKeys(KeyVersion.FIRST, made.one("publicKeys"),
        made.one("sealed"), KDF_PARAMETERS));
    return user;
  }

  private byte[] bundle(UserId user) {
    return relay.keys(user).orElseThrow().publicKeys();
  }

  /** One run of the room client as {@code me}, with the room as the relay serves it to them. */
  private NodeClient.Output inClient(String command, UserId me, RoomId room,
      Map<String, Object> extra) {
    return inClient(command, me, room, copyFor(relay.room(employee(me), room)), extra);
  }

  private NodeClient.Output inClient(String command, UserId me, RoomId room,
      @Nullable Map<String, Object> copy, Map<String, Object> extra) {
    ClientKeys own = relay.keys(me).orElseThrow();
    Map<String, Object> input = new LinkedHashMap<>(extra);
    input.put("me", Map.of("user", me.value(), "version", own.version().value(),
        "publicKeys", b64(own.publicKeys()), "sealed", b64(own.sealedPrivateKeys())));
    input.put("secuPass", secuPass(me));
    input.put("kdf", KDF);
    input.put("room", room.value());
    UserId creator = creators.get(room);
    if (creator != null) {
      input.put("creator", b64(bundle(creator)));
    }
    if (copy != null) {
      input.put("copy", copy);
    }
    return rooms.run(command, input);
  }

  private static Map<String, Object> copyFor(ClientRoomCopy copy) {
    return Map.of("room", copy.id().value(), "sealedName", b64(copy.sealedName()),
        "log", copy.log().stream().map(NodeClient::b64).toList(),
        "keys", copy.keys().stream().map(NodeClient::b64).toList(),
        "envelopes", copy.envelopes().stream().map(NodeClient::b64).toList());
  }

  private record Founding(RoomId room, byte[] entry, byte[] sealedName, byte[] envelope) {}

  private Founding foundInClient(UserId creator, String name) {
    RoomId room = RoomId.random(random);
    creators.put(room, creator);
    NodeClient.Output made = inClient("create", creator, room, null, Map.of("name", name));
    return new Founding(room, made.one("entry"), made.one("sealedName"), made.one("envelope"));
  }

  private RoomId createInClient(UserId creator, String name) {
    Founding f = foundInClient(creator, name);
    assertThat(relay.createRoom(employee(creator), f.entry(), f.sealedName(), f.envelope()))
        .isEqualTo(f.room());
    return f.room();
  }

  /** The manager's client's ADD entry (and envelopes, if the member has keys to wrap to). */
  private NodeClient.Output addInClient(UserId manager, RoomId room, UserId member,
      RoomRole role, boolean withKeys) {
    return addInClient(manager, room, member, role, withKeys, false);
  }

  /**
   * With {@code forge}, the entry as an attacker's client signs it without the library's check of
   * the membership rules (the library refuses to sign a change the log would refuse).
   */
  private NodeClient.Output addInClient(UserId manager, RoomId room, UserId member,
      RoomRole role, boolean withKeys, boolean forge) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (forge) {
      extra.put("forge", true);
    }
    extra.put("member", member.value());
    extra.put("role", role.name());
    if (withKeys) {
      extra.put("memberKeys", b64(bundle(member)));
    }
    return inClient("add", manager, room, extra);
  }

  private MemberAccess add(UserId manager, RoomId room, UserId member, RoomRole role,
      boolean withKeys) {
    NodeClient.Output made = addInClient(manager, room, member, role, withKeys);
    return relay.addRoomMember(employee(manager), room, PrincipalKind.EMPLOYEE,
        made.one("entry"), made.all("envelope"));
  }

  private NodeClient.Output removeInClient(UserId manager, RoomId room, UserId member,
      List<UserId> remaining) {
    return inClient("remove", manager, room, Map.of("member", member.value(),
        "remaining", remaining.stream().map(u -> b64(bundle(u))).toList()));
  }

  /**
   * Encrypted in the client while it streams up to the host's upload route, sealed with what the
   * relay answered; ready for {@code addRoomFile}.
   */
  private ClientRoomFile uploadInClient(UserId writer, RoomId room, String name,
      byte[] plaintext) {
    return uploaded(inClient("upload", writer, room, Map.of("plaintext", b64(plaintext),
        "segmentSize", SEGMENT, "name", name, "server", http.url())), "");
  }

  /** The file the client sealed ({@code prefix} "re": sealed again under a newer epoch). */
  private ClientRoomFile uploaded(NodeClient.Output made, String prefix) {
    return new ClientRoomFile(FileId.of(made.text("file")), null,
        made.one(prefix.isEmpty() ? "sealedEntry" : prefix + "sealedEntry"),
        made.one(prefix.isEmpty() ? "wrappedKey" : prefix + "wrappedKey"),
        Integer.parseInt(made.text(prefix + "epoch")), http.upload(made.text("blob")));
  }

  /** Lists the top of the room and opens the file in the client, which reads it by ranges. */
  private NodeClient.Output readInClient(UserId reader, RoomId room, FileId file,
      Map<String, Object> copy) {
    return readInClient(reader, reader, room, file, copy);
  }

  /**
   * As {@link #readInClient(UserId, RoomId, FileId, Map)}, with the entry and ciphertext the
   * relay serves to {@code server} (every stored byte of it, when {@code reader} may read none).
   */
  private NodeClient.Output readInClient(UserId reader, UserId server, RoomId room, FileId file,
      Map<String, Object> copy) {
    ClientRoomEntry entry = relay.roomEntries(employee(server), room, null).stream()
        .filter(e -> e.id().equals(file)).findFirst().orElseThrow();
    long middle = entry.size() / 2;
    return inClient("read", reader, room, copy, Map.of("entry", entryFor(entry),
        "url", http.url() + "/rooms/" + room.value() + "/files/" + file.value() + "?as="
            + server.value(), "range", Map.of("offset", middle, "length", SEGMENT + 3)));
  }

  private static Map<String, Object> entryFor(ClientRoomEntry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", entry.id().value());
    out.put("kind", entry.kind().name());
    out.put("storedSize", entry.storedSize());
    out.put("parent", entry.parent() == null ? null : entry.parent().value());
    out.put("epoch", entry.epoch());
    out.put("blob", entry.blob() == null ? null : entry.blob().value());
    out.put("size", entry.size());
    out.put("sealedEntry", b64(entry.sealedEntry()));
    out.put("wrappedKey", b64(entry.wrappedKey()));
    return out;
  }

  private <T extends HostEvent> List<T> events(UserId audience, Class<T> type) {
    return sdk.events().forUser(audience, PageRequest.first(100)).items().stream()
        .filter(type::isInstance).map(type::cast).toList();
  }

  /** What {@link #readInClient} reads as its range. */
  private static byte[] middle(byte[] content) {
    return Arrays.copyOfRange(content, content.length / 2,
        Math.min(content.length, content.length / 2 + SEGMENT + 3));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] out = new byte[size];
    new java.util.Random(seed).nextBytes(out);
    return out;
  }

  @Test
  @DisplayName("A room founded in the browser client: members added (with keys, and one without a"
      + " SecuPass, queued), a file uploaded in the client read by a member's client and by the"
      + " Java SDK, a Java upload read in the client, a removal that rotates the key so the removed"
      + " member's client opens nothing new, the queued member's grant fulfilled in the client; no"
      + " stored row or blob holds a SecuPass, a name or plaintext")
  void roomThroughTheRelay() throws IOException {
    UserId alice = activated("alice");
    UserId bob = activated("bob");
    UserId carol = activated("carol");
    UserId dave = user("dave");
    String roomName = "Due diligence " + run;
    RoomId room = createInClient(alice, roomName);
    assertThat(sdk.rooms().roomsOf(alice)).singleElement()
        .satisfies(s -> assertThat(s.role()).isEqualTo(RoomRole.OWNER));

    assertThat(add(alice, room, bob, RoomRole.EDITOR, true)).isEqualTo(MemberAccess.GRANTED);
    assertThat(add(alice, room, carol, RoomRole.VIEWER, true)).isEqualTo(MemberAccess.GRANTED);
    assertThat(add(alice, room, dave, RoomRole.VIEWER, false)).isEqualTo(MemberAccess.QUEUED);
    assertThat(events(dave, RoomInvitation.class)).singleElement().satisfies(e -> {
      assertThat(e.room()).isEqualTo(room);
      assertThat(e.secuPassRequired()).isTrue();
    });
    assertThat(events(bob, RoomInvitation.class)).singleElement()
        .satisfies(e -> assertThat(e.secuPassRequired()).isFalse());
    ClientRoomCopy seen = relay.room(employee(bob), room);
    assertThat(seen.members()).containsOnlyKeys(alice, bob, carol, dave);
    assertThat(seen.envelopes()).hasSize(1);
    NodeClient.Output opened = inClient("open", bob, room, Map.of());
    assertThat(opened.text("name")).isEqualTo(roomName);

    byte[] offer = bytes(3 * SEGMENT + 17, 1);
    String offerName = "offer " + run + ".pdf";
    ClientRoomFile uploaded = uploadInClient(alice, room, offerName, offer);
    relay.addRoomFile(employee(alice), room, uploaded);
    NodeClient.Output read = readInClient(bob, room, uploaded.id(),
        copyFor(relay.room(employee(bob), room)));
    assertThat(read.text("name")).isEqualTo(offerName);
    assertThat(read.text("writer")).isEqualTo(alice.value());
    assertThat(read.one("plaintext")).isEqualTo(offer);
    assertThat(read.one("range")).as("a range read by itself, verified against the signed digest")
        .isEqualTo(middle(offer));

    byte[] notes = bytes(2 * SEGMENT - 3, 2);
    FileId fromJava;
    try (SecuPass pass = SecuPass.of(secuPass(bob));
        SecuPassSession session = sdk.secuPass().unlock(bob, pass)) {
      assertThat(sdk.rooms().open(session, room).name()).isEqualTo(roomName);
      RoomItem item = sdk.rooms().item(session, room, uploaded.id());
      assertThat(item.name()).isEqualTo(offerName);
      assertThat(item.signedBy()).contains(alice);
      try (InputStream in = sdk.rooms().download(session, room, uploaded.id())) {
        assertThat(in.readAllBytes()).isEqualTo(offer);
      }
      fromJava = sdk.rooms().upload(session, room, null, "notes " + run + ".txt",
          new ByteArrayInputStream(notes)).id();
    }
    NodeClient.Output javaFile = readInClient(carol, room, fromJava,
        copyFor(relay.room(employee(carol), room)));
    assertThat(javaFile.text("writer")).isEqualTo(bob.value());
    assertThat(javaFile.one("plaintext")).isEqualTo(notes);
    assertThat(javaFile.one("range")).isEqualTo(middle(notes));

    Map<String, Object> bobsOldCopy = copyFor(relay.room(employee(bob), room));
    Map<String, Object> alicesOldCopy = copyFor(relay.room(employee(alice), room));
    NodeClient.Output removal = removeInClient(alice, room, bob, List.of(carol));
    relay.removeRoomMember(employee(alice), room, removal.one("entry"), removal.all("envelope"));
    assertThat(events(bob, RoomMemberRemoved.class)).singleElement()
        .satisfies(e -> assertThat(e.room()).isEqualTo(room));
    assertThat(relay.room(employee(carol), room).epoch()).isEqualTo(2);
    assertThat(relay.room(employee(carol), room).members()).containsOnlyKeys(alice, carol, dave);
    // Alice's client encrypted and sealed under the room as it was before the removal: the relay
    // refuses the seal as stale, and her client seals the same upload again under epoch 2.
    byte[] after = bytes(SEGMENT + 1, 3);
    NodeClient.Output late = inClient("upload", alice, room, alicesOldCopy, Map.of(
        "plaintext", b64(after), "segmentSize", SEGMENT, "name", "after " + run + ".pdf",
        "server", http.url(), "reopen", copyFor(relay.room(employee(alice), room))));
    ClientRoomFile stale = uploaded(late, "");
    assertThat(stale.epoch()).isEqualTo(1);
    assertThatThrownBy(() -> relay.addRoomFile(employee(alice), room, stale))
        .isInstanceOf(StaleEpochException.class);
    ClientRoomFile secret = uploaded(late, "re");
    assertThat(secret.epoch()).isEqualTo(2);
    relay.addRoomFile(employee(alice), room, secret);
    assertThat(readInClient(carol, room, secret.id(),
        copyFor(relay.room(employee(carol), room))).one("plaintext")).isEqualTo(after);
    assertThatThrownBy(() -> relay.room(employee(bob), room))
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> relay.readRoomFile(employee(bob), room, secret.id(), 0, 10))
        .isInstanceOf(NotPermittedException.class);
    // Even with every stored byte of the new file and the keys it held before, bob's client
    // holds no key of epoch 2.
    ClientRoomEntry newEntry = relay.roomEntries(employee(carol), room, null).stream()
        .filter(e -> e.id().equals(secret.id())).findFirst().orElseThrow();
    assertThat(newEntry.epoch()).isEqualTo(2);
    assertThat(readInClient(bob, carol, room, secret.id(), bobsOldCopy).text("error"))
        .isEqualTo("IntegrityException");

    // Dave activates in his client: his waiting grant turns ready, and alice's client fulfils it
    // with a KEY entry and both epochs' keys.
    activate(dave);
    List<ClientRoomGrant> ready = relay.pendingRoomGrants(employee(alice), 10);
    assertThat(ready).singleElement().satisfies(g -> {
      assertThat(g.room()).isEqualTo(room);
      assertThat(g.member().user()).isEqualTo(dave);
    });
    ClientRoomGrant grant = ready.get(0);
    assertThat(inClient("grant", alice, room, Map.of("memberKeys", b64(grant.memberPublicKeys())))
        .text("error")).as("never verified: held until the words are confirmed")
        .isEqualTo("UnverifiedKeyException");
    NodeClient.Output granted = inClient("grant", alice, room,
        Map.of("memberKeys", b64(grant.memberPublicKeys()), "confirmWords", wordsOf(dave)));
    assertThat(granted.all("envelope")).hasSize(2);
    assertThatThrownBy(() -> relay.fulfilRoomGrant(employee(carol), grant.id(),
        granted.one("entry"), granted.all("envelope"))).as("a viewer")
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> relay.fulfilRoomGrant(employee(alice), grant.id(), null,
        granted.all("envelope"))).as("no KEY entry").isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.fulfilRoomGrant(employee(alice), grant.id(),
        granted.one("entry"), granted.all("envelope").subList(0, 1)))
        .as("an epoch's key missing").isInstanceOf(IntegrityException.class);
    relay.fulfilRoomGrant(employee(alice), grant.id(), granted.one("entry"),
        granted.all("envelope"));
    assertThat(relay.pendingRoomGrants(employee(alice), 10)).isEmpty();
    assertThat(events(dave, RoomAccessGranted.class)).singleElement()
        .satisfies(e -> assertThat(e.room()).isEqualTo(room));
    assertThatThrownBy(() -> relay.fulfilRoomGrant(employee(alice), grant.id(),
        granted.one("entry"), granted.all("envelope"))).isInstanceOf(ConflictException.class);
    Map<String, Object> davesCopy = copyFor(relay.room(employee(dave), room));
    assertThat(readInClient(dave, room, uploaded.id(), davesCopy).one("plaintext"))
        .as("a file of epoch 1").isEqualTo(offer);
    assertThat(readInClient(dave, room, secret.id(), davesCopy).one("plaintext"))
        .as("a file of epoch 2").isEqualTo(after);

    List<byte[]> secrets = new ArrayList<>();
    for (UserId u : List.of(alice, bob, carol, dave)) {
      secrets.add(secuPass(u).getBytes(StandardCharsets.UTF_8));
    }
    for (String name : List.of(roomName, offerName, "notes " + run, "after " + run)) {
      secrets.add(name.getBytes(StandardCharsets.UTF_8));
    }
    for (byte[] content : List.of(offer, notes, after)) {
      secrets.add(Arrays.copyOfRange(content, 0, 32));
      // 32 bytes of the second segment, within the file: a slice padded with zeros (after is one
      // byte longer than a segment) matched a stored entry's zero-filled seen checkpoint
      int second = Math.min(SEGMENT, content.length - 32);
      secrets.add(Arrays.copyOfRange(content, second, second + 32));
    }
    ClientRelayContract.assertStoredNowhere(db(), temp, secrets);
  }

  @Test
  @DisplayName("Forged room changes are refused with typed errors and change nothing: a"
      + " non-manager's entry, a flipped signature, an entry of another room, a key wrapped to"
      + " another member or epoch, a guest, a room founded for someone else; a member whose keys"
      + " nobody verified waits for a grant")
  void forgedChanges_refused() throws IOException {
    UserId alice = activated("alice");
    UserId bob = activated("bob");
    UserId carol = activated("carol");
    UserId erin = activated("erin");
    RoomId room = createInClient(alice, "Room " + run);
    RoomId other = createInClient(alice, "Other " + run);
    add(alice, room, bob, RoomRole.EDITOR, true);

    Founding forCarol = foundInClient(alice, "Forged " + run);
    byte[] flippedFounding = forCarol.entry().clone();
    flippedFounding[flippedFounding.length - 1] ^= 1;
    assertThat(addInClient(bob, room, carol, RoomRole.VIEWER, true).text("error"))
        .as("the library signs no change its rules refuse").isEqualTo("MembershipLogException");
    NodeClient.Output byEditor = addInClient(bob, room, carol, RoomRole.VIEWER, true, true);
    NodeClient.Output good = addInClient(alice, room, carol, RoomRole.VIEWER, true);
    NodeClient.Output ofOther = addInClient(alice, other, carol, RoomRole.VIEWER, true);
    NodeClient.Output toErin = addInClient(alice, room, erin, RoomRole.VIEWER, true);
    byte[] flipped = good.one("entry").clone();
    flipped[flipped.length - 1] ^= 1;

    Map<String, Runnable> attacks = new LinkedHashMap<>();
    Map<String, Class<? extends Exception>> expected = new LinkedHashMap<>();
    attacks.put("a room founded with another user's entry", () -> relay.createRoom(
        employee(bob), forCarol.entry(), forCarol.sealedName(), forCarol.envelope()));
    expected.put("a room founded with another user's entry", InvalidSignatureException.class);
    attacks.put("a founding entry with a flipped signature", () -> relay.createRoom(
        employee(alice), flippedFounding, forCarol.sealedName(), forCarol.envelope()));
    expected.put("a founding entry with a flipped signature", InvalidSignatureException.class);
    attacks.put("a room founded by a guest", () -> relay.createRoom(
        new SignedInUser(alice, PrincipalKind.GUEST), forCarol.entry(), forCarol.sealedName(),
        forCarol.envelope()));
    expected.put("a room founded by a guest", NotPermittedException.class);
    attacks.put("an editor's entry", () -> relay.addRoomMember(employee(bob), room,
        PrincipalKind.EMPLOYEE, byEditor.one("entry"), byEditor.all("envelope")));
    expected.put("an editor's entry", NotPermittedException.class);
    attacks.put("a flipped signature", () -> relay.addRoomMember(employee(alice), room,
        PrincipalKind.EMPLOYEE, flipped, good.all("envelope")));
    expected.put("a flipped signature", InvalidSignatureException.class);
    attacks.put("an entry of another room", () -> relay.addRoomMember(employee(alice), room,
        PrincipalKind.EMPLOYEE, ofOther.one("entry"), ofOther.all("envelope")));
    expected.put("an entry of another room", IntegrityException.class);
    attacks.put("the key wrapped to another member", () -> relay.addRoomMember(employee(alice),
        room, PrincipalKind.EMPLOYEE, good.one("entry"), toErin.all("envelope")));
    expected.put("the key wrapped to another member", IntegrityException.class);
    attacks.put("the key of another room's epoch", () -> relay.addRoomMember(employee(alice),
        room, PrincipalKind.EMPLOYEE, good.one("entry"), ofOther.all("envelope")));
    expected.put("the key of another room's epoch", IntegrityException.class);
    attacks.put("no key at all for a member added with keys", () -> relay.addRoomMember(
        employee(alice), room, PrincipalKind.EMPLOYEE, good.one("entry"), List.of()));
    expected.put("no key at all for a member added with keys", IntegrityException.class);
    attacks.put("a guest added", () -> relay.addRoomMember(employee(alice), room,
        PrincipalKind.GUEST, good.one("entry"), good.all("envelope")));
    expected.put("a guest added", NotPermittedException.class);
    attacks.put("an entry sent by someone other than its signer", () -> relay.addRoomMember(
        employee(bob), room, PrincipalKind.EMPLOYEE, good.one("entry"), good.all("envelope")));
    expected.put("an entry sent by someone other than its signer", NotPermittedException.class);

    ClientRoomCopy before = relay.room(employee(alice), room);
    attacks.forEach((name, attack) -> assertThatThrownBy(attack::run).as(name)
        .isInstanceOf(expected.get(name))
        .satisfies(e -> assertThat(e.getMessage()).as(name + ": no secret in the message")
            .doesNotContain(secuPass(alice)).doesNotContain(secuPass(bob))));
    ClientRoomCopy unchanged = relay.room(employee(alice), room);
    assertThat(unchanged.log()).as("nothing appended").hasSameSizeAs(before.log());
    assertThat(unchanged.members()).containsOnlyKeys(alice, bob);
    assertThatThrownBy(() -> relay.room(employee(alice), forCarol.room()))
        .as("no forged room").isInstanceOf(dev.secupass.api.NotFoundException.class);

    // A removal whose new key is wrapped under the old epoch, or misses the remover's own.
    relay.addRoomMember(employee(alice), room, PrincipalKind.EMPLOYEE, good.one("entry"),
        good.all("envelope"));
    NodeClient.Output removal = removeInClient(alice, room, bob, List.of(carol));
    assertThatThrownBy(() -> relay.removeRoomMember(employee(alice), room, removal.one("entry"),
        List.of(removal.all("envelope").get(0), good.all("envelope").get(0))))
        .as("an envelope of the old epoch").isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.removeRoomMember(employee(alice), room, removal.one("entry"),
        List.of(removal.all("envelope").get(1))))
        .as("no envelope for the remover").isInstanceOf(IntegrityException.class);
    assertThat(relay.room(employee(bob), room).epoch()).as("still epoch 1").isEqualTo(1);
    relay.removeRoomMember(employee(alice), room, removal.one("entry"), removal.all("envelope"));
    assertThatThrownBy(() -> relay.removeRoomMember(employee(alice), room, removal.one("entry"),
        removal.all("envelope"))).as("replayed").isInstanceOf(Exception.class);

    // A file: a viewer may not add one; a version-1 stream or an unsealed entry is refused.
    ClientRoomFile file = uploadInClient(alice, room, "f " + run, bytes(100, 4));
    assertThatThrownBy(() -> relay.addRoomFile(employee(carol), room, file))
        .isInstanceOf(NotPermittedException.class);
    assertThatThrownBy(() -> relay.addRoomFile(employee(alice), room, new ClientRoomFile(
        file.id(), null, file.wrappedKey(), file.wrappedKey(), file.epoch(), file.content())))
        .isInstanceOf(IntegrityException.class);
    relay.addRoomFile(employee(alice), room, file);
    assertThatThrownBy(() -> relay.addRoomFile(employee(alice), room, file))
        .isInstanceOf(ConflictException.class);

    // Keys the manager's client has not verified: the entry records none, a grant is held until
    // an owner or manager fulfils it (after comparing safety words), with a KEY entry.
    assertThat(add(alice, room, erin, RoomRole.VIEWER, false))
        .isEqualTo(MemberAccess.AWAITING_CONFIRMATION);
    assertThat(relay.room(employee(erin), room).envelopes()).isEmpty();
    ClientRoomGrant held = relay.pendingRoomGrants(employee(alice), 10).stream()
        .filter(g -> g.member().user().equals(erin)).findFirst().orElseThrow();
    NodeClient.Output granted = inClient("grant", alice, room,
        Map.of("memberKeys", b64(held.memberPublicKeys()), "confirmWords", wordsOf(erin)));
    relay.fulfilRoomGrant(employee(alice), held.id(), granted.one("entry"),
        granted.all("envelope"));
    assertThat(relay.room(employee(erin), room).envelopes()).hasSize(2);
  }
}
