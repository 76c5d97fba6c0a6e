"use client";

import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import { addInvitationsAction, uploadCandidatesCsvAction, type InviteOutcome } from "@/lib/actions/invitations";
import type { ActionResult } from "@/lib/actions/action-result";
import { MAX_CANDIDATES_TEXT_BYTES } from "@/lib/schemas/invitation";

/** Fired on window after candidates were added, so the table refreshes without waiting for its poll. */
export const CANDIDATES_CHANGED = "candidates:changed";

export type InviteFormProps = {
  interviewId: string;
  interviewStatus: "draft" | "published" | "closed" | "completed";
};

/** Paste lines or upload a CSV; shows what became of each line. */
export function InviteForm({ interviewId, interviewStatus }: InviteFormProps) {
  const t = useTranslations("candidates.invite");
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<InviteOutcome | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const paste = useSubmit();
  const upload = useSubmit();

  if (interviewStatus === "closed" || interviewStatus === "completed") {
    return (
      <Card>
        <CardHeader title={t("title")} />
        <Alert tone="info">{t("closed")}</Alert>
      </Card>
    );
  }

  const done = (result: ActionResult<InviteOutcome>, clear: () => void) => {
    if (!result.ok) {
      setOutcome(null);
      setError(result.error);
      return;
    }
    setError(null);
    setOutcome(result.data);
    if (result.data.invited > 0) {
      clear();
      window.dispatchEvent(new Event(CANDIDATES_CHANGED));
    }
  };

  const onPaste = (e: React.FormEvent) => {
    e.preventDefault();
    void paste.run(async () => done(await addInvitationsAction(interviewId, text), () => setText("")), setError);
  };

  const onUpload = (e: React.FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(t("chooseFile"));
    if (file.size > MAX_CANDIDATES_TEXT_BYTES) return setError(t("fileTooLarge"));
    const form = new FormData();
    form.set("interviewId", interviewId);
    form.set("file", file);
    void upload.run(
      async () =>
        done(await uploadCandidatesCsvAction(form), () => {
          if (fileRef.current) fileRef.current.value = "";
        }),
      setError,
    );
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      {interviewStatus === "draft" && (
        <div className="mb-4">
          <Alert tone="info">{t("draftNote")}</Alert>
        </div>
      )}
      <form onSubmit={onPaste} className="space-y-3">
        <Label htmlFor={`${id}-paste`}>{t("pasteLabel")}</Label>
        <textarea
          id={`${id}-paste`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={5}
          placeholder={t("pastePlaceholder")}
          className="block w-full rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        <Button type="submit" pending={paste.pending} disabled={text.trim() === ""}>
          {t("submit")}
        </Button>
      </form>
      <form onSubmit={onUpload} className="mt-6 space-y-2">
        <Label htmlFor={`${id}-file`}>{t("fileLabel")}</Label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          name="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby={`${id}-file-hint`}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500"
        />
        <p id={`${id}-file-hint`} className="text-xs text-slate-500">
          {t("fileHint")}
        </p>
        <Button type="submit" variant="secondary" pending={upload.pending}>
          {t("upload")}
        </Button>
      </form>
      <div className="mt-4 space-y-3" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {outcome && (
          <>
            <Alert tone={outcome.failed > 0 ? "info" : "success"}>{t("summary", { invited: outcome.invited, failed: outcome.failed })}</Alert>
            {outcome.failed > 0 && (
              <div>
                <h3 className="text-sm font-semibold text-slate-900">{t("results")}</h3>
                <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto text-sm">
                  {outcome.lines.map((l) => (
                    <li key={l.line} className={l.status === "error" ? "text-red-700" : "text-slate-600"}>
                      <span className="font-medium">{t("line", { line: l.line })}</span>
                      {" · "}
                      <span className="break-all">{l.email || l.name}</span>
                      {" — "}
                      {l.status === "error" ? l.message : t("lineInvited")}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
