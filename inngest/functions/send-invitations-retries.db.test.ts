// send-invitations when the provider fails for one recipient, on both engines, through the
// real Resend SDK against the local Resend server: the others are still sent, the failing one
// stays pending with the error and is sent by a retry once the failure clears, and when it
// never clears it ends `failed` with the error after the function's last try. Sends through
// Resend are paced.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import type { EmailSender } from "@/lib/adapters/email/types";
import { getDb, getDbHandle } from "@/lib/db/client";
import { describeFunction } from "@/lib/engine/functions";
import { toInngestEvent } from "@/lib/engine/inngest-client";
import { EventRunner } from "@/lib/engine/runner";
import type { DomainEvent } from "@/lib/events/catalog";
import { toDomainEvent } from "@/lib/events/stored";
import { addInvitations } from "@/lib/server/invitations/add-invitations";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";
import {
  RESEND_PACE_MS,
  SEND_INVITATIONS_RETRIES,
} from "@/lib/server/invitations/send-invitation-emails";
import { engines, newDelivery, type Engine } from "@/tests/engines";
import { startResendServer, type ResendServer } from "@/tests/resend-server";
import { sendInvitationsFn } from "./send-invitations";

const local = vi.hoisted(() => ({
  server: null as ResendServer | null,
  sendTimes: [] as number[],
}));

// The configured adapter is Resend, pointed at the local server (the SDK itself, unmocked).
vi.mock("@/lib/adapters/email", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/adapters/email")>();
  const { ResendEmailSender } = await import("@/lib/adapters/email/resend");
  return {
    ...real,
    getEmailSender: (): EmailSender => {
      const resend = new ResendEmailSender(
        local.server!.apiKey,
        local.server!.url,
      );
      return {
        kind: "resend",
        send: (message) => {
          local.sendTimes.push(Date.now());
          return resend.send(message);
        },
      };
    },
  };
});

beforeAll(async () => {
  local.server = await startResendServer();
});
afterAll(async () => {
  await local.server?.close();
});
beforeEach(() => {
  local.server!.reset();
  local.sendTimes.length = 0;
});

const quiet = { info() {}, warn() {}, error() {} };

type Try = { error: string | null; output: unknown };

/**
 * Tries of one delivery of the event, one at a time, as the engine would make them: on
 * @inngest/test each try is an execution with the given `attempt`; on the embedded runner the
 * delivery has the function's own number of tries and the runner counts them.
 */
async function deliveryOf(
  engine: Engine,
  event: DomainEvent,
): Promise<{ next: (attempt: number) => Promise<Try> }> {
  if (engine.name === "@inngest/test") {
    // @inngest/test runs every step of an execution at once (no retry of its own).
    return {
      async next(attempt) {
        const test = new InngestTestEngine({
          function: sendInvitationsFn,
          events: [toInngestEvent(event) as never],
          transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt }),
        });
        const { result, error } = await test.execute();
        return {
          error: error ? String((error as Error).message ?? error) : null,
          output: result,
        };
      },
    };
  }
  const described = describeFunction(sendInvitationsFn);
  expect(described.maxAttempts).toBe(SEND_INVITATIONS_RETRIES + 1);
  const handle = await getDbHandle();
  const deliveryId = await newDelivery(
    described,
    event,
    "tests/send-invitations-retries",
    described.maxAttempts,
  );
  const runner = new EventRunner({
    functions: [described],
    logger: quiet,
    backoffMs: () => 3_600_000,
  });
  return {
    async next() {
      await handle.query(
        "UPDATE deliveries SET run_at = now() WHERE id = $1 AND status = 'queued'",
        [deliveryId],
      );
      await runner.drain();
      const [d] = await handle.query<{
        status: string;
        output: unknown;
        last_error: string | null;
      }>("SELECT status, output, last_error FROM deliveries WHERE id = $1", [
        deliveryId,
      ]);
      if (d!.status === "completed") return { error: null, output: d!.output };
      expect(d!.status).toBe("queued");
      return { error: d!.last_error ?? "no error recorded", output: null };
    },
  };
}

async function lastPublished(
  interviewId: string,
): Promise<DomainEvent<"interview.published">> {
  const db = await getDb();
  const rows = await db.event.findMany({
    where: { eventType: "interview.published" },
    orderBy: { seq: "desc" },
  });
  const row = rows.find(
    (r) => (r.data as { interviewId: string }).interviewId === interviewId,
  );
  if (!row) throw new Error("no interview.published event");
  return toDomainEvent(row) as DomainEvent<"interview.published">;
}

async function invitationsOf(interviewId: string) {
  const db = await getDb();
  const rows = await db.invitation.findMany({
    where: { interviewId },
    orderBy: { email: "asc" },
  });
  return Object.fromEntries(rows.map((r) => [r.email, r]));
}

