package dev.secupass.samples.web.routes;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.relay.ClientAccessCode;
import dev.secupass.core.relay.ClientCopy;
import dev.secupass.core.relay.ClientDelivery;
import dev.secupass.core.relay.ClientFile;
import dev.secupass.core.relay.ClientGrant;
import dev.secupass.core.relay.ClientKeyLogEntries;
import dev.secupass.core.relay.ClientKeyLogEntry;
import dev.secupass.core.relay.ClientKeyLogProof;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.relay.KdfCost;
import dev.secupass.core.relay.ClientPin;
import dev.secupass.core.relay.ClientRecipient;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.ClientRoomCopy;
import dev.secupass.core.relay.ClientRoomEntry;
import dev.secupass.core.relay.ClientRoomFile;
import dev.secupass.core.relay.ClientRoomGrant;
import dev.secupass.core.relay.ClientSeenCheckpoint;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.http.FileResponse;
import dev.secupass.samples.web.http.SpooledCiphertext;
import dev.secupass.samples.web.http.UploadName;
import dev.secupass.samples.web.http.UploadSpool;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The relay's operations ({@code sdk.relay()}, docs/client-exchange.md) as routes under {@code
 * /api/}, one route per operation, for the browser client that runs levels 3 and 4 in the page.
 * Every route needs a signed-in session and every POST the session's {@code X-CSRF-Token} (the
 * CSRF guard runs first; PUT and DELETE alike). Binary values travel as base64 strings in JSON,
 * except file ciphertext: raw {@code application/octet-stream} chunks up (resumable), and {@code
 * Range} requests answered with 206 down. Nothing here is secret from the server: the SecuPass,
 * private keys, content keys and plaintext stay in the page. Errors are JSON ({@code {"error":
 * kind, "message": text}}) with the statuses of client-exchange.md, "Errors" ({@link
 * ErrorPages}).
 */
final class RelayRoutes {
  /** Uploads one session may hold before their delivery is committed. */
  static final int MAX_UPLOADS = 50;
  /** Uploads one session may have arriving at once (a sending's files go one after another). */
  static final int MAX_ARRIVING = 4;
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (\\d{1,19})-(\\d{1,19})/(\\d{1,19})");
  private static final Gson GSON = new GsonBuilder().serializeNulls().create();

  private final Web web;
  private final ClientRelay relay;
  private final KdfPolicy kdf;
  private final Clock clock;
  private final UploadSpool spool;
  private final int chunkBytes;

  RelayRoutes(Web web, ClientRelay relay, KdfPolicy kdf, Clock clock, UploadSpool spool,
      int chunkBytes) {
    this.web = web;
    this.relay = relay;
    this.kdf = kdf;
    this.clock = clock;
    this.spool = spool;
    this.chunkBytes = chunkBytes;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/keys", this::keys);
    routes.post("/api/keys/activate", this::activate);
    routes.post("/api/keys/reseal", this::reseal);
    routes.get("/api/access-codes", this::accessCodes);
    routes.post("/api/recipients", this::recipients);
    routes.post("/api/uploads", this::startUpload);
    routes.get("/api/uploads/{upload}", this::uploadState);
    routes.put("/api/uploads/{upload}", this::putChunk);
    routes.delete("/api/uploads/{upload}", this::discardUpload);
    routes.post("/api/deliveries", this::deliver);
    routes.get("/api/deliveries/{id}/copy", this::copy);
    routes.get("/api/deliveries/{id}/files/{file}", this::read);
    routes.get("/api/grants", this::grants);
    routes.post("/api/grants/{grant}/fulfil", this::fulfil);
    routes.get("/api/pins/{subject}", this::pin);
    routes.post("/api/pins", this::savePin);
    routes.get("/api/key-log/verifier", this::verifierKey);
    routes.get("/api/key-log/proof", this::keyLogProof);
    // The settings page's reset and the Sent page's withdrawal (levels 3 and 4).
    routes.post("/api/keys/reset", this::reset);
    routes.post("/api/deliveries/{id}/withdraw", this::withdraw);
    // Room files (docs/web-sample.md, "Room files in the browser").
    routes.post("/api/rooms/{id}/files", this::addRoomFile);
    routes.get("/api/rooms/{id}/files/{file}", this::readRoomFile);
    registerRooms(routes);
    routes.get("/api/key-log/consistency", this::keyLogConsistency);
    // Self-monitoring at unlock and the checkpoint exchange (docs/key-log.md).
    routes.get("/api/key-log/entries", this::keyLogEntries);
    routes.post("/api/key-log/checkpoint", this::publishKeyLogCheckpoint);
    routes.get("/api/key-log/checkpoint-of", this::keyLogCheckpointOf);
  }

