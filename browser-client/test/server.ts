import { createReadStream, promises as fs } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

/**
 * The test server, on 127.0.0.1 only: static files (the browser bundles and pages), the vector
 * files, and a blob store in memory that takes PUT and answers ranged GETs with 206 as a blob
 * store or CDN does. Used by the Node tests and by the Chromium runner.
 */
export interface TestServer {
  readonly url: string;
  /** Bytes served to clients so far (for the streaming tests' bounds). */
  readonly served: () => number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
};

export async function startServer(options: {
  staticRoot?: string;
  vectorsDir: string;
  headers?: Record<string, string>;
}): Promise<TestServer> {
  const blobs = new Map<string, Uint8Array>();
  let served = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    if (path === "/vectors/") {
      const files = (await fs.readdir(options.vectorsDir)).filter((f) => f.endsWith(".json")).sort();
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(files));
      return;
    }
    if (path.startsWith("/vectors/")) {
      await sendFile(res, join(options.vectorsDir, normalize(path.substring(9)).replace(/^(\.\.[/\\])+/, "")));
      return;
    }
    if (path.startsWith("/blobs/")) {
      const name = path.substring(7);
      if (req.method === "PUT") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) {
          chunks.push(chunk as Buffer);
        }
        blobs.set(name, new Uint8Array(Buffer.concat(chunks)));
        res.writeHead(204).end();
        return;
      }
      const blob = blobs.get(name);
      if (blob === undefined) {
        res.writeHead(404).end();
        return;
      }
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range === null) {
        served += blob.length;
        res.writeHead(200, { "Content-Length": blob.length, "Accept-Ranges": "bytes" }).end(blob);
        return;
      }
      const start = Number(range[1]);
      const end = Math.min(blob.length - 1, range[2] === "" ? blob.length - 1 : Number(range[2]));
      if (start >= blob.length || end < start) {
        res.writeHead(416, { "Content-Range": `bytes */${blob.length}` }).end();
        return;
      }
      served += end - start + 1;
      res
        .writeHead(206, { "Content-Range": `bytes ${start}-${end}/${blob.length}`, "Content-Length": end - start + 1 })
        .end(blob.subarray(start, end + 1));
      return;
    }
    if (options.staticRoot !== undefined) {
      const file = join(options.staticRoot, normalize(path === "/" ? "/index.html" : path).replace(/^(\.\.[/\\])+/, ""));
      await sendFile(res, file);
      return;
    }
    res.writeHead(404).end();
  }

  async function sendFile(res: ServerResponse, file: string): Promise<void> {
    try {
      const stat = await fs.stat(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
        ...options.headers,
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
