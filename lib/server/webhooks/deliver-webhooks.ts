import "server-only";
// The effects of the deliver-webhooks consumer (inngest/functions/deliver-webhooks.ts), one
// function per step.
//
// Who receives what: an event goes to the live, enabled endpoints of the account it belongs to
// (events.owner_id: the account of a userId-keyed event, the interview's owner for a candidate
// session's) that chose its type. An event without an owner (a gateway's sign-in of an unknown
// identity) goes nowhere. The body is Standard Webhooks' recommended shape: `{type, timestamp,
// data}`, `data` being the event's standard envelope as the catalog documents it
// (docs/events.md), so it holds that account's own data only.
//
// Each (endpoint, event) pair is one webhook_deliveries row, unique, created by the "plan"
// step: a second delivery of the same event finds the rows and sends nothing twice to an
// endpoint that already answered 2xx. The body is stored as the exact string that was signed,
// so a resend sends the same bytes (with a fresh timestamp and signature, the same webhook-id:
// the event's id).
import { getDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/catalog";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/config";
import { PermanentEmailError, sendEmail, type SendEmailResult } from "@/lib/server/notifications/send-email";
import { sendWebhook, type SendOutcome } from "./send-webhook";

/** Seconds before each retry (WEBHOOK_RETRY_SCHEDULE); its length is the number of retries. */
export function retrySchedule(value: string = env.WEBHOOK_RETRY_SCHEDULE): number[] {
  return value.split(",").map((s) => Number(s.trim()));
}

/** The request body: Standard Webhooks' `{type, timestamp, data}` with the event's envelope as `data`. */
export function webhookBody(event: DomainEvent): string {
  return JSON.stringify({ type: event.eventType, timestamp: event.timestamp, data: event });
}

export type PlannedDelivery = { id: string; endpointId: string };
export type DeliveryPlan = { deliveries: PlannedDelivery[]; reason?: string };

/**
 * Step "plan": one delivery row per endpoint that should receive the event (existing rows are
 * kept). One statement: every event of every account passes here, and most go nowhere.
 */
export async function planWebhookDeliveries(event: DomainEvent): Promise<DeliveryPlan> {
  const db = await getDb();
  // The stored event's data, not the delivered copy: an erasure scrubs the stored one, and a
  // late delivery must not send the candidate's data back out.
  const stored = await db.event.findUnique({ where: { eventId: event.eventId }, select: { data: true } });
  const payload = JSON.stringify(webhookBody(stored ? ({ ...event, data: stored.data } as DomainEvent) : event));
  // The inserted rows are not visible to the same statement's SELECT, hence the union.
  const rows = await db.$queryRaw<{ id: string; endpoint_id: string; created_at: Date }[]>`
    WITH targets AS (
      SELECT w.id, w.created_at FROM events e
        JOIN webhook_endpoints w ON w.user_id = e.owner_id
        JOIN users u ON u.id = w.user_id
       WHERE e.event_id = ${event.eventId}::uuid AND w.deleted_at IS NULL AND w.enabled
         AND ${event.eventType} = ANY (w.event_types) AND u.deleted_at IS NULL
    ), inserted AS (
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload)
      SELECT gen_random_uuid(), t.id, ${event.eventId}::uuid, ${event.eventType}, ${payload}::jsonb FROM targets t
      ON CONFLICT (endpoint_id, event_id) DO NOTHING
      RETURNING id, endpoint_id
    )
    SELECT i.id::text AS id, i.endpoint_id::text AS endpoint_id, t.created_at FROM inserted i JOIN targets t ON t.id = i.endpoint_id
    UNION ALL
    SELECT d.id::text, d.endpoint_id::text, t.created_at FROM webhook_deliveries d JOIN targets t ON t.id = d.endpoint_id
     WHERE d.event_id = ${event.eventId}::uuid
    ORDER BY created_at, endpoint_id`;
  if (rows.length === 0) return { deliveries: [], reason: "no enabled endpoint of the event's account takes its type" };
  return { deliveries: rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id })) };
}

export type AttemptResult = {
  /** delivered; retry: failed, another try is due; failed: failed after every try; skipped: the endpoint is gone or disabled. */
  state: "delivered" | "retry" | "failed" | "skipped";
  status: number | null;
  /** Set when this failure disabled the endpoint (its owner is then emailed). */
  disabled?: { endpointId: string; disabledAt: string; failures: number };
};

