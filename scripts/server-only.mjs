// `tsx --import ./scripts/server-only.mjs <script>`: lets processes outside Next.js (the worker,
// the seed, scripts, benchmarks) load modules marked `import "server-only"`. That package throws
// unless resolved under the react-server condition, but that condition also swaps React for its
// server-components build (no hooks, no react-dom/server), which breaks email rendering. So
// `server-only` alone resolves to an empty module here, as it does in vitest.config.ts.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
        return next(specifier, context);
      }
    `),
  import.meta.url,
);
