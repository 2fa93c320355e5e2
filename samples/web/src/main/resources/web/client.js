// Levels 3 and 4 in the browser: the page glue between the sample's pages and the browser client
// (docs/web-sample.md, "Where the encryption runs"). The SecuPass, the private keys, content keys
// and plaintext stay in this page (and the download Service Worker); the server only relays what
// the browser client makes, through the /api/ routes (sdk.relay()). Loaded as a module with
// subresource integrity after the bundle, under a Content-Security-Policy without inline script.
import {
  activate, unlock, kdfPolicy, Session, PublicKeys, SymmetricKey, ContentCipher, ContentContexts, DEFAULT_SEGMENT_SIZE,
  EnvelopeContexts, encodeManifestV3, verifyAnyManifest, checkManifestKey, fileNameDigest, AccessCode,
  stretchAccessCode, makeAccessCodeCheck, accessCodeBinding, safetyWords, KeyPinning,
  parseVerifierKey, checkLoggedKey, fulfilDeliveryGrant, confirmFirstContact, SecuPassError,
  encryptRoomFile, openRoomFile,
  IntegrityError, UnverifiedKeyError, SafetyWordsMismatchError, WrongSecuPassError, WrongAccessCodeError,
  MembershipLogError, parseStatement, openRoom, foundRoom, addMemberEntry, removeMemberEntry, keyEntry,
  fulfilRoomGrant, RoomCiphers, verifyRoomEntry,
} from "/client/secupass-browser-client.js";
// Self-monitoring of the key log at unlock: see its section below.
import { monitorOwnKeys, signSeenCheckpoint, verifyCheckpoint } from "/client/secupass-browser-client.js";
// Settings (change, reset) and the Sent page (withdraw): see their section below.
import { changeSecuPass, encodeWithdrawal, KeyChangedError } from "/client/secupass-browser-client.js";

const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
const signedIn = document.getElementById("signed-in-as") !== null;
/** An unlocked SecuPass kept in this browser ends after this long unused (as the SDK's session). */
const IDLE_MILLIS = 15 * 60 * 1000;
/** The server's clock minus this browser's (signed entries must be within 5 minutes of it). */
let serverSkew = 0;
const serverTime = () => Date.now() + serverSkew;

// ---- small helpers ----------------------------------------------------------------------------

const b64 = (bytes) => {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
};
const bin = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const utf8 = (text) => new TextEncoder().encode(text);
const fromUtf8 = (bytes) => new TextDecoder("utf-8", { fatal: true }).decode(bytes);
const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
const sameBytes = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
  (b) => b.toString(16).padStart(2, "0")).join("");

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** An error of a relay route, with the server's kind and message. */
class RelayError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

async function api(method, path, body) {
  const init = { method, credentials: "same-origin", headers: {} };
  if (method !== "GET") {
    init.headers["X-CSRF-Token"] = csrf;
  }
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RelayError(response.status, "HttpError", text || response.statusText);
  }
  if (!response.ok) {
    throw new RelayError(response.status, json.error, json.message);
  }
  return json;
}

/** What a person reads when something fails: the SDK's or the browser client's own words. */
function say(error) {
  if (error instanceof WrongSecuPassError) return "That is not your SecuPass. Try again.";
  if (error instanceof RelayError && error.kind === "DeliveryWithdrawnException") {
    return "The sender withdrew this delivery: it can no longer be opened, and its files are deleted.";
  }
  if (error instanceof WrongAccessCodeError) {
    return "That is not the access code of this delivery. Check it with the sender and try again.";
  }
  if (error instanceof SecuPassError || error instanceof RelayError || error instanceof RangeError) {
    return error.message;
  }
  return `Something went wrong in this page: ${error && error.message ? error.message : error}`;
}

// ---- key custody: the unlocked session in IndexedDB -------------------------------------------
// One record ("current"): the user, the session's bundle and non-extractable CryptoKeys
// (Session.keep), and when it was last used. Wiped by Lock, sign-out, another user, a page
// without a signed-in user, and 15 minutes without use.

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("secupass-web-sample", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("sessions");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(mode, action) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction("sessions", mode);
      const request = action(tx.objectStore("sessions"));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const forget = () => store("readwrite", (s) => s.delete("current"));
/**
 * Keeps `session` for the next pages. Keys made on the server (suite 2: the X-Wing key is no
 * WebCrypto key) cannot be kept: they serve this page only, and the next asks again.
 */
async function keep(user, session) {
  let kept;
  try {
    kept = session.keep();
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
  await store("readwrite", (s) => s.put({ user, kept, lastUsed: Date.now() }, "current"));
  return true;
}

/** The kept session of `user`, if one is kept and was used within the idle time. */
async function resume(user) {
  const record = await store("readonly", (s) => s.get("current"));
  if (!record) return null;
  if (record.user !== user || Date.now() - record.lastUsed > IDLE_MILLIS) {
    await forget();
    return null;
  }
  try {
    const session = await Session.resume(record.kept);
    await store("readwrite", (s) => s.put({ ...record, lastUsed: Date.now() }, "current"));
    return session;
  } catch {
    await forget();
    return null;
  }
}

// ---- the SecuPass dialog, in the page ---------------------------------------------------------

/**
 * Shows the dialog and runs `attempt(values)` on each submit until it succeeds; its error is
 * shown and the person tries again. Resolves with what `attempt` returned.
 */
function secuPassDialog({ choose, askCode, why }, attempt) {
  return new Promise((resolve) => {
    const error = el("p", { class: "error", id: "client-secupass-error", hidden: "" });
    const wait = el("p", { class: "wait", hidden: "" });
    const pass = el("input", { type: "password", id: "client-secupass", autocomplete: choose ? "new-password" : "current-password", required: "" });
    const fields = [el("label", {}, choose ? "New SecuPass " : "SecuPass ", pass)];
    const confirm = el("input", { type: "password", id: "client-secupass-confirm", autocomplete: "new-password", required: "" });
    const code = el("input", { id: "client-access-code", autocomplete: "off", required: "" });
    if (choose) fields.push(el("label", {}, "Again ", confirm));
    if (askCode) {
      fields.push(el("label", {}, "Access code (the sender read it to you) ", code));
    }
    const button = el("button", { type: "submit", id: "client-secupass-submit" }, choose ? "Choose SecuPass" : "Enter SecuPass");
    const form = el("form", { id: "client-secupass-form" }, ...fields, error, wait, button);
    const section = el("section", { class: "dialog", id: "client-secupass-dialog" },
      el("h2", {}, choose ? "Choose a SecuPass" : "Enter your SecuPass"),
      el("p", {}, why),
      el("p", { class: "hint" }, choose
        ? "It protects your keys, stays in this browser and is never sent to the server. Nobody can recover it for you."
        : "It unlocks your keys in this browser; it is never sent to the server."),
      form);
    document.querySelector("main").prepend(section);
    pass.focus();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (choose && pass.value !== confirm.value) {
        error.textContent = "The two SecuPasses differ.";
        error.hidden = false;
        return;
      }
      button.disabled = true;
      wait.textContent = choose ? "Making your keys (a short wait: Argon2id)…" : "Unlocking your keys (a short wait: Argon2id)…";
      wait.hidden = false;
      try {
        const result = await attempt({ secuPass: pass.value, code: askCode ? code.value : undefined });
        pass.value = "";
        confirm.value = "";
        code.value = "";
        section.remove();
        resolve(result);
      } catch (e) {
        error.textContent = say(e);
        error.hidden = false;
        wait.hidden = true;
        button.disabled = false;
      }
    });
  });
}

function keyRecord(me) {
  return {
    user: me.user, version: me.keys.version, publicKeys: bin(me.keys.publicKeys),
    encryptedPrivateKeys: bin(me.keys.sealed), kdf: { algorithm: "argon2id", ...me.keys.kdf },
  };
}

const policyOf = (me) => kdfPolicy({ memoryKiB: me.kdf.memoryKiB, iterations: me.kdf.iterations,
  parallelism: me.kdf.parallelism }, { allowWeakForTests: me.kdf.weak });

/**
 * The signed-in user's unlocked session: the kept one, or one the person unlocks (or chooses)
 * in the dialog. `delivery`: the delivery a guest came for, whose access code (if the sender set
 * one) the dialog asks for and binds the new keys to.
 */