  /** The user, their active keys (if any) and the Argon2id cost for new key records. */
  private void keys(Context ctx) {
    SignedInUser user = web.user(ctx);
    JsonObject out = new JsonObject();
    out.addProperty("user", user.user().value());
    out.addProperty("name", web.people().name(user.user()));
    out.add("keys", relay.keys(user.user()).map(RelayRoutes::keysJson).orElse(null));
    // The server's clock, which the times of what the page signs (a withdrawal) must be near.
    out.addProperty("now", clock.millis());
    JsonObject cost = kdfJson(new KdfCost(kdf.memoryKiB(), kdf.iterations(), kdf.parallelism()));
    // The client refuses costs below its default unless told that this host runs a test cost.
    cost.addProperty("weak", kdf.memoryKiB() < KdfPolicy.DEFAULT.memoryKiB()
        || kdf.iterations() < KdfPolicy.DEFAULT.iterations());
    out.add("kdf", cost);
    out.addProperty("now", clock.millis()); // signed room entries must be near it
    json(ctx, out);
  }

  private void activate(Context ctx) {
    SignedInUser user = web.user(ctx);
    JsonObject in = body(ctx);
    ClientKeys keys = clientKeys(in, KeyVersion.FIRST);
    if (in.has("delivery") && !in.get("delivery").isJsonNull()) {
      relay.activate(user.user(), keys, DeliveryId.of(string(in, "delivery")), bytes(in, "binding"));
    } else {
      relay.activate(user.user(), keys);
    }
    ctx.status(204);
  }

  private void reseal(Context ctx) {
    SignedInUser user = web.user(ctx);
    JsonObject in = body(ctx);
    relay.reseal(user.user(), clientKeys(in, KeyVersion.of(in.get("version").getAsInt())));
    ctx.status(204);
  }

  private void accessCodes(Context ctx) {
    SignedInUser user = web.user(ctx);
    JsonArray out = new JsonArray();
    for (ClientAccessCode code : relay.accessCodes(user.user())) {
      JsonObject entry = new JsonObject();
      entry.addProperty("delivery", code.delivery().value());
      entry.addProperty("check", b64(code.check()));
      out.add(entry);
    }
    json(ctx, out);
  }

  /**
   * The addressees of a "to" field with their keys, and the server's clock, which the manifest's
   * times must be near.
   */
  private void recipients(Context ctx) {
    web.staff(ctx);
    JsonObject in = body(ctx);
    List<Addressee> to = DeliveryForm.addressees(string(in, "to"), web.people());
    JsonArray list = new JsonArray();
    for (ClientRecipient r : relay.recipients(to)) {
      JsonObject entry = person(r.person());
      entry.addProperty("guest", r.person().user().value().startsWith("guest-"));
      entry.addProperty("publicKeys", r.keys().map(RelayRoutes::b64).orElse(null));
      list.add(entry);
    }
    JsonObject out = new JsonObject();
    out.addProperty("now", clock.millis());
    out.add("recipients", list);
    json(ctx, out);
  }

  /**
   * Starts a file's upload (docs/web-sample.md, "Uploads and downloads"): {@code {"storedSize":
   * n}}, the ciphertext's size, which the page knows from the plaintext's. Answers the upload's
   * id, the chunk size the page sends, and the bytes received (0).
   */
  private void startUpload(Context ctx) throws IOException {
    web.staff(ctx);
    WebSession ws = web.session(ctx);
    long storedSize;
    try {
      storedSize = body(ctx).get("storedSize").getAsLong();
    } catch (RuntimeException e) {
      throw new WebError(400, "The upload does not say its size.");
    }
    if (ws.clientUploadCount() >= MAX_UPLOADS || ws.arrivingCount() >= MAX_ARRIVING) {
      throw new WebError(429, "Too many uploads wait in this session; send or sign out first.");
    }
    // The stored form is the plaintext plus a tag per segment: at most a few percent larger.
    if (storedSize < 1 || storedSize > maxStoredBytes()) {
      throw new WebError(413, "The file is larger than this sample accepts.");
    }
    SpooledCiphertext upload = spool.startCiphertext(storedSize);
    ws.holdArriving(upload);
    JsonObject out = progress(upload);
    out.addProperty("chunkSize", chunkBytes);
    json(ctx, out);
  }

  /** How much of an upload arrived: where the page resumes after a failed chunk. */
  private void uploadState(Context ctx) {
    json(ctx, progress(arriving(ctx)));
  }

  /** Deletes an upload the page gave up (or whose delivery it abandoned). */
  private void discardUpload(Context ctx) {
    SpooledCiphertext upload = arriving(ctx);
    web.session(ctx).discardArriving(upload);
    ctx.status(204);
  }

