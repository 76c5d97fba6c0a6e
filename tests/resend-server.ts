// A local server speaking Resend's email API (`POST /emails`), for tests through the real
// `resend` SDK: `new Resend(apiKey, { baseUrl: server.url })`. It checks the bearer key, reads
// the SDK's snake_case JSON, answers `{ id }`, honours `Idempotency-Key` (the same key and body
// answer the first id and send nothing; the same key with another body is a 409, as Resend
// does), answers errors in Resend's shape `{ statusCode, name, message }`, and can be told to
// fail for given recipients. Every email it accepted is in `emails`.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedResendEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
};

type Failure = { status: 422 | 500 | 429 | 401 | 403; times: number; name?: string; message?: string };

export type ResendServer = {
  url: string;
  apiKey: string;
  /** Emails accepted (once per idempotency key). */
  emails: ReceivedResendEmail[];
  /** Every POST /emails, answered with success or not. */
  requests: { to: string[]; idempotencyKey: string | null; status: number }[];
  /** The next `times` requests to this recipient (default: all) answer `status` (with `answer`'s name and message if given). */
  failFor: (recipient: string, status: Failure["status"], times?: number, answer?: { name: string; message: string }) => void;
  reset: () => void;
  close: () => Promise<void>;
};

const ERROR_NAMES: Record<number, string> = {
  401: "invalid_api_key",
  403: "validation_error",
  409: "invalid_idempotent_request",
  422: "validation_error",
  429: "rate_limit_exceeded",
  500: "internal_server_error",
};

export async function startResendServer({ apiKey = "re_test_key" }: { apiKey?: string } = {}): Promise<ResendServer> {
  const emails: ReceivedResendEmail[] = [];
  const requests: ResendServer["requests"] = [];
  const failures = new Map<string, Failure>();
  const idempotent = new Map<string, { hash: string; id: string }>();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string) =>
    answer(res, status, { statusCode: status, name: ERROR_NAMES[status] ?? "application_error", message });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || req.url !== "/emails") return error(res, 404, `No route ${req.method} ${req.url}`);
    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(res, 401, "API key is invalid");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return error(res, 422, "Invalid JSON body");
    }
    const to = (Array.isArray(body.to) ? body.to : [body.to]).filter((v): v is string => typeof v === "string");
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const record = (status: number) => requests.push({ to, idempotencyKey: key, status });

    if (typeof body.from !== "string" || to.length === 0 || typeof body.subject !== "string" || !(body.text || body.html)) {
      record(422);
      return error(res, 422, "Missing `from`, `to`, `subject` or content");
    }
    for (const recipient of to) {
      const failure = failures.get(recipient.toLowerCase());
      if (failure && failure.times > 0) {
        failure.times -= 1;
        record(failure.status);
        const message =
          failure.message ??
          (failure.status === 422 ? `Invalid \`to\` field: ${recipient}` : failure.status === 403 ? "The example.com domain is not verified." : "Simulated failure");
        if (failure.name) return answer(res, failure.status, { statusCode: failure.status, name: failure.name, message });
        return error(res, failure.status, message);
      }
    }
    const hash = createHash("sha256").update(raw).digest("hex");
    if (key) {
      const seen = idempotent.get(key);
      if (seen && seen.hash !== hash) {
        record(409);
        return error(res, 409, "This idempotency key has been used with a different payload");
      }
      if (seen) {
        record(200);
        return answer(res, 200, { id: seen.id });
      }
    }
    const id = randomUUID();
    if (key) idempotent.set(key, { hash, id });
    emails.push({
      id,
      from: body.from,
      to,
      subject: body.subject,
      text: typeof body.text === "string" ? body.text : undefined,
      html: typeof body.html === "string" ? body.html : undefined,
      idempotencyKey: key,
      body,
    });
    record(200);
    answer(res, 200, { id });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    emails,
    requests,
    failFor: (recipient, status, times = Number.POSITIVE_INFINITY, answer) => failures.set(recipient.toLowerCase(), { status, times, ...answer }),
    reset: () => {
      emails.length = 0;
      requests.length = 0;
      failures.clear();
      idempotent.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