async function unlocked({ why, delivery } = {}) {
  const me = await api("GET", "/api/keys");
  serverSkew = me.now - Date.now();
  const kept = await resume(me.user);
  // Kept keys that are no longer the user's active ones (a server-side unlock added an X-Wing
  // key to them, or they were reset) open nothing new: forgotten, and the person unlocks again.
  if (kept && me.keys && sameBytes(kept.publicKeys.encoded, bin(me.keys.publicKeys))) return { me, session: kept };
  if (kept) {
    // The keys this browser made are no longer the active ones: the log is read for them before
    // they are forgotten, so that keys this browser did not make show (nothing is published).
    await monitorKeyLog(me.user, kept.publicKeys.encoded);
    kept.close();
    await forget();
  }
  const kdf = policyOf(me);
  let session;
  if (me.keys) {
    session = await secuPassDialog({ choose: false, why }, async ({ secuPass }) => {
      const opened = await unlock(keyRecord(me), secuPass, { kdf, suite: 1 });
      if (opened.resealed) {
        const r = opened.resealed;
        await api("POST", "/api/keys/reseal", { version: r.version, publicKeys: b64(r.publicKeys), sealed: b64(r.encryptedPrivateKeys), kdf: r.kdf });
      }
      return opened.session;
    });
  } else {
    const waiting = (await api("GET", "/api/access-codes")).filter((c) => !delivery || c.delivery === delivery);
    session = await secuPassDialog({ choose: true, askCode: waiting.length > 0, why }, async ({ secuPass, code }) => {
      const typed = code === undefined ? undefined : AccessCode.parse(code);
      const made = await activate(me.user, secuPass, { kdf, suite: 1 });
      const body = { publicKeys: b64(made.record.publicKeys), sealed: b64(made.record.encryptedPrivateKeys), kdf: made.record.kdf };
      if (typed) {
        let bound;
        for (const w of waiting) {
          try {
            bound = { delivery: w.delivery, binding: b64(await accessCodeBinding(typed, bin(w.check), w.delivery, me.user, made.record.version, made.record.publicKeys)) };
            break;
          } catch (e) {
            if (!(e instanceof WrongAccessCodeError)) throw e;
          }
        }
        if (!bound) {
          made.session.close();
          throw new WrongAccessCodeError("the typed access code is not this delivery's");
        }
        Object.assign(body, bound);
      }
      await api("POST", "/api/keys/activate", body);
      return made.session;
    });
    me.keys = (await api("GET", "/api/keys")).keys;
  }
  if (await keep(me.user, session)) {
    showUnlocked();
  }
  await monitorKeyLog(me.user, session.publicKeys.encoded, session);
  return { me, session };
}

// ---- the header: the browser's SecuPass state, Lock, sign-out --------------------------------

function showUnlocked() {
  const state = document.getElementById("secupass-state");
  if (state) {
    state.textContent = "SecuPass unlocked in this browser";
    state.classList.add("open");
  }
  if (!document.getElementById("client-lock") && state) {
    const lock = el("button", { type: "button", id: "client-lock", class: "small" }, "Lock");
    lock.addEventListener("click", async () => {
      await forget();
      state.textContent = "SecuPass locked";
      state.classList.remove("open");
      lock.remove();
    });
    state.after(" ", lock);
  }
}

// Sign-out and the server's Lock also wipe the browser's keys before the form goes.
document.addEventListener("submit", (event) => {
  const action = event.target.getAttribute("action");
  if (action === "/sign-out" || action === "/secupass/lock") {
    event.preventDefault();
    forget().finally(() => HTMLFormElement.prototype.submit.call(event.target));
  }
}, true);

// ---- pins (kept by the relay: only this user's keys can make or check their seals) -----------

const relayPins = {
  async find(_observer, subject) {
    const { pin } = await api("GET", `/api/pins/${encodeURIComponent(subject)}`);
    return pin ? { ...pin, seal: bin(pin.seal) } : undefined;
  },
  async save(_observer, pin) {
    await api("POST", "/api/pins", { subject: pin.subject, version: pin.version, fingerprint: pin.fingerprint, seal: b64(pin.seal) });
  },
};

let logVerifier;
/** The key log's verifier key, fetched once per page. */
function keyLogVerifier() {
  logVerifier ??= api("GET", "/api/key-log/verifier").then((v) => parseVerifierKey(v.verifierKey));
  logVerifier.catch(() => { logVerifier = undefined; });
  return logVerifier;
}

/** The relay operation the browser client's comparison of a bound checkpoint asks for. */
const relayKeyLog = {
  async keyLogConsistency(from, to) {
    return (await api("GET", `/api/key-log/consistency?from=${from}&to=${to}`)).proof.map(bin);
  },
};

/**
 * The checkpoint this browser relied on last for `user` (kept in localStorage: it is public),
 * with the relay: what a manifest or membership entry this user signs binds, and what the
 * checkpoint another user bound into theirs is compared with.
 */
async function keyLogHeld(user) {
  const verifier = await keyLogVerifier();
  const before = JSON.parse(localStorage.getItem(`secupass.keylog.${user}`) || "null");
  const checkpoint = before ? { origin: verifier.name, size: before.size, root: bin(before.root) } : undefined;
  return { checkpoint, relay: relayKeyLog };
}

/**
 * The key log's check before anything is wrapped to `keys`: the checkpoint signed by the log's
 * key, the keys' inclusion, and consistency with the checkpoint this browser relied on before,
 * which it then relies on instead.
 */
async function keyLogVouch(user) {
  const verifier = await keyLogVerifier();
  return async (keys) => {
    const seen = (await keyLogHeld(user)).checkpoint;
    const p = await api("GET", `/api/key-log/proof?subject=${encodeURIComponent(keys.user)}&version=${keys.version}&seen=${seen ? seen.size : 0}`);
    const proof = {
      checkpoint: p.checkpoint, leaf: bin(p.leaf), index: p.index,
      inclusion: p.inclusion.map(bin), consistency: p.consistency.map(bin),
    };
    const relied = await checkLoggedKey(verifier, proof, keys.user, keys.version, keys.encoded, seen);
    localStorage.setItem(`secupass.keylog.${user}`, JSON.stringify({ size: relied.size, root: b64(relied.root) }));
  };
}

// ---- sending at level 3 or 4 ------------------------------------------------------------------

/** The stored subject and message (docs/format.md, "Delivery details"). */
function encodeDetails(subject, message) {
  const s = utf8(subject);
  const m = utf8(message);
  const out = new Uint8Array(12 + s.length + m.length);
  out.set([0x53, 0x50, 0x44, 1, 0, 1, s.length >> 8, s.length & 0xff]);
  out.set(s, 8);
  new DataView(out.buffer).setUint32(8 + s.length, m.length);
  out.set(m, 12 + s.length);
  return out;
}

function decodeDetails(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sl = view.getUint16(6);
  const ml = view.getUint32(8 + sl);
  return { subject: fromUtf8(bytes.subarray(8, 8 + sl)), message: fromUtf8(bytes.subarray(12 + sl, 12 + sl + ml)) };
}

/** Failed chunks (network errors, 5xx) are sent again this often before the upload gives up. */
const CHUNK_ATTEMPTS = 8;

/** One PUT of a chunk's bytes from `from`; resolves with the status and JSON, rejects offline. */
function putChunk(url, bytes, from, total, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Content-Range", `bytes ${from}-${from + bytes.length - 1}/${total}`);
    xhr.upload.onprogress = (e) => onProgress(from + e.loaded);
    xhr.onload = () => {
      let json = {};
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // a proxy's page, not the sample's JSON
      }
      resolve({ status: xhr.status, json, statusText: xhr.statusText });
    };
    xhr.onerror = () => reject(new Error("the connection failed"));
    // Chromium sends a Blob body about ten times as fast as a Uint8Array (docs/browser-client.md).
    xhr.send(new Blob([bytes]));
  });
}

/**
 * Sends `chunk` (the ciphertext at `offset`) until the server has all of it. After a network
 * error or a 5xx it asks the server how much arrived and sends the rest of the chunk from there,
 * so the chunk is kept in memory until it is acknowledged; a 409 says where the server stands.
 * Resolves with the server's answer (the last chunk's carries the upload's handle).
 */
async function sendChunk(upload, chunk, offset, onProgress) {
  const end = offset + chunk.length;
  let from = offset;
  for (let failures = 0; ;) {
    let answer;
    try {
      answer = await putChunk(upload.url, chunk.subarray(from - offset), from, upload.storedSize, onProgress);
    } catch (e) {
      answer = { status: 0, json: {}, statusText: e.message };
    }
    if (answer.status === 200) return answer.json;
    const resync = answer.status === 409 && typeof answer.json.received === "number";
    if (answer.status !== 0 && answer.status < 500 && !resync) {
      throw new RelayError(answer.status, answer.json.error, answer.json.message || answer.statusText);
    }
    // A 409 counts too: a server that keeps disagreeing about the offset ends the upload.
    if (++failures >= CHUNK_ATTEMPTS) {
      throw new RelayError(answer.status, "HttpError", `the upload failed ${failures} times (${answer.json.message || answer.statusText}); try again later`);
    }
    if (answer.status !== 409) {
      upload.onRetry();
      await new Promise((r) => setTimeout(r, 250 * 2 ** failures));
      try {
        answer = { json: await api("GET", upload.url) };
      } catch (e) {
        if (e instanceof RelayError && e.status > 0 && e.status < 500) throw e;
        continue;
      }
    }
    from = answer.json.received;
    if (typeof from !== "number" || from < offset || from > end) {
      throw new RelayError(409, "HttpError", "the server's copy of the upload does not continue this file; send it again");
    }
    if (from === end) return answer.json;
  }
}

/**
 * Starts an upload of `storedSize` bytes of ciphertext and answers a sink for the ciphertext as
 * the encryption makes it: it collects the bytes into the server's chunk size and sends each
 * chunk while the next one fills (at most two chunks in memory), with progress (the percentage and
 * the time left, as app.js shows the server's uploads). Resolves `handle` once the last chunk
 * was stored (and `stored`: the blob, sizes and digest the relay answered); a failure deletes what
 * the server received.
 */
