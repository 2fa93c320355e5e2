// Text files the bundler inlines as strings (esbuild's "text" loader, scripts/build.mjs).
declare module "*.txt" {
  const text: string;
  export default text;
}
