import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/lib/http";
import { submitTextAnswer } from "@/lib/server/candidates/submit-text-answer";
import { linkTokenOf, sessionSecretOf } from "@/lib/server/candidates/take-request";

// A text answer in the session of this link's cookie (lib/server/candidates/submit-text-answer.ts
// checks the question and the length). Body: {questionId, text}. Video answers go through
// ../takes. The default 64 KB body limit holds the longest answer (10,000 characters) in any script.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const body = z.object({ questionId: z.unknown(), text: z.unknown() }).partial();

export const POST = route<{ params: Promise<{ token: string }> }>(async (req, { params, requestId }) => {
  const token = linkTokenOf((await params).token);
  const secret = sessionSecretOf(req);
  const { questionId, text } = await readJson(req, body);
  return NextResponse.json(await submitTextAnswer({ token, secret, questionId, text, requestId }), { status: 201 });
});
