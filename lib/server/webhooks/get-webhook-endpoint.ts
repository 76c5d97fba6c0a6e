import "server-only";
import { getDb } from "@/lib/db/client";
import { findOwnedEndpoint } from "./owned-endpoint";
import { toWebhookEndpointView, type WebhookEndpointView } from "./webhook-dto";

/** One of the actor's endpoints (never its secret); anyone else's is a 404. */
export async function getWebhookEndpoint({ actor, endpointId }: { actor: { id: string }; endpointId: unknown }): Promise<WebhookEndpointView> {
  return toWebhookEndpointView(await findOwnedEndpoint(await getDb(), actor, endpointId));
}
