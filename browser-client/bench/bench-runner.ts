import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../test/server.js";
import { CHROMIUM_FLAGS } from "../test/chromium-flags.js";
import { readFile } from "node:fs/promises";
import { format, runBenchmarks } from "./bench.js";
import { largeRoundTrip } from "./large.js";

/**
 * `npm run bench`: the benchmarks in Node, then in headless Chromium, back to back, with the
 * machine's load. Settings: BENCH_MEBIBYTES (64), BENCH_ROUNDS (9), BENCH_ONLY (node|chromium).
 * `npm run bench -- large`: LARGE_MIB (1024) MiB up and down through the library in Node and in
 * Chromium, reporting each process's peak resident memory (VmHWM of the Node process and of the
 * page's renderer process).
 */
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "../..");
const mebibytes = Number(process.env["BENCH_MEBIBYTES"] ?? 64);
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 9);
const only = process.env["BENCH_ONLY"];
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(" ");

/** Peak and current resident memory of a process, in MiB (Linux /proc). */
async function memory(pid: number | "self"): Promise<{ peak: number; now: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kib("VmHWM") / 1024, now: kib("VmRSS") / 1024 };
}

async function large(): Promise<void> {
  const mebibytes = Number(process.env["LARGE_MIB"] ?? 1024);
  const server = await startServer({ staticRoot: target, vectorsDir: here });
  try {
    console.log(`load average before: ${load()}`);
    const before = await memory("self");
    const result = await largeRoundTrip(server.url, mebibytes, (l) => console.log(`node: ${l}`));
    const after = await memory("self");
    console.log(
      `== Node.js ${process.version}: ${mebibytes} MiB up in ${result.uploadSeconds.toFixed(1)} s, down (ranged, verified) in ${result.downloadSeconds.toFixed(1)} s; ` +
        `resident memory ${before.now.toFixed(0)} MiB before, peak ${after.peak.toFixed(0)} MiB (the process's high-water mark)`,
    );
    // A browser of its own (Playwright gives it a fresh profile) whose process ids CDP reports.
    const browser = await chromium.launch({
      executablePath: process.env["SECUPASS_CHROMIUM"] ?? "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    try {
      const page = await browser.newPage();
      page.on("console", (m) => console.log(`chromium: ${m.text()}`));
      const cdp = await browser.newBrowserCDPSession();
      const renderers = async (): Promise<number[]> => {
        const info = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] };
        return info.processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
      };
      await page.goto(`${server.url}/test/browser/large.html?mebibytes=${mebibytes}`);
      const startPeak = Math.max(...(await Promise.all((await renderers()).map(async (pid) => (await memory(pid)).peak))));
      await page.waitForFunction(() => window.__secupassLarge?.done === true, undefined, { timeout: 60 * 60_000, polling: 1000 });
      const state = await page.evaluate(() => window.__secupassLarge!);
      if (state.error !== undefined) {
        throw new Error(state.error);
      }
      const peaks = await Promise.all((await renderers()).map(async (pid) => (await memory(pid)).peak));
      const r = state.result!;
      console.log(
        `== Chromium ${browser.version()}: ${mebibytes} MiB up in ${r.uploadSeconds.toFixed(1)} s, down (ranged, verified) in ${r.downloadSeconds.toFixed(1)} s; ` +
          `renderer peak resident memory ${Math.max(...peaks).toFixed(0)} MiB (${startPeak.toFixed(0)} MiB after the page loaded)`,
      );
    } finally {
      await browser.close();
    }
    console.log(`load average after: ${load()}`);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === "large") {
    return large();
  }
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
