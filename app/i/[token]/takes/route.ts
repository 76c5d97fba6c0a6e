import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http";
import { startTake } from "@/lib/server/candidates/start-take";
import { sessionSecretOf } from "@/lib/server/candidates/take-request";

// A candidate's recording starts (lib/server/candidates/start-take.ts). Under /i/<token> so the
// browser sends the session cookie (its path is the link's). Body: {questionId, mimeType, takeId?} (takeId: the
// browser's UUID for the take, so a retried start gets the same take).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ questionId: z.unknown(), mimeType: z.unknown(), takeId: z.unknown() }).partial();

export const POST = route<{ params: Promise<{ token: string }> }>(async (req, { params, requestId }) => {
  const { token } = await params;
  const secret = sessionSecretOf(req);
  const input = await readJson(req, body, 4096);
  return NextResponse.json(await startTake({ token, secret, questionId: input.questionId, mimeType: input.mimeType, takeId: input.takeId, requestId }), { status: 201 });
});
