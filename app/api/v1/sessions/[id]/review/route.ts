import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { readJson, route } from "@/lib/http";
import { updateSessionReview } from "@/lib/server/review/update-session-review";

/** HR's rating, decision and note: { rating?, decision?, note? } (null clears); 200 with `review`. */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  const input = await readJson(req, z.unknown());
  const { review, changes } = await updateSessionReview({ actor, sessionId: (await params).id, input, requestId });
  return NextResponse.json({ review, changed: changes });
});
