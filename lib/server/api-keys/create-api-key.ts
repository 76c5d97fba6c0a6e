import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { createApiKeySchema } from "@/lib/schemas/api-key";
import { assertLiveAccount } from "@/lib/server/interviews/owned-interview";
import { toApiKeyView, type ApiKeyView } from "./api-key-dto";
import { newApiKey } from "./api-key-token";

/** Live (not revoked) keys an account may hold at once. */
export const MAX_LIVE_API_KEYS = 20;

/**
 * A new API key for the actor. The key itself is returned here once and never again: only
 * its SHA-256 and a display prefix are stored. Refused past MAX_LIVE_API_KEYS live keys; the
 * count is taken under a per-account lock, so two parallel requests cannot both take the last
 * slot.
 */
export async function createApiKey({
  actor,
  input,
}: {
  actor: { id: string };
  input: unknown;
  requestId?: string;
}): Promise<{ key: string; apiKey: ApiKeyView }> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const db = await getDb();

  return db.$transaction(async (tx) => {
    await assertLiveAccount(tx, actor);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('api_keys'), hashtext(${actor.id}))`;
    const live = await tx.apiKey.count({ where: { userId: actor.id, revokedAt: null } });
    if (live >= MAX_LIVE_API_KEYS) {
      throw new AppError(
        "CONFLICT",
        `You already have ${MAX_LIVE_API_KEYS} API keys. Revoke one you no longer use, then create a new one.`,
        undefined,
        { limit: MAX_LIVE_API_KEYS, live },
      );
    }
    const { key, hash, prefix } = newApiKey();
    const apiKey = await tx.apiKey.create({ data: { userId: actor.id, name: parsed.data.name, prefix, hash } });
    return { key, apiKey: toApiKeyView(apiKey) };
  });
}