async function chunkedUpload(storedSize, bar, text) {
  const started = await api("POST", "/api/uploads", { storedSize });
  const startedAt = Date.now();
  const upload = {
    url: `/api/uploads/${encodeURIComponent(started.id)}`, storedSize,
    onRetry: () => { text.textContent = "connection lost, resuming…"; },
  };
  const show = (done) => {
    bar.max = storedSize;
    bar.value = done;
    text.textContent = globalThis.secupassProgressText(done, storedSize, startedAt);
  };
  let buffer = new Uint8Array(started.chunkSize);
  let filled = 0;
  let queued = 0;
  let inFlight = Promise.resolve();
  let handle;
  let stored;
  const flush = async () => {
    const chunk = buffer.subarray(0, filled);
    const offset = queued;
    queued += filled;
    filled = 0;
    await inFlight;
    buffer = new Uint8Array(started.chunkSize);
    inFlight = sendChunk(upload, chunk, offset, show).then((answer) => {
      handle = answer.upload;
      stored = answer.content;
    });
    inFlight.catch(() => {}); // awaited by the next flush or by close
  };
  const fail = () => api("DELETE", upload.url).catch(() => {});
  const sink = new WritableStream({
    async write(piece) {
      try {
        for (let at = 0; at < piece.length;) {
          const n = Math.min(buffer.length - filled, piece.length - at);
          buffer.set(piece.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === buffer.length) await flush();
        }
      } catch (e) {
        await fail();
        throw e;
      }
    },
    async close() {
      try {
        if (filled > 0) await flush();
        await inFlight;
      } catch (e) {
        await fail();
        throw e;
      }
      if (!handle) throw new RelayError(409, "HttpError", "the upload ended without the server's handle; send it again");
      text.textContent = "100% · done";
    },
    async abort() {
      await fail();
    },
  });
  return { sink, handle: () => handle, stored: () => stored };
}

/**
 * Reads `file` through `encryption` (a content cipher's `encryptStream()`, or a room file's
 * `encryptRoomFile`: `{stream, result}`) and uploads the ciphertext as it is made, in chunks that
 * resume after a failure, with progress bars in `row`; the file is never held whole in memory.
 * Resolves with what the encryption produced, the upload's handle and what the relay stored.
 */
async function encryptAndUploadStream(file, storedSize, encryption, row) {
  const encrypting = el("progress", { max: Math.max(file.size, 1), value: 0, class: "encrypting" });
  const uploading = el("progress", { max: 1, value: 0, class: "uploading" });
  const text = el("span", { class: "progress-text" });
  row.append(el("span", {}, " encrypting "), encrypting, el("span", {}, " uploading "), uploading, text);
  const upload = await chunkedUpload(storedSize, uploading, text);
  let read = 0;
  await file.stream()
    .pipeThrough(new TransformStream({
      transform(chunk, controller) {
        read += chunk.length;
        encrypting.value = read;
        controller.enqueue(chunk);
      },
    }))
    .pipeThrough(encryption.stream)
    .pipeTo(upload.sink);
  const content = await encryption.result;
  if (content.storedSize !== storedSize) {
    throw new RangeError(`${file.name} changed while it was read; choose it again`);
  }
  return { content, handle: upload.handle(), stored: upload.stored() };
}

/**
 * Encrypts a file of a delivery (version-2 stream, 1 MiB segments) while it uploads. Returns the
 * upload handle and what the manifest signs.
 */
async function encryptAndUpload(file, contentKey, delivery, level, row) {
  const fileId = randomId();
  const storedSize = ContentCipher.storedSize(file.size, DEFAULT_SEGMENT_SIZE, 2);
  const cipher = ContentCipher.create(contentKey, ContentContexts.deliveryFile(delivery, fileId, level), { version: 2, computeDigest: true });
  const { content, handle } = await encryptAndUploadStream(file, storedSize, cipher.encryptStream(), row);
  let name = utf8(file.name);
  if (level === 4) {
    name = await ContentCipher.create(contentKey, ContentContexts.deliveryFileName(delivery, fileId, level)).seal(name);
  }
  return { file: fileId, size: file.size, storedSize, digest: content.digest, upload: handle, name, nameDigest: await fileNameDigest(name) };
}

async function sendInBrowser(form) {
  const level = Number(form.querySelector('input[name="level"]:checked').value);
  const error = form.querySelector(".error");
  const list = form.querySelector(".progress-list");
  const button = form.querySelector('button[type="submit"]');
  const files = Array.from(form.querySelector("#files").files);
  const to = form.querySelector("#to").value;
  error.hidden = true;
  if (files.length === 0) {
    error.textContent = "Choose at least one file.";
    error.hidden = false;
    return;
  }
  button.disabled = true;
  try {
    const { me, session } = await unlocked({ why: `Your level ${level} delivery is encrypted in this browser with your keys.` });
    const { now, recipients } = await api("POST", "/api/recipients", { to });
    const delivery = randomId();
    const contentKey = SymmetricKey.generate();
    const context = EnvelopeContexts.delivery(delivery, level);
    // Envelopes: the sender's own, and each recipient whose keys this browser has pinned (checked
    // against the pin and the key log). Everyone else gets a grant the sender releases later,
    // after the first-contact rule (safety words or access code) on the release page.
    const envelopes = [await session.sealEnvelope(session.publicKeys, context, contentKey)];
    const pinning = new KeyPinning(session, relayPins);
    let vouch;
    for (const r of recipients) {
      if (r.publicKeys && await pinning.hasPin(r.user)) {
        vouch ??= await keyLogVouch(me.user);
        const presented = await PublicKeys.parse(bin(r.publicKeys));
        let keys;
        try {
          keys = await pinning.verifiedKeys(presented, vouch);
        } catch (e) {
          // New keys after a reset: a grant, held on the release page for their new safety words.
          if (await keysReset(e, presented)) continue;
          throw e;
        }
        envelopes.push(await session.sealEnvelope(keys, context, contentKey));
      }
    }
    const codes = [];
    const accessCodeChecks = {};
    if (form.querySelector("#access-code").checked) {
      const codeKdf = policyOf(me);
      for (const r of recipients.filter((x) => x.guest && !x.publicKeys)) {
        const code = AccessCode.generate();
        const stretched = await stretchAccessCode(code, delivery, r.user, codeKdf);
        accessCodeChecks[r.user] = b64(await makeAccessCodeCheck(stretched, contentKey, delivery, r.user, codeKdf));
        stretched.fill(0);
        codes.push({ name: r.name, code });
      }
    }
    list.textContent = "";
    const made = [];
    for (const file of files) {
      const row = el("div", { class: "progress" }, el("span", {}, file.name));
      list.append(row);
      made.push(await encryptAndUpload(file, contentKey, delivery, level, row));
    }
    const subject = form.querySelector("#subject").value.trim();
    const message = form.querySelector("#message").value;
    let details = encodeDetails(subject, message);
    if (level === 4) {
      details = await ContentCipher.create(contentKey, ContentContexts.deliveryDetails(delivery, level)).seal(details);
    }
    const days = Number(form.querySelector("#days").value || 7);
    // Version 3 (as the Java SDK writes at levels 3-4): the manifest binds each file's stored name
    // and position, and the key-log checkpoint this browser relied on (after the wraps' checks).
    const { checkpoint: relied } = await keyLogHeld(me.user);
    const manifest = await session.sign("DELIVERY_MANIFEST", encodeManifestV3({
      delivery, level, sender: session.user, createdAt: now, expiresAt: now + days * 86400000,
      recipients: recipients.map((r) => r.user),
      files: made.map(({ file, nameDigest, size: s, storedSize, digest }) => ({ file, nameDigest, size: s, storedSize, digest })),
      detailsDigest: await sha256(details), keyCommitment: await contentKey.commitment(),
    }, relied));
    contentKey.wipe();
    const sent = await api("POST", "/api/deliveries", {
      to, manifest: b64(manifest), details: b64(details), envelopes: envelopes.map(b64),
      files: made.map((f) => ({ file: f.file, name: b64(f.name), upload: f.upload })),
      accessCodeChecks, downloadLimit: 0,
    });
    showSent(form, sent, envelopes.length - 1, codes);
  } catch (e) {
    error.textContent = say(e);
    error.hidden = false;
    button.disabled = false;
  }
}

function showSent(form, sent, wrapped, codes) {
  const result = el("div", { id: "client-sent", "data-delivery": sent.id, class: "flash" });
  result.append(el("p", {}, `Sent at level ${sent.level} to ${sent.recipientNames.join(", ")}, encrypted in this browser.`));
  if (sent.awaitingSecuPass.length > 0) {
    result.append(el("p", {}, `${sent.awaitingSecuPass.join(", ")} must choose a SecuPass first; you will be told when they have.`));
  }
  const held = sent.recipients - wrapped - sent.awaitingSecuPass.length;
  if (held > 0) {
    result.append(el("p", {}, `${held} recipient(s) have keys you never verified: release it to them from the notice once you have compared their safety words.`));
  }
  for (const { name, code } of codes) {
    // Shown this once: nothing keeps a copy.
    result.append(el("p", { class: "access-code" }, `Access code for ${name}: `,
      el("strong", { class: "code" }, code.reveal()),
      " (tell it to them by phone or in person, not by e-mail; it is shown once)."));
  }
  result.append(el("p", {}, el("a", { href: `/outbox/${sent.id}`, id: "to-outbox" }, "See the sent delivery")));
  form.replaceWith(result);
}

