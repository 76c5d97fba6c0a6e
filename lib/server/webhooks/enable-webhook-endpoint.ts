import "server-only";
import { getDb } from "@/lib/db/client";
import { findOwnedEndpoint } from "./owned-endpoint";
import { toWebhookEndpointView, type WebhookEndpointView } from "./webhook-dto";

/**
 * HR turns a disabled endpoint back on (after fixing the receiver): events from now on are
 * delivered again, with a fresh failure count. Deliveries that failed meanwhile are not sent
 * again on their own; "Resend" sends one.
 */
export async function enableWebhookEndpoint({ actor, endpointId }: { actor: { id: string }; endpointId: unknown; requestId?: string }): Promise<WebhookEndpointView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const endpoint = await findOwnedEndpoint(tx, actor, endpointId);
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 },
    });
    return toWebhookEndpointView(updated);
  });
}