  /**
   * One chunk: a raw body at {@code Content-Range: bytes a-b/total}, where {@code a} must be the
   * bytes received so far (409 with them otherwise) and {@code total} the declared size. The
   * chunk that completes it streams the whole through the relay, which checks it as it stores
   * it, and answers the handle the delivery names it by.
   */
  private void putChunk(Context ctx) throws IOException {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    SpooledCiphertext upload = arriving(ctx);
    UploadName.requireRawBody(ctx);
    Matcher range = CONTENT_RANGE.matcher(String.valueOf(ctx.header("Content-Range")));
    if (!range.matches()) {
      throw new WebError(400, "A chunk says where it goes in its Content-Range header.");
    }
    long first;
    long last;
    long total;
    try {
      first = Long.parseLong(range.group(1));
      last = Long.parseLong(range.group(2));
      total = Long.parseLong(range.group(3));
    } catch (NumberFormatException e) {
      throw new WebError(400, "A chunk says where it goes in its Content-Range header.");
    }
    if (total != upload.storedSize() || last < first || last >= total) {
      throw new WebError(416, "The chunk goes beyond the upload's declared size.");
    }
    if (!upload.begin()) {
      throw new WebError(503, "Another chunk of this upload is still arriving; try again.");
    }
    try {
      if (first != upload.received()) {
        JsonObject out = progress(upload);
        out.addProperty("error", "HttpError");
        out.addProperty("message", "The chunk does not start where the upload stands.");
        ErrorPages.drainBody(ctx);
        ctx.status(409);
        json(ctx, out);
        return;
      }
      long length = last - first + 1;
      try (InputStream in = ctx.bodyInputStream()) {
        upload.append(length, in);
      }
      if (!upload.complete()) {
        json(ctx, progress(upload));
        return;
      }
      UploadedContent content;
      try (InputStream whole = upload.open()) {
        content = relay.upload(user, upload.storedSize(), whole);
      } catch (SecuPassException e) {
        if (ErrorPages.relayStatus(e) < 500) {
          ws.discardArriving(upload); // damaged or refused: sending it again cannot help
        } else {
          upload.dropLast(length);
        }
        throw e;
      } catch (IOException | RuntimeException e) {
        upload.dropLast(length);
        throw e;
      }
      ws.discardArriving(upload);
      JsonObject out = progress(upload);
      out.addProperty("upload", ws.holdClientUpload(content));
      // What the relay stored: a room file's signed entry names the blob and the digest.
      JsonObject stored = new JsonObject();
      stored.addProperty("blob", content.blob().value());
      stored.addProperty("size", content.size());
      stored.addProperty("storedSize", content.storedSize());
      stored.addProperty("digest", b64(content.digest()));
      out.add("content", stored);
      json(ctx, out);
    } finally {
      upload.end();
    }
  }

  private SpooledCiphertext arriving(Context ctx) {
    web.staff(ctx);
    return web.session(ctx).arriving(ctx.pathParam("upload")).orElseThrow(() -> new WebError(404,
        "No such upload: it was finished or discarded, or belongs to another session."));
  }

  private long maxStoredBytes() {
    return spool.maxBytes() + (spool.maxBytes() >> 4) + 4096;
  }

  private static JsonObject progress(SpooledCiphertext upload) {
    JsonObject out = new JsonObject();
    out.addProperty("id", upload.id());
    out.addProperty("received", upload.received());
    out.addProperty("storedSize", upload.storedSize());
    return out;
  }

  private void deliver(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    JsonObject in = body(ctx);
    List<Addressee> to = DeliveryForm.addressees(string(in, "to"), web.people());
    List<ClientFile> files = new ArrayList<>();
    List<String> handles = new ArrayList<>();
    for (JsonElement element : in.getAsJsonArray("files")) {
      JsonObject file = element.getAsJsonObject();
      String handle = string(file, "upload");
      UploadedContent content = ws.clientUpload(handle).orElseThrow(() -> new WebError(400,
          "An uploaded file is no longer here (the session changed). Choose the files again."));
      files.add(new ClientFile(FileId.of(string(file, "file")), bytes(file, "name"), content));
      handles.add(handle);
    }
    List<byte[]> envelopes = new ArrayList<>();
    in.getAsJsonArray("envelopes").forEach(e -> envelopes.add(decode(e.getAsString())));
    Map<UserId, byte[]> checks = new LinkedHashMap<>();
    if (in.has("accessCodeChecks")) {
      in.getAsJsonObject("accessCodeChecks").entrySet().forEach(e -> checks.put(
          UserId.of(e.getKey()), decode(e.getValue().getAsString())));
    }
    int limit = in.has("downloadLimit") ? in.get("downloadLimit").getAsInt() : 0;
    SentDelivery sent = relay.deliver(user, new ClientDelivery(to, bytes(in, "manifest"),
        bytes(in, "details"), files, envelopes, limit, checks));
    ws.forgetClientUploads(handles);
    web.people().rememberGuests(sent);
    JsonObject out = new JsonObject();
    out.addProperty("id", sent.id().value());
    out.addProperty("level", sent.level().number());
    out.addProperty("recipients", sent.recipients().size());
    JsonArray names = new JsonArray();
    sent.recipients().forEach(p -> names.add(web.people().name(p)));
    out.add("recipientNames", names);
    JsonArray awaiting = new JsonArray();
    sent.awaitingSecuPass().forEach(p -> awaiting.add(web.people().name(p)));
    out.add("awaitingSecuPass", awaiting);
    json(ctx, out);
  }

