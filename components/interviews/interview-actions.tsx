"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/ui/use-submit";
import {
  closeInterviewAction,
  deleteInterviewAction,
  duplicateInterviewAction,
  extendDeadlineAction,
  publishInterviewAction,
} from "@/lib/actions/interviews";
import type { ActionResult } from "@/lib/actions/action-result";
import { isoToLocalInput, localInputToIso } from "./editor-model";
import { useLocalizeInterviewMessage } from "./localize-errors";
import { QuotaMessage } from "./quota-message";
import type { InterviewStatus } from "./status-badge";

type Panel = "extend" | "delete" | null;
type Busy = "publish" | "close" | "duplicate" | "delete" | "extend" | null;

/** What a person can do with an interview in its current status: the lifecycle buttons. */
export function InterviewActions({
  interviewId,
  status,
  deadline,
}: {
  interviewId: string;
  status: InterviewStatus;
  deadline: string | null;
}) {
  const t = useTranslations("interviews.actions");
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [result, setResult] = useState<{
    tone: "success" | "error";
    message: string;
    code?: string;
    details?: Record<string, unknown>;
  } | null>(null);
  const [deadlineErrors, setDeadlineErrors] = useState<string[] | undefined>();
  const [newDeadline, setNewDeadline] = useState(() => isoToLocalInput(deadline));
  const { run } = useSubmit();
  const localize = useLocalizeInterviewMessage();

  async function perform<T>(
    which: Exclude<Busy, null>,
    action: () => Promise<ActionResult<T>>,
    onDone: (data: T) => void,
  ) {
    setBusy(which);
    setResult(null);
    await run(
      async () => {
        const r = await action();
        if (!r.ok) {
          setResult({ tone: "error", message: localize(r.error), code: r.code, details: r.details });
          if (which === "extend") setDeadlineErrors(r.fields?.deadline?.map(localize));
          return;
        }
        onDone(r.data);
      },
      (message) => setResult({ tone: "error", message: localize(message) }),
    );
    setBusy(null);
  }

  const publish = () =>
    perform("publish", () => publishInterviewAction(interviewId), () => {
      setResult({ tone: "success", message: t("published") });
      router.refresh();
    });
  const close = () =>
    perform("close", () => closeInterviewAction(interviewId), (data) => {
      setResult({ tone: "success", message: data.status === "completed" ? t("closedCompleted") : t("closed") });
      router.refresh();
    });
  const duplicate = () =>
    perform("duplicate", () => duplicateInterviewAction(interviewId), (data) => {
      router.push(`/interviews/${data.id}`);
    });
  const remove = () =>
    perform("delete", () => deleteInterviewAction(interviewId), () => {
      router.push("/interviews");
      router.refresh();
    });
  async function extend(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDeadlineErrors(undefined);
    await perform("extend", () => extendDeadlineAction(interviewId, { deadline: localInputToIso(newDeadline) ?? "" }), () => {
      setPanel(null);
      setResult({ tone: "success", message: t("extended") });
      router.refresh();
    });
  }

  const small = "px-3 py-1.5";
  return (
    <div className="space-y-4">
      {result && (
        <Alert tone={result.tone}>
          <QuotaMessage message={result.message} code={result.code} details={result.details} />
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        {status === "draft" && (
          <Button className={small} pending={busy === "publish"} disabled={busy !== null} onClick={publish}>
            {t("publish")}
          </Button>
        )}
        {status !== "completed" && (
          <Link href={`/interviews/${interviewId}/edit`} className={buttonClass("secondary", small)}>
            {t("edit")}
          </Link>
        )}
        {(status === "published" || status === "closed") && (
          <Button
            variant="secondary"
            className={small}
            aria-expanded={panel === "extend"}
            aria-controls="extend-deadline"
            disabled={busy !== null}
            onClick={() => setPanel(panel === "extend" ? null : "extend")}
          >
            {t("extend")}
          </Button>
        )}
        {status === "published" && (
          <Button variant="secondary" className={small} pending={busy === "close"} disabled={busy !== null} onClick={close}>
            {t("close")}
          </Button>
        )}
        <Button
          variant="secondary"
          className={small}
          pending={busy === "duplicate"}
          disabled={busy !== null}
          onClick={duplicate}
        >
          {t("duplicate")}
        </Button>
        <Button
          variant="ghost"
          className={`${small} text-red-700 hover:bg-red-50`}
          aria-expanded={panel === "delete"}
          aria-controls="delete-interview"
          disabled={busy !== null}
          onClick={() => setPanel(panel === "delete" ? null : "delete")}
        >
          {t("delete")}
        </Button>
      </div>

      {panel === "extend" && (
        <form
          id="extend-deadline"
          onSubmit={extend}
          noValidate
          aria-label={t("extendHeading")}
          className="flex flex-wrap items-end gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200"
        >
          <div className="min-w-56 flex-1">
            <Field
              id="new-deadline"
              label={t("newDeadline")}
              type="datetime-local"
              value={newDeadline}
              required
              autoFocus
              errors={deadlineErrors}
              hint={t("extendHint")}
              onChange={(e) => setNewDeadline(e.target.value)}
            />
          </div>
          <div className="flex gap-2">
            <Button type="submit" className={small} pending={busy === "extend"}>
              {t("saveDeadline")}
            </Button>
            <Button type="button" variant="ghost" className={small} onClick={() => setPanel(null)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}

      {panel === "delete" && (
        <div
          id="delete-interview"
          role="group"
          aria-labelledby="delete-interview-heading"
          className="rounded-xl bg-red-50 p-4 ring-1 ring-red-200"
        >
          <h3 id="delete-interview-heading" className="font-semibold text-red-900">
            {t("deleteHeading")}
          </h3>
          <p className="mt-1 text-sm text-red-800">{t("deleteWarning")}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="danger" className={small} pending={busy === "delete"} onClick={remove} autoFocus>
              {t("confirmDelete")}
            </Button>
            <Button variant="ghost" className={small} onClick={() => setPanel(null)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
