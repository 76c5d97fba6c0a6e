// A local server speaking the part of UploadThing's API the server SDK (UTApi, uploadthing
// 7.7.4) uses, for the storage adapter's tests:
// - ingest: PUT /<fileKey>?expires=…&x-ut-identifier=…&x-ut-file-name=…&x-ut-file-size=…
//   &x-ut-file-type=…&x-ut-custom-id=…&x-ut-acl=…&signature=hmac-sha256=<hex>, a multipart
//   body with one field `file`; the signature is an HMAC-SHA256 of the URL (without the
//   signature) under the API key, and the URL expires. Answers {url, appUrl, ufsUrl, fileHash}.
//   The body is streamed to disk; the file is the bytes between the part's headers and the
//   closing boundary, and must have the signed size. A customId already in use is a 409.
// - API: POST /v6/deleteFiles, /v6/listFiles with `x-uploadthing-api-key`.
// - file host: GET/HEAD /a/<appId>/<fileKey or customId> (the SDK's "path" URL form), signed
//   like the ingest URL for private files, with single byte ranges (206, 416).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export type StoredFile = {
  key: string;
  customId: string | null;
  name: string;
  size: number;
  type: string;
  acl: string;
  /** The raw request body on disk, and where the file's bytes are in it. */
  bodyPath: string;
  start: number;
  sha256: string;
  uploadedAt: number;
};

export type TestUploadThing = {
  /** A token for this server's app. */
  token: string;
  apiKey: string;
  appId: string;
  apiUrl: string;
  ingestUrl: string;
  /** For UTApi's ufsHost (with ufsAppIdLocation "path"). */
  ufsHost: string;
  files: Map<string, StoredFile>;
  /** Requests by kind, and the largest ingest body seen. */
  calls: Record<string, number>;
  /** How the file host answers (tests flip these): contentLength false sends none (chunked). */
  fileHost: { contentLength: boolean };
  close: () => Promise<void>;
};

const sign = (url: string, apiKey: string) => `hmac-sha256=${createHmac("sha256", apiKey).update(url).digest("hex")}`;