  private void copy(Context ctx) {
    SignedInUser user = web.user(ctx);
    WebSession ws = web.session(ctx);
    DeliveryId id = Ids.delivery(ctx);
    ClientCopy copy;
    try {
      copy = relay.open(user, id);
    } catch (IllegalArgumentException levelOneOrTwo) {
      throw new WebError(400, "This delivery is opened on the server (level 1 or 2).");
    }
    JsonObject out = new JsonObject();
    out.addProperty("id", copy.id().value());
    out.addProperty("level", copy.level().number());
    out.add("sender", person(copy.sender()));
    out.addProperty("createdAt", copy.createdAt().toEpochMilli());
    out.addProperty("expiresAt", copy.expiresAt().toEpochMilli());
    out.addProperty("details", b64(copy.details()));
    out.addProperty("manifest", b64(copy.manifest()));
    out.addProperty("senderPublicKeys", b64(copy.senderPublicKeys()));
    out.addProperty("envelope", copy.readerEnvelope().map(RelayRoutes::b64).orElse(null));
    JsonArray files = new JsonArray();
    for (ClientCopy.File file : copy.files()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("file", file.id().value());
      entry.addProperty("size", file.size());
      entry.addProperty("storedSize", file.storedSize());
      entry.addProperty("name", b64(file.name()));
      files.add(entry);
      ws.holdStoredSize(id, file.id().value(), file.storedSize());
    }
    out.add("files", files);
    json(ctx, out);
  }

  /** A file's ciphertext by ranges (206), for a reader whose page fetched the copy first. */
  private void read(Context ctx) throws IOException {
    SignedInUser user = web.user(ctx);
    DeliveryId id = Ids.delivery(ctx);
    FileId file = Ids.file(ctx);
    long size = web.session(ctx).storedSize(id, file.value()).orElseThrow(() -> new WebError(409,
        "Open the delivery first (its page has the button)."));
    FileResponse.send(ctx, "ciphertext", size, new FileResponse.Source() {
      @Override
      public InputStream whole() {
        return relay.read(user, id, file, 0, size);
      }

      @Override
      public InputStream range(long offset, long length) {
        return relay.read(user, id, file, offset, length);
      }
    });
  }

  private void grants(Context ctx) {
    SignedInUser user = web.staff(ctx);
    JsonArray out = new JsonArray();
    for (ClientGrant grant : relay.pendingGrants(user, 100)) {
      JsonObject entry = new JsonObject();
      entry.addProperty("id", grant.id().value());
      entry.addProperty("delivery", grant.delivery().value());
      entry.addProperty("level", grant.level().number());
      entry.add("recipient", person(grant.recipient()));
      entry.addProperty("recipientPublicKeys", b64(grant.recipientPublicKeys()));
      entry.addProperty("ownEnvelope", b64(grant.ownEnvelope()));
      entry.addProperty("manifest", b64(grant.manifest()));
      entry.addProperty("accessCodeCheck", grant.accessCode().map(RelayRoutes::b64).orElse(null));
      byte[] binding = grant.binding();
      entry.addProperty("binding", binding == null ? null : b64(binding));
      out.add(entry);
    }
    json(ctx, out);
  }

  private void fulfil(Context ctx) {
    SignedInUser user = web.staff(ctx);
    GrantId grant;
    try {
      grant = GrantId.of(ctx.pathParam("grant"));
    } catch (IllegalArgumentException e) {
      throw new WebError(404, "No such grant.");
    }
    relay.fulfil(user, grant, bytes(body(ctx), "envelope"));
    ctx.status(204);
  }

  private void pin(Context ctx) {
    SignedInUser user = web.user(ctx);
    Optional<ClientPin> pin = relay.pin(user.user(), Ids.user(ctx.pathParam("subject")));
    JsonObject out = new JsonObject();
    out.add("pin", pin.map(p -> {
      JsonObject entry = new JsonObject();
      entry.addProperty("subject", p.subject().value());
      entry.addProperty("version", p.version().value());
      entry.addProperty("fingerprint", p.fingerprint().digits());
      entry.addProperty("seal", b64(p.seal()));
      return (JsonElement) entry;
    }).orElse(JsonNull.INSTANCE));
    json(ctx, out);
  }

