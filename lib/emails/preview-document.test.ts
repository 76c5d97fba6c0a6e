import { describe, expect, it } from "vitest";
import { emailPreviewDocument, PREVIEW_CSP } from "./preview-document";
import { renderEmail } from "./render-email";

describe("emailPreviewDocument", () => {
  it("puts the CSP and <base target=_blank> first in the head of a rendered email", async () => {
    const { html } = await renderEmail("reminder", "en", {
      candidateName: "Ann",
      companyName: "Acme",
      interviewTitle: "QA",
      link: "http://localhost:3000/i/abc",
      deadline: null,
      questionsCount: 1,
    });
    const doc = emailPreviewDocument(html);
    expect(doc).toMatch(/<head><meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*"><meta name="referrer" content="no-referrer"><base target="_blank">/);
    expect(doc).toContain('href="http://localhost:3000/i/abc"');
    expect(doc.match(/<head>/g)).toHaveLength(1);
  });

  it("wraps a fragment, and a document without a head, in one", () => {
    expect(emailPreviewDocument("<p>Hi</p>")).toBe(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><meta name="referrer" content="no-referrer"><base target="_blank"></head><body><p>Hi</p></body></html>`,
    );
    expect(emailPreviewDocument('<html lang="ru"><body>x</body></html>')).toMatch(/^<html lang="ru"><head><meta http-equiv/);
  });
});
