// The candidate pages' first load in Debian's Chromium (Playwright), against `next start` of
// this checkout: the JavaScript a candidate's phone downloads (compressed, as sent) and the
// Largest Contentful Paint under DevTools' "Slow 4G" profile with the CPU slowed 4×. Goals
// (issue 10): ≤ 120 KB of JavaScript (gzip) and LCP ≤ 2.5 s.
//
//   npx next build   # once, for `next start`
//   npx tsx --import ./scripts/server-only.mjs bench/candidate-page.ts [--runs 5] [--no-docs]
//
// Pages: /i/<token> (landing) and /i/<token>/start (name and consents) without a session, and
// /i/<token>/questions with a started session's cookie, for an interview of two video questions
// and one written one. Each run is a new browser context (empty cache) at 375 × 812 (a phone).
// JavaScript: the `.js` responses up to the load event (the page's own <script>s and what they
// import at once), by their Resource Timing encodedBodySize (the bytes on the wire, without
// headers); what loads after the load event (prefetches, lazy chunks) is counted apart.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { benchArgs, machine, makeCandidates, median, openBench, SESSION_COOKIE, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    ...benchArgs,
    runs: { type: "string", default: "5" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const RUNS = Number(opts.runs);
// DevTools' "Slow 4G" preset (Chromium's front_end/core/sdk/NetworkManager.ts, Slow4GConditions):
// ~1.6 Mbit/s down, ~0.75 Mbit/s up, both × 0.9, 150 ms RTT × 3.75.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const CPU_SLOWDOWN = 4;
const KB = 1000;

const { app, loadBefore } = await openBench(opts);
const { closeDb } = await import("@/lib/db/client");

const [invited] = await makeCandidates({ candidates: 1, videoQuestions: 2, textQuestions: 1, started: false });
const [answering] = await makeCandidates({ candidates: 1, videoQuestions: 2, textQuestions: 1 });
const pages = [
  { name: "landing", path: `/i/${invited!.token}`, cookie: null },
  { name: "start (name, consents)", path: `/i/${invited!.token}/start`, cookie: null },
  { name: "check (device check, session cookie)", path: `/i/${answering!.token}/check`, cookie: answering! },
  { name: "questions (session cookie)", path: `/i/${answering!.token}/questions`, cookie: answering! },
  // Not a goal: a page with no client component of its own, to show what every page pays
  // (React, Next's router, the root layout's NextIntlClientProvider).
  { name: "baseline: privacy notice", path: "/privacy?lang=en", cookie: null },
];
const BASELINE = pages.at(-1)!.name;

type Script = { url: string; encoded: number; decoded: number; beforeLoad: boolean };
type Run = { lcp: number | null; lcpElement: string; scripts: Script[]; encodings: Set<string>; finalUrl: string; html: number };

async function measure(browser: Browser, page: (typeof pages)[number], throttled: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  if (page.cookie) {
    await context.addCookies([
      { name: SESSION_COOKIE, value: page.cookie.secret, domain: new URL(app.url).hostname, path: `/i/${page.cookie.token}`, httpOnly: true, sameSite: "Lax" },
    ]);
  }
  const tab = await context.newPage();
  const encodings = new Set<string>();
  tab.on("response", (res) => {
    if (new URL(res.url()).pathname.endsWith(".js")) encodings.add(`${res.headers()["content-encoding"] ?? "identity"}${res.status() === 200 ? "" : ` (${res.status()})`}`);
  });
  // The last LCP candidate, as web-vitals reads it.
  await tab.addInitScript(() => {
    const w = window as unknown as { __lcp?: { time: number; element: string } };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null; renderTime?: number; loadTime?: number })[]) {
        const el = e.element;
        w.__lcp = { time: e.startTime, element: el ? `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"` : "?" };
      }
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const cdp = await context.newCDPSession(tab);
  if (throttled) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  const res = await tab.goto(`${app.url}${page.path}`, { waitUntil: "load", timeout: 120_000 });
  if (!res || res.status() !== 200) throw new Error(`${page.path}: ${res?.status()}`);
  await tab.waitForLoadState("networkidle", { timeout: 120_000 }).catch(() => {});
  const data = await tab.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.endsWith(".js"))
      .map((r) => ({ url: r.name, encoded: r.encodedBodySize, decoded: r.decodedBodySize, beforeLoad: r.startTime < nav.loadEventStart }));
    const w = window as unknown as { __lcp?: { time: number; element: string } };
    return { scripts, lcp: w.__lcp?.time ?? null, lcpElement: w.__lcp?.element ?? "none", finalUrl: location.pathname, html: nav.encodedBodySize };
  });
  await context.close();
  return { ...data, encodings };
}

