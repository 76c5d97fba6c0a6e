// The standing security test (issue 8): discovers every route handler under app/, every page
// and every Server Action of the production build, and sends each a corpus of bad input, signed
// out and signed in. It asserts: no 5xx (the one deliberate 503 is listed below, with its
// reason), every 4xx from an API carries a readable message, and a rejected request wrote
// nothing. Then two accounts: every resource id of one (events, deliveries, files) gives 404 to
// the other through every route, page and action. New routes, pages and actions are covered
// without editing this file; one that cannot be discovered (no methods found, an action missing
// from the build's manifest) fails it. The counts are printed at the end.
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, Page, PlaywrightWorkerArgs } from "@playwright/test";
import { actionIdFields, collectIds, createResources, METHODS, pages, ROOT, routes, SAMPLE_ID, urlOf, type Route, type Segment } from "./crawl";
import { expect, signUp, test, TINY_PNG } from "./fixtures";

const APP = path.join(ROOT, "app");

// Deliberate non-4xx answers, each with its reason. Nothing else may be 5xx.
const DELIBERATE_5XX: { path: RegExp; status: number; code: string; why: string }[] = [
  {
    path: /^\/api\/inngest$/,
    status: 503,
    code: "INNGEST_NOT_CONFIGURED",
    why: "Inngest's own calls (POST run, PUT sync) when Inngest is not configured: a service that is not there",
  },
];

const sample = (s: Segment) => (s.kind === "catchAll" ? `${SAMPLE_ID}/${SAMPLE_ID}.png` : s.kind === "optionalCatchAll" ? "x" : SAMPLE_ID);

// Server Actions: every exported function of a "use server" module, and the build's manifest.
function actionSources(): { name: string; arity: number; file: string }[] {
  const files = [...walkTs(path.join(ROOT, "lib")), ...walkTs(APP)];
  const out = new Map<string, { name: string; arity: number; file: string }>();
  for (const file of new Set(files)) {
    const src = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(src)) continue;
    for (const m of src.matchAll(/export\s+async\s+function\s+(\w+)\s*\(([^)]*)\)/g)) {
      out.set(m[1]!, { name: m[1]!, arity: m[2]!.trim() ? 1 : 0, file });
    }
  }
  return [...out.values()];
}
function walkTs(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === "generated" || entry === "node_modules") return [];
    if (statSync(full).isDirectory()) return walkTs(full);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}
