import { NextResponse } from "next/server";
import { getDbHandle } from "@/lib/db/client";
import { integrations } from "@/lib/env";
import { route } from "@/lib/http";
import { eventBacklog } from "@/lib/runner/status";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers and the CI smoke test. */
export const GET = route(async () => {
  const db = await getDbHandle();
  await db.query("SELECT 1");
  return NextResponse.json({ status: "ok", database: db.kind, integrations, events: await eventBacklog() });
});