  private void savePin(Context ctx) {
    SignedInUser user = web.user(ctx);
    JsonObject in = body(ctx);
    relay.savePin(user.user(), new ClientPin(UserId.of(string(in, "subject")),
        KeyVersion.of(in.get("version").getAsInt()), Fingerprint.of(string(in, "fingerprint")),
        bytes(in, "seal")));
    ctx.status(204);
  }

  private void verifierKey(Context ctx) {
    web.user(ctx);
    JsonObject out = new JsonObject();
    out.addProperty("verifierKey", relay.keyLogVerifierKey());
    json(ctx, out);
  }

  private void keyLogProof(Context ctx) {
    web.user(ctx);
    UserId subject = Ids.user(String.valueOf(ctx.queryParam("subject")));
    int version;
    long seen;
    try {
      version = Integer.parseInt(String.valueOf(ctx.queryParam("version")));
      seen = Long.parseLong(String.valueOf(ctx.queryParamAsClass("seen", String.class)
          .getOrDefault("0")));
    } catch (NumberFormatException e) {
      throw new WebError(400, "The key version and the seen size are numbers.");
    }
    ClientKeyLogProof proof = relay.keyLogProof(subject, KeyVersion.of(version), seen);
    JsonObject out = new JsonObject();
    out.addProperty("checkpoint", proof.checkpoint());
    out.addProperty("leaf", b64(proof.leaf()));
    out.addProperty("index", proof.index());
    JsonArray inclusion = new JsonArray();
    proof.inclusion().forEach(h -> inclusion.add(b64(h)));
    out.add("inclusion", inclusion);
    JsonArray consistency = new JsonArray();
    proof.consistency().forEach(h -> consistency.add(b64(h)));
    out.add("consistency", consistency);
    json(ctx, out);
  }

  /**
   * A reset after a forgotten SecuPass: the page's new keys (the active version plus one) replace
   * the old ones, whose grants are queued again for their senders (relay.reset). The server-side
   * SecuPass session of the old keys, if one is open, is closed.
   */
  private void reset(Context ctx) {
    SignedInUser user = web.staff(ctx);
    JsonObject in = body(ctx);
    relay.reset(user.user(), clientKeys(in, KeyVersion.of(number(in, "version"))));
    web.session(ctx).lockSecuPass();
    ctx.status(204);
  }

  /** A level 3 or 4 delivery withdrawn with the statement the sender's page signed. */
  private void withdraw(Context ctx) {
    SignedInUser user = web.staff(ctx);
    relay.withdraw(user, Ids.delivery(ctx), bytes(body(ctx), "statement"));
    ctx.status(204);
  }

  private static int number(JsonObject in, String name) {
    try {
      return in.get(name).getAsInt();
    } catch (RuntimeException e) {
      throw new WebError(400, "The request lacks " + name + ".");
    }
  }

  // ---- data rooms (docs/web-sample.md, "Data rooms in the browser"): the page makes every
  // ---- entry, key and sealed name; these routes carry them to the relay's room operations.

  private void registerRooms(RoutesConfig routes) {
    routes.get("/api/people/{user}/keys", this::personKeys);
    routes.post("/api/rooms", this::createRoom);
    routes.get("/api/rooms/{id}", this::roomCopy);
    routes.post("/api/rooms/{id}/members", this::addRoomMember);
    routes.post("/api/rooms/{id}/removals", this::removeRoomMember);
    routes.get("/api/rooms/{id}/entries", this::roomEntries);
    routes.get("/api/room-grants", this::roomGrants);
    routes.post("/api/room-grants/{grant}/fulfil", this::fulfilRoomGrant);
  }

  /**
   * An employee's or partner's active public keys (or none without a SecuPass), for a room
   * member the page adds or wraps a new epoch's key to. Guests are no room members: 404.
   */
  private void personKeys(Context ctx) {
    web.staff(ctx);
    DirectoryUser person = directoryMember(ctx.pathParam("user"));
    JsonObject out = new JsonObject();
    out.addProperty("user", person.id().value());
    out.addProperty("name", person.name());
    out.addProperty("publicKeys", relay.keys(person.id())
        .map(k -> b64(k.publicKeys())).orElse(null));
    json(ctx, out);
  }

  /** A room the page founded: entry 0, the sealed name and the creator's envelope. */
  private void createRoom(Context ctx) {
    SignedInUser user = web.staff(ctx);
    JsonObject in = body(ctx);
    RoomId room = relay.createRoom(user, bytes(in, "entry"), bytes(in, "sealedName"),
        bytes(in, "envelope"));
    JsonObject out = new JsonObject();
    out.addProperty("room", room.value());
    json(ctx, out);
  }

