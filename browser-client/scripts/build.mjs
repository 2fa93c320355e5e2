// Builds the library bundle (printing its subresource-integrity hash) and the test and
// benchmark bundles. Type checking is `tsc --noEmit` (npm run build runs it first); esbuild
// only bundles.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";

const out = "target";
const browserTests = `${out}/test/browser`;
// Maven owns target/; only these folders are ours.
const resources = `${out}/classes/META-INF/resources/secupass-browser-client`;
for (const dir of [`${out}/dist`, `${out}/test`, resources]) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}
// Where both test runs write their JUnit XML (Node's reporter does not make the folder).
await mkdir(`${out}/surefire-reports`, { recursive: true });
await mkdir(browserTests, { recursive: true });

// The library: one ES module, dependencies included, for <script type="module"> or import.
const library = `${out}/dist/secupass-browser-client.js`;
await build({
  entryPoints: ["src/index.ts"],
  outfile: library,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  legalComments: "eof",
  loader: { ".txt": "text" },
  logLevel: "warning",
});
const bundle = await readFile(library);
const integrity = `sha384-${createHash("sha384").update(bundle).digest("base64")}`;
await writeFile(
  `${out}/dist/secupass-browser-client.integrity.json`,
  JSON.stringify({ file: "secupass-browser-client.js", bytes: bundle.length, integrity }, null, 2) + "\n",
);
console.log(`secupass-browser-client.js: ${bundle.length} bytes, integrity ${integrity}`);
// The jar carries the bundle where servlet containers and Javalin serve classpath resources from.
for (const file of ["secupass-browser-client.js", "secupass-browser-client.integrity.json"]) {
  await copyFile(`${out}/dist/${file}`, `${resources}/${file}`);
}

const common = { bundle: true, format: "esm", target: ["es2022"], sourcemap: "inline", logLevel: "warning", loader: { ".txt": "text" } };
// The test suite for Node's test runner, and the Chromium runner.
await build({ ...common, entryPoints: ["test/node-main.ts"], outfile: `${out}/test/node/all.test.mjs`, platform: "node" });
await build({
  ...common,
  entryPoints: { "chromium-runner": "test/chromium-runner.ts", "bench-runner": "bench/bench-runner.ts", interop: "test/interop.ts" },
  outdir: `${out}/test/node`,
  outExtension: { ".js": ".mjs" },
  platform: "node",
  packages: "external",
});
// The same suite and the benchmarks as pages for the browser.
await build({
  ...common,
  entryPoints: {
    "browser-main": "test/browser-main.ts",
    smoke: "test/smoke.ts",
    "smoke-worker": "test/smoke-worker.ts",
    sw: "test/sw.ts",
    "sw-page": "test/sw-page.ts",
    tampered: "test/tampered.ts",
    "bench-main": "bench/bench-main.ts",
    "large-main": "bench/large-main.ts",
  },
  outdir: browserTests,
  platform: "browser",
});
for (const page of ["tests.html", "tampered.html", "bench.html", "large.html", "sw.html"]) {
  await copyFile(`test/pages/${page}`, `${browserTests}/${page}`);
}
const smoke = await readFile("test/pages/smoke.html.in", "utf8");
await writeFile(`${browserTests}/smoke.html`, smoke.replace("@INTEGRITY@", integrity));
