#!/usr/bin/env node
// Runs a TypeScript entry point of scripts/ with Node 20 (which cannot strip types): bundles it with
// esbuild into .local/build/ (dependencies stay external) and imports the bundle. The bundle sits two
// levels below the repository root, as the sources under scripts/ do, so their root-relative paths hold.
import { build } from "esbuild";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <entry.ts> [args…]");
  process.exit(2);
}
const outfile = join(root, ".local", "build", basename(entry).replace(/\.ts$/, ".mjs"));
await build({
  entryPoints: [join(root, entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
