import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiActor } from "@/lib/auth/api-auth";
import { INTERVIEW_BODY_LIMIT, queryOf } from "@/lib/api/v1";
import { readJson, route } from "@/lib/http";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { listInterviews } from "@/lib/server/interviews/list-interviews";

/** The account's interviews, newest first: ?status=&limit=&cursor= → { data, nextCursor }. */
export const GET = route(async (req) => {
  const actor = await requireApiActor(req);
  return NextResponse.json(await listInterviews({ actor, input: queryOf(req) }));
});

/** A draft interview with its questions (createInterviewSchema) → 201 with the interview. */
export const POST = route(async (req, { requestId }) => {
  const actor = await requireApiActor(req);
  const input = await readJson(req, z.unknown(), INTERVIEW_BODY_LIMIT);
  const interview = await createInterview({ actor, input, requestId });
  return NextResponse.json(interview, { status: 201, headers: { location: `/api/v1/interviews/${interview.id}` } });
});
