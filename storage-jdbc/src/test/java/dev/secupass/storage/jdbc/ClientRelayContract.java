package dev.secupass.storage.jdbc;

import static dev.secupass.storage.jdbc.NodeClient.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientAccessCode;
import dev.secupass.core.relay.ClientCopy;
import dev.secupass.core.relay.ClientDelivery;
import dev.secupass.core.relay.ClientFile;
import dev.secupass.core.relay.ClientGrant;
import dev.secupass.core.relay.ClientKeyLogProof;
import dev.secupass.core.relay.ClientPin;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.relay.KdfCost;
import dev.secupass.core.relay.ClientRecipient;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sdk.relay()} on a real database and file-system blobs, driven by the browser client's
 * shipped bundle in Node.js: every key, envelope, manifest and ciphertext the relay receives was
 * made by the TypeScript library, and every opening happens there (or in the Java SDK, to show
 * the two interoperate on stored data). Forged and unsigned uploads are refused with typed errors
 * and leave nothing a reader can see.
 */
abstract class ClientRelayContract {
  private static final Map<String, Object> KDF = Map.of("memoryKiB", 64, "iterations", 1,
      "parallelism", 1);
  private static final KdfCost KDF_PARAMETERS = new KdfCost(64, 1, 1);
  private static final int SEGMENT = 4096;
  /** One at-rest key for the class's database: it seals the key log's checkpoint key there. */
  private static final TinkAtRestKey AT_REST_KEY = TinkAtRestKey.generate();

  @TempDir
  Path temp;

  private final SecureRandom random = new SecureRandom();
  private SecuPassSdk sdk;
  private ClientRelay relay;
  private NodeClient node;
  private final Map<UserId, ClientKeys> keys = new LinkedHashMap<>();
  private final String run = Samples.user().value();

  abstract DatabaseFixture db();

  @BeforeEach
  void start() throws IOException {
    sdk = relaySdk(db(), temp);
    relay = sdk.relay();
    node = new NodeClient(Files.createDirectories(temp.resolve("node")));
  }

  @AfterEach
  void stop() {
    sdk.close();
  }

  /** The SDK whose relay the tests drive: the database, file-system blobs under {@code temp}. */
  static SecuPassSdk relaySdk(DatabaseFixture db, Path temp) throws IOException {
    return SecuPassSdk.builder()
        .storage(db.storage(Clock.systemUTC()))
        .blobStore(new FileSystemBlobStore(Files.createDirectories(temp.resolve("blobs"))))
        .atRestKey(AT_REST_KEY)
        .kdfPolicy(KdfPolicy.builder().memoryKiB(64).iterations(1).parallelism(1)
            .allowWeakParametersForTests().build())
        .keySuite(KeySuite.CLASSICAL)
        .build();
  }

  /** Asserts that no row of the database and no blob under {@code temp} holds a secret. */
  static void assertStoredNowhere(DatabaseFixture db, Path temp, List<byte[]> secrets)
      throws IOException {
    List<byte[]> stored = storedRows(db);
    try (Stream<Path> blobs = Files.walk(temp.resolve("blobs"))) {
      for (Path blob : blobs.filter(Files::isRegularFile).toList()) {
        stored.add(Files.readAllBytes(blob));
      }
    }
    assertThat(stored).as("rows and blobs were read").hasSizeGreaterThan(10);
    for (byte[] value : stored) {
      for (byte[] secret : secrets) {
        assertThat(indexOf(value, secret)).as("a secret in a stored row or blob").isEqualTo(-1);
      }
    }
  }

  private UserId user(String name) {
    return UserId.of(name + "-" + run);
  }

  private final Map<UserId, String> secuPasses = new LinkedHashMap<>();

  private String secuPass(UserId user) {
    return secuPasses.getOrDefault(user, "pass of " + user.value() + " \u00e9t\u00e9");
  }

  /** Activation in the client: the relay gets the bundle and the sealed blob. */
  private ClientKeys activateInClient(UserId user) {
    return activateInClient(user, KeyVersion.FIRST);
  }

  private ClientKeys activateInClient(UserId user, KeyVersion version) {
    NodeClient.Output made = node.run("activate", Map.of("user", user.value(),
        "secuPass", secuPass(user), "kdf", KDF, "version", version.value()));
    ClientKeys client = new ClientKeys(version, made.one("publicKeys"),
        made.one("sealed"), KDF_PARAMETERS);
    keys.put(user, client);
    return client;
  }

  private Map<String, Object> record(UserId user) {
    ClientKeys k = relay.keys(user).orElseThrow();
    return Map.of("user", user.value(), "version", k.version().value(),
        "publicKeys", b64(k.publicKeys()), "sealed", b64(k.sealedPrivateKeys()));
  }

  /** A delivery the client made, not yet uploaded. */
  private record Made(DeliveryId id, List<FileId> files, List<byte[]> plaintexts,
      List<Addressee> recipients, NodeClient.Output output) {}

  private Made sendInClient(UserId sender, SecurityLevel level, List<Addressee> addressees,
      String subject, byte[]... plaintexts) {
    return sendInClient(sender, level, 1, addressees, subject, plaintexts);
  }

  private Made sendInClient(UserId sender, SecurityLevel level, int streamVersion,
      List<Addressee> addressees, String subject, byte[]... plaintexts) {
    return sendInClient(sender, level, streamVersion, addressees, subject, null, plaintexts);
  }

