import { after, before, test as nodeTest } from "node:test";
import { promises as fs } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { registeredTests, setPlatform } from "./harness.js";
import { startServer, type TestServer } from "./server.js";
import "./all-tests.js";

/** Runs the registered tests under Node's test runner (`node --test`). */
const here = dirname(fileURLToPath(import.meta.url));
// Bundled to target/test/node/; the vectors are the Java SDK's own files.
const vectorsDir = process.env["SECUPASS_VECTORS"] ?? join(here, "../../../../sdk-core/src/test/resources/vectors");
let server: TestServer | undefined;

before(async () => {
  server = await startServer({ vectorsDir });
  setPlatform({
    name: "node",
    listVectorFiles: async () =>
      (await fs.readdir(vectorsDir, { recursive: true }))
        .map((f) => f.split("\\").join("/"))
        .filter((f) => f.endsWith(".json"))
        .sort(),
    readVectorFile: async (name) => JSON.parse(await fs.readFile(join(vectorsDir, name), "utf8")) as unknown,
    serverUrl: server.url,
    readDoc: (name) => fs.readFile(join(here, "../../../../docs", name), "utf8"),
    readTestSource: (name) => fs.readFile(join(here, "../../../test", name), "utf8"),
  });
});

after(async () => {
  await server?.close();
});

for (const testCase of registeredTests()) {
  nodeTest(testCase.name, async (t) => {
    await testCase.fn({ step: async (name, fn) => void (await t.test(name, fn)) });
  });
}
