import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/server/interviews/owned-interview";
import { toApiKeyView, type ApiKeyView } from "./api-key-dto";

export const API_KEY_NOT_FOUND = "This API key does not exist.";

/**
 * Revokes one of the actor's keys: from the next request on it is refused with 401. Revoking
 * a revoked key changes nothing (its first revocation time stays). Anyone else's key and a
 * malformed id are the same 404.
 */
export async function revokeApiKey({
  actor,
  apiKeyId,
}: {
  actor: { id: string };
  apiKeyId: unknown;
  requestId?: string;
}): Promise<ApiKeyView> {
  if (!isUuid(apiKeyId) || !isUuid(actor.id)) throw new AppError("NOT_FOUND", API_KEY_NOT_FOUND);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.apiKey.updateMany({
      where: { id: apiKeyId, userId: actor.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const key = await tx.apiKey.findFirst({ where: { id: apiKeyId, userId: actor.id } });
    if (!key) throw new AppError("NOT_FOUND", API_KEY_NOT_FOUND);
    return toApiKeyView(key);
  });
}