const compose = document.getElementById("compose");
if (compose) {
  // Levels 3 and 4 are sent from here; levels 1 and 2 go on to app.js and the server.
  document.addEventListener("submit", (event) => {
    if (event.target !== compose) return;
    const level = compose.querySelector('input[name="level"]:checked');
    if (level && Number(level.value) >= 3) {
      event.preventDefault();
      event.stopImmediatePropagation();
      sendInBrowser(compose);
    }
  }, true);
}

// ---- opening and downloading ------------------------------------------------------------------

async function copyOf(id) {
  return api("GET", `/api/deliveries/${encodeURIComponent(id)}/copy`);
}

async function openInBrowser(id, form) {
  const main = document.querySelector("main");
  const status = el("p", { class: "wait", id: "client-status" }, "Opening in this browser…");
  form.replaceWith(status);
  try {
    let copy;
    try {
      copy = await copyOf(id);
    } catch (e) {
      if (e instanceof RelayError && e.status === 400 && e.kind === "HttpError") {
        // Level 1 or 2: the server opens it.
        status.replaceWith(form);
        HTMLFormElement.prototype.submit.call(form);
        return;
      }
      if (!(e instanceof RelayError && e.kind === "SecuPassRequiredException")) throw e;
    }
    const { session } = await unlocked({ why: "The delivery is end-to-end encrypted to your SecuPass.", delivery: id });
    copy ??= await copyOf(id);
    if (!copy.envelope) {
      copy = await waitForRelease(id, session, status, copy.sender.name);
    }
    await showOpened(main, copy, session);
  } catch (e) {
    status.className = "error";
    status.id = "client-error";
    status.textContent = say(e);
  }
}

async function waitForRelease(id, session, status, sender) {
  const words = (await safetyWords(session.fingerprint)).join(" ");
  const waiting = el("div", { class: "waiting", id: "client-waiting" },
    el("p", {}, el("span", { class: "spinner" }), ` Your SecuPass is ready. ${sender} has been told and releases the delivery to your keys from their browser. This page opens it as soon as that happens.`),
    el("p", { id: "may-close" }, "You can close this page: a mail tells you when the delivery is released, and its link brings you back."),
    el("p", {}, "Your safety words: ", el("strong", { id: "safety-words" }, words),
      ". If the sender asks, read them out (by phone or in person): they release the delivery only if their screen shows the same."));
  status.replaceWith(waiting);
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const state = await (await fetch(`/deliveries/${encodeURIComponent(id)}/status`, { credentials: "same-origin" })).text();
    if (state === "released") {
      const copy = await copyOf(id);
      if (copy.envelope) {
        waiting.replaceWith(status);
        return copy;
      }
    }
  }
}

/** Every check of docs/client-exchange.md, "Reading", then the details and the file list. */
async function showOpened(main, copy, session) {
  const senderKeys = await PublicKeys.parse(bin(copy.senderPublicKeys));
  if (senderKeys.user !== copy.sender.user) {
    throw new IntegrityError(`the delivery's manifest keys are not those of its sender ${copy.sender.name}`);
  }
  // The sender's keys against this reader's pin of them (pinned on first use).
  await new KeyPinning(session, relayPins).verifiedKeys(senderKeys);
  // A version-3 manifest's checkpoint against the one this browser relied on (FORKED: a split view).
  const manifest = await verifyAnyManifest(bin(copy.manifest), senderKeys, await keyLogHeld(session.user));
  if (manifest.delivery !== copy.id || manifest.level !== copy.level
      || !manifest.recipients.concat([manifest.sender]).includes(session.user)) {
    throw new IntegrityError("the delivery's signed manifest does not match what the server sent");
  }
  const context = EnvelopeContexts.delivery(copy.id, manifest.level);
  const key = await session.openEnvelope(bin(copy.envelope), senderKeys, context);
  await checkManifestKey(manifest, key);
  let details = bin(copy.details);
  if (!sameBytes(await sha256(details), manifest.detailsDigest)) {
    throw new IntegrityError("the delivery's subject and message are not the ones its sender signed");
  }
  if (manifest.level === 4) {
    details = await ContentCipher.create(key, ContentContexts.deliveryDetails(copy.id, 4)).open(details);
  }
  const { subject, message } = decodeDetails(details);
  const list = el("ul", { class: "files", id: "files" });
  for (const f of copy.files) {
    const signed = manifest.files.find((m) => m.file === f.file);
    if (!signed || signed.size !== f.size || signed.storedSize !== f.storedSize) {
      throw new IntegrityError("the delivery's files are not the ones its sender signed");
    }
    let name = bin(f.name);
    if (manifest.version >= 2 && !sameBytes(await fileNameDigest(name), signed.nameDigest)) {
      throw new IntegrityError("a file name of the delivery is not the one its sender signed");
    }
    if (manifest.level === 4) {
      name = await ContentCipher.create(key, ContentContexts.deliveryFileName(copy.id, f.file, 4)).open(name);
    }
    const fileName = fromUtf8(name);
    const bar = el("progress", { max: Math.max(f.size, 1), value: 0, hidden: "" });
    const link = el("a", { class: "download", href: "#", "data-file": f.file }, fileName);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      download(copy, manifest.level, f, signed.digest, fileName, key, bar).catch((e) => {
        bar.replaceWith(el("span", { class: "error" }, say(e)));
      });
    });
    list.append(el("li", {}, link, " ", el("span", { class: "size" }, size(f.size)), " ", bar));
  }
  main.textContent = "";
  main.append(
    el("h1", {}, "Delivery"),
    el("dl", { class: "facts" },
      el("dt", {}, "From"), el("dd", { id: "sender" }, copy.sender.name),
      el("dt", {}, "Level"), el("dd", {}, String(manifest.level)),
      el("dt", {}, "Expires"), el("dd", {}, new Date(copy.expiresAt).toISOString().replace("T", " ").slice(0, 16) + " UTC"),
      el("dt", {}, "Subject"), el("dd", { id: "subject" }, subject)),
    el("pre", { class: "message", id: "message" }, message),
    el("h2", {}, "Files"), list,
    el("p", { class: "hint" }, "Files are decrypted in this browser as they download, each part checked against what the sender signed; the server sends only ciphertext."));
}

let worker;

/** The download Service Worker (scope /client/), registered once per page. */
async function downloadWorker() {
  if (worker) return worker;
  const registration = await navigator.serviceWorker.register("/client/client-sw.js", { type: "module", scope: "/client/" });
  const candidate = registration.active ?? registration.waiting ?? registration.installing;
  if (candidate.state !== "activated") {
    await new Promise((resolve) => candidate.addEventListener("statechange", () => {
      if (candidate.state === "activated") resolve();
    }));
  }
  worker = registration.active;
  return worker;
}

/**
 * Hands a file's key and signed facts to the Service Worker, which answers the download's
 * navigation with the plaintext as it decrypts ranged reads (bounded memory, every segment
 * checked first), and reports its progress here. `download`: what client-sw.js reads (`key`,
 * `url`, `name`, `size`, `storedSize`, and a delivery's or a room file's facts).
 */
async function downloadThroughWorker(download, bar) {
  const sw = await downloadWorker();
  const token = randomId();
  const channel = new MessageChannel();
  const registered = new Promise((resolve) => {
    channel.port1.onmessage = (event) => {
      const m = event.data;
      if (m.registered) resolve();
      if (m.done !== undefined) bar.value = m.done;
      if (m.failed) bar.replaceWith(el("span", { class: "error" }, m.failed));
    };
  });
  bar.hidden = false;
  sw.postMessage({ token, download }, [channel.port2]);
  await registered;
  window.location.assign(`/client/download/${token}`);
}

function download(copy, level, file, digest, name, key, bar) {
  return downloadThroughWorker({
    key: key.exportBytes(), delivery: copy.id, file: file.file, level, digest, name,
    size: file.size, storedSize: file.storedSize,
    url: `/api/deliveries/${encodeURIComponent(copy.id)}/files/${encodeURIComponent(file.file)}`,
  }, bar);
}

const openForm = document.getElementById("open-delivery");
if (openForm) {
  const match = /^\/deliveries\/([^/]+)\/open$/.exec(openForm.getAttribute("action") || "");
  if (match) {
    document.addEventListener("submit", (event) => {
      if (event.target !== openForm) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      openInBrowser(decodeURIComponent(match[1]), openForm);
    }, true);
  }
}

// ---- the sender's release ----------------------------------------------------------------------

async function releasePage(container) {
  try {
    const { me, session } = await unlocked({ why: "Releasing wraps your deliveries' keys to the recipients' new keys, in this browser." });
    const grants = await api("GET", "/api/grants");
    container.textContent = "";
    const rule = { pinning: new KeyPinning(session, relayPins), policy: () => "CONFIRM", vouch: await keyLogVouch(me.user) };
    for (const g of grants) {
      const row = el("div", { class: "grant", "data-grant": g.id });
      container.append(row);
      await releaseOne(session, rule, g, row, me.user);
    }
    // Room grants too (a member who chose a SecuPass, or whose keys wait for this user's check).
    const rooms = await giveRoomKeys(session, rule);
    for (const r of rooms) {
      container.append(el("div", { class: "grant", "data-grant": r.grant.id }, roomKeyOutcome(r)));
    }
    if (grants.length === 0 && rooms.length === 0) {
      container.append(el("p", { id: "nothing-waits" }, "Nobody waits for a release."));
    }
  } catch (e) {
    container.textContent = "";
    container.append(el("p", { class: "error", id: "client-error" }, say(e)));
  }
}

