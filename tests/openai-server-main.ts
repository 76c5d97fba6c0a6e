// The local OpenAI-compatible server as a process, for the e2e journey and the benchmark:
// `tsx tests/openai-server-main.ts` listens on OPENAI_PORT (default 3191), accepts the key
// OPENAI_TEST_KEY (default sk-test-openai), answers transcriptions with the default transcript
// and chat completions with the scripted analyst (tests/openai-analyst.ts), after
// OPENAI_TRANSCRIBE_LATENCY_MS / OPENAI_SCORING_LATENCY_MS. A side server on OPENAI_PORT + 1
// answers GET /stats with the request counts (POST /reset clears them).
import { createServer } from "node:http";
import { analystReply } from "./openai-analyst";
import { CHAT_COMPLETIONS, startOpenAiServer, TRANSCRIPTIONS } from "./openai-server";

const port = Number(process.env.OPENAI_PORT ?? 3191);
const server = await startOpenAiServer({ apiKey: process.env.OPENAI_TEST_KEY ?? "sk-test-openai", port });
server.setChatReply(analystReply);
server.setLatency(TRANSCRIPTIONS, Number(process.env.OPENAI_TRANSCRIBE_LATENCY_MS ?? 0));
server.setLatency(CHAT_COMPLETIONS, Number(process.env.OPENAI_SCORING_LATENCY_MS ?? 0));

const stats = createServer((req, res) => {
  if (req.method === "POST" && req.url === "/reset") {
    server.requests.length = 0;
    res.writeHead(204).end();
    return;
  }
  const count = (path: string) => server.requests.filter((r) => r.path === path && r.status === 200).length;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ transcriptions: count(TRANSCRIPTIONS), chat: count(CHAT_COMPLETIONS), requests: server.requests.length }));
});
stats.listen(port + 1, "127.0.0.1", () => console.log(`OpenAI-compatible test server on ${server.url} (stats on :${port + 1})`));

const stop = () => {
  stats.close();
  void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
