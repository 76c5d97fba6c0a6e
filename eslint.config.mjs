import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // The engine contract (docs/writing-a-consumer.md): functions emit catalog events with
    // emit(), which validates, stores and chains them the same way on both engines; Inngest's
    // raw step.sendEvent would bypass the catalog, the event log and the explorer.
    files: ["inngest/**/*.ts", "lib/**/*.ts", "workers/**/*.ts", "tests/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='sendEvent'][object.name='step']",
          message: "Use emit() from lib/engine/emit.ts: it validates against the catalog and publishes through the outbox on both engines.",
        },
        {
          selector: "MemberExpression[property.name='sendEvent'][object.property.name='step']",
          message: "Use emit() from lib/engine/emit.ts: it validates against the catalog and publishes through the outbox on both engines.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/inngest", "@/inngest/*"],
              message: "lib/ must not depend on inngest/: pass the registry in (see lib/engine/host.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Only lib/ (its tests included) is refused the registry; the registry itself, workers and tests/ use it.
    files: ["inngest/**/*.ts", "workers/**/*.ts", "tests/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