async function releaseOne(session, rule, g, row, user) {
  const recipient = await PublicKeys.parse(bin(g.recipientPublicKeys));
  row.textContent = "";
  try {
    const envelope = await fulfilDeliveryGrant(session, {
      delivery: g.delivery, level: g.level, signedManifest: bin(g.manifest), ownEnvelope: bin(g.ownEnvelope),
      recipient, accessCodeCheck: g.accessCodeCheck ? bin(g.accessCodeCheck) : undefined,
      binding: g.binding ? bin(g.binding) : undefined,
    }, rule, await keyLogHeld(user));
    await api("POST", `/api/grants/${encodeURIComponent(g.id)}/fulfil`, { envelope: b64(envelope) });
    row.append(el("p", { class: "released" }, `Released to ${g.recipient.name}: they can open it now.`));
  } catch (e) {
    const reset = await keysReset(e, recipient);
    if (!(e instanceof UnverifiedKeyError) && !reset) {
      row.append(el("p", { class: "error" }, `${g.recipient.name}: ${say(e)}`));
      return;
    }
    // The first contact: the sender compares the words of the keys the server presents with the
    // words the recipient reads from their own page.
    const unique = (id) => (document.getElementById(id) ? undefined : id);
    const words = el("input", { id: unique("words"), autocomplete: "off", size: "60" });
    const confirm = el("button", { type: "button", id: unique("confirm") }, "Confirm and release");
    const problem = el("p", { class: "error", hidden: "" });
    row.append(el("div", { class: "first-contact", id: unique("first-contact") },
      el("p", {}, reset
        ? `${g.recipient.name} has new keys since you verified them: they reset a forgotten SecuPass, or someone replaced their keys. Ask them (by phone or in person) to read the safety words their page shows now. The new keys the server presents have these words:`
        : `${g.recipient.name} chose a SecuPass, but you never verified their keys. Ask them (by phone or in person) to read the safety words their page shows. The keys the server presents have these words:`),
      el("p", {}, el("strong", { id: unique("presented") }, (await safetyWords(recipient.fingerprint)).join(" "))),
      el("label", {}, "The words they read ", words), confirm, problem));
    confirm.addEventListener("click", async () => {
      problem.hidden = true;
      try {
        await confirmFirstContact(rule, recipient, words.value);
        await releaseOne(session, rule, g, row, user);
      } catch (err) {
        problem.textContent = err instanceof SafetyWordsMismatchError
          ? "Those words are not the ones of the keys the server presents: nothing was released. Someone else may have chosen this SecuPass (a forwarded link), or the keys were replaced."
          : say(err);
        problem.hidden = false;
      }
    });
  }
}

const release = document.getElementById("release");
if (release) {
  releasePage(release);
}

// ---- Settings: change and reset the SecuPass; the Sent page: withdraw (levels 3 and 4) -------
// No SecuPass leaves the page: a change re-seals the key record here (changeSecuPass) and sends
// the new blob (POST /api/keys/reseal); a reset makes new keys here (the active version plus one)
// and sends them (POST /api/keys/reset); a withdrawal is a statement signed here (type 4, docs/
// format.md) and sent (POST /api/deliveries/{id}/withdraw). The forms' fields have no names, so a
// post without this script carries nothing, and the server refuses it.

/** A problem with what the person typed, said as it is. */
class FormProblem extends Error {}

/** Runs `work(wait)` for `form`, its button disabled meanwhile; a failure is shown in `errorId`. */
async function inPage(form, errorId, work) {
  const error = form.querySelector(errorId);
  const wait = form.querySelector(".wait");
  const button = form.querySelector('button[type="submit"]');
  error.hidden = true;
  button.disabled = true;
  try {
    await work(wait);
  } catch (e) {
    error.textContent = e instanceof FormProblem ? e.message : say(e);
    error.hidden = false;
  } finally {
    wait.hidden = true;
    button.disabled = false;
  }
}

/** The new SecuPass typed twice, checked as the server's dialog checks one. */
function checkNewSecuPass(form, next, again) {
  const min = Number(form.getAttribute("data-min") || 0);
  if (next.length < min) throw new FormProblem(`The new SecuPass needs at least ${min} characters.`);
  if (next !== again) throw new FormProblem("The new SecuPass and its repetition differ.");
}

async function changeInPage(form) {
  const current = form.querySelector("#current-secupass");
  const next = form.querySelector("#next-secupass");
  const again = form.querySelector("#next-secupass-confirm");
  await inPage(form, "#change-error", async (wait) => {
    checkNewSecuPass(form, next.value, again.value);
    wait.textContent = "Checking your current SecuPass and protecting your keys with the new one (a short wait: Argon2id)…";
    wait.hidden = false;
    const me = await api("GET", "/api/keys");
    if (!me.keys) throw new FormProblem("You have no SecuPass yet.");
    let changed;
    try {
      changed = await changeSecuPass(keyRecord(me), current.value, next.value, { kdf: policyOf(me) });
    } catch (e) {
      if (e instanceof WrongSecuPassError) throw new FormProblem("The current SecuPass is wrong. Nothing was changed.");
      throw e;
    }
    await api("POST", "/api/keys/reseal", { version: changed.version, publicKeys: b64(changed.publicKeys), sealed: b64(changed.encryptedPrivateKeys), kdf: changed.kdf });
    current.value = "";
    next.value = "";
    again.value = "";
    form.replaceWith(el("p", { class: "flash", id: "secupass-changed" },
      "Your SecuPass was changed in this browser: use the new one from now on. The old one no longer opens your keys."));
  });
}

async function resetInPage(form) {
  const next = form.querySelector("#reset-next");
  const again = form.querySelector("#reset-confirm");
  const understood = form.querySelector("#reset-understood");
  await inPage(form, "#reset-error", async (wait) => {
    checkNewSecuPass(form, next.value, again.value);
    if (!understood.checked) throw new FormProblem("Tick that you understand that your old keys are replaced.");
    wait.textContent = "Making your new keys (a short wait: Argon2id)…";
    wait.hidden = false;
    const me = await api("GET", "/api/keys");
    if (!me.keys) throw new FormProblem("You have no SecuPass yet: choose one instead.");
    const made = await activate(me.user, next.value, { kdf: policyOf(me), suite: 1, version: me.keys.version + 1 });
    try {
      await api("POST", "/api/keys/reset", { version: made.record.version, publicKeys: b64(made.record.publicKeys), sealed: b64(made.record.encryptedPrivateKeys), kdf: made.record.kdf });
    } catch (e) {
      made.session.close();
      throw e;
    }
    next.value = "";
    again.value = "";
    await forget();
    if (await keep(me.user, made.session)) showUnlocked();
    const words = (await safetyWords(made.session.fingerprint)).join(" ");
    const fingerprint = document.getElementById("fingerprint");
    if (fingerprint) fingerprint.textContent = made.session.fingerprint;
    const oldWords = document.getElementById("safety-words");
    if (oldWords) oldWords.closest("p").remove();
    form.replaceWith(el("div", { class: "flash", id: "secupass-reset" },
      el("p", {}, "You have new keys, protected by your new SecuPass and unlocked in this browser. Those who sent you something are told to release it to your new keys."),
      el("p", {}, "Your new safety words: ", el("strong", { id: "new-safety-words" }, words),
        ". A sender may ask you to read them out (by phone or in person) before they release anything to you.")));
  });
}

async function withdrawInPage(form) {
  const id = form.getAttribute("data-delivery");
  await inPage(form, "#withdraw-error", async (wait) => {
    const { session } = await unlocked({ why: "Withdrawing is signed with your keys in this browser, so that every recipient can check that you withdrew it." });
    wait.textContent = "Withdrawing…";
    wait.hidden = false;
    // The statement's time must be near the server's clock.
    const { now } = await api("GET", "/api/keys");
    const statement = await session.sign("WITHDRAWAL", encodeWithdrawal({ delivery: id, withdrawnAt: now }));
    await api("POST", `/api/deliveries/${encodeURIComponent(id)}/withdraw`, { statement: b64(statement) });
    window.location.reload();
  });
}

/**
 * Whether a release failed only because the recipient has keys of a later version than the ones
 * this sender verified (a reset after a forgotten SecuPass): then the sender confirms the new
 * keys' safety words as at a first contact (confirmFirstContact re-pins them). Other changes of
 * keys stay refused.
 */
async function keysReset(error, recipient) {
  if (!(error instanceof KeyChangedError)) return false;
  const pin = await relayPins.find(undefined, recipient.user);
  return pin !== undefined && pin.version < recipient.version;
}

/**
 * Settings' Choose and Unlock: the page's own dialog (the SecuPass stays here), then the safety
 * words of the keys this browser holds. The buttons are hidden until this script shows them;
 * without script the page offers the server's dialog instead, and says what that means.
 */
async function settingsSecuPass() {
  const button = document.querySelector('button[data-in-browser="secupass"]');
  const words = document.getElementById("client-safety-words");
  const me = await api("GET", "/api/keys");
  const kept = me.keys ? await resume(me.user) : undefined;
  if (kept && sameBytes(kept.publicKeys.encoded, bin(me.keys.publicKeys))) {
    if (words) {
      words.querySelector("#safety-words").textContent = (await safetyWords(kept.fingerprint)).join(" ");
      words.hidden = false;
    }
    return;
  }
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const problem = document.getElementById("secupass-error");
    problem.hidden = true;
    try {
      await unlocked({ why: "Your SecuPass is chosen and entered in this browser: the server never receives it." });
      window.location.reload();
    } catch (e) {
      problem.textContent = say(e);
      problem.hidden = false;
    }
  });
}

