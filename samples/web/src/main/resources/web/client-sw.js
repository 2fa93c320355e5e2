// The web sample's download Service Worker (scope /client/): it answers the navigation to
// /client/download/TOKEN with the plaintext of one delivery file or room file, decrypted as it
// reads the ciphertext by ranges from the relay route, every segment checked against the digest
// the sender or the file's writer signed before it is released. The page verified the manifest or
// the signed room entry and hands it the file's key and signed facts by postMessage (they stay in
// this browser) for one download; memory stays bounded by a segment.
import { ContentCipher, ContentContexts, SymmetricKey, httpSource, decryptRoomFile } from "/client/secupass-browser-client.js";

const downloads = new Map();

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const { token, download } = event.data;
  const port = event.ports[0];
  downloads.set(token, { ...download, port });
  // A download not started within a minute is forgotten (with its key).
  setTimeout(() => forget(token), 60_000);
  port.postMessage({ registered: token });
});

function forget(token) {
  const d = downloads.get(token);
  if (d) {
    d.key.fill(0);
    downloads.delete(token);
  }
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266), as the server's. */
function disposition(name) {
  const ascii = Array.from(name, (c) => (c >= " " && c < "\x7f" && !"\"\\;".includes(c) ? c : "_")).join("");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

self.addEventListener("fetch", (event) => {
  const match = /^\/client\/download\/([0-9a-f]+)$/.exec(new URL(event.request.url).pathname);
  if (match === null) {
    return;
  }
  const d = downloads.get(match[1]);
  if (d === undefined) {
    event.respondWith(new Response("This download has expired: download the file again from its delivery's page.",
      { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
    return;
  }
  downloads.delete(match[1]);
  event.respondWith((async () => {
    const key = SymmetricKey.fromBytes(d.key);
    d.key.fill(0);
    const source = await httpSource(d.url, { size: d.storedSize, init: { credentials: "same-origin" } });
    let done = 0;
    const counted = new TransformStream({
      transform(chunk, controller) {
        done += chunk.length;
        d.port.postMessage({ done });
        controller.enqueue(chunk);
      },
      flush() {
        key.wipe();
      },
    });
    const plaintext = d.room !== undefined
      // A room file: the stream version its entry signed, every segment against the signed digest.
      ? decryptRoomFile(key, d.room, d.file, { expectedVersion: d.expectedVersion, expectedDigest: d.expectedDigest }, source)
      : ContentCipher.create(key, ContentContexts.deliveryFile(d.delivery, d.file, d.level)).decrypt(source, { expectedDigest: d.digest });
    plaintext.pipeTo(counted.writable).catch((e) => {
      key.wipe();
      d.port.postMessage({ failed: `The download stopped: ${e && e.message ? e.message : e}` });
    });
    return new Response(counted.readable, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": disposition(d.name),
        "Content-Length": String(d.size),
        "X-Content-Type-Options": "nosniff",
      },
    });
  })());
});
