import "server-only";
import { getDb } from "@/lib/db/client";
import type { EventData } from "@/lib/events/catalog";

export const RESPONSE_STATUS = "response-status";

/** The answer whose recording was processed becomes ready; a repeat changes nothing. */
export async function markResponseReady(data: EventData<"media.processed">): Promise<{ changed: number }> {
  const db = await getDb();
  const { count } = await db.response.updateMany({
    where: { mediaFileId: data.fileId, status: { in: ["uploaded", "processing"] } },
    data: { status: "ready" },
  });
  return { changed: count };
}