if (document.querySelector('button[data-in-browser="secupass"], #client-safety-words')) {
  settingsSecuPass().catch(() => {});
}

for (const [kind, run] of [["change", changeInPage], ["reset", resetInPage], ["withdraw", withdrawInPage]]) {
  const form = document.querySelector(`form[data-in-browser="${kind}"]`);
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(form);
    });
  }
}

// ==== room files ================================================================================
// A data room's files are encrypted and decrypted in this page (docs/web-sample.md, "Room files in
// the browser"): the upload form (#room-upload) encrypts each file with the browser client's
// encryptRoomFile while it uploads in the same resumable chunks as a delivery's files, and seals
// its signed entry; the download links of #room-files open and verify the entry (openRoomFile) and
// hand the file key to the Service Worker, which decrypts one segment at a time. The rest of the
// room page (list, members, removal, grants) is not this section's.

/** The room the rooms' section opened on this page ("secupass:room-opened"), with its session. */
let openedHere;
document.addEventListener("secupass:room-opened", (event) => {
  openedHere = event.detail;
});

/**
 * The room opened in this page for its files (the one this page opened already, whose keys may be
 * ones the browser cannot keep, or opened again), by the data rooms' section (`openedRoom`: the signed
 * log verified, entry 0 anchored on this user's pin of the creator, the epoch keys opened and
 * checked against the log's commitments), with the unlocked session.
 */
async function roomForFiles(room, why, unlockedSession) {
  const here = openedHere;
  if (!unlockedSession && here && here.room === room && !here.session.closed) {
    return { session: here.session, opened: here.opened };
  }
  const session = unlockedSession ?? (await unlocked({ why })).session;
  const { opened } = await openedRoom(session, room);
  return { session, opened };
}

const roomWhy = "The files of a data room are encrypted and decrypted in this browser with the room's key.";

/** Each chosen file encrypted in this page while it uploads, then added with its signed entry. */
async function uploadRoomFiles(form, room) {
  const error = form.querySelector("#upload-error");
  const list = form.querySelector("#upload-progress");
  const button = form.querySelector('button[type="submit"]');
  const files = Array.from(form.querySelector("#room-files-input").files);
  error.hidden = true;
  if (files.length === 0) {
    error.textContent = "Choose at least one file.";
    error.hidden = false;
    return;
  }
  button.disabled = true;
  try {
    let { session, opened } = await roomForFiles(room, roomWhy);
    list.textContent = "";
    for (const file of files) {
      const row = el("div", { class: "progress" }, el("span", {}, file.name));
      list.append(row);
      const encryption = encryptRoomFile(opened);
      try {
        const { handle, stored } = await encryptAndUploadStream(file, encryption.storedSize(file.size), encryption, row);
        if (!stored) {
          throw new RelayError(409, "HttpError", `the server did not say what it stored of ${file.name}; upload it again`);
        }
        const upload = { blob: stored.blob, size: stored.size, storedSize: stored.storedSize, digest: bin(stored.digest) };
        for (let attempt = 1; ; attempt++) {
          const sealed = await encryption.seal(session, upload, file.name, opened);
          try {
            await api("POST", `/api/rooms/${encodeURIComponent(room)}/files`, {
              file: sealed.file, folder: null, sealedEntry: b64(sealed.sealedEntry), wrappedKey: b64(sealed.wrappedKey),
              epoch: sealed.epoch, upload: handle,
            });
            break;
          } catch (e) {
            // A member was removed meanwhile: the same upload, sealed again under the new key.
            if (!(e instanceof RelayError && e.kind === "StaleEpochException") || attempt >= 3) throw e;
            ({ opened } = await roomForFiles(room, roomWhy, session));
          }
        }
      } finally {
        encryption.wipe();
      }
    }
    if (document.getElementById("files-wait")) {
      // The room page of the browser client: its list shown again with the keys open in this page
      // (keys the browser cannot keep would otherwise be asked for again after a reload).
      showRoomFiles(await roomEntries(room, opened));
      form.querySelector("#room-files-input").value = "";
      button.disabled = false;
    } else {
      window.location.reload();
    }
  } catch (e) {
    error.textContent = say(e);
    error.hidden = false;
    button.disabled = false;
  }
}

/** A room file: its entry opened and verified here, then decrypted by the Service Worker. */
async function downloadRoomFile(room, fileId, bar) {
  const { opened } = await roomForFiles(room, roomWhy);
  const entries = await api("GET", `/api/rooms/${encodeURIComponent(room)}/entries`);
  const e = entries.find((x) => x.id === fileId);
  if (!e) {
    throw new RelayError(404, "NotFoundException", "The file is no longer in the room.");
  }
  const file = await openRoomFile(opened, {
    id: e.id, parent: e.parent ?? undefined, kind: e.kind, epoch: e.epoch, blob: e.blob ?? undefined,
    size: e.size, storedSize: e.storedSize, sealedEntry: bin(e.sealedEntry), wrappedKey: bin(e.wrappedKey),
  });
  bar.max = Math.max(file.size, 1);
  try {
    await downloadThroughWorker({
      key: file.key.exportBytes(), room, file: file.file, expectedVersion: file.rule.expectedVersion,
      expectedDigest: file.rule.expectedDigest, name: file.name, size: file.size, storedSize: file.storedSize,
      url: `/api/rooms/${encodeURIComponent(room)}/files/${encodeURIComponent(file.file)}`,
    }, bar);
  } finally {
    file.key.wipe();
  }
}

const roomUpload = document.getElementById("room-upload");
const roomOfForm = roomUpload && /^\/rooms\/([^/]+)\/upload$/.exec(roomUpload.getAttribute("data-upload") || "");
if (roomOfForm) {
  // Taken over from app.js (which posts the plaintext to the server) before it sees the submit.
  document.addEventListener("submit", (event) => {
    if (event.target !== roomUpload) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    uploadRoomFiles(roomUpload, decodeURIComponent(roomOfForm[1]));
  }, true);
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("#room-files a.download[data-file]") : null;
  if (!link) return;
  event.preventDefault();
  const room = link.closest("[data-room]").getAttribute("data-room");
  let bar = link.parentElement.querySelector("progress.room-download");
  if (!bar) {
    bar = el("progress", { class: "room-download", max: 1, value: 0, hidden: "" });
    link.parentElement.append(" ", bar);
  }
  downloadRoomFile(room, link.getAttribute("data-file"), bar).catch((e) => {
    bar.replaceWith(el("span", { class: "error" }, say(e)));
  });
}, true);

// ---- data rooms -------------------------------------------------------------------------------
// Data rooms in the page (docs/web-sample.md, "Data rooms in the browser"): the page verifies a
// room's signed membership log (entry 0 anchored on this user's pin of the creator's keys), opens
// its epoch keys (each checked against the log's commitment), decrypts the room's name and its
// files' names, and makes every change: founding a room, adding a member (their keys checked
// against the pin and the key log, every epoch's key wrapped to them), removing one (a new epoch
// whose key is wrapped to the members who remain) and giving the key to members whose room grant
// waits (after their safety words where the first-contact rule holds them). The server relays
// through /api/rooms... and stores ciphertext, public keys, signatures, ids and roles.
// A room this page opened is announced as the event "secupass:room-opened" (detail: session,
// room, opened, entries) for the room files' code.

const ROOMS_WHY = "Data rooms are end-to-end encrypted to your SecuPass; this browser opens them.";
const roomPath = (room) => `/rooms/${encodeURIComponent(room)}`;
const roomApi = (room) => `/api/rooms/${encodeURIComponent(room)}`;

/** The rooms' first-contact rule: this user's pins, confirm (the default), the key log's check. */
async function roomRule(session) {
  return { pinning: new KeyPinning(session, relayPins), policy: () => "CONFIRM", vouch: await keyLogVouch(session.user) };
}

/**
 * The keys that founded the room (entry 0's signer, among the bundles the server sent), anchored
 * on this user's pin of them: the pinned keys (or an earlier version the pin's history keeps), or
 * keys of someone this browser never pinned, pinned now (a pin made when reading, which releases
 * nothing by itself). A pin of other keys is KeyChangedError.
 */
async function roomCreator(pinning, copy) {
  const first = parseStatement(copy.log[0]);
  let creator;
  for (const encoded of copy.keys) {
    const keys = await PublicKeys.parse(encoded);
    if (keys.user === first.signer && keys.version === first.signerVersion) creator = keys;
  }
  if (!creator) {
    throw new MembershipLogError(`the server sent no keys of the room's creator ${first.signer}`);
  }
  const standing = await pinning.standing(creator);
  if (standing === "PINNED") return creator;
  if (standing === "DIFFERENT" || !(await pinning.hasPin(creator.user))) {
    return pinning.verifiedKeys(creator); // KeyChangedError for other keys; a first use pins them
  }
  throw new MembershipLogError(`the room was founded with keys of ${first.signer} (version ${creator.version}) that this browser never verified`);
}

