package dev.secupass.samples.web.session;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.samples.web.http.SpooledCiphertext;
import dev.secupass.samples.web.http.SpooledFile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One browser's state, held only on the server: who signed in, their unlocked {@link
 * SecuPassSession} (the private keys stay in this process, never in the browser), the deliveries
 * they opened (each holding its content key), tokens that brought them here, and their spooled
 * uploads. {@link #close()} wipes and deletes all of it: at sign-out, on expiry and when the session
 * is replaced at sign-in.
 *
 * <p>Requests of one browser run in parallel (downloads, the notice poll), so every method is
 * synchronized.
 */
public final class WebSession {
  /** Opened deliveries kept per session; the oldest is closed beyond this. */
  static final int MAX_OPENED = 16;

  private final String id;
  private final String csrfToken;
  private final Instant createdAt;
  private Instant lastSeen;
  private @Nullable SignedInUser user;
  private @Nullable SecuPassSession secuPass;
  private @Nullable LinkToken invitation;
  private @Nullable AccessCode accessCode;
  private @Nullable String flash;
  private String progress = "";
  private final Map<DeliveryId, OpenedDelivery> opened = new LinkedHashMap<>();
  private final Map<DeliveryId, LinkToken> links = new LinkedHashMap<>();
  private final Map<String, SpooledFile> spooled = new LinkedHashMap<>();
  private final Map<String, SpooledCiphertext> arriving = new LinkedHashMap<>();
  private final Map<String, UploadedContent> clientUploads = new LinkedHashMap<>();
  private final Map<String, Long> clientStoredSizes = new LinkedHashMap<>();
  private boolean closed;

  WebSession(String id, String csrfToken, Instant now) {
    this.id = id;
    this.csrfToken = csrfToken;
    this.createdAt = now;
    this.lastSeen = now;
  }

  String id() {
    return id;
  }

  /** The synchronizer token every form of this session carries. */
  public String csrfToken() {
    return csrfToken;
  }

  synchronized Instant createdAt() {
    return createdAt;
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  synchronized void touch(Instant now) {
    lastSeen = now;
  }

  /** Who signed in, if anyone. */
  public synchronized Optional<SignedInUser> user() {
    return Optional.ofNullable(user);
  }

  synchronized void signIn(SignedInUser signedIn) {
    this.user = signedIn;
  }

  /** The open SecuPass session, if the user unlocked and it has not expired or been closed. */
  public synchronized Optional<SecuPassSession> secuPass() {
    if (secuPass != null && !secuPass.isOpen()) {
      secuPass.close();
      secuPass = null;
    }
    return Optional.ofNullable(secuPass);
  }

  /** Keeps a newly unlocked session, closing any earlier one. */
  public synchronized void holdSecuPass(SecuPassSession session) {
    if (closed) {
      session.close();
      throw new IllegalStateException("the web session has ended");
    }
    if (secuPass != null && secuPass != session) {
      secuPass.close();
    }
    secuPass = session;
  }

  /** Closes the SecuPass session (the "lock" button); the user stays signed in. */
  public synchronized void lockSecuPass() {
    if (secuPass != null) {
      secuPass.close();
      secuPass = null;
    }
  }

  /** A delivery this browser opened, with its content key. */
  public synchronized Optional<OpenedDelivery> opened(DeliveryId delivery) {
    return Optional.ofNullable(opened.get(delivery));
  }

  /** Keeps an opened delivery for its downloads; closes the oldest beyond {@value MAX_OPENED}. */
  public synchronized void holdOpened(OpenedDelivery delivery) {
    OpenedDelivery earlier = opened.remove(delivery.id());
    if (earlier != null) {
      earlier.close();
    }
    opened.put(delivery.id(), delivery);
    if (opened.size() > MAX_OPENED) {
      DeliveryId oldest = opened.keySet().iterator().next();
      Objects.requireNonNull(opened.remove(oldest)).close();
    }
  }

  /** Remembers a level-1 link's token, so it leaves the address bar after the first request. */
  public synchronized void holdLink(DeliveryId delivery, LinkToken token) {
    links.put(delivery, token);
    if (links.size() > MAX_OPENED) {
      links.remove(links.keySet().iterator().next());
    }
  }

  public synchronized Optional<LinkToken> link(DeliveryId delivery) {
    return Optional.ofNullable(links.get(delivery));
  }

  /** Remembers the invitation a guest arrived with. */
  public synchronized void holdInvitation(LinkToken token) {
    invitation = token;
  }

  public synchronized Optional<LinkToken> invitation() {
    return Optional.ofNullable(invitation);
  }

  /**
   * Keeps the access code a guest typed at registration, on the server only, until their
   * activation binds their new keys to it.
   */
  public synchronized void holdAccessCode(AccessCode code) {
    accessCode = code;
  }

  /** The access code typed at registration, until the activation used it. */
  public synchronized Optional<AccessCode> accessCode() {
    return Optional.ofNullable(accessCode);
  }

  /** Forgets the access code (used, or wrong). */
  public synchronized void forgetAccessCode() {
    accessCode = null;
  }

  /** Keeps an upload until its delivery is sent. */
  public synchronized void holdSpooled(SpooledFile file) {
    if (closed) {
      file.delete();
      throw new IllegalStateException("the web session has ended");
    }
    spooled.put(file.id(), file);
  }

  /** The spooled upload with this handle, if it is this session's. */
  public synchronized Optional<SpooledFile> spooled(String handle) {
    return Optional.ofNullable(spooled.get(handle));
  }

  /** Deletes spooled uploads (after their delivery was sent). */
  public synchronized void discardSpooled(List<SpooledFile> files) {
    for (SpooledFile file : files) {
      spooled.remove(file.id());
      file.delete();
    }
  }

  public synchronized int spooledCount() {
    return spooled.size();
  }

  /** Keeps a browser client's upload whose chunks are arriving. */
  public synchronized void holdArriving(SpooledCiphertext upload) {
    if (closed) {
      upload.delete();
      throw new IllegalStateException("the web session has ended");
    }
    arriving.put(upload.id(), upload);
  }

  /** The arriving upload with this id, if it is this session's. */
  public synchronized Optional<SpooledCiphertext> arriving(String id) {
    return Optional.ofNullable(arriving.get(id));
  }

  public synchronized int arrivingCount() {
    return arriving.size();
  }

  /** Forgets an arriving upload and deletes its file (discarded, failed, or complete). */
  public synchronized void discardArriving(SpooledCiphertext upload) {
    arriving.remove(upload.id());
    upload.delete();
  }

  /**
   * Keeps the relay's answer to a browser client's upload (the digest it computed from the
   * stored bytes) until the delivery naming it is committed; the page gets a handle.
   */
  public synchronized String holdClientUpload(UploadedContent upload) {
    if (closed) {
      throw new IllegalStateException("the web session has ended");
    }
    String handle = java.util.UUID.randomUUID().toString();
    clientUploads.put(handle, upload);
    return handle;
  }

  /** The browser client's upload with this handle, if it is this session's. */
  public synchronized Optional<UploadedContent> clientUpload(String handle) {
    return Optional.ofNullable(clientUploads.get(handle));
  }

  public synchronized int clientUploadCount() {
    return clientUploads.size();
  }

  /** Forgets uploads a committed delivery now names. */
  public synchronized void forgetClientUploads(List<String> handles) {
    handles.forEach(clientUploads::remove);
  }

  /** Remembers a file's stored size from a copy the browser client fetched, for its ranges. */
  public synchronized void holdStoredSize(DeliveryId delivery, String file, long storedSize) {
    clientStoredSizes.put(delivery.value() + "/" + file, storedSize);
  }

  /** The stored size of a file whose copy this session fetched. */
  public synchronized Optional<Long> storedSize(DeliveryId delivery, String file) {
    return Optional.ofNullable(clientStoredSizes.get(delivery.value() + "/" + file));
  }

  /** Remembers a room file's stored size from the entries the browser client listed, for its ranges. */
  public synchronized void holdRoomFileSize(RoomId room, FileId file, long storedSize) {
    clientStoredSizes.put("room " + room.value() + "/" + file.value(), storedSize);
  }

  /** The stored size of a room file whose entry this session listed. */
  public synchronized Optional<Long> roomFileSize(RoomId room, FileId file) {
    return Optional.ofNullable(clientStoredSizes.get("room " + room.value() + "/" + file.value()));
  }

  /** How far the sending in progress has got, for the page to show ("" when none). */
  public synchronized void progress(String text) {
    progress = text;
  }

  public synchronized String progress() {
    return progress;
  }

  /** A one-time message for the next page. */
  public synchronized void flash(String message) {
    flash = message;
  }

  /** The one-time message, removed as it is read. */
  public synchronized Optional<String> takeFlash() {
    String message = flash;
    flash = null;
    return Optional.ofNullable(message);
  }

  /** Closes the SecuPass session and opened deliveries (wiping their keys), deletes uploads. */
  public synchronized void close() {
    closed = true;
    lockSecuPass();
    opened.values().forEach(OpenedDelivery::close);
    opened.clear();
    links.clear();
    invitation = null;
    accessCode = null;
    spooled.values().forEach(SpooledFile::delete);
    spooled.clear();
    arriving.values().forEach(SpooledCiphertext::delete);
    arriving.clear();
    // Uploads no delivery named are invisible to readers; the SDK's sweep deletes them once the
    // orphan grace period has passed.
    clientUploads.clear();
    clientStoredSizes.clear();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "WebSession[user=" + (user == null ? "-" : user.user()) + "]";
  }
}