  /**
   * What the page verifies and opens: the membership log, the keys it names, the reader's
   * envelopes and the sealed name; with the members' names, which the directory knows.
   */
  private void roomCopy(Context ctx) {
    SignedInUser user = web.staff(ctx);
    ClientRoomCopy copy = relay.room(user, Ids.room(ctx));
    JsonObject out = new JsonObject();
    out.addProperty("room", copy.id().value());
    out.addProperty("now", clock.millis());
    out.addProperty("epoch", copy.epoch());
    out.addProperty("nameEpoch", copy.nameEpoch());
    out.addProperty("sealedName", b64(copy.sealedName()));
    out.add("log", b64s(copy.log()));
    out.add("keys", b64s(copy.keys()));
    out.add("envelopes", b64s(copy.envelopes()));
    JsonArray members = new JsonArray();
    copy.members().forEach((member, role) -> {
      JsonObject entry = new JsonObject();
      entry.addProperty("user", member.value());
      entry.addProperty("name", web.people().name(member));
      entry.addProperty("role", role.name());
      members.add(entry);
    });
    out.add("members", members);
    json(ctx, out);
  }

  /**
   * A folder's entries as stored ({@code relay.roomEntries}; {@code ?folder=ID}, the top without
   * it): clear index fields and sealed fields, which the page opens and verifies. The session
   * remembers each file's stored size for its ranged reads.
   */
  private void roomEntries(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    RoomId room = Ids.room(ctx);
    String folder = ctx.queryParam("folder");
    JsonArray out = new JsonArray();
    for (ClientRoomEntry entry : relay.roomEntries(user, room,
        folder == null || folder.isEmpty() ? null : fileId(folder))) {
      JsonObject item = new JsonObject();
      item.addProperty("id", entry.id().value());
      item.addProperty("parent", entry.parent() == null ? null : entry.parent().value());
      item.addProperty("kind", entry.kind().name());
      item.addProperty("epoch", entry.epoch());
      item.addProperty("blob", entry.blob() == null ? null : entry.blob().value());
      item.addProperty("size", entry.size());
      item.addProperty("storedSize", entry.storedSize());
      item.addProperty("sealedEntry", b64(entry.sealedEntry()));
      item.addProperty("wrappedKey", b64(entry.wrappedKey()));
      item.addProperty("createdAt", entry.createdAt().toEpochMilli());
      out.add(item);
      if (entry.blob() != null) {
        ws.holdRoomFileSize(room, entry.id(), entry.storedSize());
      }
    }
    json(ctx, out);
  }

  /**
   * An {@code ADD} entry the page signed, with every epoch's key wrapped to the member when it
   * recorded their keys. The member is one of the directory's employees or partners (their kind
   * is the directory's, not the page's). Answers how they get the key, as the room page's flash.
   */
  private void addRoomMember(Context ctx) {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    JsonObject in = body(ctx);
    DirectoryUser member = directoryMember(string(in, "member"));
    if (member.kind() == PrincipalKind.GUEST) {
      throw new WebError(400, "Guests cannot be members of a data room.");
    }
    MemberAccess access = relay.addRoomMember(user, room, member.kind(), bytes(in, "entry"),
        list(in, "envelopes"));
    String message = RoomRoutes.added(member.name(), access);
    web.session(ctx).flash(message);
    JsonObject out = new JsonObject();
    out.addProperty("access", access.name());
    out.addProperty("message", message);
    json(ctx, out);
  }

  /**
   * Adds a file the page encrypted and uploaded in chunks ({@code /api/uploads}, the same as a
   * delivery's files): {@code {"file", "folder", "sealedEntry", "wrappedKey", "epoch", "upload"}},
   * the entry id, the folder (or null), the sealed signed entry and wrapped key, the key epoch they
   * are sealed under, and the upload's handle. A {@code StaleEpochException} (409) keeps the
   * upload: the page seals it again under the room's new key and sends this again.
   */
  private void addRoomFile(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    RoomId room = Ids.room(ctx);
    JsonObject in = body(ctx);
    String handle = string(in, "upload");
    UploadedContent content = ws.clientUpload(handle).orElseThrow(() -> new WebError(400,
        "The uploaded file is no longer here (the session changed). Choose the file again."));
    FileId file = fileId(string(in, "file"));
    JsonElement folder = in.get("folder");
    int epoch;
    try {
      epoch = Integer.parseInt(string(in, "epoch"));
    } catch (NumberFormatException e) {
      throw new WebError(400, "The key epoch is a number.");
    }
    if (epoch < 1) {
      throw new WebError(400, "Key epochs start at 1.");
    }
    relay.addRoomFile(user, room, new ClientRoomFile(file,
        folder == null || folder.isJsonNull() ? null : fileId(folder.getAsString()),
        bytes(in, "sealedEntry"), bytes(in, "wrappedKey"), epoch, content));
    ws.forgetClientUploads(List.of(handle));
    ws.holdRoomFileSize(room, file, content.storedSize());
    JsonObject out = new JsonObject();
    out.addProperty("id", file.value());
    ctx.status(201);
    json(ctx, out);
  }

