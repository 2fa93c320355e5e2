import { format, runBenchmarks, type BenchResults } from "./bench.js";

declare global {
  interface Window {
    __secupassBench?: { done: boolean; results?: BenchResults; text?: string; error?: string };
  }
}

const params = new URLSearchParams(location.search);
window.__secupassBench = { done: false };
runBenchmarks("Chromium", {
  mebibytes: Number(params.get("mebibytes") ?? 64),
  rounds: Number(params.get("rounds") ?? 9),
  log: (line) => console.log(line),
}).then(
  (results) => (window.__secupassBench = { done: true, results, text: format(results) }),
  (e: unknown) => (window.__secupassBench = { done: true, error: String(e) }),
);
