import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium); Playwright's own only as a last resort.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
// E2E_BASE_URL: test an app that is already running (CI's no-configuration smoke test).
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
// A local OpenID Connect provider plays Keycloak (tests/oidc-server.ts).
const oidcPort = Number(process.env.OIDC_PORT ?? 3190);
// A local OpenAI-compatible server plays the AI provider (tests/openai-server-main.ts): answers are
// transcribed and scored through the real SDK, deterministically.
const openaiPort = Number(process.env.OPENAI_PORT ?? 3192);
const ai = { OPENAI_BASE_URL: `http://127.0.0.1:${openaiPort}/v1`, OPENAI_API_KEY: "sk-test-openai" };
const sso = {
  KEYCLOAK_ISSUER: `http://127.0.0.1:${oidcPort}`,
  KEYCLOAK_CLIENT_ID: "intervue",
  KEYCLOAK_CLIENT_SECRET: "intervue-secret",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // Two on CI's 2 cores. Three were tried (2026-12-08): no faster, and three tests timed out
  // under the contention. E2E_WORKERS overrides.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@mobile/ },
  ],
  webServer: external
    ? undefined
    : [
        {
          command: "tsx tests/oidc-server.ts",
          url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
          timeout: 30_000,
          reuseExistingServer: false,
          env: { OIDC_PORT: String(oidcPort), APP_URL: baseURL, ...sso },
        },
        {
          command: "tsx tests/openai-server-main.ts",
          url: `http://127.0.0.1:${openaiPort + 1}/stats`,
          timeout: 30_000,
          reuseExistingServer: false,
          env: { OPENAI_PORT: String(openaiPort), OPENAI_TEST_KEY: ai.OPENAI_API_KEY },
        },
        {
          // A production build (`next build` runs first in `npm run test:e2e`) on its own database.
          command: "tsx scripts/e2e-server.ts",
          url: `${baseURL}/api/health`,
          timeout: 120_000,
          reuseExistingServer: false,
          stdout: "pipe",
          stderr: "pipe",
          // The suite signs up far more accounts from 127.0.0.1 than the per-address limit allows.
          env: { E2E_PORT: String(port), APP_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1", SIGN_UP_LIMIT_PER_HOUR: "10000", WEBHOOKS_ALLOW_PRIVATE: "true", WEBHOOK_RETRY_SCHEDULE: "1,1", WEBHOOK_DISABLE_AFTER: "2", ...sso, ...ai },
        },
      ],
});
