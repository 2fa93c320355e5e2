import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../test/server.js";
import { CHROMIUM_FLAGS } from "../test/chromium-flags.js";
import { format, runBenchmarks } from "./bench.js";

/**
 * `npm run bench`: the benchmarks in Node, then in headless Chromium, back to back, with the
 * machine's load. Settings: BENCH_MEBIBYTES (64), BENCH_ROUNDS (9), BENCH_ONLY (node|chromium).
 */
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "../..");
const mebibytes = Number(process.env["BENCH_MEBIBYTES"] ?? 64);
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 9);
const only = process.env["BENCH_ONLY"];
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(" ");

async function main(): Promise<void> {
  console.log(`load average before: ${load()}`);
  if (only !== "chromium") {
    const results = await runBenchmarks(`Node.js ${process.version}`, { mebibytes, rounds, log: (l) => console.log(l) });
    console.log(format(results));
    console.log(`load average: ${load()}`);
  }
  if (only === "node") {
    return;
  }
  const server = await startServer({ staticRoot: target, vectorsDir: here });
  const profile = await mkdtemp(join(tmpdir(), "secupass-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env["SECUPASS_CHROMIUM"] ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const page = await context.newPage();
    page.on("console", (m) => console.log(m.text()));
    await page.goto(`${server.url}/test/browser/bench.html?mebibytes=${mebibytes}&rounds=${rounds}`);
    await page.waitForFunction(() => window.__secupassBench?.done === true, undefined, { timeout: 60 * 60_000, polling: 1000 });
    const state = await page.evaluate(() => window.__secupassBench!);
    if (state.error !== undefined) {
      throw new Error(state.error);
    }
    console.log(`${state.text!.replace("== Chromium", `== Chromium ${context.browser()?.version() ?? ""}`)}`);
    console.log(`load average after: ${load()}`);
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
