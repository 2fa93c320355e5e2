// Copies the type declarations (tsc -p tsconfig.types.json) into the jar beside the bundle, so a
// TypeScript page can type its imports of secupass-browser-client.js.
import { cp } from "node:fs/promises";

await cp("target/dist/types", "target/classes/META-INF/resources/secupass-browser-client/types", { recursive: true });
