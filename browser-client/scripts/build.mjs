// Builds the library bundle (printing its subresource-integrity hash) and the test bundles.
// Type checking is `tsc` (npm run build runs it first); esbuild only bundles.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile, copyFile } from "node:fs/promises";

const out = "target";
await mkdir(`${out}/dist`, { recursive: true });

const library = `${out}/dist/secupass-browser-client.js`;
await build({
  entryPoints: ["src/index.ts"],
  outfile: library,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  sourcemap: "linked",
  legalComments: "eof",
  logLevel: "warning",
});
const bundle = await readFile(library);
const integrity = `sha384-${createHash("sha384").update(bundle).digest("base64")}`;
await writeFile(
  `${out}/dist/secupass-browser-client.integrity.json`,
  JSON.stringify({ file: "secupass-browser-client.js", bytes: bundle.length, integrity }, null, 2) + "\n",
);
console.log(`secupass-browser-client.js ${bundle.length} bytes, integrity ${integrity}`);

const common = { bundle: true, format: "esm", target: ["es2022"], sourcemap: "inline", logLevel: "warning" };
await build({
  ...common,
  entryPoints: ["test/node-main.ts"],
  outfile: `${out}/test/node/all.test.mjs`,
  platform: "node",
});
await build({
  ...common,
  entryPoints: ["test/chromium-runner.ts"],
  outfile: `${out}/test/node/chromium-runner.mjs`,
  platform: "node",
  packages: "external",
});
await build({
  ...common,
  entryPoints: ["test/browser-main.ts", "bench/bench-main.ts"],
  outdir: `${out}/test/browser`,
  platform: "browser",
});
await mkdir(`${out}/test/browser`, { recursive: true });
for (const page of ["tests.html", "smoke.html", "bench.html"]) {
  await copyFile(`test/pages/${page}`, `${out}/test/browser/${page}`).catch(() => undefined);
}
