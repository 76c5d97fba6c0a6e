// A stand-in for Inngest's Event API in tests, speaking its protocol so the real SDK's
// `inngest.send` talks to it: `POST /e/:eventKey` with a JSON event or array of events answers
// `{ "ids": [...], "status": 200 }`. It records every event it accepts (duplicates included:
// Inngest would de-duplicate by id, this server shows whether anything was sent twice), and can
// reject a wrong key (401), answer 503, refuse connections or hang, and recover.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type ReceivedEvent = {
  name: string;
  id: string;
  data: Record<string, unknown>;
  ts?: number;
  v?: string;
  [key: string]: unknown;
};

export type EventApiRequest = { key: string; status: number; events: number };

/** How the server is down: answering 503, refusing connections (port closed), or never answering. */
export type Outage = "503" | "closed" | "hang";

export type FakeInngestOptions = {
  /** The only event key accepted (others get 401). Unset: any key. */
  eventKey?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
};

export class FakeInngest {
  /** Every accepted event, in arrival order. */
  readonly received: ReceivedEvent[] = [];
  /** Every request to the Event API, accepted or not. */
  readonly requests: EventApiRequest[] = [];
  /** The accepted event key; change it to simulate a key rotation. Unset: any key. */
  eventKey: string | undefined;
  private outage: Outage | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<http.ServerResponse>();
  private server: http.Server | null = null;
  private port: number;

  private constructor(opts: FakeInngestOptions) {
    this.eventKey = opts.eventKey;
    this.port = opts.port ?? 0;
  }

  static async start(opts: FakeInngestOptions = {}): Promise<FakeInngest> {
    const fake = new FakeInngest(opts);
    await fake.listen();
    return fake;
  }

  /** Base URL for the SDK's `baseUrl` option (or INNGEST_BASE_URL). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Ids received more than once. */
  get duplicates(): string[] {
    const seen = new Set<string>();
    const dup = new Set<string>();
    for (const e of this.received) (seen.has(e.id) ? dup : seen).add(e.id);
    return [...dup];
  }

  get isDown(): boolean {
    return this.outage !== null;
  }

  /** Takes the Event API down: 503 answers, a closed port, or requests that never get an answer. */
  async down(how: Outage = "closed"): Promise<void> {
    if (this.outage === "closed") await this.listen();
    this.outage = how;
    if (how === "closed") await this.closeServer();
  }

  /** Back up on the same port; requests left hanging are dropped (their connections closed). */
  async up(): Promise<void> {
    const was = this.outage;
    this.outage = null;
    this.dropHung();
    if (was === "closed") await this.listen();
  }

  async close(): Promise<void> {
    this.outage = null;
    this.dropHung();
    await this.closeServer();
  }

  private createServer(): http.Server {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => answer(res, 500, { error: String(err), status: 500 }));
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    return server;
  }

  private listen(): Promise<void> {
    if (this.server?.listening) return Promise.resolve();
    const server = this.createServer();
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }

  private dropHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/e\/([^/?]+)\/?(?:\?.*)?$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) {
      answer(res, 404, { error: `no route ${req.method} ${req.url}`, status: 404 });
      return;
    }
    const key = decodeURIComponent(match[1]!);
    const body = await readBody(req);
    const record = (status: number, events = 0) => this.requests.push({ key, status, events });
    if (this.outage === "hang") {
      record(0);
      this.hung.add(res);
      return;
    }
    if (this.outage === "503") {
      record(503);
      answer(res, 503, { error: "service unavailable", status: 503 });
      return;
    }
    if (this.eventKey !== undefined && key !== this.eventKey) {
      record(401);
      answer(res, 401, { error: "Event key not found", status: 401 });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      record(400);
      answer(res, 400, { error: "Cannot process event payload: invalid JSON", status: 400 });
      return;
    }
    const events = Array.isArray(parsed) ? parsed : [parsed];
    const problems = events.flatMap((e, i) => invalid(e).map((p) => `event ${i}: ${p}`));
    if (events.length === 0 || problems.length > 0) {
      record(400);
      answer(res, 400, { error: problems.join("; ") || "no events", status: 400 });
      return;
    }
    record(200, events.length);
    this.received.push(...(events as ReceivedEvent[]));
    answer(res, 200, { ids: events.map(() => randomUUID()), status: 200 });
  }
}

function invalid(e: unknown): string[] {
  if (typeof e !== "object" || e === null || Array.isArray(e)) return ["not an object"];
  const ev = e as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof ev.name !== "string" || ev.name === "") problems.push("name is required");
  if (typeof ev.id !== "string" || ev.id === "") problems.push("id is required");
  if (typeof ev.data !== "object" || ev.data === null || Array.isArray(ev.data)) problems.push("data must be an object");
  if (ev.ts !== undefined && typeof ev.ts !== "number") problems.push("ts must be a number");
  return problems;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
