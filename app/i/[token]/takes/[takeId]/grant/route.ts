import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { renewTakeGrant } from "@/lib/server/candidates/renew-take-grant";
import { sessionSecretOf } from "@/lib/server/candidates/take-request";

// A fresh upload grant for a take of the candidate's session, after the one it was started
// with expired (lib/server/candidates/renew-take-grant.ts). No body; the answer is shaped like
// a take start's. route() checks the Origin (POST changes state: a new grant is signed).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string; takeId: string }> }>(async (req, { params, requestId }) => {
  const { token, takeId } = await params;
  const secret = sessionSecretOf(req);
  return NextResponse.json(await renewTakeGrant({ token, secret, takeId, requestId }));
});
