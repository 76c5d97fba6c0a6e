import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/server/interviews/owned-interview";

export const WEBHOOK_NOT_FOUND = "This webhook endpoint does not exist or was deleted.";

/** The actor's live endpoint; anyone else's, a deleted one and a malformed id are the same 404. */
export async function findOwnedEndpoint(db: Tx, actor: { id: string }, endpointId: unknown): Promise<WebhookEndpoint> {
  if (!isUuid(endpointId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", WEBHOOK_NOT_FOUND);
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, userId: actor.id, deletedAt: null } });
  if (!endpoint) throw new AppError("NOT_FOUND", WEBHOOK_NOT_FOUND);
  return endpoint;
}
