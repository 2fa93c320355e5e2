import { createReadStream, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

/**
 * The test server, on 127.0.0.1 only: static files (the browser bundles and pages), the vector
 * files, and a blob store in a temporary folder that takes uploads in chunks (`PUT
 * /blobs/NAME?offset=N` writes at N, as a resumable upload does) and answers ranged GETs with 206
 * as a blob store or CDN does. Used by the Node tests, the Chromium runner and the benchmarks.
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
  const blobDir = await fs.mkdtemp(join(tmpdir(), "secupass-blobs-"));
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
      const files = (await fs.readdir(options.vectorsDir, { recursive: true }))
        .map((f) => f.split("\\").join("/"))
        .filter((f) => f.endsWith(".json"))
        .sort();
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(files));
      return;
    }
    if (path.startsWith("/vectors/")) {
      await sendFile(res, join(options.vectorsDir, normalize(path.substring(9)).replace(/^(\.\.[/\\])+/, "")));
      return;
    }
    if (path.startsWith("/blobs/")) {
      const name = path.substring(7);
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name.startsWith(".")) {
        res.writeHead(400).end();
        return;
      }
      const file = join(blobDir, name);
      if (req.method === "PUT") {
        const offset = Number(url.searchParams.get("offset") ?? 0);
        const handle = await fs.open(file, offset === 0 ? "w" : "r+");
        try {
          let position = offset;
          for await (const chunk of req) {
            const { bytesWritten } = await handle.write(chunk as Buffer, 0, (chunk as Buffer).length, position);
            position += bytesWritten;
          }
        } finally {
          await handle.close();
        }
        res.writeHead(204).end();
        return;
      }
      let size: number;
      try {
        size = (await fs.stat(file)).size;
      } catch {
        res.writeHead(404).end();
        return;
      }
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range === null) {
        served += size;
        res.writeHead(200, { "Content-Length": size, "Accept-Ranges": "bytes" });
        createReadStream(file).pipe(res);
        return;
      }
      const start = Number(range[1]);
      const end = Math.min(size - 1, range[2] === "" ? size - 1 : Number(range[2]));
      if (start >= size || end < start) {
        res.writeHead(416, { "Content-Range": `bytes */${size}` }).end();
        return;
      }
      served += end - start + 1;
      res.writeHead(206, { "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": end - start + 1 });
      createReadStream(file, { start, end }).pipe(res);
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
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(blobDir, { recursive: true, force: true });
    },
  };
}
