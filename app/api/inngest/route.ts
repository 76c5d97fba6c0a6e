// The function registry served to Inngest (sync on PUT, runs on POST, introspection on GET)
// when Inngest is configured. Otherwise the embedded runner runs the functions and this route
// says so in JSON: the SDK unconfigured would answer GET with a 500 (no signing key).
import { NextResponse, type NextRequest } from "next/server";
import { serve } from "inngest/next";
import { functionGroups, inngest } from "@/inngest";
import { placement } from "@/lib/engine/host";
import { env, inngestEnabled } from "@/lib/env";
import type { ErrorBody } from "@/lib/errors";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;

// This app's share of the registry (EVENT_RUNNER_FUNCTIONS): with Inngest, heavy functions can
// be served by a worker host's own endpoint instead (see docs/deploy.md).
const functions = placement(functionGroups).functions;

const NOT_CONFIGURED_MESSAGE =
  "Inngest is not configured; consumer functions run on the embedded runner. Set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (or INNGEST_DEV=1 for the Dev Server) to use Inngest.";

function embedded(): { GET: Handler; POST: Handler; PUT: Handler } {
  const GET = route(async () =>
    NextResponse.json({
      engine: "embedded",
      message: NOT_CONFIGURED_MESSAGE,
      functions: functions.map((f) => f.opts.id),
    }),
  );
  // Only Inngest calls POST (run a function) and PUT (sync): refuse them, in the app's error body.
  const refuse = route<unknown>(async (_req, { requestId }) => {
    const body: ErrorBody = { error: { code: "INNGEST_NOT_CONFIGURED", message: NOT_CONFIGURED_MESSAGE, requestId } };
    return NextResponse.json(body, { status: 503 });
  });
  return { GET, POST: refuse, PUT: refuse };
}

const SIGNING_KEY_MESSAGE =
  "INNGEST_EVENT_KEY is set but INNGEST_SIGNING_KEY is not: events are sent to Inngest, but Inngest cannot call the functions served here. Set INNGEST_SIGNING_KEY (or use INNGEST_DEV=1 for the Dev Server).";

// With an event key the SDK is in cloud mode, where every request needs the signing key; without
// it the SDK answers a bare {"code":"internal_server_error"}. Say what is missing instead.
function missingSigningKey(): { GET: Handler; POST: Handler; PUT: Handler } {
  const answer = route<unknown>(async (_req, { requestId }) => {
    const body: ErrorBody = { error: { code: "INNGEST_SIGNING_KEY_MISSING", message: SIGNING_KEY_MESSAGE, requestId } };
    return NextResponse.json(body, { status: 500 });
  });
  return { GET: answer, POST: answer, PUT: answer };
}

const handlers: { GET: Handler; POST: Handler; PUT: Handler } = !inngestEnabled(env)
  ? embedded()
  : env.INNGEST_EVENT_KEY && !env.INNGEST_SIGNING_KEY
    ? missingSigningKey()
    : serve({ client: inngest, functions });

export const { GET, POST, PUT } = handlers;
