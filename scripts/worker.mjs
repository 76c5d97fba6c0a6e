// `npm run worker`: bundles workers/worker.ts with the app modules it imports into
// .worker/worker.mjs (packages stay in node_modules), then runs it in this process. Plain Node,
// no TypeScript loader at run time: tsx's loader thread and per-module transpiling cost the
// worker ~80 MB of its memory budget (docs/benchmarks.md, "Media pipeline throughput"); the
// bundle takes well under a second, so every start runs the code of this checkout. npm run
// worker also gives V8 a 1 MB young generation (--max-semi-space-size=1): ~20 MB less resident
// for a process whose heavy lifting is ffmpeg's.
import { build, stop } from "esbuild";
import { renameSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const outfile = path.join(root, ".worker/worker.mjs");
// Written aside and renamed: workers started together never import a half-written bundle.
const partial = `${outfile}.${process.pid}.part`;

await build({
  absWorkingDir: root,
  entryPoints: ["workers/worker.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  alias: {
    // As scripts/server-only.mjs does for tsx: outside Next.js the marker is an empty module.
    "server-only": "./scripts/empty-module.mjs",
    // next has no "exports" map: Node's ESM resolver needs the file name.
    "next/server": "next/server.js",
  },
  outfile: partial,
  logLevel: "warning",
});
await stop();
renameSync(partial, outfile);
await import(pathToFileURL(outfile).href);
