// What the standing tests (security-fuzz, a11y) know about the app without being told: its
// route handlers and pages read from app/, an account's resources created through the public
// API, and every resource id an account can reach, found by crawling what it is shown.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export const ROOT = process.cwd();
export const APP = path.join(ROOT, "app");
/** The Pages Router's pages (the candidate flow, docs/decisions/0011-candidate-pages-router.md). */
export const PAGES = path.join(ROOT, "pages");
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function walk(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return walk(full, name);
    return entry === name ? [full] : [];
  });
}

export type Segment = { kind: "static"; value: string } | { kind: "param" | "catchAll" | "optionalCatchAll"; name: string };

function toSegment(s: string): Segment {
  if (s.startsWith("[[...")) return { kind: "optionalCatchAll", name: s.slice(5, -2) };
  if (s.startsWith("[...")) return { kind: "catchAll", name: s.slice(4, -1) };
  if (s.startsWith("[")) return { kind: "param", name: s.slice(1, -1) };
  return { kind: "static", value: s };
}

export function segmentsOf(file: string): Segment[] {
  const rel = path.relative(APP, path.dirname(file));
  return rel
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map(toSegment);
}

/** A Pages Router page's segments: pages/i/[token]/start.tsx is /i/[token]/start, index.tsx its folder. */
function pagesRouterSegmentsOf(file: string): Segment[] {
  const parts = path.relative(PAGES, file).replace(/\.tsx?$/, "").split(path.sep);
  if (parts.at(-1) === "index") parts.pop();
  return parts.map(toSegment);
}

/** Every page of the Pages Router: not _app, _document or API routes (pages/api, not used). */
function pagesRouterPages(): string[] {
  if (!existsSync(PAGES)) return [];
  const all = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? all(full) : [full];
    });
  return all(PAGES).filter((file) => {
    const rel = path.relative(PAGES, file);
    return /\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel) && !/^_/.test(rel) && !rel.startsWith(`api${path.sep}`);
  });
}

/** The URL path with each dynamic segment filled by `fill`. */
export function urlOf(segments: Segment[], fill: (s: Segment, i: number) => string): string {
  return "/" + segments.map((s, i) => (s.kind === "static" ? s.value : fill(s, i))).filter(Boolean).join("/");
}

export const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

