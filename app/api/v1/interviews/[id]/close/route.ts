import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import type { IdParams } from "@/lib/api/v1";
import { route } from "@/lib/http";
import { closeInterview } from "@/lib/server/interviews/close-interview";

/** published → closed (or completed when nobody is in progress) → the interview. No body. */
export const POST = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await closeInterview({ actor, interviewId: (await params).id, requestId }));
});