/**
 * Step "send-<endpoint>-<try>": one try of one delivery. A delivery that is already settled
 * (delivered, or failed for good) is not sent again. `final`: no retry follows, so a failure
 * counts against the endpoint, which is disabled after WEBHOOK_DISABLE_AFTER of them in a row.
 */
export async function attemptWebhookDelivery({ deliveryId, final }: { deliveryId: string; final: boolean }): Promise<AttemptResult> {
  const db = await getDb();
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery) return { state: "skipped", status: null };
  if (delivery.status === "delivered") return { state: "delivered", status: delivery.responseStatus };
  if (delivery.status === "failed") return { state: "failed", status: delivery.responseStatus };
  const { endpoint } = delivery;
  if (endpoint.deletedAt || !endpoint.enabled) {
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", error: endpoint.deletedAt ? "Not sent: the endpoint was deleted." : "Not sent: the endpoint is disabled." },
    });
    return { state: "skipped", status: null };
  }
  const outcome = await sendWebhook({ url: endpoint.url, secret: endpoint.secret, messageId: delivery.eventId, body: delivery.payload as string });
  const settled = outcome.ok || final;
  await recordAttempt(delivery.id, outcome, outcome.ok ? "delivered" : settled ? "failed" : "pending");
  if (outcome.ok) {
    if (endpoint.consecutiveFailures > 0) {
      await db.webhookEndpoint.updateMany({ where: { id: endpoint.id, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0 } });
    }
    return { state: "delivered", status: outcome.status };
  }
  if (!final) return { state: "retry", status: outcome.status };
  const disabled = await countFailure(endpoint.id);
  return { state: "failed", status: outcome.status, ...(disabled ? { disabled } : {}) };
}

export async function recordAttempt(deliveryId: string, outcome: SendOutcome, status: "pending" | "delivered" | "failed"): Promise<void> {
  const db = await getDb();
  const now = new Date();
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      status,
      attempts: { increment: 1 },
      responseStatus: outcome.status,
      error: outcome.error,
      durationMs: outcome.durationMs,
      lastAttemptAt: now,
      ...(outcome.ok ? { deliveredAt: now } : {}),
    },
  });
}

/** One more delivery failed for good; the one that reaches the limit disables the endpoint (once). */
async function countFailure(endpointId: string): Promise<AttemptResult["disabled"] | undefined> {
  const db = await getDb();
  const limit = env.WEBHOOK_DISABLE_AFTER;
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ failures: number }[]>`
      UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, updated_at = now()
       WHERE id = ${endpointId}::uuid RETURNING consecutive_failures AS failures`;
    if (!row || row.failures < limit) return undefined;
    const disabledAt = new Date();
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId, enabled: true, deletedAt: null },
      data: {
        enabled: false,
        disabledAt,
        disabledReason: `Disabled after ${row.failures} deliveries in a row failed after every retry.`,
      },
    });
    return count === 1 ? { endpointId, disabledAt: disabledAt.toISOString(), failures: row.failures } : undefined;
  });
}

export type DisabledEmail = { status: "sent" | "duplicate"; email: SendEmailResult; userId: string } | { status: "skipped" | "failed"; reason: string };

/** Step "notify-disabled-<endpoint>": the owner is told, once per disabling, in their language. */
export async function notifyEndpointDisabled(disabled: NonNullable<AttemptResult["disabled"]>): Promise<DisabledEmail> {
  const db = await getDb();
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id: disabled.endpointId },
    select: { url: true, userId: true, user: { select: { email: true, locale: true, deletedAt: true } } },
  });
  if (!endpoint || endpoint.user.deletedAt) return { status: "skipped", reason: "account deleted" };
  try {
    const email = await sendEmail({
      userId: endpoint.userId,
      to: endpoint.user.email,
      template: "webhook-disabled",
      locale: toLocale(endpoint.user.locale),
      props: { url: endpoint.url, failures: disabled.failures, settingsLink: new URL("/settings#webhooks", env.APP_URL).toString() },
      dedupeKey: `webhook-disabled:${disabled.endpointId}:${disabled.disabledAt}`,
    });
    return { status: email.status, email, userId: endpoint.userId };
  } catch (err) {
    if (err instanceof PermanentEmailError) return { status: "failed", reason: err.message.slice(0, 500) };
    throw err;
  }
}
