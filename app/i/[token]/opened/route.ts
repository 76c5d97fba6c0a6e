import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { markInvitationOpened } from "@/lib/server/invitations/mark-invitation-opened";

// The landing page's script records that a personal link was opened
// (lib/server/invitations/mark-invitation-opened.ts): the page's GET writes nothing, since mail
// scanners and chat previews fetch it too. The token is the only credential; idempotent. No
// body (one sent is not read). Same-origin only (route()).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ token: string }> }>(async (_req, { params }) => {
  const { token } = await params;
  return NextResponse.json(await markInvitationOpened({ token }));
});
