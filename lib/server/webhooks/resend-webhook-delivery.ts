import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { recordAttempt } from "./deliver-webhooks";
import { findOwnedEndpoint } from "./owned-endpoint";
import { sendWebhook } from "./send-webhook";
import { toWebhookDeliveryView, type WebhookDeliveryView } from "./webhook-dto";

export const DELIVERY_NOT_FOUND = "This delivery does not exist.";

/**
 * HR's "Resend": one more try of a delivery, now, with the stored body (the same bytes and the
 * same webhook-id, a fresh timestamp and signature), also to a disabled endpoint (to check a
 * fixed receiver before turning it back on). The outcome is the delivery's latest; a success
 * resets the endpoint's failure count. A failed resend does not count towards disabling: it was
 * not an event's own delivery.
 */
export async function resendWebhookDelivery({
  actor,
  endpointId,
  deliveryId,
}: {
  actor: { id: string };
  endpointId: unknown;
  deliveryId: unknown;
  requestId?: string;
}): Promise<WebhookDeliveryView> {
  const db = await getDb();
  const endpoint = await findOwnedEndpoint(db, actor, endpointId);
  if (!isUuid(deliveryId)) throw new AppError("NOT_FOUND", DELIVERY_NOT_FOUND);
  const delivery = await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: endpoint.id } });
  if (!delivery) throw new AppError("NOT_FOUND", DELIVERY_NOT_FOUND);
  const outcome = await sendWebhook({ url: endpoint.url, secret: endpoint.secret, messageId: delivery.eventId, body: delivery.payload as string });
  // A delivery still being retried by its consumer stays pending after a failed resend.
  await recordAttempt(delivery.id, outcome, outcome.ok ? "delivered" : delivery.status === "pending" ? "pending" : "failed");
  if (outcome.ok) {
    await db.webhookEndpoint.updateMany({ where: { id: endpoint.id, consecutiveFailures: { gt: 0 } }, data: { consecutiveFailures: 0 } });
  }
  return toWebhookDeliveryView(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }));
}