/** The URL's signature is valid and it has not expired. */
function verifySigned(fullUrl: string, apiKey: string): URLSearchParams | null {
  const i = fullUrl.lastIndexOf("&signature=");
  if (i < 0) return null;
  const signed = fullUrl.slice(0, i);
  const given = decodeURIComponent(fullUrl.slice(i + "&signature=".length));
  const expected = sign(signed, apiKey);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  const params = new URL(signed).searchParams;
  if (!(Number(params.get("expires")) > Date.now())) return null;
  return params;
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

export async function startTestUploadThing(): Promise<TestUploadThing> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "test-uploadthing-"));
  const apiKey = `sk_test_${createHash("sha256").update(dir).digest("hex").slice(0, 32)}`;
  const appId = "testapp123";
  const files = new Map<string, StoredFile>();
  const calls: Record<string, number> = {};
  const count = (op: string) => (calls[op] = (calls[op] ?? 0) + 1);
  let port = 0;
  let bodies = 0;

  const byKeyOrCustomId = (id: string) => files.get(id) ?? [...files.values()].find((f) => f.customId === id);

  async function ingest(req: http.IncomingMessage, res: http.ServerResponse, fullUrl: string, key: string) {
    count("ingest");
    const params = verifySigned(fullUrl, apiKey);
    if (!params || params.get("x-ut-identifier") !== appId) {
      req.resume();
      return json(res, 403, { error: "Invalid signature" });
    }
    const field = (name: string) => {
      const v = params.get(name);
      return v === null ? null : decodeURIComponent(v);
    };
    const customId = field("x-ut-custom-id");
    if (customId && byKeyOrCustomId(customId)) {
      req.resume();
      return json(res, 409, { error: "A file with this customId already exists" });
    }
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
    if (!boundary) {
      req.resume();
      return json(res, 400, { error: "Expected multipart/form-data" });
    }
    const bodyPath = path.join(dir, `body-${++bodies}`);
    await pipeline(req, createWriteStream(bodyPath));
    // One part: its headers end at the first blank line; the closing boundary ends the body.
    const total = (await stat(bodyPath)).size;
    const fh = await open(bodyPath, "r");
    try {
      const headBuf = Buffer.alloc(Math.min(total, 8192));
      await fh.read(headBuf, 0, headBuf.length, 0);
      const head = headBuf.toString("latin1");
      const start = head.indexOf("\r\n\r\n") + 4;
      const closing = `\r\n--${boundary[1] ?? boundary[2]}--\r\n`;
      const tailBuf = Buffer.alloc(closing.length);
      await fh.read(tailBuf, 0, closing.length, total - closing.length);
      if (start < 4 || !/name="file"/.test(head.slice(0, start)) || tailBuf.toString("latin1") !== closing) {
        return json(res, 400, { error: "Malformed multipart body" });
      }
      const size = total - closing.length - start;
      if (String(size) !== field("x-ut-file-size")) return json(res, 400, { error: `File size ${size} differs from the signed size` });
      const hash = createHash("sha256");
      await pipeline(createReadStream(bodyPath, { start, end: start + size - 1 }), hash);
      const sha256 = size === 0 ? createHash("sha256").digest("hex") : hash.digest("hex");
      files.set(key, {
        key,
        customId,
        name: field("x-ut-file-name") ?? key,
        size,
        type: field("x-ut-file-type") ?? "application/octet-stream",
        acl: field("x-ut-acl") ?? "public-read",
        bodyPath,
        start,
        sha256,
        uploadedAt: Date.now(),
      });
      const ufsUrl = `http://localhost:${port}/a/${appId}/${key}`;
      json(res, 200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: sha256 });
    } finally {
      await fh.close();
    }
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, op: string) {
    count(op);
    if (req.headers["x-uploadthing-api-key"] !== apiKey) {
      req.resume();
      return json(res, 401, { error: "Invalid API key" });
    }
    const body = await readJson(req);
    if (op === "deleteFiles") {
      const ids = [...((body.fileKeys as string[]) ?? []), ...((body.customIds as string[]) ?? [])];
      let deletedCount = 0;
      for (const id of ids) {
        const f = byKeyOrCustomId(id);
        if (!f) continue;
        files.delete(f.key);
        await rm(f.bodyPath, { force: true });
        deletedCount++;
      }
      return json(res, 200, { success: true, deletedCount });
    }
    if (op === "listFiles") {
      const list = [...files.values()].map((f) => ({
        id: f.key,
        customId: f.customId,
        key: f.key,
        name: f.name,
        size: f.size,
        status: "Uploaded",
        uploadedAt: f.uploadedAt,
      }));
      return json(res, 200, { hasMore: false, files: list });
    }
    return json(res, 404, { error: `Unknown operation ${op}` });
  }

  const fileHost = { contentLength: true };
  function serveFile(req: http.IncomingMessage, res: http.ServerResponse, fullUrl: string, id: string) {
    count("file");
    const f = byKeyOrCustomId(id);
    const signedOk = verifySigned(fullUrl, apiKey) !== null;
    if (f && f.acl === "private" && !signedOk) return json(res, 403, { error: "This file is private: use a signed URL" });
    if (!f) return json(res, 404, { error: "Not found" });
    const headers: Record<string, string> = { "content-type": f.type, "accept-ranges": "bytes" };
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
    let start = 0;
    let end = f.size - 1;
    let status = 200;
    if (range && (range[1] || range[2])) {
      if (range[1]) {
        start = Number(range[1]);
        end = range[2] ? Math.min(Number(range[2]), f.size - 1) : f.size - 1;
      } else {
        start = Math.max(0, f.size - Number(range[2]));
      }
      if (start >= f.size || start > end) {
        res.writeHead(416, { "content-range": `bytes */${f.size}` });
        return res.end();
      }
      status = 206;
      headers["content-range"] = `bytes ${start}-${end}/${f.size}`;
    }
    if (fileHost.contentLength) headers["content-length"] = String(f.size === 0 ? 0 : end - start + 1);
    res.writeHead(status, headers);
    if (req.method === "HEAD" || f.size === 0) return res.end();
    createReadStream(f.bodyPath, { start: f.start + start, end: f.start + end }).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const fullUrl = `http://${req.headers.host}${req.url}`;
    const url = new URL(fullUrl);
    const v6 = /^\/v6\/([A-Za-z]+)$/.exec(url.pathname);
    const file = /^\/a\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const run = async () => {
      if (req.method === "POST" && v6) return api(req, res, v6[1]!);
      if ((req.method === "GET" || req.method === "HEAD") && file && file[1] === appId) return serveFile(req, res, fullUrl, decodeURIComponent(file[2]!));
      if (req.method === "PUT" && /^\/[A-Za-z0-9_-]+$/.test(url.pathname)) return ingest(req, res, fullUrl, url.pathname.slice(1));
      req.resume();
      json(res, 404, { error: "Not found" });
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  // All interfaces: the SDK's file URLs name `localhost`, which may resolve to ::1.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  port = (server.address() as AddressInfo).port;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["local"] })).toString("base64");
  return {
    token,
    apiKey,
    appId,
    apiUrl: `http://localhost:${port}`,
    ingestUrl: `http://localhost:${port}`,
    ufsHost: `localhost:${port}`,
    files,
    calls,
    fileHost,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