  /**
   * As above; with {@code codeCost}, the sender's client makes an access code (at that Argon2id
   * cost) for each new guest, and outputs its check as {@code check.USER} and the code as {@code
   * code.USER}.
   */
  private Made sendInClient(UserId sender, SecurityLevel level, List<Addressee> addressees,
      String subject, Map<String, Object> codeCost, byte[]... plaintexts) {
    return sendInClient(sender, level, 1, addressees, subject, codeCost, plaintexts);
  }

  private Made sendInClient(UserId sender, SecurityLevel level, int streamVersion,
      List<Addressee> addressees, String subject,
      @org.jspecify.annotations.Nullable Map<String, Object> codeCost, byte[]... plaintexts) {
    List<ClientRecipient> recipients = relay.recipients(addressees);
    DeliveryId id = DeliveryId.random(random);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<FileId> files = new ArrayList<>();
    List<Map<String, Object>> fileInputs = new ArrayList<>();
    for (int i = 0; i < plaintexts.length; i++) {
      FileId file = FileId.random(random);
      files.add(file);
      fileInputs.add(Map.of("file", file.value(), "name", "report " + (i + 1) + ".pdf",
          "plaintext", b64(plaintexts[i])));
    }
    List<Map<String, Object>> recipientInputs = new ArrayList<>();
    for (ClientRecipient r : recipients) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("user", r.person().user().value());
      entry.put("publicKeys", r.keys().map(NodeClient::b64).orElse(null));
      recipientInputs.add(entry);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("sender", record(sender));
    input.put("secuPass", secuPass(sender));
    input.put("kdf", KDF);
    input.put("level", level.number());
    input.put("delivery", id.value());
    input.put("createdAt", now.toEpochMilli());
    input.put("expiresAt", now.plus(Duration.ofDays(7)).toEpochMilli());
    input.put("recipients", recipientInputs);
    input.put("files", fileInputs);
    input.put("segmentSize", SEGMENT);
    input.put("streamVersion", streamVersion);
    input.put("subject", subject);
    input.put("message", "the figures for " + subject);
    Map<String, Object> accessCodes = new LinkedHashMap<>();
    for (ClientRecipient r : recipients) {
      if (codeCost != null && r.keys().isEmpty() && r.person().user().value().startsWith("guest-")) {
        accessCodes.put(r.person().user().value(), codeCost);
      }
    }
    input.put("accessCodes", accessCodes);
    return new Made(id, files, List.of(plaintexts), addressees, node.run("send", input));
  }

  private List<ClientFile> upload(UserId sender, Made made) {
    List<ClientFile> files = new ArrayList<>();
    List<byte[]> ciphertexts = made.output().all("ciphertext");
    List<byte[]> names = made.output().all("name");
    for (int i = 0; i < made.files().size(); i++) {
      byte[] ciphertext = ciphertexts.get(i);
      UploadedContent content = relay.upload(SignedInUser.employee(sender), ciphertext.length,
          new ByteArrayInputStream(ciphertext));
      files.add(new ClientFile(made.files().get(i), names.get(i), content));
    }
    return files;
  }

  private ClientDelivery delivery(Made made, List<ClientFile> files) {
    return new ClientDelivery(made.recipients(), made.output().one("manifest"),
        made.output().one("details"), files, made.output().all("envelope"), 0);
  }

  /** Opens in the client what the relay serves: every file read by two ranges. */
  private NodeClient.Output openInClient(UserId reader, DeliveryId id) throws IOException {
    SignedInUser signedIn = SignedInUser.employee(reader);
    ClientCopy copy = relay.open(signedIn, id);
    List<Map<String, Object>> files = new ArrayList<>();
    for (ClientCopy.File file : copy.files()) {
      ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
      long half = file.storedSize() / 2;
      try (InputStream first = relay.read(signedIn, id, file.id(), 0, half);
          InputStream rest = relay.read(signedIn, id, file.id(), half, Long.MAX_VALUE)) {
        first.transferTo(ciphertext);
        rest.transferTo(ciphertext);
      }
      files.add(Map.of("file", file.id().value(), "ciphertext", b64(ciphertext.toByteArray())));
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("reader", record(reader));
    input.put("secuPass", secuPass(reader));
    input.put("kdf", KDF);
    input.put("senderPublicKeys", b64(copy.senderPublicKeys()));
    input.put("manifest", b64(copy.manifest()));
    input.put("envelope", b64(copy.readerEnvelope().orElseThrow()));
    input.put("details", b64(copy.details()));
    input.put("files", files);
    return node.run("open", input);
  }

  /** The key-log checkpoint the sender's client relied on, kept between runs (pins: the relay). */
  private final Map<UserId, Map<String, Object>> seen = new LinkedHashMap<>();

  /**
   * The sender's client fulfils {@code grant} with the release rule (its pins, the access-code
   * binding, the policy, the key log's proofs, which the relay serves); {@code extra} adds or
   * overrides inputs (a confirmation, a policy, a forged field).
   */
  private NodeClient.Output fulfilInClient(UserId granter, ClientGrant grant,
      Map<String, ?> extra) {
    UserId recipient = grant.recipient().user();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("granter", record(granter));
    input.put("secuPass", secuPass(granter));
    input.put("kdf", KDF);
    input.put("delivery", grant.delivery().value());
    input.put("level", grant.level().number());
    input.put("manifest", b64(grant.manifest()));
    input.put("ownEnvelope", b64(grant.ownEnvelope()));
    input.put("recipientPublicKeys", b64(grant.recipientPublicKeys()));
    grant.accessCode().ifPresent(check -> input.put("accessCodeCheck", b64(check)));
    byte[] binding = grant.binding();
    if (binding != null) {
      input.put("binding", b64(binding));
    }
    input.put("verifierKey", relay.keyLogVerifierKey());
    Map<String, Object> relied = seen.get(granter);
    long seenSize = relied == null ? 0 : (Long) relied.get("size");
    input.put("keyLogProof", proofInput(relay.keyLogProof(recipient,
        relay.keys(recipient).orElseThrow().version(), seenSize)));
    if (relied != null) {
      input.put("seen", relied);
    }
    input.put("pins", relay.pin(granter, recipient).map(p -> List.of(Map.of(
        "subject", p.subject().value(), "version", p.version().value(),
        "fingerprint", p.fingerprint().digits(), "seal", b64(p.seal())))).orElse(List.of()));
    input.putAll(extra);
    NodeClient.Output out = node.run("fulfil", input);
    if (!out.all("pin").isEmpty()) {
      Map<String, Object> pin = parsePin(out.text("pin"));
      relay.savePin(granter, new ClientPin(UserId.of((String) pin.get("subject")),
          KeyVersion.of((Integer) pin.get("version")),
          dev.secupass.api.Fingerprint.of((String) pin.get("fingerprint")),
          java.util.Base64.getDecoder().decode((String) pin.get("seal"))));
    }
    if (!out.all("seenSize").isEmpty()) {
      seen.put(granter, Map.of("size", Long.parseLong(out.text("seenSize")),
          "root", b64(out.one("seenRoot"))));
    }
    return out;
  }

  private static Map<String, Object> proofInput(ClientKeyLogProof proof) {
    return Map.of("checkpoint", proof.checkpoint(), "leaf", b64(proof.leaf()),
        "index", proof.index(),
        "inclusion", proof.inclusion().stream().map(NodeClient::b64).toList(),
        "consistency", proof.consistency().stream().map(NodeClient::b64).toList());
  }

  /** The JSON object the client emits for a pin (four flat fields, no escapes). */
  private static Map<String, Object> parsePin(String json) {
    Map<String, Object> pin = new LinkedHashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\"(\\w+)\":(\"([^\"]*)\"|(\\d+))").matcher(json);
    while (m.find()) {
      pin.put(m.group(1), m.group(3) != null ? m.group(3) : (Object) Integer.valueOf(m.group(4)));
    }
    return pin;
  }