async function announcedCount(interviewId: string): Promise<number> {
  const db = await getDb();
  const ids = (
    await db.notification.findMany({
      where: { interviewId },
      select: { id: true },
    })
  ).map((n) => n.id);
  const events = await db.event.findMany({
    where: { eventType: "notification.sent" },
  });
  return events.filter((e) =>
    ids.includes((e.data as { notificationId: string }).notificationId),
  ).length;
}

/** A published interview without a deadline, with these candidates invited (not emailed yet). */
async function interviewInviting(emails: string[]) {
  const { user, interview } = await hrWithInterview({ deadline: null });
  await addInvitations({
    actor: user,
    interviewId: interview.id,
    input: { candidates: emails.map((email) => ({ email })) },
  });
  return interview;
}

const received = (to: string) =>
  local.server!.emails.filter((e) => e.to.includes(to)).length;

describe.each(engines)(
  "send-invitations with a failing recipient on $name",
  (engine) => {
    it("sends the others, keeps the failing one pending with the error, and sends it on a retry once the failure clears", async () => {
      const interview = await interviewInviting([
        "ada@example.com",
        "bob@example.com",
        "cat@example.com",
      ]);
      local.server!.failFor("bob@example.com", 429, 1, {
        name: "rate_limit_exceeded",
        message: "Too many requests",
      });
      const delivery = await deliveryOf(
        engine,
        await lastPublished(interview.id),
      );

      const first = await delivery.next(0);
      expect(first.error).toMatch(/failed temporarily.*Too many requests/);
      // Bob's failure did not stop Cat, who comes after him.
      expect(received("ada@example.com")).toBe(1);
      expect(received("cat@example.com")).toBe(1);
      expect(received("bob@example.com")).toBe(0);
      const during = await invitationsOf(interview.id);
      expect(during["bob@example.com"]).toMatchObject({
        emailStatus: "pending",
      });
      expect(during["bob@example.com"]!.emailError).toMatch(
        /^Temporary failure, retrying: .*Too many requests/,
      );

      const second = await delivery.next(1);
      expect(second.error).toBeNull();
      expect(second.output).toMatchObject({ invited: 1, failed: 0 });
      // Each sent once (Ada's and Cat's came back as duplicates), and each announced once.
      expect(local.server!.emails.map((e) => e.to[0]).sort()).toEqual([
        "ada@example.com",
        "bob@example.com",
        "cat@example.com",
      ]);
      const after = await invitationsOf(interview.id);
      for (const email of [
        "ada@example.com",
        "bob@example.com",
        "cat@example.com",
      ]) {
        expect(after[email], email).toMatchObject({
          emailStatus: "sent",
          emailError: null,
        });
      }
      expect(await announcedCount(interview.id)).toBe(3);

      // Sends through Resend are paced (2 requests a second at most).
      const gaps = local.sendTimes
        .slice(1)
        .map((t, i) => t - local.sendTimes[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RESEND_PACE_MS - 25);
    });

    it("marks the invitation failed with the error after the last try when the failure never clears", async () => {
      const interview = await interviewInviting([
        "ada@example.com",
        "bob@example.com",
      ]);
      local.server!.failFor("bob@example.com", 500);
      const delivery = await deliveryOf(
        engine,
        await lastPublished(interview.id),
      );

      const tries: Try[] = [];
      if (engine.name === "@inngest/test") {
        tries.push(
          await delivery.next(0),
          await delivery.next(SEND_INVITATIONS_RETRIES),
        );
      } else {
        for (let i = 0; i <= SEND_INVITATIONS_RETRIES; i++) {
          tries.push(await delivery.next(i));
          if (tries.at(-1)!.error === null) break;
        }
        expect(tries).toHaveLength(SEND_INVITATIONS_RETRIES + 1);
      }
      expect(tries.slice(0, -1).every((t) => t.error !== null)).toBe(true);
      expect(tries.at(-1)).toMatchObject({
        error: null,
        output: { failed: 1 },
      });

      const rows = await invitationsOf(interview.id);
      expect(rows["ada@example.com"]).toMatchObject({
        emailStatus: "sent",
        emailError: null,
      });
      expect(rows["bob@example.com"]).toMatchObject({ emailStatus: "failed" });
      expect(rows["bob@example.com"]!.emailError).toMatch(
        /temporary failures.*Simulated failure/,
      );
      expect(received("ada@example.com")).toBe(1);
      expect(received("bob@example.com")).toBe(0);
      // Bob's email is not left queued in the outbox either.
      const db = await getDb();
      const bob = await db.notification.findFirstOrThrow({
        where: { interviewId: interview.id, to: "bob@example.com" },
      });
      expect(bob.status).toBe("failed");
    });
  },
);
