import { largeRoundTrip, type LargeResult } from "./large.js";

declare global {
  interface Window {
    __secupassLarge?: { done: boolean; result?: LargeResult; error?: string };
  }
}

window.__secupassLarge = { done: false };
const mebibytes = Number(new URLSearchParams(location.search).get("mebibytes") ?? 1024);
largeRoundTrip(location.origin, mebibytes, (line) => console.log(line)).then(
  (result) => (window.__secupassLarge = { done: true, result }),
  (e: unknown) => (window.__secupassLarge = { done: true, error: String(e) }),
);
