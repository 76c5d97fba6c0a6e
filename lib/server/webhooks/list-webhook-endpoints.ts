import "server-only";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { MAX_WEBHOOK_ENDPOINTS } from "./create-webhook-endpoint";
import { toWebhookEndpointView, type WebhookEndpointView } from "./webhook-dto";

/** The actor's live endpoints, newest first (bounded by MAX_WEBHOOK_ENDPOINTS). */
export async function listWebhookEndpoints({ actor }: { actor: { id: string } }): Promise<WebhookEndpointView[]> {
  if (!isUuid(actor.id)) return [];
  const db = await getDb();
  const rows = await db.webhookEndpoint.findMany({
    where: { userId: actor.id, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_WEBHOOK_ENDPOINTS,
  });
  return rows.map(toWebhookEndpointView);
}
