import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { eraseCandidate } from "@/lib/server/retention/erase-candidate";

/** Honours the candidate's erasure request: the session's media and personal data erased. No body; 200 with what was erased. */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await eraseCandidate({ actor, sessionId: (await params).id, requestId }));
});
