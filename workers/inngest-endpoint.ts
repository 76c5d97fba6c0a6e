// With Inngest, a worker host serves its own share of the functions (EVENT_RUNNER_FUNCTIONS,
// e.g. the heavy media and AI groups) as an Inngest app of its own, `intervue-worker`, at
// http://<host>:WORKER_PORT/api/inngest: Inngest calls it there, while the web app's
// /api/inngest serves the light functions. See docs/deploy.md.
import { createServer, type Server } from "node:http";
import type { InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { createInngestClient } from "@/lib/engine/inngest-client";

export const WORKER_APP_ID = "intervue-worker";

export function serveWorkerFunctions(functions: InngestFunction.Any[], port: number, host = "0.0.0.0"): Promise<Server> {
  const handler = serve({ client: createInngestClient(WORKER_APP_ID), functions, servePath: "/api/inngest" });
  const server = createServer((req, res) => {
    if (!req.url?.startsWith("/api/inngest")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "This worker serves Inngest functions at /api/inngest only." } }));
      return;
    }
    void handler(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
