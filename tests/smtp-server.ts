// A local SMTP server (the `smtp-server` package) for tests through real nodemailer:
// `smtp://user:pass@127.0.0.1:<port>`. It records every message it accepted (envelope, raw
// MIME, decoded subject and text part), checks credentials when given, and can reject a
// recipient permanently (550) or fail temporarily (421) for the next N attempts.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedSmtpMessage = {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded (empty if none). */
  html: string;
};

export type LocalSmtpServer = {
  url: string;
  port: number;
  messages: ReceivedSmtpMessage[];
  /** RCPT TO attempts, accepted or not. */
  attempts: { to: string; code: number }[];
  /** The next `times` attempts to this recipient (default: all) are answered `code`. */
  failFor: (recipient: string, code: 550 | 421, times?: number) => void;
  reset: () => void;
  close: () => Promise<void>;
};

type SmtpError = Error & { responseCode?: number };

export async function startSmtpServer({ user, pass }: { user?: string; pass?: string } = {}): Promise<LocalSmtpServer> {
  const messages: ReceivedSmtpMessage[] = [];
  const attempts: LocalSmtpServer["attempts"] = [];
  const failures = new Map<string, { code: number; times: number }>();

  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: !user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user: auth.username });
      const err: SmtpError = new Error("Invalid username or password");
      err.responseCode = 535;
      callback(err);
    },
    onRcptTo(address, _session, callback) {
      const failure = failures.get(address.address.toLowerCase());
      if (failure && failure.times > 0) {
        failure.times -= 1;
        attempts.push({ to: address.address, code: failure.code });
        const err: SmtpError = new Error(failure.code === 550 ? "No such user here" : "Service not available, try again later");
        err.responseCode = failure.code;
        return callback(err);
      }
      attempts.push({ to: address.address, code: 250 });
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMessage(raw);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parsed,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const auth = user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? "")}@` : "";
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    messages,
    attempts,
    failFor: (recipient, code, times = Number.POSITIVE_INFINITY) => failures.set(recipient.toLowerCase(), { code, times }),
    reset: () => {
      messages.length = 0;
      attempts.length = 0;
      failures.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Just enough MIME for assertions: headers, RFC 2047 words, quoted-printable and base64 parts.
function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

function decodeBody(body: string, encoding = ""): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function parseMessage(raw: string): Omit<ReceivedSmtpMessage, "from" | "to" | "raw"> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const rest = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  let text = "";
  let html = "";
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  const parts = boundary ? rest.split(`--${boundary}`).slice(1, -1) : [raw.slice(split)];
  for (const part of parts) {
    const p = boundary ? part.replace(/^\r?\n/, "") : part;
    const at = boundary ? p.search(/\r?\n\r?\n/) : -1;
    const h = boundary ? parseHeaders(p.slice(0, at)) : headers;
    const body = decodeBody((boundary ? p.slice(at) : p).replace(/^\r?\n\r?\n/, "").replace(/\r?\n$/, ""), h["content-transfer-encoding"]);
    if (/text\/plain/i.test(h["content-type"] ?? "text/plain") && !text) text = body;
    else if (/text\/html/i.test(h["content-type"] ?? "")) html = body;
  }
  return { headers, subject: decodeWords(headers.subject ?? ""), messageId: headers["message-id"] ?? "", text, html };
}