  /** The safety words the user's own client shows them. */
  private String wordsInClient(UserId user) {
    return node.run("words", Map.of("owner", record(user), "secuPass", secuPass(user),
        "kdf", KDF)).text("words");
  }

  private static byte[] bytes(int size, int seed) {
    byte[] out = new byte[size];
    new java.util.Random(seed).nextBytes(out);
    return out;
  }

  @Test
  @DisplayName("A level-3 delivery made in the browser client is checked and stored by the relay,"
      + " opens in the browser client by ranges, and opens in the Java SDK")
  void browserSends_relayStores_browserAndJavaOpen() throws IOException {
    UserId alice = user("alice");
    UserId bob = user("bob");
    relay.activate(alice, activateInClient(alice));
    relay.activate(bob, activateInClient(bob));
    assertThat(relay.keys(bob)).contains(keys.get(bob));

    byte[] big = bytes(3 * SEGMENT + 123, 1);
    byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
    Made made = sendInClient(alice, SecurityLevel.SECRET,
        List.of(Addressee.employee(bob, "bob@example.org")), "Quarterly figures", big, small);
    SentDelivery sent = relay.deliver(SignedInUser.employee(alice),
        delivery(made, upload(alice, made)));

    assertThat(sent.id()).isEqualTo(made.id());
    assertThat(sent.awaitingSecuPass()).isEmpty();
    NodeClient.Output opened = openInClient(bob, made.id());
    assertThat(opened.text("subject")).isEqualTo("Quarterly figures");
    assertThat(opened.all("plaintext")).containsExactly(big, small);

    try (SecuPass pass = SecuPass.of(secuPass(bob));
        SecuPassSession session = sdk.secuPass().unlock(bob, pass);
        OpenedDelivery inJava = sdk.deliveries().open(SignedInUser.employee(bob), session,
            made.id())) {
      assertThat(inJava.subject()).isEqualTo("Quarterly figures");
      assertThat(inJava.files()).extracting(f -> f.name())
          .containsExactly("report 1.pdf", "report 2.pdf");
      try (InputStream in = inJava.read(made.files().get(0))) {
        assertThat(in.readAllBytes()).isEqualTo(big);
      }
      try (InputStream in = inJava.read(made.files().get(0), SEGMENT + 7, 100)) {
        assertThat(in.readAllBytes())
            .isEqualTo(java.util.Arrays.copyOfRange(big, SEGMENT + 7, SEGMENT + 107));
      }
    }
  }

