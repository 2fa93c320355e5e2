/**
 * A small test registry that runs the same test files under Node's test runner (node-main.ts)
 * and in Chromium (browser-main.ts). A test may add steps (one per vector), which Node reports as
 * subtests and the browser runner as results of their own.
 */

export interface Step {
  step(name: string, fn: () => Promise<void> | void): Promise<void>;
}

export interface TestCase {
  readonly name: string;
  readonly fn: (t: Step) => Promise<void> | void;
}

const cases: TestCase[] = [];

export function test(name: string, fn: (t: Step) => Promise<void> | void): void {
  cases.push({ name, fn });
}

export function registeredTests(): readonly TestCase[] {
  return cases;
}

/** What differs between Node and the browser: where files and the test server are. */
export interface Platform {
  readonly name: "node" | "chromium";
  /** The names of the files in sdk-core/src/test/resources/vectors. */
  listVectorFiles(): Promise<string[]>;
  readVectorFile(name: string): Promise<unknown>;
  /** Base URL of the test server's blob store (PUT and ranged GET of /blobs/NAME). */
  readonly serverUrl: string;
  /** A file of docs/ and one of test/ (Node only: the page has no file system). */
  readDoc(name: string): Promise<string>;
  readTestSource(name: string): Promise<string>;
}

let current: Platform | undefined;

export function setPlatform(platform: Platform): void {
  current = platform;
}

export function platform(): Platform {
  if (current === undefined) {
    throw new Error("no platform set");
  }
  return current;
}