/** Exported HTTP methods of a route file, read from its source. */
export function exportedMethods(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) found.add(m[1]!);
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(/\s+as\s+/).pop()!.trim();
      if ((METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  // `export const { GET, POST } = …` (e.g. a handler object)
  for (const m of src.matchAll(/export\s+const\s*\{([^}]*)\}\s*=/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(":").pop()!.trim();
      if ((METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return [...found];
}

export type Route = { file: string; segments: Segment[]; methods: string[] };
export type PageRoute = { file: string; segments: Segment[] };

export const routes: Route[] = walk(APP, "route.ts").map((file) => ({ file, segments: segmentsOf(file), methods: exportedMethods(file) }));
export const pages: PageRoute[] = [
  ...walk(APP, "page.tsx").map((file) => ({ file, segments: segmentsOf(file) })),
  ...pagesRouterPages().map((file) => ({ file, segments: pagesRouterSegmentsOf(file) })),
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Link tokens (/i/<token>): 43 base64url characters. */
const LINK_TOKEN = /\/i\/([A-Za-z0-9_-]{43})/g;

/**
 * An account's resources, made through the public API the way an integrator would: an
 * interview with questions, published, with two invitations. Returns what was created.
 */
export async function createResources(ctx: APIRequestContext, origin: string): Promise<{ interviewId: string }> {
  const headers = { origin, "content-type": "application/json" };
  const created = await ctx.post("/api/v1/interviews", {
    headers,
    data: {
      title: "Crawl interview",
      questions: [
        { prompt: "Tell us about yourself", type: "video", rubric: [{ name: "Clarity", description: "Clear and structured", weight: 3 }] },
        { prompt: "Why this role?", type: "text", maxCharacters: 500 },
      ],
    },
  });
  if (created.status() !== 201) throw new Error(`creating an interview answered ${created.status()}: ${await created.text()}`);
  const interviewId = ((await created.json()) as { id?: string; interview?: { id: string } }).id ?? ((await created.json()) as { interview: { id: string } }).interview.id;
  const published = await ctx.post(`/api/v1/interviews/${interviewId}/publish`, { headers });
  if (!published.ok()) throw new Error(`publishing answered ${published.status()}: ${await published.text()}`);
  const invited = await ctx.post(`/api/v1/interviews/${interviewId}/invitations`, {
    headers,
    data: { candidates: [{ email: `crawl-a-${Date.now()}@example.com`, name: "Crawl A" }, { email: `crawl-b-${Date.now()}@example.com`, name: "Crawl B" }] },
  });
  if (!invited.ok()) throw new Error(`inviting answered ${invited.status()}: ${await invited.text()}`);
  // A webhook endpoint, so /api/v1/webhooks/{id} is reached with a real id. Its address refuses
  // connections at once (the discard port): deliveries fail fast (WEBHOOKS_ALLOW_PRIVATE is on
  // for the e2e server).
  const hooked = await ctx.post("/api/v1/webhooks", { headers, data: { url: "http://127.0.0.1:9/crawl", eventTypes: ["candidate.started"] } });
  if (hooked.status() !== 201) throw new Error(`registering a webhook answered ${hooked.status()}: ${await hooked.text()}`);
  // A candidate starts through their link, so the session routes and pages (answers, analysis,
  // review) are reached with a real id, not only a made-up one.
  const rows = (await (await ctx.get(`/api/v1/interviews/${interviewId}/invitations`)).json()) as { data: { link: string }[] };
  const token = new URL(rows.data[0]!.link).pathname.split("/").pop()!;
  const started = await ctx.post(`/i/${token}/session`, { headers, data: { consent: { recording: true, analysis: true } } });
  if (!started.ok()) throw new Error(`starting a candidate session answered ${started.status()}: ${await started.text()}`);
  return { interviewId };
}

/**
 * Every resource id (UUIDs) and link token the account can reach: starts from every static GET
 * route and page, then fills each dynamic segment with what it found, breadth first, until
 * nothing new appears (bounded). New routes and pages are crawled without editing this.
 */
export async function collectIds(ctx: APIRequestContext, { maxRequests = 400 } = {}): Promise<{ ids: string[]; tokens: string[]; urls: string[] }> {
  const ids = new Set<string>();
  const tokens = new Set<string>();
  const seen = new Set<string>();
  const ok: string[] = [];
  const targets = [
    ...routes.filter((r) => r.methods.includes("GET")).map((r) => r.segments),
    ...pages.map((p) => p.segments),
  ].filter((segs) => !segs.some((s) => s.kind === "catchAll" || s.kind === "optionalCatchAll"));
  let requests = 0;
  for (let round = 0; round < 4; round++) {
    const before = ids.size + tokens.size;
    for (const segs of targets) {
      const params = segs.filter((s) => s.kind !== "static");
      const fills: string[][] = params.length === 0 ? [[]] : [...ids, ...tokens].map((id) => params.map(() => id));
      const urls: string[] = [];
      for (const fill of fills) {
        const url = urlOf(segs, (_s, i) => fill[segs.slice(0, i).filter((x) => x.kind !== "static").length] ?? "");
        if (seen.has(url) || url.startsWith("/api/auth") || url.startsWith("/api/inngest") || requests >= maxRequests) continue;
        seen.add(url);
        requests++;
        urls.push(url);
      }
      // One target's URLs a few at a time (what they reveal is used from the next target on).
      let next = 0;
      const fetchOne = async () => {
        while (next < urls.length) {
          const url = urls[next++]!;
          const res = await ctx.get(url, { maxRedirects: 0, failOnStatusCode: false });
          if (res.status() !== 200) continue;
          ok.push(url);
          const body = await res.text().catch(() => "");
          for (const m of body.matchAll(UUID)) ids.add(m[0]);
          for (const m of body.matchAll(LINK_TOKEN)) tokens.add(m[1]!);
        }
      };
      await Promise.all([fetchOne(), fetchOne(), fetchOne(), fetchOne()]);
    }
    if (ids.size + tokens.size === before) break;
  }
  return { ids: [...ids], tokens: [...tokens], urls: ok };
}

/** Names of id fields the Server Actions take, read from their sources (`interviewId`, ...). */
export function actionIdFields(files: string[]): string[] {
  const names = new Set(["id", "deliveryId", "eventId"]);
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/\b([a-z]\w*Id)\b/g)) names.add(m[1]!);
  }
  return [...names];
}