  @Test
  @DisplayName("A guest without a SecuPass gets a grant; after activating in the browser, the"
      + " sender's browser client fulfils it and the guest opens the level-4 delivery; no stored"
      + " row or blob holds a SecuPass, the subject or plaintext")
  void guestGrant_fulfilledByBrowserSender() throws IOException {
    UserId alice = user("alice");
    relay.activate(alice, activateInClient(alice));
    String address = "carol-" + run + "@example.net";
    byte[] content = bytes(10_000, 2);
    String subject = "Contract draft " + run;
    Made made = sendInClient(alice, SecurityLevel.TOP_SECRET, List.of(Addressee.guest(address)),
        subject, content);
    SentDelivery sent = relay.deliver(SignedInUser.employee(alice),
        delivery(made, upload(alice, made)));
    UserId carol = sent.awaitingSecuPass().get(0).user();
    SignedInUser guest = new SignedInUser(carol, dev.secupass.api.PrincipalKind.GUEST);
    assertThatThrownBy(() -> relay.open(guest, made.id()))
        .isInstanceOf(SecuPassRequiredException.class);

    relay.activate(carol, activateInClient(carol));
    assertThat(relay.open(guest, made.id()).readerEnvelope()).as("not yet released").isEmpty();
    List<ClientGrant> grants = relay.pendingGrants(SignedInUser.employee(alice), 10);
    assertThat(grants).singleElement().satisfies(g -> {
      assertThat(g.delivery()).isEqualTo(made.id());
      assertThat(g.recipient().user()).isEqualTo(carol);
    });
    ClientGrant grant = grants.get(0);
    // The default first-contact policy holds the release until the sender compares the guest's
    // safety words (read out from the guest's own client) and confirms them in their client.
    assertThat(fulfilInClient(alice, grant, Map.of()).text("error"))
        .isEqualTo("UnverifiedKeyException");
    assertThat(fulfilInClient(alice, grant, Map.of("confirmWords", wordsInClient(alice)))
        .text("error")).as("the sender's own words are not the guest's")
        .isEqualTo("SafetyWordsMismatchException");
    byte[] envelope = fulfilInClient(alice, grant, Map.of("confirmWords",
        wordsInClient(carol))).one("envelope");

    assertThatThrownBy(() -> relay.fulfil(SignedInUser.employee(user("mallory")), grant.id(),
        envelope)).isInstanceOf(NotPermittedException.class);
    byte[] forged = envelope.clone();
    forged[forged.length - 1] ^= 1;
    assertThatThrownBy(() -> relay.fulfil(SignedInUser.employee(alice), grant.id(), forged))
        .isInstanceOf(InvalidSignatureException.class);

    relay.fulfil(SignedInUser.employee(alice), grant.id(), envelope);
    assertThat(relay.pendingGrants(SignedInUser.employee(alice), 10)).isEmpty();
    assertThatThrownBy(() -> relay.fulfil(SignedInUser.employee(alice), grant.id(), envelope))
        .isInstanceOf(ConflictException.class);
    NodeClient.Output opened = openInClient(carol, made.id());
    assertThat(opened.text("subject")).isEqualTo(subject);
    assertThat(opened.all("plaintext")).containsExactly(content);

    // What the server holds after the whole story: no SecuPass, no plaintext, no level-4 subject.
    List<byte[]> secrets = List.of(secuPass(alice).getBytes(StandardCharsets.UTF_8),
        secuPass(carol).getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8),
        java.util.Arrays.copyOfRange(content, 0, 32),
        java.util.Arrays.copyOfRange(content, 5000, 5032));
    assertStoredNowhere(db(), temp, secrets);
  }

  @Test
  @DisplayName("First contact through the browser: the sender's client makes an access code, the"
      + " guest's client binds its keys to it, and the sender's client releases only to those keys,"
      + " checked against the key log; substituted keys, a dropped binding and a forked log get"
      + " nothing; the code is stored nowhere")
  void accessCode_boundInTheGuestsClient_releasedByTheSendersRule() throws IOException {
    UserId alice = user("alice");
    relay.activate(alice, activateInClient(alice));
    String address = "dora-" + run + "@example.net";
    Map<String, Object> cost = Map.of("memoryKiB", 1024, "iterations", 1, "parallelism", 1);
    Made made = sendInClient(alice, SecurityLevel.TOP_SECRET, List.of(Addressee.guest(address)),
        "Term sheet", cost, bytes(3000, 9));
    UserId dora = UserId.of(made.output().values().keySet().stream()
        .filter(name -> name.startsWith("check.")).findFirst().orElseThrow().substring(6));
    byte[] check = made.output().one("check." + dora.value());
    String code = made.output().text("code." + dora.value());
    ClientDelivery withCode = new ClientDelivery(made.recipients(),
        made.output().one("manifest"), made.output().one("details"), upload(alice, made),
        made.output().all("envelope"), 0, Map.of(dora, check));
    // A check for someone who is not a new guest of the delivery is refused.
    assertThatThrownBy(() -> relay.deliver(SignedInUser.employee(alice), new ClientDelivery(
        withCode.recipients(), withCode.manifest(), withCode.details(), withCode.files(),
        withCode.envelopes(), 0, Map.of(alice, check))))
        .isInstanceOf(IntegrityException.class);
    relay.deliver(SignedInUser.employee(alice), withCode);

    // The guest's client: the waiting check, a mistyped code told apart, the binding stored with
    // the activation in one step.
    List<ClientAccessCode> waiting = relay.accessCodes(dora);
    assertThat(waiting).singleElement().satisfies(w -> {
      assertThat(w.delivery()).isEqualTo(made.id());
      assertThat(w.check()).isEqualTo(check);
    });
    String typo = (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    assertThat(activateGuestInClient(dora, typo, waiting).text("error"))
        .isEqualTo("WrongAccessCodeException");
    NodeClient.Output activated = activateGuestInClient(dora, code.toLowerCase(
        java.util.Locale.ROOT), waiting);
    assertThat(activated.text("bindingDelivery")).isEqualTo(made.id().value());
    ClientKeys doraKeys = new ClientKeys(KeyVersion.FIRST, activated.one("publicKeys"),
        activated.one("sealed"), KDF_PARAMETERS);
    byte[] binding = activated.one("binding");
    byte[] otherVersion = binding.clone();
    otherVersion[4] = 2;
    assertThatThrownBy(() -> relay.activate(dora, doraKeys, made.id(), otherVersion))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.activate(dora, doraKeys, DeliveryId.random(random), binding))
        .isInstanceOf(NotFoundException.class);
    assertThat(relay.keys(dora)).as("nothing stored").isEmpty();
    relay.activate(dora, doraKeys, made.id(), binding);
    keys.put(dora, doraKeys);
    assertThat(relay.accessCodes(dora)).as("the code is used").isEmpty();

    ClientGrant grant = relay.pendingGrants(SignedInUser.employee(alice), 10).get(0);
    assertThat(grant.accessCodeCheck()).isEqualTo(check);
    assertThat(grant.binding()).isEqualTo(binding);
    // What a server that lies can present, each refused by the sender's client:
    // keys of the operator's own under the guest's account (the binding does not verify for them),
    String substitutedKeys = NodeClient.b64(node.run("activate", Map.of("user", dora.value(),
        "secuPass", "the operator's", "kdf", KDF)).one("publicKeys"));
    assertThat(fulfilInClient(alice, grant, Map.of("recipientPublicKeys", substitutedKeys))
        .text("error")).isEqualTo("FirstContactRefusedException");
    // the guest's keys with the binding dropped,
    Map<String, Object> noBinding = new LinkedHashMap<>();
    noBinding.put("binding", null);
    assertThat(fulfilInClient(alice, grant, noBinding).text("error"))
        .isEqualTo("FirstContactRefusedException");
    // a key-log proof of someone else's keys, and a log that forked from what the sender saw.
    assertThat(fulfilInClient(alice, grant, Map.of("keyLogProof", proofInput(relay.keyLogProof(
        alice, KeyVersion.FIRST, 0)))).text("error")).isEqualTo("KeyLogException NOT_LOGGED");
    long size = relay.keyLogProof(dora, KeyVersion.FIRST, 0).index() + 1;
    assertThat(fulfilInClient(alice, grant, Map.of("seen", Map.of("size", size - 1,
        "root", NodeClient.b64(new byte[32])))).text("error"))
        .isEqualTo("KeyLogException FORKED");
    assertThat(relay.pin(alice, dora)).as("nothing pinned by a refused release").isEmpty();

    // The honest answer: released without safety words (the code verified the keys), pinned.
    byte[] envelope = fulfilInClient(alice, grant, Map.of()).one("envelope");
    relay.fulfil(SignedInUser.employee(alice), grant.id(), envelope);
    // The browser's pin is stored as the Java SDK's own: Java checks its seal and reads it.
    assertThat(relay.pin(alice, dora)).hasValueSatisfying(
        p -> assertThat(p.fingerprint()).isEqualTo(sdk.secuPass().fingerprint(dora).orElseThrow()));
    try (SecuPass pass = SecuPass.of(secuPass(alice));
        SecuPassSession session = sdk.secuPass().unlock(alice, pass)) {
      assertThat(sdk.secuPass().pinnedFingerprint(session, dora))
          .isEqualTo(sdk.secuPass().fingerprint(dora));
    }
    // A seal the server altered is the client's IntegrityException, not a pin.
    ClientPin kept = relay.pin(alice, dora).orElseThrow();
    byte[] altered = kept.seal();
    altered[altered.length - 1] ^= 1;
    relay.savePin(alice, new ClientPin(dora, kept.version(), kept.fingerprint(), altered));
    assertThat(fulfilInClient(alice, grant, Map.of()).text("error"))
        .isEqualTo("IntegrityException");
    assertThatThrownBy(() -> relay.savePin(alice, new ClientPin(dora, kept.version(),
        kept.fingerprint(), new byte[40]))).isInstanceOf(IntegrityException.class);
    NodeClient.Output opened = openInClient(dora, made.id());
    assertThat(opened.text("subject")).isEqualTo("Term sheet");
    assertThat(opened.all("plaintext")).containsExactly(bytes(3000, 9));

    // The code reached no stored row (in any of its spellings).
    List<byte[]> stored = storedRows();
    for (String spelling : List.of(code, code.replace("-", ""))) {
      byte[] secret = spelling.getBytes(StandardCharsets.US_ASCII);
      for (byte[] value : stored) {
        assertThat(indexOf(value, secret)).as("the access code in a stored row").isEqualTo(-1);
      }
    }
  }

  /** The guest's client activates with a typed access code against the waiting checks. */
  private NodeClient.Output activateGuestInClient(UserId guest, String typed,
      List<ClientAccessCode> waiting) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("user", guest.value());
    input.put("secuPass", secuPass(guest));
    input.put("kdf", KDF);
    input.put("code", typed);
    input.put("checks", waiting.stream().map(w -> Map.of("delivery", w.delivery().value(),
        "check", b64(w.check()))).toList());
    return node.run("activate", input);
  }

  private List<byte[]> storedRows() {
    return storedRows(db());
  }

  /** Every value of every row of the SDK's tables, as bytes. */
  private static List<byte[]> storedRows(DatabaseFixture db) {
    List<byte[]> values = new ArrayList<>();
    try (java.sql.Connection c = db.database().dataSource().getConnection()) {
      List<String> tables = new ArrayList<>();
      try (java.sql.ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(java.util.Locale.ROOT).startsWith(DatabaseFixture.PREFIX)) {
            tables.add(name);
          }
        }
      }
      assertThat(tables).as("the SDK's tables").hasSizeGreaterThan(5);
      String quote = c.getMetaData().getIdentifierQuoteString();
      for (String table : tables) {
        try (java.sql.Statement st = c.createStatement();
            java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + quote + table + quote)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              byte[] raw;
              try {
                raw = rs.getBytes(i);
              } catch (java.sql.SQLException notBinary) {
                String text = rs.getString(i);
                raw = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
              }
              if (raw != null) {
                values.add(raw);
              }
            }
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  @DisplayName("A SecuPass changed in the client is stored re-sealed; a reset in the client"
      + " stores new keys and queues the grants of what the old keys could open")
  void changeAndReset_inClient() throws IOException {
    UserId alice = user("alice");
    UserId bob = user("bob");
    relay.activate(alice, activateInClient(alice));
    relay.activate(bob, activateInClient(bob));
    Made made = sendInClient(alice, SecurityLevel.SECRET,
        List.of(Addressee.employee(bob, "bob@example.org")), "Plan", bytes(500, 6));
    relay.deliver(SignedInUser.employee(alice), delivery(made, upload(alice, made)));

    Map<String, Object> input = new LinkedHashMap<>();
    input.put("owner", record(bob));
    input.put("secuPass", secuPass(bob));
    input.put("next", "bob's new pass");
    input.put("kdf", KDF);
    byte[] resealed = node.run("change", input).one("sealed");
    ClientKeys current = relay.keys(bob).orElseThrow();
    assertThatThrownBy(() -> relay.reseal(bob, new ClientKeys(current.version(),
        relay.keys(alice).orElseThrow().publicKeys(), resealed, KDF_PARAMETERS)))
        .as("other public keys").isInstanceOf(ConflictException.class);
    relay.reseal(bob, new ClientKeys(current.version(), current.publicKeys(), resealed,
        KDF_PARAMETERS));
    secuPasses.put(bob, "bob's new pass");
    assertThat(openInClient(bob, made.id()).text("subject")).isEqualTo("Plan");

    secuPasses.put(bob, "bob's forgotten-and-replaced pass");
    assertThatThrownBy(() -> relay.reset(bob, activateInClient(bob, KeyVersion.of(3))))
        .isInstanceOf(ConflictException.class);
    relay.reset(bob, activateInClient(bob, KeyVersion.of(2)));
    assertThat(relay.keys(bob).orElseThrow().version()).isEqualTo(KeyVersion.of(2));
    assertThat(relay.open(SignedInUser.employee(bob), made.id()).readerEnvelope())
        .as("the new keys have no envelope yet").isEmpty();
    assertThat(relay.pendingGrants(SignedInUser.employee(alice), 10))
        .singleElement().satisfies(g -> assertThat(g.recipient().user()).isEqualTo(bob));
  }

  /** The withdrawal statement the sender's client signs with its current keys. */
  private byte[] withdrawInClient(UserId sender, DeliveryId id, long withdrawnAt) {
    return node.run("withdraw", Map.of("owner", record(sender), "secuPass", secuPass(sender),
        "kdf", KDF, "delivery", id.value(), "withdrawnAt", withdrawnAt)).one("statement");
  }

  @Test
  @DisplayName("A withdrawal signed in the sender's client withdraws a level-3 delivery (readers"
      + " refused, in the client and in Java); forged ones are refused with typed errors and"
      + " change nothing")
  void withdrawal_signedInClient_forgedRefused() throws IOException {
    UserId alice = user("alice");
    UserId bob = user("bob");
    UserId mallory = user("mallory");
    relay.activate(alice, activateInClient(alice));
    relay.activate(bob, activateInClient(bob));
    relay.activate(mallory, activateInClient(mallory));
    List<Addressee> toBob = List.of(Addressee.employee(bob, "bob@example.org"));
    SignedInUser sender = SignedInUser.employee(alice);
    Made made = sendInClient(alice, SecurityLevel.SECRET, toBob, "Tender", bytes(SEGMENT + 9, 7));
    relay.deliver(sender, delivery(made, upload(alice, made)));
    Made other = sendInClient(alice, SecurityLevel.SECRET, toBob, "Other", bytes(100, 8));
    relay.deliver(sender, delivery(other, upload(alice, other)));
    long now = System.currentTimeMillis();
    byte[] signed = withdrawInClient(alice, made.id(), now);
    byte[] flipped = signed.clone();
    flipped[flipped.length - 1] ^= 1;

    Map<String, Runnable> attacks = new LinkedHashMap<>();
    Map<String, Class<? extends Exception>> expected = new LinkedHashMap<>();
    attacks.put("signature flipped", () -> relay.withdraw(sender, made.id(), flipped));
    expected.put("signature flipped", InvalidSignatureException.class);
    byte[] byMallory = withdrawInClient(mallory, made.id(), now);
    attacks.put("signed by another user", () -> relay.withdraw(sender, made.id(), byMallory));
    expected.put("signed by another user", InvalidSignatureException.class);
    byte[] ofOther = withdrawInClient(alice, other.id(), now);
    attacks.put("a withdrawal of another delivery", () -> relay.withdraw(sender, made.id(),
        ofOther));
    expected.put("a withdrawal of another delivery", IntegrityException.class);
    attacks.put("the manifest instead of a withdrawal", () -> relay.withdraw(sender, made.id(),
        made.output().one("manifest")));
    expected.put("the manifest instead of a withdrawal", IntegrityException.class);
    byte[] old = withdrawInClient(alice, made.id(), now - Duration.ofHours(1).toMillis());
    attacks.put("signed an hour ago", () -> relay.withdraw(sender, made.id(), old));
    expected.put("signed an hour ago", IntegrityException.class);
    attacks.put("not a statement", () -> relay.withdraw(sender, made.id(), new byte[] {1, 2, 3}));
    expected.put("not a statement", IntegrityException.class);
    attacks.put("sent by someone other than the sender", () -> relay.withdraw(
        SignedInUser.employee(mallory), made.id(), signed));
    expected.put("sent by someone other than the sender", NotARecipientException.class);
    attacks.put("no such delivery", () -> relay.withdraw(sender, DeliveryId.random(random),
        signed));
    expected.put("no such delivery", NotFoundException.class);
    attacks.forEach((name, attack) -> assertThatThrownBy(attack::run).as(name)
        .isInstanceOf(expected.get(name))
        .satisfies(e -> assertThat(e.getMessage()).as(name + ": no secret in the message")
            .doesNotContain(secuPass(alice))));
    assertThat(openInClient(bob, made.id()).text("subject")).as("nothing changed")
        .isEqualTo("Tender");

    // A statement of the sender's keys before a reset is no longer theirs.
    secuPasses.put(alice, "alice's pass after a reset");
    relay.reset(alice, activateInClient(alice, KeyVersion.of(2)));
    assertThatThrownBy(() -> relay.withdraw(sender, made.id(), signed)).as("an old key version")
        .isInstanceOf(InvalidSignatureException.class);
    assertThat(relay.open(SignedInUser.employee(bob), made.id()).readerEnvelope()).isPresent();

    relay.withdraw(sender, made.id(), withdrawInClient(alice, made.id(), now));
    assertThatThrownBy(() -> relay.open(SignedInUser.employee(bob), made.id()))
        .isInstanceOf(DeliveryWithdrawnException.class);
    assertThatThrownBy(() -> relay.open(sender, made.id()))
        .isInstanceOf(DeliveryWithdrawnException.class);
    try (SecuPass pass = SecuPass.of(secuPass(bob));
        SecuPassSession session = sdk.secuPass().unlock(bob, pass)) {
      assertThatThrownBy(() -> sdk.deliveries().open(SignedInUser.employee(bob), session,
          made.id())).as("Java checks the stored statement")
          .isInstanceOf(DeliveryWithdrawnException.class);
    }
    relay.withdraw(sender, made.id(), withdrawInClient(alice, made.id(), now));
    assertThat(openInClient(bob, other.id()).text("subject")).as("the other delivery stays")
        .isEqualTo("Other");
  }

  @Test
  @DisplayName("Keys the client did not make for this user, or damaged, are refused at activation")
  void activation_forgedKeys_refused() {
    UserId alice = user("alice");
    UserId bob = user("bob");
    ClientKeys alices = activateInClient(alice);
    assertThatThrownBy(() -> relay.activate(bob, alices)).isInstanceOf(IntegrityException.class);
    byte[] blob = alices.sealedPrivateKeys();
    blob[blob.length / 2] ^= 1;
    assertThatThrownBy(() -> relay.activate(alice, new ClientKeys(KeyVersion.FIRST,
        alices.publicKeys(), blob, KDF_PARAMETERS))).isInstanceOf(InvalidKeyBlobException.class);
    byte[] bundle = alices.publicKeys();
    bundle[bundle.length - 1] ^= 1;
    assertThatThrownBy(() -> relay.activate(alice, new ClientKeys(KeyVersion.FIRST, bundle,
        alices.sealedPrivateKeys(), KDF_PARAMETERS)))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> relay.activate(alice, new ClientKeys(KeyVersion.FIRST,
        alices.publicKeys(), alices.sealedPrivateKeys(), new KdfCost(128, 1,
        1)))).isInstanceOf(InvalidKeyBlobException.class);
    assertThat(relay.keys(alice)).as("nothing stored").isEmpty();
    relay.activate(alice, alices);
    assertThatThrownBy(() -> relay.activate(alice, alices)).isInstanceOf(ConflictException.class);
  }

  @Test
  @DisplayName("Forged, unsigned, mismatched or damaged deliveries are refused with typed errors"
      + " and leave no delivery")
  void forgedDeliveries_refused() {
    UserId alice = user("alice");
    UserId bob = user("bob");
    UserId mallory = user("mallory");
    relay.activate(alice, activateInClient(alice));
    relay.activate(bob, activateInClient(bob));
    relay.activate(mallory, activateInClient(mallory));
    List<Addressee> toBob = List.of(Addressee.employee(bob, "bob@example.org"));
    byte[] content = bytes(2 * SEGMENT + 5, 3);
    Made made = sendInClient(alice, SecurityLevel.SECRET, toBob, "Offer", content);
    Made other = sendInClient(alice, SecurityLevel.SECRET, toBob, "Other", bytes(100, 4));
    Made byMallory = sendInClient(mallory, SecurityLevel.SECRET, toBob, "Offer", content);
    Made version2 = sendInClient(alice, SecurityLevel.SECRET, 2, toBob, "Offer", content);
    SignedInUser sender = SignedInUser.employee(alice);
    List<ClientFile> files = upload(alice, made);
    ClientDelivery good = delivery(made, files);

    byte[] manifest = good.manifest();
    manifest[manifest.length - 1] ^= 1;
    List<byte[]> envelopes = good.envelopes();
    byte[] badEnvelope = envelopes.get(1).clone();
    badEnvelope[badEnvelope.length - 3] ^= 1;
    byte[] details = good.details();
    details[details.length - 1] ^= 1;
    List<ClientFile> swapped = List.of(new ClientFile(files.get(0).id(), files.get(0).name(),
        upload(alice, other).get(0).content()));

    Map<String, Runnable> attacks = new LinkedHashMap<>();
    attacks.put("manifest signature flipped", () -> relay.deliver(sender,
        withManifest(good, manifest)));
    attacks.put("manifest signed by another user", () -> relay.deliver(sender,
        withManifest(good, byMallory.output().one("manifest"))));
    attacks.put("envelope signature flipped", () -> relay.deliver(sender,
        withEnvelopes(good, List.of(envelopes.get(0), badEnvelope))));
    attacks.put("envelope of another delivery", () -> relay.deliver(sender,
        withEnvelopes(good, Stream.concat(Stream.of(envelopes.get(0)),
            other.output().all("envelope").stream().skip(1)).toList())));
    attacks.put("no envelope for the sender", () -> relay.deliver(sender,
        withEnvelopes(good, List.of(envelopes.get(1)))));
    attacks.put("details changed", () -> relay.deliver(sender, new ClientDelivery(
        good.recipients(), good.manifest(), details, files, envelopes, 0)));
    attacks.put("another file's ciphertext", () -> relay.deliver(sender, new ClientDelivery(
        good.recipients(), good.manifest(), good.details(), swapped, envelopes, 0)));
    attacks.put("recipients changed", () -> relay.deliver(sender, new ClientDelivery(
        List.of(Addressee.employee(mallory, "m@example.org")), good.manifest(),
        good.details(), files, envelopes, 0)));
    attacks.put("sent by someone other than the signer", () -> relay.deliver(
        SignedInUser.employee(mallory), good));
    attacks.put("version-2 stream under a version-1 manifest", () -> relay.deliver(sender,
        delivery(version2, upload(alice, version2))));
    Map<String, Class<? extends Exception>> expected = new LinkedHashMap<>();
    expected.put("version-2 stream under a version-1 manifest", IntegrityException.class);
    expected.put("manifest signature flipped", InvalidSignatureException.class);
    expected.put("manifest signed by another user", InvalidSignatureException.class);
    expected.put("envelope signature flipped", InvalidSignatureException.class);
    expected.put("envelope of another delivery", IntegrityException.class);
    expected.put("no envelope for the sender", IntegrityException.class);
    expected.put("details changed", IntegrityException.class);
    expected.put("another file's ciphertext", IntegrityException.class);
    expected.put("recipients changed", IntegrityException.class);
    expected.put("sent by someone other than the signer", InvalidSignatureException.class);
    attacks.forEach((name, attack) -> assertThatThrownBy(attack::run).as(name)
        .isInstanceOf(expected.get(name))
        .satisfies(e -> assertThat(e.getMessage()).as(name + ": no secret in the message")
            .doesNotContain(secuPass(alice)).doesNotContain(secuPass(bob))));
    assertThatThrownBy(() -> relay.open(SignedInUser.employee(bob), made.id()))
        .as("nothing stored").isInstanceOf(NotFoundException.class);

    relay.deliver(sender, good);
    assertThatThrownBy(() -> relay.deliver(sender, good)).as("the id is taken")
        .isInstanceOf(ConflictException.class);
  }

  @Test
  @DisplayName("Damaged ciphertext is refused while it uploads: a changed segment table, a"
      + " truncated or lengthened stream, an unknown version")
  void damagedUploads_refused() throws IOException {
    UserId alice = user("alice");
    UserId bob = user("bob");
    relay.activate(alice, activateInClient(alice));
    relay.activate(bob, activateInClient(bob));
    Made made = sendInClient(alice, SecurityLevel.SECRET, 2,
        List.of(Addressee.employee(bob, "bob@example.org")), "Scan", bytes(3 * SEGMENT, 5));
    byte[] ciphertext = made.output().all("ciphertext").get(0);
    SignedInUser sender = SignedInUser.employee(alice);

    byte[] table = ciphertext.clone();
    table[table.length - 1] ^= 1;
    byte[] segment = ciphertext.clone();
    segment[60] ^= 1;
    byte[] version = ciphertext.clone();
    version[3] = 9;
    assertThatThrownBy(() -> relay.upload(sender, table.length, new ByteArrayInputStream(table)))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("table");
    assertThatThrownBy(() -> relay.upload(sender, segment.length,
        new ByteArrayInputStream(segment))).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.upload(sender, ciphertext.length,
        new ByteArrayInputStream(java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1))))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.upload(sender, ciphertext.length,
        new ByteArrayInputStream(java.util.Arrays.copyOf(ciphertext, ciphertext.length + 1))))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.upload(sender, ciphertext.length - 1,
        new ByteArrayInputStream(ciphertext))).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> relay.upload(sender, version.length,
        new ByteArrayInputStream(version)))
        .isInstanceOf(dev.secupass.api.UnsupportedFormatException.class);
    assertThatThrownBy(() -> relay.upload(new SignedInUser(user("guest"),
        dev.secupass.api.PrincipalKind.GUEST), ciphertext.length,
        new ByteArrayInputStream(ciphertext)))
        .isInstanceOf(dev.secupass.api.PolicyViolationException.class);
    try (Stream<Path> left = Files.walk(temp.resolve("blobs"))) {
      assertThat(left.filter(Files::isRegularFile)).as("no blob left behind").isEmpty();
    }
  }

  private static ClientDelivery withManifest(ClientDelivery d, byte[] manifest) {
    return new ClientDelivery(d.recipients(), manifest, d.details(), d.files(), d.envelopes(),
        d.downloadLimit());
  }

  private static ClientDelivery withEnvelopes(ClientDelivery d, List<byte[]> envelopes) {
    return new ClientDelivery(d.recipients(), d.manifest(), d.details(), d.files(), envelopes,
        d.downloadLimit());
  }
}
