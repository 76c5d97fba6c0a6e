"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { addReviewCommentAction, deleteReviewCommentAction } from "@/lib/actions/review";
import { useLocalizeMessage } from "@/lib/i18n/localize-message";
import { COMMENT_MAX } from "@/lib/schemas/review";
import type { ReviewCommentView } from "@/lib/server/review/review-comments";

const select =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none sm:max-w-xs";

/**
 * The reviewers' comments on a candidate, oldest first, each about the candidate as a whole or
 * one question; every reviewer of the account sees them, and each may delete their own.
 */
export function ReviewComments({
  sessionId,
  comments,
  questions,
  readOnly,
}: {
  sessionId: string;
  comments: ReviewCommentView[];
  questions: { id: string; position: number }[];
  readOnly: boolean;
}) {
  const t = useTranslations("review.judgement.comments");
  const format = useFormatter();
  const localize = useLocalizeMessage();
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const [about, setAbout] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const position = new Map(questions.map((q) => [q.id, q.position]));
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  async function post() {
    setBusy("post");
    setError(null);
    try {
      const r = await addReviewCommentAction(sessionId, { body, questionId: about || null });
      if (r.ok) {
        setBody("");
        router.refresh();
      } else setError(localize(r.fields ? Object.values(r.fields).flat().join(" ") : r.error));
    } catch {
      setError(t("failed"));
    } finally {
      setBusy(null);
    }
  }

  async function remove(comment: ReviewCommentView) {
    if (!window.confirm(t("deleteConfirm"))) return;
    setBusy(comment.id);
    setError(null);
    try {
      const r = await deleteReviewCommentAction(comment.id);
      if (r.ok) router.refresh();
      else setError(localize(r.error));
    } catch {
      setError(t("failed"));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card>
      <section aria-labelledby={`${id}-heading`} className="space-y-4" data-testid="review-comments">
        <div>
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            {t("heading")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("hint")}</p>
        </div>
        {comments.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <ol aria-label={t("listLabel")} className="space-y-3">
            {comments.map((c) => (
              <li key={c.id} className="rounded-lg bg-slate-50 p-3" data-testid="review-comment">
                <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
                  <span className="font-semibold text-slate-900">{c.authorName}</span>
                  <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
                  {c.questionId && position.has(c.questionId) && <span>· {t("aboutQuestion", { n: position.get(c.questionId)! })}</span>}
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-900">{c.body}</p>
                {c.own && (
                  <Button
                    type="button"
                    variant="ghost"
                    className="mt-1 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
                    aria-label={t("deleteFor", { date: when(c.createdAt) })}
                    pending={busy === c.id}
                    onClick={() => void remove(c)}
                  >
                    {t("delete")}
                  </Button>
                )}
              </li>
            ))}
          </ol>
        )}
        {!readOnly && (
          <form
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              void post();
            }}
          >
            <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
              {t("label")}
            </label>
            <textarea
              id={`${id}-body`}
              value={body}
              rows={3}
              maxLength={COMMENT_MAX}
              required
              onChange={(e) => setBody(e.target.value)}
              className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
            />
            {questions.length > 0 && (
              <div className="space-y-1">
                <label htmlFor={`${id}-about`} className="block text-sm font-medium text-slate-800">
                  {t("about")}
                </label>
                <select id={`${id}-about`} className={select} value={about} onChange={(e) => setAbout(e.target.value)}>
                  <option value="">{t("aboutSession")}</option>
                  {questions.map((q) => (
                    <option key={q.id} value={q.id}>
                      {t("aboutQuestion", { n: q.position })}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <Button type="submit" pending={busy === "post"} disabled={!body.trim()}>
              {busy === "post" ? t("posting") : t("post")}
            </Button>
          </form>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </section>
    </Card>
  );
}