  /** A room file's ciphertext by ranges (206), for a member whose page listed the entries. */
  private void readRoomFile(Context ctx) throws IOException {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    FileId file = Ids.file(ctx);
    long size = web.session(ctx).roomFileSize(room, file).orElseThrow(() -> new WebError(409,
        "List the room's files first (open the room's page)."));
    FileResponse.send(ctx, "ciphertext", size, new FileResponse.Source() {
      @Override
      public InputStream whole() {
        return relay.readRoomFile(user, room, file, 0, size);
      }

      @Override
      public InputStream range(long offset, long length) {
        return relay.readRoomFile(user, room, file, offset, length);
      }
    });
  }

  private static FileId fileId(String value) {
    try {
      return FileId.of(value);
    } catch (IllegalArgumentException e) {
      throw new WebError(400, "An entry id is not a token of the identifier grammar.");
    }
  }

  /**
   * A {@code REMOVE} entry the page signed, and the new epoch's key wrapped to who remains. The
   * flash names whom the relay's member list lost (the entry names them; the server does not
   * take the page's word for it).
   */
  private void removeRoomMember(Context ctx) {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    JsonObject in = body(ctx);
    byte[] entry = bytes(in, "entry");
    List<byte[]> envelopes = list(in, "envelopes");
    Set<UserId> gone = new TreeSet<>(relay.room(user, room).members().keySet());
    relay.removeRoomMember(user, room, entry, envelopes);
    gone.removeAll(relay.room(user, room).members().keySet());
    web.session(ctx).flash(RoomRoutes.removed(gone.stream().map(web.people()::name)
        .collect(Collectors.joining(", "))));
    ctx.status(204);
  }


  /** The ready room grants of rooms this user owns or manages, with the members' keys. */
  private void roomGrants(Context ctx) {
    SignedInUser user = web.staff(ctx);
    JsonArray out = new JsonArray();
    for (ClientRoomGrant grant : relay.pendingRoomGrants(user, 100)) {
      JsonObject entry = new JsonObject();
      entry.addProperty("id", grant.id().value());
      entry.addProperty("room", grant.room().value());
      entry.add("member", person(grant.member()));
      entry.addProperty("memberPublicKeys", b64(grant.memberPublicKeys()));
      out.add(entry);
    }
    json(ctx, out);
  }

  /** The page's {@code KEY} entry (or null) and every epoch's key wrapped to the member. */
  private void fulfilRoomGrant(Context ctx) {
    SignedInUser user = web.staff(ctx);
    GrantId grant;
    try {
      grant = GrantId.of(ctx.pathParam("grant"));
    } catch (IllegalArgumentException e) {
      throw new WebError(404, "No such grant.");
    }
    JsonObject in = body(ctx);
    JsonElement keyEntry = in.get("keyEntry");
    relay.fulfilRoomGrant(user, grant, keyEntry == null || keyEntry.isJsonNull() ? null
        : bytes(in, "keyEntry"), list(in, "envelopes"));
    ctx.status(204);
  }

  private DirectoryUser directoryMember(String user) {
    return web.people().member(Ids.user(user)).filter(u -> u.kind() != PrincipalKind.GUEST)
        .orElseThrow(() -> new WebError(404, "No such employee or partner."));
  }

  private static List<byte[]> list(JsonObject in, String name) {
    JsonElement value = in.get(name);
    if (value == null || !value.isJsonArray()) {
      throw new WebError(400, "The request lacks " + name + ".");
    }
    List<byte[]> out = new ArrayList<>();
    for (JsonElement e : value.getAsJsonArray()) {
      if (!e.isJsonPrimitive()) {
        throw new WebError(400, "A binary value is not base64.");
      }
      out.add(decode(e.getAsString()));
    }
    return out;
  }

  private static JsonArray b64s(List<byte[]> values) {
    JsonArray out = new JsonArray();
    values.forEach(v -> out.add(b64(v)));
    return out;
  }

  /**
   * The host's consistency proof between two sizes of its key log ({@code
   * relay.keyLogConsistency}): the page compares the checkpoint a sender or room member bound into
   * what they signed with its own. Empty when the tree cannot give one (the page decides).
   */
  private void keyLogConsistency(Context ctx) {
    web.user(ctx);
    long from;
    long to;
    try {
      from = Long.parseLong(String.valueOf(ctx.queryParam("from")));
      to = Long.parseLong(String.valueOf(ctx.queryParam("to")));
    } catch (NumberFormatException e) {
      throw new WebError(400, "The two tree sizes are numbers.");
    }
    JsonArray proof = new JsonArray();
    relay.keyLogConsistency(from, to).forEach(h -> proof.add(b64(h)));
    JsonObject out = new JsonObject();
    out.add("proof", proof);
    json(ctx, out);
  }

