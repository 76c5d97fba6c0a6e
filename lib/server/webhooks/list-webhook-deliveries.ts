import "server-only";
import { getDb } from "@/lib/db/client";
import { findOwnedEndpoint } from "./owned-endpoint";
import { toWebhookDeliveryView, type WebhookDeliveryView } from "./webhook-dto";

/** Deliveries listed at most. */
export const DELIVERIES_SHOWN = 50;

/** The endpoint's latest deliveries, newest first: the delivery log. Anyone else's endpoint is a 404. */
export async function listWebhookDeliveries({ actor, endpointId }: { actor: { id: string }; endpointId: unknown }): Promise<WebhookDeliveryView[]> {
  const db = await getDb();
  const endpoint = await findOwnedEndpoint(db, actor, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERIES_SHOWN,
  });
  return rows.map(toWebhookDeliveryView);
}