/** The server's copy of a room, verified and opened in this page (`openRoom`). */
async function openedRoom(session, room) {
  const c = await api("GET", roomApi(room));
  serverSkew = c.now - Date.now();
  const copy = {
    room: c.room, log: c.log.map(bin), keys: c.keys.map(bin), envelopes: c.envelopes.map(bin),
    // A name given after a removal is under a later epoch's key, which this page does not open.
    sealedName: c.nameEpoch === 1 ? bin(c.sealedName) : undefined,
  };
  const opened = await openRoom(session, copy, await roomCreator(new KeyPinning(session, relayPins), copy));
  return { copy: c, opened };
}

/** The names of a room's top-level entries, each opened and its signature verified in the page. */
async function roomEntries(room, opened) {
  const ciphers = new RoomCiphers();
  const out = [];
  for (const e of await api("GET", `${roomApi(room)}/entries`)) {
    const clear = { room, id: e.id, epoch: e.epoch, kind: e.kind, parent: e.parent ?? undefined, blob: e.blob ?? undefined, size: e.size };
    try {
      const key = opened.epochKeys.get(e.epoch);
      if (!key) throw new IntegrityError(`this browser holds no key of epoch ${e.epoch} of the room`);
      const field = await ciphers.openEntry(key, room, e.id, e.epoch, bin(e.sealedEntry));
      if (field.version === 2) {
        const signed = await verifyRoomEntry(field.statement, clear, opened.state, opened.keysOf);
        out.push({ entry: e, name: signed.metadata.name, signed });
      } else {
        const m = field.metadata;
        if (m.kind !== e.kind || (m.parent ?? undefined) !== clear.parent || (m.blob ?? undefined) !== clear.blob || m.size !== e.size) {
          throw new IntegrityError(`entry ${e.id} was altered in storage`);
        }
        out.push({ entry: e, name: m.name, signed: undefined });
      }
    } catch (error) {
      if (!(error instanceof SecuPassError)) throw error;
      out.push({ entry: e, error });
    }
  }
  return out;
}

function showRoomFiles(entries) {
  const list = document.getElementById("room-files");
  list.textContent = "";
  for (const f of entries) {
    const item = el("li", { "data-file": f.entry.id });
    if (f.error) {
      item.append(el("span", { class: "error" }, `An entry does not open: ${say(f.error)}`));
    } else if (f.entry.kind === "FOLDER") {
      item.append(`${f.name}/`);
    } else {
      item.append(el("a", { class: "download", href: "#", "data-file": f.entry.id }, f.name), " ",
        el("span", { class: "size" }, size(f.entry.size)),
        f.signed ? "" : el("span", { class: "hint" }, " (unsigned)"));
    }
    list.append(item);
  }
  document.getElementById("files-wait").hidden = true;
  list.hidden = entries.length === 0;
  document.getElementById("no-files").hidden = entries.length > 0;
}

/**
 * Gives a room grant's member every epoch's key (`fulfilRoomGrant`: the member's keys through the
 * rooms' first-contact rule, each own key checked against the log's commitment), with the KEY
 * entry that records their keys unless the log does already. UnverifiedKeyError while held.
 */
async function giveRoomKey(session, rule, grant, member) {
  const { opened } = await openedRoom(session, grant.room);
  const made = await fulfilRoomGrant(session, grant.room, opened.ownEnvelopes, member, rule);
  const entry = await keyEntry(session, opened, member, { time: serverTime() });
  await api("POST", `/api/room-grants/${encodeURIComponent(grant.id)}/fulfil`, {
    keyEntry: entry ? b64(entry) : null, envelopes: made.map((m) => b64(m.envelope)),
  });
}

/**
 * Gives the key to every member whose room grant waits for this user (of `room`, or of every room
 * they manage) and whose keys the rule releases; the others are answered as held (safety words to
 * compare) or failed.
 */
async function giveRoomKeys(session, rule, room) {
  const out = [];
  for (const grant of await api("GET", "/api/room-grants")) {
    if (room && grant.room !== room) continue;
    const member = await PublicKeys.parse(bin(grant.memberPublicKeys));
    try {
      await giveRoomKey(session, rule, grant, member);
      out.push({ grant, member, given: true });
    } catch (e) {
      if (e instanceof UnverifiedKeyError) {
        out.push({ grant, member, held: true });
      } else if (e instanceof SecuPassError || e instanceof RelayError) {
        out.push({ grant, member, error: e });
      } else {
        throw e;
      }
    }
  }
  return out;
}

function roomKeyOutcome(r) {
  const who = r.grant.member.name;
  if (r.given) return el("p", { class: "released" }, `${who} has the key of a data room now.`);
  if (r.held) {
    return el("p", {}, `${who} waits for `, el("a", { href: roomPath(r.grant.room) }, "a data room's key"),
      ": compare their safety words on the room's page first.");
  }
  return el("p", { class: "error" }, `${who}: ${say(r.error)}`);
}

/** A held first contact on the room page: the words of the keys presented, and the confirmation. */
async function heldRoomMember(session, rule, r, container) {
  const who = r.grant.member.name;
  const unique = (id) => (document.getElementById(id) ? undefined : id);
  const words = el("input", { id: unique("words"), autocomplete: "off", spellcheck: "false", size: "80" });
  const confirm = el("button", { type: "button", id: unique("confirm") }, "Confirm and grant the key");
  const problem = el("p", { class: "error", hidden: "" });
  const box = el("div", { class: "notice first-contact", id: unique("first-contact"), "data-recipient": r.grant.member.user },
    el("p", {}, `Nobody has verified ${who}'s new keys yet. Their safety words are `,
      el("strong", { id: unique("presented") }, (await safetyWords(r.member.fingerprint)).join(" ")),
      `. Ask ${who} to read theirs to you (by phone or in person, not by e-mail) and type them: they get the room key only if they are the same.`),
    el("label", {}, `The words ${who} reads out `, words), confirm, problem);
  container.append(box);
  const cell = document.querySelector(`#members tr[data-member="${CSS.escape(r.grant.member.user)}"] .key`);
  if (cell) cell.textContent = "waiting for you to confirm their safety words";
  confirm.addEventListener("click", async () => {
    problem.hidden = true;
    confirm.disabled = true;
    try {
      await confirmFirstContact(rule, r.member, words.value);
      await giveRoomKey(session, rule, r.grant, r.member);
      box.replaceWith(el("p", { class: "flash", id: "room-key-given" }, `The safety words match: ${who} has the room key now.`));
      if (cell) cell.textContent = "granted";
    } catch (e) {
      problem.textContent = e instanceof SafetyWordsMismatchError
        ? `These are not the safety words of ${who}'s keys, so nothing was granted. Someone other than ${who} may have chosen that SecuPass, or the keys were replaced: talk to ${who} before anything else.`
        : say(e);
      problem.hidden = false;
      confirm.disabled = false;
    }
  });
}

function showRoomError(id, e) {
  const error = document.getElementById(id);
  error.textContent = say(e);
  error.hidden = false;
}

/** The list: the rooms' names decrypted here; rooms whose key waits show this user's safety words. */
async function roomsPage(section) {
  try {
    const { session } = await unlocked({ why: ROOMS_WHY });
    if (section.dataset.secupass === "none") {
      window.location.reload(); // the server lists the rooms of a user with a SecuPass
      return;
    }
    for (const row of section.querySelectorAll("tr[data-room]")) {
      const cell = row.querySelector(".room-name");
      try {
        const { opened } = await openedRoom(session, row.dataset.room);
        cell.textContent = "";
        if (opened.epochKeys.size === 0) {
          const unique = document.getElementById("safety-words") ? undefined : "safety-words";
          cell.append(el("em", {}, "(waiting for an owner or manager to grant you the key; if they ask, read them your safety words: ",
            el("strong", { id: unique, class: "safety-words" }, (await safetyWords(session.fingerprint)).join(" ")), ")"));
        } else {
          cell.append(el("a", { href: roomPath(row.dataset.room) }, opened.name ?? "(a room renamed after you joined: open it)"));
        }
      } catch (e) {
        cell.textContent = "";
        cell.append(el("span", { class: "error" }, say(e)));
      }
    }
    const given = (await giveRoomKeys(session, await roomRule(session))).filter((r) => r.given);
    given.forEach((r) => section.append(roomKeyOutcome(r)));
  } catch (e) {
    showRoomError("room-error", e);
  }
}

async function createRoom(form) {
  const button = form.querySelector("#create");
  document.getElementById("room-error").hidden = true;
  button.disabled = true;
  try {
    const name = form.querySelector("#room-name").value.trim();
    const { session } = await unlocked({ why: ROOMS_WHY });
    const founded = await foundRoom(session, randomId(), name, { time: serverTime() });
    founded.epochKey.wipe();
    const made = await api("POST", "/api/rooms", {
      entry: b64(founded.entry), sealedName: b64(founded.sealedName), envelope: b64(founded.envelope),
    });
    window.location.assign(roomPath(made.room));
  } catch (e) {
    showRoomError("room-error", e);
    button.disabled = false;
  }
}

