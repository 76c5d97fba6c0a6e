// A local S3-compatible server for tests: s3rver 3.7.1 behind a small HTTP front that adds the
// two multipart operations s3rver lacks and @tus/s3-store needs, answered from s3rver's own
// files (<dir>/<bucket>/._S3rver_uploads/<uploadId>/<part> and <part>.md5):
// - ListParts (GET /<bucket>/<key>?uploadId=…): the finished parts, their ETag and Size;
// - AbortMultipartUpload (DELETE /<bucket>/<key>?uploadId=…): drops the parts (204).
// An unknown upload id is 404 NoSuchUpload, as S3 answers. Everything else goes to s3rver
// unchanged (it checks the signatures; these two operations are not signature-checked here).
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type TestS3 = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Requests seen by operation (`ListParts`, `AbortMultipartUpload`, `other`). */
  calls: Record<string, number>;
  close: () => Promise<void>;
};

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function xml(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function noSuchUpload(res: http.ServerResponse, uploadId: string) {
  xml(
    res,
    404,
    `<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${xmlEscape(uploadId)}</UploadId></Error>`,
  );
}

export async function startTestS3(bucket = "intervue-test"): Promise<TestS3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "test-s3-"));
  const s3rver = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port: upstreamPort } = await s3rver.run();
  const calls: Record<string, number> = {};
  const count = (op: string) => (calls[op] = (calls[op] ?? 0) + 1);

  // The upload's directory in s3rver's store, when it exists and is for this key.
  async function uploadDir(b: string, key: string, uploadId: string): Promise<string | null> {
    if (!/^[A-Za-z0-9._-]+$/.test(uploadId)) return null;
    const d = path.join(dir, b, "._S3rver_uploads", uploadId);
    const stored = await readFile(path.join(d, "key"), "utf8").catch(() => null);
    return stored === key ? d : null;
  }

  const front = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const uploadId = url.searchParams.get("uploadId");
    const [, b, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const listParts = req.method === "GET" && uploadId !== null && !url.searchParams.has("partNumber");
    const abort = req.method === "DELETE" && uploadId !== null;
    try {
      if (listParts || abort) {
        count(listParts ? "ListParts" : "AbortMultipartUpload");
        req.resume();
        const d = b ? await uploadDir(b, key, uploadId) : null;
        if (!d) return noSuchUpload(res, uploadId);
        if (abort) {
          await rm(d, { recursive: true, force: true });
          res.writeHead(204).end();
          return;
        }
        const marker = Number(url.searchParams.get("part-number-marker") ?? 0);
        const maxParts = Math.min(1000, Number(url.searchParams.get("max-parts") ?? 1000));
        // A part counts once its .md5 is written (s3rver writes it after the bytes).
        const numbers = (await readdir(d))
          .filter((f) => /^\d+\.md5$/.test(f))
          .map((f) => Number(f.slice(0, -4)))
          .filter((n) => n > marker)
          .sort((x, y) => x - y);
        const page = numbers.slice(0, maxParts);
        const parts = await Promise.all(
          page.map(async (n) => {
            const [md5, info] = await Promise.all([readFile(path.join(d, `${n}.md5`), "utf8"), stat(path.join(d, String(n)))]);
            return `<Part><PartNumber>${n}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5.trim()}"</ETag><Size>${info.size}</Size></Part>`;
          }),
        );
        const truncated = numbers.length > page.length;
        return xml(
          res,
          200,
          `<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xmlEscape(b!)}</Bucket><Key>${xmlEscape(key)}</Key>` +
            `<UploadId>${xmlEscape(uploadId)}</UploadId><PartNumberMarker>${marker}</PartNumberMarker>` +
            `<NextPartNumberMarker>${page.at(-1) ?? marker}</NextPartNumberMarker><MaxParts>${maxParts}</MaxParts>` +
            `<IsTruncated>${truncated}</IsTruncated><StorageClass>STANDARD</StorageClass>${parts.join("")}</ListPartsResult>`,
        );
      }
      count("other");
      const upstream = http.request(
        { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const { port } = front.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    calls,
    close: async () => {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await s3rver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
