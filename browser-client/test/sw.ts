// A Service Worker that answers /test/browser/download/ID with the plaintext of a stored stream,
// decrypted by ranged fetches and verified segment by segment: the browser's download path for
// a file that must not be held whole in memory. The page hands it the key and the stream's
// signed facts with postMessage.
import { ContentCipher } from "../src/stream/cipher.js";
import { httpSource } from "../src/stream/sources.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import type { ContentContext } from "../src/contexts.js";

declare const self: ServiceWorkerGlobalScope;

interface Download {
  readonly key: Uint8Array;
  readonly context: ContentContext;
  readonly blobUrl: string;
  readonly storedSize: number;
  readonly digest: Uint8Array;
}

const downloads = new Map<string, Download>();

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const { id, download } = event.data as { id: string; download: Download };
  downloads.set(id, download);
  event.source?.postMessage({ registered: id });
});
self.addEventListener("fetch", (event: FetchEvent) => {
  const match = /\/download\/([A-Za-z0-9-]+)$/.exec(new URL(event.request.url).pathname);
  if (match === null) {
    return;
  }
  const download = downloads.get(match[1]!);
  if (download === undefined) {
    event.respondWith(new Response("unknown download", { status: 404 }));
    return;
  }
  event.respondWith(
    (async () => {
      const cipher = ContentCipher.create(SymmetricKey.fromBytes(download.key), download.context);
      const source = await httpSource(download.blobUrl, { size: download.storedSize });
      return new Response(cipher.decrypt(source, { expectedDigest: download.digest }), {
        headers: { "Content-Type": "application/octet-stream", "Content-Disposition": 'attachment; filename="file.bin"' },
      });
    })(),
  );
});
