import "server-only";
import { getDb } from "@/lib/db/client";
import { toApiKeyView, type ApiKeyView } from "./api-key-dto";
import { MAX_LIVE_API_KEYS } from "./create-api-key";

/**
 * The actor's keys, newest first: the live ones, then revoked ones from the last 90 days (kept
 * visible so HR can see what stopped working). Bounded: live keys are capped, and at most 50
 * revoked ones are listed.
 */
export async function listApiKeys({ actor }: { actor: { id: string } }): Promise<ApiKeyView[]> {
  const db = await getDb();
  const since = new Date(Date.now() - 90 * 24 * 3600 * 1000);
  const [live, revoked] = await Promise.all([
    db.apiKey.findMany({
      where: { userId: actor.id, revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_LIVE_API_KEYS,
    }),
    db.apiKey.findMany({
      where: { userId: actor.id, revokedAt: { gte: since } },
      orderBy: [{ revokedAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
  ]);
  return [...live, ...revoked].map(toApiKeyView);
}