function manifestActions(): Map<string, { id: string; page: string }> {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  const out = new Map<string, { id: string; page: string }>();
  if (!existsSync(file)) return out;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers).find((w) => w.startsWith("app/") && w.endsWith("/page"));
    if (entry.exportedName && worker) out.set(entry.exportedName, { id, page: worker });
  }
  return out;
}
function pageUrl(worker: string): string {
  const segs = worker.replace(/^app\//, "").replace(/\/page$/, "").split("/");
  const parts = segs.filter((s) => s && !/^\(.*\)$/.test(s)).map((s) => (s.startsWith("[") ? SAMPLE_ID : s));
  return "/" + parts.join("/");
}

// ── the corpus ──────────────────────────────────────────────────────────────────────────────
const LONG = "x".repeat(100_000);
const DEEP = "[".repeat(5000) + "]".repeat(5000);
const texts = ["a\u0000b", "\ud800", "a\udc00", "\u202eevil", "مرحبا", "🙂👩🏽‍💻", LONG, "../../etc/passwd", "<script>alert(1)</script>"];
type Body = { label: string; type?: string; data?: string | Buffer };
const bodies: Body[] = [
  { label: "no body" },
  { label: "empty JSON", type: "application/json", data: "" },
  { label: "malformed JSON", type: "application/json", data: "{" },
  { label: "JSON null", type: "application/json", data: "null" },
  { label: "JSON array", type: "application/json", data: "[1,2]" },
  { label: "deep JSON", type: "application/json", data: DEEP },
  { label: "oversized JSON", type: "application/json", data: JSON.stringify({ fullName: "x".repeat(2 * 1024 * 1024) }) },
  ...texts.map((t) => ({ label: `text ${JSON.stringify(t.slice(0, 12))}`, type: "application/json", data: JSON.stringify({ fullName: t, companyName: t, email: t }) })),
  { label: "wrong type", type: "text/plain", data: "hello" },
  { label: "urlencoded junk", type: "application/x-www-form-urlencoded", data: "a=%zz&email=%00" },
  { label: "multipart junk", type: "multipart/form-data; boundary=x", data: "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.png\"\r\n\r\nnot a png\r\n--x--\r\n" },
  { label: "binary", type: "application/octet-stream", data: Buffer.from([0, 255, 254, 0]) },
];
const traversal = ["..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "%zz", "%c0%ae%c0%ae", "%", "a".repeat(3000), "%E2%80%AE", "🙂", "..%5c..%5cwindows"];

// ── checks ──────────────────────────────────────────────────────────────────────────────────
const counts = { routeRequests: 0, pageRequests: 0, actionCalls: 0, crossAccount: 0, resent: 0 };

async function check(failures: string[], label: string, url: string, res: APIResponse, { api, method = "GET" }: { api: boolean; method?: string }) {
  const status = res.status();
  const body = await res.text().catch(() => "");
  let json: { error?: { code?: string; message?: unknown } } | null = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const pathname = new URL(url, "http://x").pathname;
  if (status >= 500) {
    const allowed = DELIBERATE_5XX.find((d) => d.path.test(pathname) && d.status === status && json?.error?.code === d.code);
    if (!allowed) failures.push(`${label}: ${status} ${body.slice(0, 160)}`);
  } else if (api && status >= 400 && status !== 405 && method !== "HEAD") {
    // Next.js answers a method a route does not export with a bare 405 (and an Allow header).
    const message = json?.error?.message;
    if (typeof message !== "string" || message.trim().length < 3) failures.push(`${label}: ${status} without a readable message: ${body.slice(0, 160)}`);
  }
}

/**
 * With requests side by side, one can go out on a kept-alive connection that the server is
 * closing after answering an oversized body early: such a request is sent again once (on a new
 * connection). A server that is down, or that resets this very request, fails the second time too.
 */
async function resendOnReset(request: () => Promise<APIResponse>): Promise<APIResponse> {
  try {
    return await request();
  } catch (err) {
    if (!/ECONNRESET|socket hang up|EPIPE/.test(String(err))) throw err;
    counts.resent++;
    return request();
  }
}

async function send(ctx: APIRequestContext, method: string, url: string, b: Body, origin: string): Promise<APIResponse> {
  return resendOnReset(() =>
    ctx.fetch(url, {
      method,
      headers: { ...(b.type ? { "content-type": b.type } : {}), origin },
      data: b.data,
      maxRedirects: 0,
      failOnStatusCode: false,
      timeout: 30_000,
    }),
  );
}

/**
 * Runs the requests a few at a time: each is independent of the others, and the server can
 * answer one while the test reads another's body (the suite runs on 2 cores, so a few is enough).
 */
async function inParallel(jobs: (() => Promise<void>)[], width = 4): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

type Snapshot = { me: unknown; events: number };
async function snapshotOnce(ctx: APIRequestContext): Promise<Snapshot> {
  const me = await (await ctx.get("/api/v1/me")).json();
  const html = await (await ctx.get("/events")).text();
  return { me, events: new Set(html.match(/\/events\/[0-9a-f-]{36}/g) ?? []).size };
}
/** The account as the app shows it, once background consumers have settled (same answer twice, 1.5 s apart). */
async function snapshot(ctx: APIRequestContext): Promise<Snapshot> {
  let last = await snapshotOnce(ctx);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1500));
    const next = await snapshotOnce(ctx);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

/**
 * One part of the bad-input run: a fresh account, the requests `jobs` makes (signed out and
 * signed in), then no 5xx, readable 4xx, and the account unchanged. The run is split into
 * several tests so both workers share it.
 */
async function fuzz(
  { page, playwright, baseURL }: { page: Page; playwright: PlaywrightWorkerArgs["playwright"]; baseURL: string | undefined },
  jobs: (ctx: { anonymous: APIRequestContext; signedIn: APIRequestContext; origin: string; failures: string[] }) => (() => Promise<void>)[],
) {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const signedIn = page.request;
  const anonymous = await playwright.request.newContext({ baseURL });
  const failures: string[] = [];
  const before = await snapshot(signedIn);
  const list = jobs({ anonymous, signedIn, origin, failures });
  expect(list.length, "this part sends no request: nothing was discovered").toBeGreaterThan(0);
  await inParallel(list);
  const after = await snapshot(signedIn);
  expect(after, "a rejected request changed the account or added events").toEqual(before);
  await anonymous.dispose();
  expect(failures, failures.join("\n")).toEqual([]);
}

test.setTimeout(10 * 60_000);

test("every route, page and action is discoverable", () => {
  for (const r of routes) expect(r.methods, `${path.relative(ROOT, r.file)} exports no HTTP method this test can find`).not.toEqual([]);
  const manifest = manifestActions();
  expect(manifest.size, "run `next build` first: .next/server/server-reference-manifest.json is missing").toBeGreaterThan(0);
  for (const a of actionSources()) {
    expect(manifest.has(a.name), `Server Action ${a.name} (${path.relative(ROOT, a.file)}) is not used by any page, so it cannot be called or tested`).toBe(true);
  }
});

// Route handlers: every method (every body for the methods a route exports), signed out and signed in, then path traversal and
// junk in every segment. Split by route into parts that run on both workers; every route is in
// exactly one part.
const ROUTE_PARTS = 2;
/** The requests a route gets below, to give the parts about the same work (heaviest first, each to the lightest part). */
const routeWeight = (r: Route) => Math.max(1, r.segments.length) * traversal.length * r.methods.filter((m) => m !== "HEAD").length;
const routeParts: Route[][] = Array.from({ length: ROUTE_PARTS }, () => []);
for (const r of [...routes].sort((a, b) => routeWeight(b) - routeWeight(a))) {
  const weightOf = (part: Route[]) => part.reduce((sum, x) => sum + routeWeight(x), 0);
  routeParts.reduce((lightest, part) => (weightOf(part) < weightOf(lightest) ? part : lightest)).push(r);
}
for (let part = 0; part < ROUTE_PARTS; part++) {
  test(`bad input to route handlers (part ${part + 1} of ${ROUTE_PARTS}): no 5xx, readable 4xx, nothing written`, async ({ page, playwright, baseURL }) => {
    await fuzz({ page, playwright, baseURL }, ({ anonymous, signedIn, origin, failures }) => {
      const jobs: (() => Promise<void>)[] = [];
      for (const r of routeParts[part]!) {
        const url = urlOf(r.segments, sample);
        for (const ctx of [anonymous, signedIn]) {
          for (const method of METHODS) {
            // The whole corpus goes to the methods the route exports; a method it does not export
            // is answered by Next.js's router (405) before any of our code runs: one body shows that.
            const corpus = method === "GET" || method === "HEAD" || method === "OPTIONS" ? [bodies[0]!] : r.methods.includes(method) ? bodies : [bodies[2]!];
            for (const b of corpus) {
              jobs.push(async () => {
                const res = await send(ctx, method, url, b, origin);
                counts.routeRequests++;
                await check(failures, `${method} ${url} (${b.label})`, url, res, { api: true, method });
              });
            }
          }
          for (let i = 0; i < Math.max(1, r.segments.length); i++) {
            for (const junk of traversal) {
              const bad = "/" + r.segments.map((s, j) => (j === i ? junk : s.kind === "static" ? s.value : sample(s))).join("/");
              for (const method of r.methods.filter((m) => m !== "HEAD")) {
                jobs.push(async () => {
                  const res = await send(ctx, method, bad, method === "GET" ? bodies[0]! : bodies[2]!, origin);
                  counts.routeRequests++;
                  // "/api/../me" (also as %2e%2e) is "/me" by the time it is routed: a page, not an API.
                  const routed = new URL(bad.replace(/%2e/gi, "."), "http://x").pathname;
                  await check(failures, `${method} ${bad.slice(0, 80)}`, bad, res, { api: routed.startsWith("/api/"), method });
                });
              }
            }
          }
        }
      }
      return jobs;
    });
  });
}

// Pages: junk in every dynamic segment and in the query.
test("bad input to pages: no 5xx, nothing written", async ({ page, playwright, baseURL }) => {
  const query = "?callbackUrl=%2F%09%2Fevil.example&error=%3Cscript%3E&correlationId=%00&eventType=%ud800&before=-1&from=9999-99-99";
  await fuzz({ page, playwright, baseURL }, ({ anonymous, signedIn, failures }) =>
    pages.flatMap((p) =>
      [anonymous, signedIn].flatMap((ctx) =>
        [sample, () => "%zz", () => "%00", () => LONG.slice(0, 3000), () => "🙂"].map((fill) => async () => {
          const url = urlOf(p.segments, fill) + query;
          const res = await resendOnReset(() => ctx.get(url, { maxRedirects: 0, failOnStatusCode: false }));
          counts.pageRequests++;
          await check(failures, `GET ${url.slice(0, 100)}`, url, res, { api: false });
        }),
      ),
    ),
  );
});

// Server Actions: bad argument lists and bodies. Actions that take no input are called only
// signed out (signed in, any body is a valid call of them).
test("bad input to Server Actions: no 5xx, nothing accepted, nothing written", async ({ page, playwright, baseURL }) => {
  const manifest = manifestActions();
  const actionBodies = [
    "",
    "not json",
    "{",
    DEEP,
    JSON.stringify(["x".repeat(1024 * 1024)]),
    "[]",
    "[null]",
    "[1]",
    '["x"]',
    ...texts.map((t) => JSON.stringify([{ fullName: t, companyName: t, email: t, password: t, confirmEmail: t, deliveryId: t }])),
  ];
  await fuzz({ page, playwright, baseURL }, ({ anonymous, signedIn, origin, failures }) => {
    const jobs: (() => Promise<void>)[] = [];
    for (const a of actionSources()) {
      const entry = manifest.get(a.name);
      if (!entry) continue;
      const url = pageUrl(entry.page);
      for (const ctx of a.arity === 0 ? [anonymous] : [anonymous, signedIn]) {
        for (const data of actionBodies) {
          jobs.push(async () => {
            const res = await resendOnReset(() =>
              ctx.fetch(url, {
                method: "POST",
                headers: { "next-action": entry.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
                data,
                maxRedirects: 0,
                failOnStatusCode: false,
              }),
            );
            counts.actionCalls++;
            const text = await res.text();
            if (res.status() >= 500) failures.push(`action ${a.name} (${JSON.stringify(data.slice(0, 30))}): ${res.status()} ${text.slice(0, 160)}`);
            // A call the action accepted must not be junk: only {"ok":false,…} or a 4xx is right.
            if (res.status() < 300 && /"ok":true/.test(text)) failures.push(`action ${a.name} accepted ${JSON.stringify(data.slice(0, 60))}`);
          });
        }
      }
    }
    return jobs;
  });
});

test("another account's resources are 404 through every route, page and action", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const ownerPage = await (await browser.newContext({ baseURL })).newPage();
  const otherPage = await (await browser.newContext({ baseURL })).newPage();
  await signUp(ownerPage);
  await signUp(otherPage);
  const owner = ownerPage.request;
  const other = otherPage.request;

  // The owner's resources: an avatar file, an interview with questions and invitations (through
  // the public API), and the events and deliveries they cause.
  const upload = await owner.post("/api/account/avatar", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: TINY_PNG } } });
  expect(upload.status()).toBe(201);
  const avatarPath = new URL(((await upload.json()) as { account: { avatarUrl: string } }).account.avatarUrl, origin).pathname;
  await createResources(owner, origin);
  await expect
    .poll(async () => [...new Set((await (await owner.get("/events")).text()).match(/(?<=\/events\/)[0-9a-f-]{36}/g) ?? [])].length)
    .toBeGreaterThan(2);
  // Every id the owner can reach, found by crawling every route and page the owner is shown.
  const { ids: found, urls } = await collectIds(owner);
  const ids = found.filter((id) => id !== SAMPLE_ID);
  expect(ids.length, `ids found by crawling ${urls.length} URLs`).toBeGreaterThan(5);
  const ownerAnswered = new Set(urls);

  // Every dynamic route and page of the signed-in app (public candidate pages are public by
  // design; auth pages take no ids), each id in each dynamic segment, as the other account.
  const isPublic = (file: string) => /[\\/]\((candidate|auth)\)[\\/]/.test(file);
  // Every request below is independent: they are sent a few at a time, and each wrong answer is
  // collected (all of them are reported at once).
  const wrong: string[] = [];
  const jobs: (() => Promise<void>)[] = [];
  let ownerReached = 0;
  for (const r of [...routes.map((x) => ({ ...x, api: true })), ...pages.map((x) => ({ ...x, methods: ["GET"], api: false }))]) {
    if (!r.segments.some((s) => s.kind !== "static") || isPublic(r.file)) continue;
    for (const id of ids) {
      const url = urlOf(r.segments, (s) => (s.kind === "catchAll" ? `${id}/${id}` : id));
      if (ownerAnswered.has(url)) ownerReached++;
      for (const method of r.methods.filter((m) => m === "GET")) {
        jobs.push(async () => {
          const res = await resendOnReset(() => other.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false }));
          counts.crossAccount++;
          if (res.status() !== 404) wrong.push(`${method} ${url} as another account: ${res.status()}, not 404`);
        });
      }
    }
  }
  expect(ownerReached, "the owner reaches some of these URLs itself (else the test proves nothing)").toBeGreaterThan(3);
  // State-changing methods of dynamic API routes, with a body, as the other account.
  for (const r of routes) {
    if (!r.segments.some((s) => s.kind !== "static") || isPublic(r.file)) continue;
    for (const id of ids) {
      const url = urlOf(r.segments, (s) => (s.kind === "catchAll" ? `${id}/${id}` : id));
      for (const method of r.methods.filter((m) => ["POST", "PUT", "PATCH", "DELETE"].includes(m))) {
        jobs.push(async () => {
          const res = await resendOnReset(() =>
            other.fetch(url, {
              method,
              headers: { origin, "content-type": "application/json" },
              data: JSON.stringify({ title: "taken", candidates: [{ email: "x@example.com", name: "X" }], deadline: "2099-01-01T00:00:00Z" }),
              maxRedirects: 0,
              failOnStatusCode: false,
            }),
          );
          counts.crossAccount++;
          if (res.status() !== 404) wrong.push(`${method} ${url} as another account: ${res.status()}, not 404`);
        });
      }
    }
  }
  // The owner's avatar file: the owner gets it, the other account and no account get a 404.
  expect((await owner.get(avatarPath)).status()).toBe(200);
  expect((await other.get(avatarPath, { failOnStatusCode: false })).status(), `GET ${avatarPath} as another account`).toBe(404);
  counts.crossAccount++;

  // Every action that takes an input, given the owner's ids in every id field an action reads.
  const manifest = manifestActions();
  const sources = actionSources();
  const idFields = actionIdFields([...new Set(sources.map((a) => a.file))]);
  for (const a of sources.filter((x) => x.arity > 0)) {
    const entry = manifest.get(a.name);
    if (!entry) continue;
    for (const id of ids) {
      const arg = Object.fromEntries(idFields.map((f) => [f, id]));
      jobs.push(async () => {
        const res = await resendOnReset(() =>
          other.fetch(pageUrl(entry.page), {
            method: "POST",
            headers: { "next-action": entry.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
            data: JSON.stringify([arg, arg]),
            failOnStatusCode: false,
          }),
        );
        counts.crossAccount++;
        if (/"ok":true/.test(await res.text())) wrong.push(`${a.name}(${id}) as another account was accepted`);
      });
    }
  }
  await inParallel(jobs);
  expect(wrong, wrong.join("\n")).toEqual([]);
  // And nothing of the owner's changed.
  expect((await (await owner.get("/api/v1/me")).json()).account.avatarUrl).toContain(avatarPath);
  const again = await collectIds(owner);
  expect(again.ids.filter((id) => id !== SAMPLE_ID).sort()).toEqual(expect.arrayContaining(ids.sort()));
});

// Per worker: the tests of this file are shared between the workers.
test.afterAll(() => {
  console.log(
    `[security-fuzz] this worker sent: ${counts.routeRequests} route requests (${routes.length} route handlers); ${counts.pageRequests} page requests (${pages.length} pages); ` +
      `${counts.actionCalls} Server Action calls; cross-account: ${counts.crossAccount} requests; ${counts.resent} sent again after a reset connection.`,
  );
});
