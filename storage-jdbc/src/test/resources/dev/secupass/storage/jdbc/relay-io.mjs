// What the Node.js clients of the relay tests share: the input as JSON on stdin, binary values in
// base64, outputs as lines "name base64" written at the end, and reading a web stream whole.
export const b64 = (bytes) => Buffer.from(bytes).toString("base64");
export const bin = (value) => new Uint8Array(Buffer.from(value, "base64"));
export const text = (value) => new TextEncoder().encode(value);

const out = [];
export const emit = (name, bytes) => out.push(`${name} ${b64(bytes)}`);
export const flush = () => process.stdout.write(out.join("\n") + "\n");

export const input = JSON.parse(await new Promise((resolve) => {
  let all = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (c) => (all += c));
  process.stdin.on("end", () => resolve(all));
}));

export async function collect(stream) {
  const parts = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}
