import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiActor } from "@/lib/auth/api-auth";
import { INTERVIEW_BODY_LIMIT, type IdParams } from "@/lib/api/v1";
import { readJson, route } from "@/lib/http";
import { deleteInterview } from "@/lib/server/interviews/delete-interview";
import { getInterview } from "@/lib/server/interviews/get-interview";
import { updateInterview } from "@/lib/server/interviews/update-interview";

/** One interview with its current questions, versions and candidate counts. */
export const GET = route<IdParams>(async (req, { params }) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await getInterview({ actor, interviewId: (await params).id }));
});

/** Partial update (updateInterviewSchema); `questions`, when given, replaces the list. */
export const PATCH = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  const input = await readJson(req, z.unknown(), INTERVIEW_BODY_LIMIT);
  return NextResponse.json(await updateInterview({ actor, interviewId: (await params).id, input, requestId }));
});

/** Soft delete → 204. */
export const DELETE = route<IdParams>(async (req, { params, requestId }) => {
  const actor = await requireApiActor(req);
  await deleteInterview({ actor, interviewId: (await params).id, requestId });
  return new NextResponse(null, { status: 204 });
});
