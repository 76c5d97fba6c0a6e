import { useFormatter, useTranslations } from "next-intl";
import type { QuestionView } from "@/lib/server/interviews/interview-dto";

/** A question as the detail page shows it. */
export type QuestionItem = QuestionView;

/** The questions of the interview's current version, read-only, with their rubrics. */
export function QuestionList({ questions }: { questions: QuestionItem[] }) {
  const t = useTranslations("interviews.questions");
  const format = useFormatter();
  if (questions.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <ol className="space-y-4">
      {questions.map((q) => (
        <li key={q.id} className="rounded-xl p-4 ring-1 ring-slate-200">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("number", { n: q.position })}</p>
          <p className="mt-1 whitespace-pre-line break-words text-slate-900">{q.prompt}</p>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
            <li>{q.type === "video" ? t("video") : t("text")}</li>
            <li>{t("think", { seconds: q.thinkSeconds })}</li>
            <li>
              {q.type === "video"
                ? t("maxSeconds", { duration: duration(q.maxSeconds ?? 0, t) })
                : t("maxCharacters", { count: q.maxCharacters ?? 0, formatted: format.number(q.maxCharacters ?? 0) })}
            </li>
            <li>{t("retakes", { count: q.retakes })}</li>
          </ul>
          {q.rubric.length > 0 && (
            <div className="mt-3">
              <p className="text-sm font-medium text-slate-800">{t("rubric")}</p>
              <ul className="mt-1 space-y-1 text-sm text-slate-700">
                {q.rubric.map((c, i) => (
                  <li key={i} className="break-words">
                    <span className="font-medium">{c.name}</span> <span className="text-slate-500">({t("weight", { weight: c.weight })})</span>
                    {" — "}
                    {c.description}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function duration(seconds: number, t: ReturnType<typeof useTranslations<"interviews.questions">>): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes && rest) return t("minutesSeconds", { minutes, seconds: rest });
  if (minutes) return t("minutes", { minutes });
  return t("seconds", { seconds: rest });
}
