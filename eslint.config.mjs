import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", ".worker/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
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
    // These server modules have no "server-only" import, since the candidate pages'
    // getServerSideProps (Pages Router, which refuses that package) read through them: the
    // browser's code must not import them (their types it may).
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            "@/lib/server/candidates/candidate-link-gone",
            "@/lib/server/candidates/candidate-pages",
            "@/lib/server/candidates/get-candidate-session",
            "@/lib/server/candidates/read-candidate-page",
            "@/lib/server/candidates/session-access",
            "@/lib/server/interviews/interview-dto",
            "@/lib/server/interviews/public-link",
            "@/lib/server/interviews/versions",
            "@/lib/server/invitations/open-link",
          ].map((name) => ({ name, allowTypeImports: true, message: "Server code (it reads the database): not for the browser." })),
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
