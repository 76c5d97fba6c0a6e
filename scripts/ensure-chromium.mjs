// Before the end-to-end tests: use CHROMIUM_PATH or Debian's /usr/bin/chromium; only when
// neither exists, install Playwright's own Chromium (needs internet access).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { chromium } from "@playwright/test";

const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(system)) process.exit(0);
let bundled = "";
try {
  bundled = chromium.executablePath();
} catch {
  // not installed
}
if (bundled && existsSync(bundled)) process.exit(0);
console.log("[e2e] no Chromium found (CHROMIUM_PATH, /usr/bin/chromium): installing Playwright's own");
const res = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
process.exit(res.status ?? 1);
