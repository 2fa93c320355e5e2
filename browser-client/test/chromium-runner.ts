import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM_FLAGS } from "./chromium-flags.js";
import { startServer } from "./server.js";

/**
 * Runs the test suite (and the bundle smoke test) in Debian's headless Chromium through
 * playwright-core, which never downloads a browser: /usr/bin/chromium, with a fresh profile.
 * Prints one line per test and closes on "N passed, N failed"; exits 1 on any failure.
 */
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "../..");
const vectorsDir = process.env["SECUPASS_VECTORS"] ?? join(target, "../../sdk-core/src/test/resources/vectors");
const executablePath = process.env["SECUPASS_CHROMIUM"] ?? "/usr/bin/chromium";
// What a host would serve: only its own scripts, WebAssembly compiled from them, nothing inline.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'";

async function main(): Promise<number> {
  const server = await startServer({
    staticRoot: target,
    vectorsDir,
    headers: { "Content-Security-Policy": CSP },
  });
  const profile = await mkdtemp(join(tmpdir(), "secupass-chromium-"));
  let context: BrowserContext | undefined;
  let passed = 0;
  let failed = 0;
  const cases: string[] = [];
  // A test made of steps is reported by its steps (as Node's JUnit reporter does).
  const report = (ok: boolean, name: string, detail?: string, ms = 0, counted = true): void => {
    console.log(`${ok ? "ok" : "not ok"} - ${name}${detail === undefined ? "" : ` # ${detail}`}`);
    if (!counted && ok) {
      return;
    }
    if (ok) {
      passed++;
    } else {
      failed++;
    }
    const failure = ok ? "" : `<failure message="${xml(detail ?? "failed")}"/>`;
    cases.push(`  <testcase classname="chromium" name="${xml(name)}" time="${(ms / 1000).toFixed(3)}">${failure}</testcase>`);
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
    await page.goto(`${server.url}/test/browser/tests.html`);
    await page.waitForFunction(() => window.__secupassTests?.done === true, undefined, { timeout: 15 * 60_000, polling: 500 });
    const state = await page.evaluate(() => window.__secupassTests!);
    console.log(`# ${state.userAgent}`);
    for (const result of state.results) {
      report(result.ok, result.name, result.error, result.ms, (result.steps ?? 0) === 0);
    }

    // The shipped bundle, loaded with its integrity hash under a strict CSP, works end to end...
    const smoke = await context.newPage();
    await smoke.goto(`${server.url}/test/browser/smoke.html`);
    await smoke.waitForFunction(() => (window as { __smoke?: unknown }).__smoke !== undefined, undefined, { timeout: 120_000 });
    const outcome = await smoke.evaluate(() => (window as { __smoke?: string }).__smoke);
    report(outcome === "ok", "bundle_loadedWithIntegrityUnderStrictCsp_worksInThePageAndInAWorker", outcome === "ok" ? undefined : outcome);
    // ...and a bundle whose bytes differ from the published hash is not run at all.
    const tampered = await context.newPage();
    await tampered.goto(`${server.url}/test/browser/tampered.html`);
    await tampered.waitForFunction(() => (window as { __smoke?: unknown }).__smoke !== undefined, undefined, { timeout: 60_000 });
    const refused = await tampered.evaluate(() => (window as { __smoke?: string }).__smoke);
    report(refused === "refused", "bundle_withWrongIntegrity_isNotRun", refused);
    // A Service Worker answers a download with the plaintext of ranged, verified fetches.
    const sw = await context.newPage();
    await sw.goto(`${server.url}/test/browser/sw.html`);
    await sw.waitForFunction(() => (window as { __sw?: unknown }).__sw !== undefined, undefined, { timeout: 120_000 });
    const downloaded = await sw.evaluate(() => (window as { __sw?: string }).__sw);
    report(
      downloaded === "ok",
      "serviceWorkerDownload_decryptsRangedFetches_andAForgedSegmentFailsTheDownload",
      downloaded === "ok" ? undefined : downloaded,
    );
  } finally {
    await context?.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  // Beside Surefire's reports, so that the build's test count includes these.
  await mkdir(join(target, "surefire-reports"), { recursive: true });
  await writeFile(
    join(target, "surefire-reports", "TEST-browser-client-chromium.xml"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="browser-client in Chromium" tests="${passed + failed}" failures="${failed}">\n${cases.join("\n")}\n</testsuite>\n`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