  /**
   * What the signed-in user's page checks at unlock ({@code relay.keyLogEntries}): every entry of
   * theirs with its inclusion proof, the consistency proof from the checkpoint the page relied on
   * ({@code seen}) and the entries added since it last read the log ({@code monitored}).
   */
  private void keyLogEntries(Context ctx) {
    SignedInUser user = web.user(ctx);
    long seen = size(ctx, "seen");
    long monitored = size(ctx, "monitored");
    ClientKeyLogEntries served = relay.keyLogEntries(user.user(), seen, monitored);
    JsonObject out = new JsonObject();
    out.addProperty("checkpoint", served.checkpoint());
    JsonArray entries = new JsonArray();
    for (ClientKeyLogEntry entry : served.entries()) {
      JsonObject e = new JsonObject();
      e.addProperty("index", entry.index());
      e.addProperty("leaf", b64(entry.leaf()));
      e.add("inclusion", b64s(entry.inclusion()));
      entries.add(e);
    }
    out.add("entries", entries);
    out.add("consistency", b64s(served.consistency()));
    out.add("frontier", b64s(served.frontier()));
    out.add("added", b64s(served.added()));
    json(ctx, out);
  }

  /** The signed-in user's checkpoint statement, as their page signed it after relying on it. */
  private void publishKeyLogCheckpoint(Context ctx) {
    SignedInUser user = web.user(ctx);
    relay.publishKeyLogCheckpoint(user.user(), bytes(body(ctx), "statement"));
    ctx.status(204);
  }

  /**
   * The statement {@code subject} published, with the consistency proof from the size the page
   * holds ({@code held}); {@code {"statement":null,"proof":[]}} if they published none.
   */
  private void keyLogCheckpointOf(Context ctx) {
    web.user(ctx);
    String named = ctx.queryParam("subject");
    if (named == null) {
      throw new WebError(400, "The request names no user.");
    }
    UserId subject = Ids.user(named);
    Optional<ClientSeenCheckpoint> published =
        relay.keyLogCheckpointOf(subject, size(ctx, "held"));
    JsonObject out = new JsonObject();
    if (published.isPresent()) {
      out.addProperty("statement", b64(published.get().statement()));
      out.add("proof", b64s(published.get().proof()));
    } else {
      out.add("statement", JsonNull.INSTANCE);
      out.add("proof", new JsonArray());
    }
    json(ctx, out);
  }

  /** A tree size of the query (0 if absent); 400 if it is not a number. */
  private static long size(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.queryParamAsClass(name, String.class).getOrDefault("0"));
    } catch (NumberFormatException e) {
      throw new WebError(400, "The tree sizes are numbers.");
    }
  }

  private JsonObject person(Person person) {
    JsonObject out = new JsonObject();
    out.addProperty("user", person.user().value());
    out.addProperty("name", web.people().name(person));
    return out;
  }

  private static JsonObject keysJson(ClientKeys keys) {
    JsonObject out = new JsonObject();
    out.addProperty("version", keys.version().value());
    out.addProperty("publicKeys", b64(keys.publicKeys()));
    out.addProperty("sealed", b64(keys.sealedPrivateKeys()));
    out.add("kdf", kdfJson(keys.kdf()));
    return out;
  }

  private static JsonObject kdfJson(KdfCost kdf) {
    JsonObject out = new JsonObject();
    out.addProperty("memoryKiB", kdf.memoryKiB());
    out.addProperty("iterations", kdf.iterations());
    out.addProperty("parallelism", kdf.parallelism());
    return out;
  }

  private static ClientKeys clientKeys(JsonObject in, KeyVersion version) {
    JsonObject cost = in.getAsJsonObject("kdf");
    if (cost == null) {
      throw new WebError(400, "The key record does not say its Argon2id cost.");
    }
    return new ClientKeys(version, bytes(in, "publicKeys"), bytes(in, "sealed"),
        new KdfCost(cost.get("memoryKiB").getAsInt(), cost.get("iterations").getAsInt(),
            cost.get("parallelism").getAsInt()));
  }

  private static JsonObject body(Context ctx) {
    try {
      JsonElement parsed = JsonParser.parseString(ctx.body());
      if (parsed.isJsonObject()) {
        return parsed.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      // below
    }
    throw new WebError(400, "The request is not the JSON this route takes.");
  }

  private static String string(JsonObject in, String name) {
    JsonElement value = in.get(name);
    if (value == null || !value.isJsonPrimitive()) {
      throw new WebError(400, "The request lacks " + name + ".");
    }
    return value.getAsString();
  }

  private static byte[] bytes(JsonObject in, String name) {
    return decode(string(in, name));
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new WebError(400, "A binary value is not base64.");
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void json(Context ctx, JsonElement out) {
    ctx.contentType("application/json").result(GSON.toJson(out));
  }
}
