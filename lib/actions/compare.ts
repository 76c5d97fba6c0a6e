"use server";

// The compare page's shortlist toggle: the use case checks ownership (404 for anyone else's
// session) and publishes candidate.reviewed; the page then re-reads.
import { revalidatePath } from "next/cache";
import { setShortlist } from "@/lib/server/review/set-shortlist";
import { userAction } from "./safe-action";

export async function setShortlistAction(sessionId: string, shortlisted: boolean) {
  return userAction(async ({ user, requestId }) => {
    const change = await setShortlist({ actor: user, sessionId, input: { shortlisted }, requestId });
    revalidatePath("/interviews", "layout");
    return { shortlisted: change.shortlisted };
  });
}
