// `npm run worker`: bundles workers/worker.ts with the app modules it imports into
// .worker/worker.mjs (packages stay in node_modules), then runs it in this process. Plain Node,
// no TypeScript loader at run time: tsx's launcher process and loader thread cost ~140 MB
// more resident memory than the bundle (docs/deploy.md). The bundle takes well under a
// second, so every start runs the code of this checkout. `--build-only` writes the bundle and
// exits (Dockerfile.worker does it at image build). Where the checkout is not writable (a
// service user, a read-only container), an existing bundle is run, with a warning.
import { randomUUID } from "node:crypto";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outfile = path.join(root, ".worker/worker.mjs");
// Written aside and renamed: workers started together never import a half-written bundle.
const partial = `${outfile}.${randomUUID()}.part`;

async function bundle() {
  const { build, stop } = await import("esbuild");
  try {
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
      // Failures are thrown with their messages (and a refused write is handled below).
      logLevel: "silent",
    });
    renameSync(partial, outfile);
  } finally {
    rmSync(partial, { force: true });
    await stop();
  }
}

try {
  await bundle();
} catch (err) {
  // esbuild reports a write it was refused in its message (it writes from its own process).
  const refused = /EACCES|EROFS|EPERM|permission denied|read-only file system/i.test(`${/** @type {{ code?: string }} */ (err).code ?? ""} ${String(err)}`);
  if (refused && existsSync(outfile)) {
    console.warn(`[worker] cannot write ${path.dirname(outfile)}: running the bundle already there, built earlier`);
  } else throw err;
}
if (!process.argv.includes("--build-only")) await import(pathToFileURL(outfile).href);
