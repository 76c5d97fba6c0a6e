// Test fixtures for webhooks: a local receiver that records every request and answers each path
// from a queue of statuses, and an interview.created event written by the real use case.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { draftInterview } from "@/tests/interviews";
import { createWebhookEndpoint } from "./create-webhook-endpoint";

export type Received = { path: string; headers: Record<string, string>; body: string };

export type Receiver = {
  base: string;
  received: Received[];
  /** Requests to one path, in order. */
  to: (path: string) => Received[];
  /** The statuses `path` answers with, in turn (200 once they run out). */
  plan: (path: string, statuses: number[]) => void;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plans = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const status = plans.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status >= 300 ? `receiver says ${status}\u0000` : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    to: (path) => received.filter((r) => r.path === path),
    plan: (path, statuses) => plans.set(path, [...statuses]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const hookPath = () => `/hook/${randomUUID()}`;

/** An endpoint of `actor` on the receiver's `path`, answering with `statuses` in turn. */
export async function endpointFor(receiver: Receiver, actor: { id: string }, path: string, eventTypes: string[], statuses: number[] = []) {
  receiver.plan(path, statuses);
  return createWebhookEndpoint({ actor, input: { url: receiver.base + path, eventTypes } });
}

/** A draft interview of `actor`, and the interview.created event its creation stored. */
export async function interviewCreated(actor: { id: string }): Promise<DomainEvent> {
  const interview = await draftInterview(actor, { title: `Webhook test ${randomUUID().slice(0, 6)}` });
  const db = await getDb();
  const row = await db.event.findFirstOrThrow({ where: { eventType: "interview.created", data: { path: ["interviewId"], equals: interview.id } } });
  return toDomainEvent(row);
}
