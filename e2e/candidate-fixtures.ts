// Candidate-flow setup shared by the candidate and recorder specs: HR's interview made and
// published through /api/v1, a browser of the candidate's own, the public link's start up to the
// questions, and a recording under way.
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, signUp } from "./fixtures";

export type Question = {
  prompt: string;
  type: "text" | "video";
  maxCharacters?: number;
  thinkSeconds?: number;
  maxSeconds?: number;
  retakes?: number;
};
/** An interview made by createInterview; publicLink is the public link's path. */
export type Created = { id: string; publicLink: string };

/** Creates and publishes an interview through /api/v1 with the HR page's session. */
export async function createInterview(
  request: APIRequestContext,
  origin: string,
  data: { title: string; language?: "en" | "ru"; introMessage?: string; deadline?: string; questions: Question[] },
): Promise<Created> {
  const headers = { origin, "content-type": "application/json" };
  const created = await request.post("/api/v1/interviews", { headers, data });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await request.post(`/api/v1/interviews/${id}/publish`, { headers });
  expect(published.ok(), await published.text()).toBe(true);
  const { publicLink } = (await published.json()) as { publicLink: string };
  return { id, publicLink: new URL(publicLink).pathname };
}

/** Signs a new HR account up on `page` and publishes an interview of one video question (one retake). */
export async function oneVideoInterview(page: Page, origin: string, title: string): Promise<Created> {
  await signUp(page);
  return createInterview(page.request, origin, {
    title: `${title} ${Date.now()}`,
    questions: [{ prompt: "Walk us through your last project.", type: "video", thinkSeconds: 0, maxSeconds: 60, retakes: 1 }],
  });
}

/** A browser of the candidate's own: no HR cookies. */
export async function candidateBrowser(
  browser: Browser,
  baseURL: string,
  options: { viewport?: { width: number; height: number }; userAgent?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, ...options });
  return { context, page: await context.newPage() };
}

/**
 * The start page's Continue, to the device check or the questions (the device check sits between
 * consent and the questions when a video question is unanswered). A page that stays says why:
 * CI saw it stay a few times under load, with no artifact left to tell.
 */
export async function continueFromStart(page: Page, publicLink: string): Promise<void> {
  const started = Date.now();
  await page.getByRole("button", { name: "Continue" }).click();
  try {
    await expect(page).toHaveURL(new RegExp(`${publicLink}/(check|questions)$`), { timeout: 30_000 });
  } catch (err) {
    const shown = await page.getByRole("alert").allTextContents().catch(() => []);
    throw new Error(`still on ${page.url()} ${Date.now() - started} ms after Continue; the page shows: ${JSON.stringify(shown)}\n${(err as Error).message}`);
  }
}

/** Starts on the public link (English labels: name, email, both consents) and goes on to the questions. */
export async function startCandidate(page: Page, publicLink: string, email: string, name = "Rita Recorder"): Promise<void> {
  await page.goto(publicLink);
  await page.getByRole("link", { name: "Start the interview" }).click();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Your email").fill(email);
  await page.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await page.getByRole("checkbox", { name: /assessed by AI/ }).check();
  await continueFromStart(page, publicLink);
  if (page.url().endsWith("/check")) await page.getByRole("link", { name: "Continue to the questions" }).click();
  await expect(page).toHaveURL(new RegExp(`${publicLink}/questions$`));
}

/** Bytes the server has acknowledged for the (first) answer's upload. */
export async function acked(page: Page): Promise<number> {
  return Number(await page.getByTestId("upload-progress").first().getAttribute("data-acked"));
}

/** Camera on, recording, and the server has acknowledged some bytes already. */
export async function startRecordingNow(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Turn on camera and microphone" }).click();
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByTestId("video-answer")).toHaveAttribute("data-phase", "recording", { timeout: 15_000 });
  await expect(async () => expect(await acked(page)).toBeGreaterThan(0)).toPass({ timeout: 10_000 });
}

export type LoggedTake = { takeId: string; mimeType: string; bytes: Buffer; metaBytes: number };

/**
 * The bytes of the one take in the page's IndexedDB log, read by the test (not by the app); its
 * chunks must follow each other without a gap. `strict`: their sequence numbers must also run
 * 0, 1, 2… and add up to the byte count the take's record claims (metaBytes).
 */
export async function loggedTake(page: Page, strict = false): Promise<LoggedTake> {
  const raw = await page.evaluate(async (strict) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("intervue-recorder");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Both stores in one transaction: the recorder keeps writing while the test reads, and a
    // take's byte count and its chunks only agree within one snapshot.
    const tx = db.transaction(["takes", "chunks"]);
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const [takes, chunks] = await Promise.all([
      all<{ takeId: string; mimeType: string; bytes: number; state: string; createdAt: number }>("takes"),
      all<{ takeId: string; seq: number; start: number; size: number; blob: Blob }>("chunks"),
    ]);
    db.close();
    // The newest take: after a retake the discarded one stays until the new one is submitted.
    const take = takes.sort((a, b) => a.createdAt - b.createdAt).at(-1);
    if (!take) throw new Error("expected a take in IndexedDB, found none");
    const mine = chunks.filter((c) => c.takeId === take.takeId).sort((a, b) => a.seq - b.seq);
    let at = 0;
    for (const [i, c] of mine.entries()) {
      if ((strict && c.seq !== i) || c.start !== at || c.size !== c.blob.size) throw new Error(`chunk ${c.seq} is not contiguous`);
      at += c.size;
    }
    if (strict && at !== take.bytes) throw new Error(`the take claims ${take.bytes} bytes, its chunks hold ${at}`);
    const buffer = new Uint8Array(await new Blob(mine.map((c) => c.blob)).arrayBuffer());
    let binary = "";
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    return { takeId: take.takeId, mimeType: take.mimeType, base64: btoa(binary), metaBytes: take.bytes };
  }, strict);
  return { takeId: raw.takeId, mimeType: raw.mimeType, bytes: Buffer.from(raw.base64, "base64"), metaBytes: raw.metaBytes };
}
