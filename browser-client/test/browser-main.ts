import { registeredTests, setPlatform } from "./harness.js";
import "./all-tests.js";

/** Runs the registered tests in the page and leaves the results in `window.__secupassTests`. */
interface Result {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
  /** For a test made of steps: how many (each step is a result of its own). */
  steps?: number;
}

declare global {
  interface Window {
    __secupassTests?: { done: boolean; results: Result[]; userAgent: string };
  }
}

setPlatform({
  name: "chromium",
  listVectorFiles: async () => (await (await fetch("/vectors/")).json()) as string[],
  readVectorFile: async (name) => (await fetch(`/vectors/${name}`)).json() as Promise<unknown>,
  serverUrl: location.origin,
  readDoc: () => Promise.reject(new Error("no file system in the page")),
  readTestSource: () => Promise.reject(new Error("no file system in the page")),
});

const state: { done: boolean; results: Result[]; userAgent: string } = { done: false, results: [], userAgent: navigator.userAgent };
window.__secupassTests = state;

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function run(): Promise<void> {
  for (const testCase of registeredTests()) {
    const started = performance.now();
    let failedSteps = 0;
    let steps = 0;
    try {
      await testCase.fn({
        step: async (name, fn) => {
          const stepStarted = performance.now();
          steps++;
          try {
            await fn();
            state.results.push({ name: `${testCase.name} > ${name}`, ok: true, ms: performance.now() - stepStarted });
          } catch (e) {
            failedSteps++;
            state.results.push({ name: `${testCase.name} > ${name}`, ok: false, error: describe(e), ms: performance.now() - stepStarted });
          }
        },
      });
      state.results.push({
        name: testCase.name,
        ok: failedSteps === 0,
        ...(failedSteps === 0 ? {} : { error: `${failedSteps} steps failed` }),
        ms: performance.now() - started,
        steps,
      });
    } catch (e) {
      state.results.push({ name: testCase.name, ok: false, error: describe(e), ms: performance.now() - started });
    }
    console.log(`secupass-test ${state.results[state.results.length - 1]!.ok ? "ok" : "not ok"} ${testCase.name}`);
  }
  state.done = true;
}

void run();
