import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { completeSession } from "@/lib/server/candidates/complete-session";
import { linkTokenOf, sessionSecretOf } from "@/lib/server/candidates/take-request";

// Submits the interview of this link's cookie once every question is answered
// (lib/server/candidates/complete-session.ts). No body (one sent is not read). Answers {next}.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string }> }>(async (req, { params, requestId }) => {
  const token = linkTokenOf((await params).token);
  const secret = sessionSecretOf(req);
  await completeSession({ token, secret, requestId });
  return NextResponse.json({ next: `/i/${token}/done` });
});
