"use server";

import { headers } from "next/headers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/lib/same-origin";
import { markInvitationOpened } from "@/lib/server/invitations/mark-invitation-opened";
import type { ActionResult } from "./action-result";
import { publicAction } from "./safe-action";

/**
 * The candidate landing page's script records that its personal link was opened (the page's
 * GET writes nothing: scanners and link previews fetch it too). Anyone may call it, with the
 * link's token as the only credential; an unknown or revoked token is the same generic 404.
 * Refused when the request came from another site: Next.js and proxy.ts check Server Actions'
 * Origin already, this is the same check once more where the row is written.
 */
export async function markLinkOpenedAction(token: unknown): Promise<ActionResult<{ opened: boolean }>> {
  return publicAction(async () => {
    const request = new Request(env.APP_URL, { method: "POST", headers: await headers() });
    if (!isSameOriginRequest(request)) throw new AppError("FORBIDDEN", CROSS_SITE_MESSAGE);
    return markInvitationOpened({ token });
  });
}