const browser = await chromium.launch({
  executablePath: existsSync(opts.chromium) ? opts.chromium : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

type Result = { name: string; path: string; html: number; fileSet: Set<string>; js: number; jsIdentity: number; jsGzipOurs: number; files: number; after: number; lcp: number[]; lcpElement: string; encodings: string; heaviest: Script[]; finalUrl: string; sizes: Map<string, number> };
const results: Result[] = [];
for (const page of pages) {
  // One unthrottled load first (the server's caches warm, the sizes read), then the runs.
  const first = await measure(browser, page, false);
  const before = first.scripts.filter((s) => s.beforeLoad);
  // Our own gzip of the same files (level 9), in case the server does not compress.
  let gz = 0;
  for (const s of before) gz += gzipSync(Buffer.from(await (await fetch(s.url)).arrayBuffer()), { level: 9 }).length;
  const lcp: number[] = [];
  let lcpElement = "";
  for (let i = 0; i < RUNS; i++) {
    const run = await measure(browser, page, true);
    if (run.lcp !== null) lcp.push(run.lcp);
    lcpElement = run.lcpElement;
    console.log(`[bench] ${page.name} run ${i + 1}: LCP ${run.lcp?.toFixed(0)} ms (${run.lcpElement})`);
  }
  const r: Result = {
    name: page.name,
    path: page.path.replace(/\/i\/[^/]+/, "/i/<token>"),
    html: first.html,
    fileSet: new Set(before.map((s) => new URL(s.url).pathname)),
    js: before.reduce((n, s) => n + s.encoded, 0),
    jsIdentity: before.reduce((n, s) => n + s.decoded, 0),
    jsGzipOurs: gz,
    files: before.length,
    after: first.scripts.filter((s) => !s.beforeLoad).reduce((n, s) => n + s.encoded, 0),
    lcp,
    lcpElement,
    encodings: [...first.encodings].join(", "),
    heaviest: [...before].sort((a, b) => b.encoded - a.encoded).slice(0, 8),
    finalUrl: first.finalUrl.replace(/\/i\/[^/]+/, "/i/<token>"),
    sizes: new Map(before.map((s) => [new URL(s.url).pathname, s.encoded])),
  };
  results.push(r);
  console.log(`[bench] ${r.name}: ${r.files} scripts, ${(r.js / KB).toFixed(1)} KB on the wire (${r.encodings}), ${(r.jsIdentity / KB).toFixed(1)} KB uncompressed, LCP median ${median(lcp).toFixed(0)} ms`);
}
await browser.close();

// What the heaviest chunks hold, from strings each library leaves in its minified code.
const MARKERS: [string, RegExp][] = [
  ["react-dom", /react-dom|__reactFiber|reactjs\.org\/docs\/error-decoder|react\.dev\/errors/],
  ["next (app router)", /next-router-state-tree|__next_f|NEXT_REDIRECT|__NEXT_ERROR_CODE/],
  ["next-intl / use-intl", /MISSING_MESSAGE|INSUFFICIENT_PATH|IntlProvider|next-intl/],
  ["zod", /ZodError|invalid_type/],
  ["tus-js-client", /tus-resumable|Tus-Resumable|tus-js-client/i],
  ["recorder (MediaRecorder, IndexedDB)", /MediaRecorder|indexedDB/],
  ["polyfills", /"trimStart"in String\.prototype/],
];
const heaviestAll = new Map<string, Script>();
for (const r of results) for (const s of r.heaviest) heaviestAll.set(new URL(s.url).pathname, s);
const analysis: string[] = [];
for (const [file, s] of [...heaviestAll].sort((a, b) => b[1].encoded - a[1].encoded).slice(0, 10)) {
  const text = await (await fetch(`${app.url}${file}`)).text();
  const found = MARKERS.filter(([, re]) => re.test(text)).map(([n]) => n);
  const on = results.filter((r) => r.heaviest.some((h) => new URL(h.url).pathname === file)).map((r) => r.name.split(" ")[0]);
  analysis.push(`| \`${file.replace("/_next/static/chunks/", "")}\` | ${(s.encoded / KB).toFixed(1)} KB | ${(s.decoded / KB).toFixed(1)} KB | ${found.join(", ") || "app code"} | ${on.join(", ")} |`);
}

const baseline = results.find((r) => r.name === BASELINE)!;
const candidatePages = results.filter((r) => r !== baseline);
const date = new Date().toISOString().slice(0, 10);
const chromiumVersion = browser.version();
const section = [
  `Machine: ${await machine()}; Chromium ${chromiumVersion} (Debian), Playwright. Date: ${date}.`,
  "Script: `npx next build && npx tsx --import ./scripts/server-only.mjs bench/candidate-page.ts` (`npm run bench:page`).",
  "",
  "**Method.** Each page is loaded in a new browser context (empty cache) at 375 × 812 (mobile), once without throttling",
  `to read the sizes, then ${RUNS} times under DevTools' "Slow 4G" (CDP \`Network.emulateNetworkConditions\`: 562.5 ms latency,`,
  `180,000 B/s down, 84,375 B/s up) with \`Emulation.setCPUThrottlingRate\` ${CPU_SLOWDOWN}×. *JS*: the \`.js\` files requested before the load`,
  "event, by Resource Timing's `encodedBodySize` (the body as sent, here compressed by `next start`'s gzip), then the same",
  "files uncompressed and gzipped by the script (level 9); *after load*: JS fetched after the load event (prefetches,",
  "lazy chunks), not counted; *beyond the baseline*: the JS of files the baseline page (no client component of its own) does",
  "not load. *HTML*: the document's encodedBodySize. *LCP*: the last `largest-contentful-paint` entry after the network went",
  "idle; median of the runs.",
  "The CPU throttle multiplies a machine already shared with other work: LCP here is pessimistic.",
  "",
  "| page | JS files | JS on the wire (gzip) | uncompressed | our gzip -9 | beyond the baseline | JS after load | HTML (gzip) | LCP median (runs) | LCP element |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ...results.map((r) => {
    const own = [...r.sizes].filter(([f]) => !baseline.fileSet.has(f)).reduce((n, [, b]) => n + b, 0);
    return `| ${r.name} \`${r.path}\`${r.finalUrl.split("?")[0] !== r.path.split("?")[0] ? ` (→ \`${r.finalUrl}\`)` : ""} | ${r.files} | **${(r.js / KB).toFixed(1)} KB** (${r.encodings}) | ${(r.jsIdentity / KB).toFixed(1)} KB | ${(r.jsGzipOurs / KB).toFixed(1)} KB | ${(own / KB).toFixed(1)} KB | ${(r.after / KB).toFixed(1)} KB | ${(r.html / KB).toFixed(1)} KB | **${(median(r.lcp) / 1000).toFixed(2)} s** (${r.lcp.map((x) => (x / 1000).toFixed(2)).join(", ")}) | ${r.lcpElement.replace(/\|/g, "/")} |`;
  }),
  "",
  `Goals: JS ≤ 120 KB gzip — ${candidatePages.map((r) => `${r.name.split(" ")[0]} ${r.js <= 120 * KB ? "met" : "missed"}`).join(", ")}; LCP ≤ 2.5 s — ${candidatePages
    .map((r) => `${r.name.split(" ")[0]} ${median(r.lcp) <= 2500 ? "met" : "missed"}`)
    .join(", ")}. Machine load (1-minute average) before / after: ${loadBefore} / ${(await import("node:os")).loadavg()[0]!.toFixed(1)}.`,
  "",
  "The heaviest chunks (what they hold is read from strings each library leaves in its minified code):",
  "",
  "| chunk | gzip | uncompressed | holds | loaded by |",
  "|---|---:|---:|---|---|",
  ...analysis,
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("candidate-page.ts", "## Candidate recording (issue 10)", section);

await app.stop();
await closeDb();
process.exit(0);
