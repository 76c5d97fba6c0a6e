import "server-only";
import { getDb } from "@/lib/db/client";
import { findOwnedEndpoint } from "./owned-endpoint";

/**
 * Soft delete: nothing more is sent to it (a retry in progress finds it gone and stops), its
 * delivery log stays in the database, and its secret is wiped, since nothing will be signed
 * with it again. Anyone else's endpoint, or one already deleted, is a 404.
 */
export async function deleteWebhookEndpoint({ actor, endpointId }: { actor: { id: string }; endpointId: unknown; requestId?: string }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const endpoint = await findOwnedEndpoint(tx, actor, endpointId);
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { deletedAt: new Date(), enabled: false, secret: "" } });
  });
}
