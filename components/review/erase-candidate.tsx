"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/components/ui/use-submit";
import { eraseCandidateAction } from "@/lib/actions/retention";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";

/**
 * "Erase candidate's data" on the review page: a confirmation dialog that names what goes, then
 * one action. Once erased, the page says so and when.
 */
export function EraseCandidate({ sessionId, erasedAt }: { sessionId: string; erasedAt: string | null }) {
  const t = useTranslations("retention.erase");
  const format = useFormatter();
  const localize = useLocalizeMessage();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useSubmit();

  if (erasedAt) {
    return (
      <p role="status" className="inline-flex items-center gap-2 rounded-md bg-slate-100 px-3 py-1.5 text-sm font-medium text-slate-700">
        {t("erased", { date: format.dateTime(new Date(erasedAt), { dateStyle: "medium", timeStyle: "short" }) })}
      </p>
    );
  }

  async function erase() {
    setError(null);
    await run(async () => {
      const result = await eraseCandidateAction(sessionId);
      if (!result.ok) {
        setError(result.code === "CONFLICT" ? t("alreadyErased") : result.error);
        return;
      }
      dialog.current?.close();
      router.refresh();
    }, setError);
  }

  return (
    <div>
      <Button type="button" variant="secondary" className="text-red-700" onClick={() => dialog.current?.showModal()}>
        {t("open")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="erase-candidate-title"
        className="m-auto w-full max-w-lg rounded-xl p-6 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id="erase-candidate-title" className="text-lg font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="mt-2 text-sm text-slate-700">{t("intro")}</p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {(["media", "transcripts", "answers", "review", "identity"] as const).map((item) => (
            <li key={item}>{t(`items.${item}`)}</li>
          ))}
        </ul>
        <p className="mt-3 text-sm font-medium text-red-700">{t("irreversible")}</p>
        {error && (
          <div className="mt-3">
            <Alert tone="error">{localize(error)}</Alert>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button type="button" variant="danger" onClick={erase} pending={pending}>
            {t("confirm")}
          </Button>
        </div>
      </dialog>
    </div>
  );
}
