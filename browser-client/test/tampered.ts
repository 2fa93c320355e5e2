// Inserts the shipped bundle with an integrity hash that is not its own; SRI must refuse it.
const done = (outcome: string): void => {
  (window as { __smoke?: string }).__smoke = outcome;
};
const script = document.createElement("script");
script.type = "module";
script.crossOrigin = "anonymous";
script.integrity = `sha384-${"A".repeat(64)}`;
script.addEventListener("error", () => done("refused"));
script.addEventListener("load", () => done("loaded despite a wrong integrity hash"));
script.src = "/dist/secupass-browser-client.js?tampered";
document.head.append(script);