/** One room: its name and files' names opened here; managers' forms and held members. */
async function roomPage(section) {
  const room = section.dataset.room;
  const opening = unlocked({ why: ROOMS_WHY }).then((r) => r.session);
  const add = document.getElementById("add-member");
  if (add) {
    // Taken over at once, so a quick click never posts the server's form.
    add.addEventListener("submit", (event) => {
      event.preventDefault();
      opening.then((session) => addRoomMember(session, room, add), (e) => showRoomError("add-error", e));
    });
  }
  try {
    const session = await opening;
    const { opened } = await openedRoom(session, room);
    const heading = document.querySelector("main h1");
    heading.textContent = opened.name ?? "(a data room renamed after you joined)";
    heading.id = "room-title";
    document.title = `${heading.textContent} · SecuPass web sample`;
    document.getElementById("room-epoch").textContent = String(opened.state.epoch);
    const entries = await roomEntries(room, opened);
    showRoomFiles(entries);
    document.dispatchEvent(new CustomEvent("secupass:room-opened", { detail: { session, room, opened, entries } }));
    if (add) {
      const rule = await roomRule(session);
      const grants = document.getElementById("room-grants");
      for (const r of await giveRoomKeys(session, rule, room)) {
        if (r.held) {
          await heldRoomMember(session, rule, r, grants);
        } else {
          grants.append(roomKeyOutcome(r));
          const cell = document.querySelector(`#members tr[data-member="${CSS.escape(r.grant.member.user)}"] .key`);
          if (cell && r.given) cell.textContent = "granted";
        }
      }
    }
  } catch (e) {
    showRoomError("room-error", e);
  }
}

/** Adds the chosen member with the chosen role: the ADD entry, and their keys wrapped if released. */
async function addRoomMember(session, room, form) {
  const button = form.querySelector("#add");
  document.getElementById("add-error").hidden = true;
  button.disabled = true;
  try {
    const member = form.querySelector("#member").value;
    const role = form.querySelector("#role").value;
    const { opened } = await openedRoom(session, room);
    const person = await api("GET", `/api/people/${encodeURIComponent(member)}/keys`);
    const keys = person.publicKeys
      ? { presented: await PublicKeys.parse(bin(person.publicKeys)), rule: await roomRule(session) }
      : undefined;
    const added = await addMemberEntry(session, opened, member, role, keys, { time: serverTime() });
    await api("POST", `${roomApi(room)}/members`, { member, entry: b64(added.entry), envelopes: added.envelopes.map(b64) });
    window.location.assign(roomPath(room)); // the server's flash says how they get the key
  } catch (e) {
    showRoomError("add-error", e);
    button.disabled = false;
  }
}

/**
 * The removal step: the room's name shown, then on the button the REMOVE entry with a new epoch,
 * whose key is wrapped here to this user and to every remaining member whose keys the log records
 * and this user verified (the others get room grants).
 */
async function removalPage(section) {
  const room = section.dataset.room;
  const member = section.dataset.member;
  const form = document.getElementById("remove-member");
  let session;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("#confirm-remove");
    document.getElementById("removal-error").hidden = true;
    button.disabled = true;
    try {
      session ??= (await unlocked({ why: ROOMS_WHY })).session;
      const { opened } = await openedRoom(session, room);
      const remaining = [];
      for (const user of opened.state.roles.keys()) {
        if (user === member || user === session.user) continue;
        try {
          const person = await api("GET", `/api/people/${encodeURIComponent(user)}/keys`);
          if (person.publicKeys) remaining.push(await PublicKeys.parse(bin(person.publicKeys)));
        } catch (e) {
          if (!(e instanceof RelayError && e.status === 404)) throw e; // not in the directory: a grant
        }
      }
      const removal = await removeMemberEntry(session, opened, member, remaining, await roomRule(session), { time: serverTime() });
      removal.epochKey.wipe();
      await api("POST", `${roomApi(room)}/removals`, { entry: b64(removal.entry), envelopes: removal.envelopes.map(b64) });
      window.location.assign(roomPath(room));
    } catch (e) {
      showRoomError("removal-error", e);
      button.disabled = false;
    }
  });
  try {
    session = (await unlocked({ why: ROOMS_WHY })).session;
    const { opened } = await openedRoom(session, room);
    if (opened.name !== undefined) document.getElementById("removal-room").textContent = opened.name;
  } catch (e) {
    showRoomError("removal-error", e);
  }
}

const roomsList = document.getElementById("client-rooms");
if (roomsList) {
  const create = document.getElementById("create-room");
  create.addEventListener("submit", (event) => {
    event.preventDefault();
    createRoom(create);
  });
  roomsPage(roomsList);
}
const roomSection = document.getElementById("client-room");
if (roomSection) {
  roomPage(roomSection);
}
const removal = document.getElementById("client-removal");
if (removal) {
  removalPage(removal);
}


// ---- the key log at unlock: self-monitoring and the published checkpoint ----------------------
//
// After the page's dialog unlocked (or chose) the SecuPass, the browser client checks that the key
// log lists for this user only the keys they made (docs/key-log.md, "At unlock"), from the state
// this browser keeps in localStorage (public: checkpoint sizes and roots), and publishes the
// checkpoint it relied on as the user's signed statement, which the Java SDK and other pages
// compare with theirs. An alarm never blocks the unlock: it is shown in the page, in a banner.

const seenKey = (user) => `secupass.keylog.${user}`;
const monitoredKey = (user) => `secupass.keylog-monitored.${user}`;
const ALARMS_KEY = "secupass.keylog-alarms";

function keptCheckpoint(key, origin) {
  const kept = JSON.parse(localStorage.getItem(key) || "null");
  return kept ? { origin, size: kept.size, root: bin(kept.root) } : undefined;
}

function keepCheckpoint(key, checkpoint) {
  localStorage.setItem(key, JSON.stringify({ size: checkpoint.size, root: b64(checkpoint.root) }));
}

/**
 * Reads the key log for `user`, whose keys this browser holds as the bundle `own`; with `session`
 * (their active keys, just unlocked) publishes the checkpoint relied on. Its alarms, and a failure
 * to run the check at all, are shown in the page; it never throws.
 */
async function monitorKeyLog(user, own, session) {
  let alarms;
  try {
    const verifier = await keyLogVerifier();
    const seen = keptCheckpoint(seenKey(user), verifier.name);
    const monitored = keptCheckpoint(monitoredKey(user), verifier.name);
    const s = await api("GET", `/api/key-log/entries?seen=${seen ? seen.size : 0}&monitored=${monitored ? monitored.size : 0}`);
    const served = {
      checkpoint: s.checkpoint,
      entries: s.entries.map((e) => ({ index: e.index, leaf: bin(e.leaf), inclusion: e.inclusion.map(bin) })),
      consistency: s.consistency.map(bin), frontier: s.frontier.map(bin), added: s.added.map(bin),
    };
    const result = await monitorOwnKeys(verifier, served, [own], { seen, monitored });
    alarms = result.alarms;
    if (result.monitored && result.monitored !== monitored) keepCheckpoint(monitoredKey(user), result.monitored);
    if (result.checkpoint && result.checkpoint !== seen) {
      keepCheckpoint(seenKey(user), result.checkpoint);
      // The statement names the note this browser relied on: the served one, if that is it.
      const current = await verifyCheckpoint(served.checkpoint, verifier);
      if (session && current.size === result.checkpoint.size && sameBytes(current.root, result.checkpoint.root)) {
        await api("POST", "/api/key-log/checkpoint", { statement: b64(await signSeenCheckpoint(session, served.checkpoint, serverTime())) });
      }
    }
  } catch (e) {
    alarms = [{ kind: "CHECK_FAILED", description: `the key log could not be checked (${say(e)})` }];
  }
  if (alarms.length > 0) {
    sessionStorage.setItem(ALARMS_KEY, JSON.stringify(alarms.map((a) => ({ kind: a.kind, description: a.description }))));
    showKeyLogAlarms();
  }
}

/** The page's words for an alarm of the key log. */
function alarmWords(alarm) {
  switch (alarm.kind) {
    case "FOREIGN_KEY":
      return "The server lists keys under your name that your SecuPass did not make in this browser. "
        + "If you did not change or reset your SecuPass elsewhere, someone may be reading what is sent to you: "
        + "tell the site's administrators and do not rely on these keys.";
    case "LOG_REWRITTEN":
      return "The server's log of keys was rewritten since this browser last read it. Tell the site's administrators.";
    default:
      return "The server's log of keys could not be checked in this browser. Tell the site's administrators if this persists.";
  }
}

/** The key log's alarms of this browser tab (kept across a reload until dismissed), as a banner. */
function showKeyLogAlarms() {
  const alarms = JSON.parse(sessionStorage.getItem(ALARMS_KEY) || "[]");
  document.getElementById("key-log-alarm")?.remove();
  if (alarms.length === 0) return;
  const dismiss = el("button", { type: "button", class: "small", id: "key-log-alarm-dismiss" }, "Dismiss");
  const banner = el("div", { id: "key-log-alarm", class: "flash warn", role: "alert" },
    el("strong", {}, "Check your SecuPass keys. "),
    ...alarms.map((a) => el("p", { "data-kind": a.kind, title: a.description }, alarmWords(a))),
    dismiss);
  dismiss.addEventListener("click", () => {
    sessionStorage.removeItem(ALARMS_KEY);
    banner.remove();
  });
  (document.querySelector("main") ?? document.body).prepend(banner);
}

// ---- every page -------------------------------------------------------------------------------

if (!signedIn) {
  forget();
} else {
  showKeyLogAlarms();
  api("GET", "/api/keys").then((me) => resume(me.user)).then((session) => {
    if (session) showUnlocked();
  }).catch(() => {});
}
