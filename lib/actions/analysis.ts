"use server";

// HR's "Analyse again" on a candidate's review page: the use case checks ownership (404 for
// anyone else's session) and whether the session can be analysed; the page then re-reads.
import { revalidatePath } from "next/cache";
import { requestAnalysis } from "@/lib/server/analysis/request-analysis";
import { userAction } from "./safe-action";

export async function requestAnalysisAction(sessionId: string) {
  return userAction(async ({ user, requestId }) => {
    const request = await requestAnalysis({ actor: user, sessionId, requestId });
    revalidatePath("/interviews", "layout");
    return { status: request.status };
  });
}
