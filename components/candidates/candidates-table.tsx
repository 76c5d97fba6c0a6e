"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/actions/invitations";
import {
  CANDIDATE_DECISION_FILTERS,
  CANDIDATE_STATUSES,
  MAX_RESENDS,
  type CandidateDecisionFilter,
  type CandidateSort,
  type CandidateStatusFilter,
} from "@/lib/schemas/invitation";
import type { CandidateTableRow as CandidateRow } from "@/lib/server/invitations/list-candidates";
import { CandidateJudgement } from "@/components/review/candidate-judgement";
import { CANDIDATES_CHANGED } from "./invite-form";

export type CandidatesPage = { data: CandidateRow[]; nextCursor: string | null };

export type CandidatesTableProps = {
  interviewId: string;
  interviewStatus: "draft" | "published" | "closed" | "completed";
  /** ISO 8601 or null. */
  deadline: string | null;
  /** The first page, as listCandidates returns it with the default query. */
  initialPage: CandidatesPage;
  /** Blind review: no sorting by name or email (the order would tell who is who). */
  blindReview?: boolean;
};

type Query = { status: CandidateStatusFilter | ""; decision: CandidateDecisionFilter | ""; q: string; sort: CandidateSort; order: "asc" | "desc" };

const POLL_MS = 5_000;
const PAGE = 50;
/** The poll refreshes at most this many of the loaded rows (one request). */
const REFRESH_MAX = 100;

const STATUS_TONE: Record<CandidateStatusFilter, string> = {
  invited: "bg-slate-100 text-slate-700",
  opened: "bg-sky-50 text-sky-800",
  in_progress: "bg-amber-50 text-amber-800",
  completed: "bg-emerald-50 text-emerald-800",
  expired: "bg-slate-100 text-slate-500",
  revoked: "bg-red-50 text-red-700",
};

function url(interviewId: string, query: Query, extra: { cursor?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.decision) params.set("decision", query.decision);
  if (query.q.trim()) params.set("q", query.q.trim());
  params.set("sort", query.sort);
  params.set("order", query.order);
  params.set("limit", String(extra.limit ?? PAGE));
  if (extra.cursor) params.set("cursor", extra.cursor);
  return `/api/interviews/${encodeURIComponent(interviewId)}/candidates?${params}`;
}

async function fetchPage(href: string, signal?: AbortSignal): Promise<CandidatesPage> {
  const res = await fetch(href, { headers: { accept: "application/json" }, cache: "no-store", signal });
  const body = (await res.json().catch(() => null)) as (CandidatesPage & { error?: { message: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/**
 * The candidates of one interview: filter, search, sort, keyset "load more", and live
 * updates (the loaded rows are re-read every 5 s while the tab is visible).
 */
export function CandidatesTable({ interviewId, interviewStatus, initialPage, blindReview = false }: CandidatesTableProps) {
  const t = useTranslations("candidates");
  const tCompare = useTranslations("compare");
  const format = useFormatter();
  const id = useId();
  const tj = useTranslations("review.judgement");
  const [query, setQuery] = useState<Query>({ status: "", decision: "", q: "", sort: "created", order: "desc" });
  const [rows, setRows] = useState<CandidateRow[]>(initialPage.data);
  const [nextCursor, setNextCursor] = useState<string | null>(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const first = useRef(true);
  const rowsRef = useRef(rows);
  const queryRef = useRef(query);
  useEffect(() => {
    rowsRef.current = rows;
    queryRef.current = query;
  }, [rows, query]);

  // A new query: its first page (search typed is debounced).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(
      async () => {
        setLoading(true);
        try {
          const page = await fetchPage(url(interviewId, query), ctrl.signal);
          setRows(page.data);
          setNextCursor(page.nextCursor);
          setLoadError(false);
        } catch {
          if (!ctrl.signal.aborted) setLoadError(true);
        } finally {
          if (!ctrl.signal.aborted) setLoading(false);
        }
      },
      query.q ? 300 : 0,
    );
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [interviewId, query]);

  // Re-read the loaded rows (up to REFRESH_MAX) with the same query; rows beyond stay as loaded.
  const refresh = useCallback(async () => {
    const loaded = rowsRef.current.length;
    const limit = Math.min(Math.max(loaded, PAGE), REFRESH_MAX);
    const asked = queryRef.current;
    try {
      const page = await fetchPage(url(interviewId, asked, { limit }));
      if (queryRef.current !== asked) return;
      setRows((current) => {
        const fresh = new Set(page.data.map((r) => r.id));
        return [...page.data, ...current.slice(limit).filter((r) => !fresh.has(r.id))];
      });
      if (loaded <= REFRESH_MAX) setNextCursor(page.nextCursor);
      setLoadError(false);
    } catch {
      setLoadError(true);
    }
  }, [interviewId]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer || document.visibilityState !== "visible") return;
      timer = setInterval(() => void refresh(), POLL_MS);
    };
    const stop = () => {
      if (timer) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        void refresh();
        start();
      } else stop();
    };
    const onChanged = () => void refresh();
    start();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener(CANDIDATES_CHANGED, onChanged);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener(CANDIDATES_CHANGED, onChanged);
    };
  }, [refresh]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoading(true);
    try {
      const page = await fetchPage(url(interviewId, query, { cursor: nextCursor }));
      setRows((current) => {
        const have = new Set(current.map((r) => r.id));
        return [...current, ...page.data.filter((r) => !have.has(r.id))];
      });
      setNextCursor(page.nextCursor);
      setLoadError(false);
    } catch {
      setLoadError(true);
    } finally {
      setLoading(false);
    }
  };

  const act = async (row: CandidateRow, kind: "resend" | "revoke") => {
    if (kind === "revoke" && !window.confirm(t("revokeConfirm", { name: displayName(row) }))) return;
    setBusy(`${kind}:${row.id}`);
    try {
      const result = kind === "revoke" ? await revokeInvitationAction(row.id) : await resendInvitationAction(row.id);
      setMessage(result.ok ? { tone: "success", text: t(kind === "revoke" ? "revoked" : "resent", { email: row.email || displayName(row) }) } : { tone: "error", text: result.error });
      await refresh();
    } catch {
      setMessage({ tone: "error", text: t("loadError") });
    } finally {
      setBusy(null);
    }
  };

  const copy = async (row: CandidateRow) => {
    try {
      await navigator.clipboard.writeText(row.link);
      setMessage({ tone: "success", text: t("copied") });
    } catch {
      window.prompt(t("copyLink"), row.link);
    }
  };

  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "—");
  const filtered = query.status !== "" || query.decision !== "" || query.q.trim() !== "";
  // Blind review: the server sent a number, not the name.
  const displayName = (row: CandidateRow) => (row.blind ? tj("candidate", { number: row.blind.number ?? "none" }) : row.name || row.email);
  // After the deadline rows are "expired" (derived by the server), so no resend is offered.
  const open = interviewStatus === "published";
  const select = "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

  return (
    <Card>
      <CardHeader
        title={t("title")}
        description={
          <span className="flex flex-wrap items-center gap-x-4 text-xs">
            <span>{t("live")}</span>
            <Link href={`/interviews/${interviewId}/compare`} className="font-medium text-brand-700 hover:underline">
              {tCompare("link")}
            </Link>
          </span>
        }
      />
      <div role="group" aria-label={t("filters")} className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-status`}>{t("statusFilter")}</Label>
          <select id={`${id}-status`} className={select} value={query.status} onChange={(e) => setQuery({ ...query, status: e.target.value as Query["status"] })}>
            <option value="">{t("allStatuses")}</option>
            {CANDIDATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-decision`}>{tj("table.decisionFilter")}</Label>
          <select id={`${id}-decision`} className={select} value={query.decision} onChange={(e) => setQuery({ ...query, decision: e.target.value as Query["decision"] })}>
            <option value="">{tj("table.allDecisions")}</option>
            {CANDIDATE_DECISION_FILTERS.map((d) => (
              <option key={d} value={d}>
                {tj(`decisions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-q`}>{t("search")}</Label>
          <Input id={`${id}-q`} type="search" value={query.q} maxLength={200} placeholder={t("searchPlaceholder")} onChange={(e) => setQuery({ ...query, q: e.target.value })} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-sort`}>{t("sort")}</Label>
          <select id={`${id}-sort`} className={select} value={query.sort} onChange={(e) => setQuery({ ...query, sort: e.target.value as CandidateSort })}>
            <option value="created">{t("sortCreated")}</option>
            {!blindReview && <option value="name">{t("sortName")}</option>}
            {!blindReview && <option value="email">{t("sortEmail")}</option>}
            <option value="updated">{t("sortUpdated")}</option>
            <option value="decision">{tj("table.sortDecision")}</option>
            <option value="rating">{tj("table.sortRating")}</option>
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-order`}>{t("order")}</Label>
          <select id={`${id}-order`} className={select} value={query.order} onChange={(e) => setQuery({ ...query, order: e.target.value as Query["order"] })}>
            <option value="desc">{t("orderDesc")}</option>
            <option value="asc">{t("orderAsc")}</option>
          </select>
        </div>
      </div>

      <div className="mt-4 space-y-2" aria-live="polite">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {loadError && <Alert tone="error">{t("loadError")}</Alert>}
      </div>

      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{t("columns.candidate")}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t("columns.status")}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{tj("table.decision")}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t("columns.email")}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t("columns.invited")}</th>
              <th scope="col" className="py-2 font-medium">{t("columns.actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const name = displayName(row);
              const canResend = open && row.source === "invite" && !["revoked", "completed", "expired"].includes(row.status) && row.sendCount < MAX_RESENDS;
              const canRevoke = row.status !== "revoked" && row.status !== "completed";
              return (
                <tr key={row.id} className="align-top">
                  <td className="py-3 pr-3">
                    <div className="font-medium text-slate-900">{row.blind ? name : row.name}</div>
                    {row.blind ? <div className="text-xs text-slate-500">{tj("table.hidden")}</div> : <div className="break-all text-slate-600">{row.email}</div>}
                    {row.source === "public" && <div className="text-xs text-slate-500">{t("publicSource")}</div>}
                  </td>
                  <td className="py-3 pr-3">
                    <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS_TONE[row.status])}>{t(`status.${row.status}`)}</span>
                    {(row.status === "in_progress" || row.status === "completed" || row.answeredCount > 0) && (
                      <div className="mt-1 text-xs text-slate-600">{t("progress", { answered: row.answeredCount, total: row.totalQuestions })}</div>
                    )}
                    {row.version !== null && (
                      <div className="mt-1 text-xs text-slate-600">{t("version", { number: row.version })}</div>
                    )}
                    {row.answersProcessing > 0 && (
                      <div className="mt-1 text-xs text-slate-600" data-testid="media-processing">
                        {t("mediaProcessing", { n: row.answersProcessing })}
                      </div>
                    )}
                    {row.answersFailed > 0 && (
                      <div className="mt-1 text-xs font-medium text-red-700">{t("mediaFailed", { n: row.answersFailed })}</div>
                    )}
                    {row.readyAt && (
                      <div className="mt-1 text-xs font-medium text-emerald-800" data-testid="ready-for-review">
                        {t("readyForReview")}
                      </div>
                    )}
                  </td>
                  <td className="py-3 pr-3">
                    <CandidateJudgement decision={row.decision} rating={row.rating} />
                  </td>
                  <td className="py-3 pr-3">
                    <div className={cn("text-xs", row.emailStatus === "failed" ? "font-medium text-red-700" : "text-slate-600")}>
                      {interviewStatus === "draft" && row.emailStatus === "pending" ? t("draftPending") : t(`emailStatus.${row.emailStatus}`)}
                    </div>
                    {row.emailStatus === "failed" && row.emailError && <div className="mt-1 max-w-56 break-words text-xs text-red-700">{row.emailError}</div>}
                  </td>
                  <td className="py-3 pr-3 whitespace-nowrap text-slate-600">{date(row.invitedAt)}</td>
                  <td className="py-3">
                    <div className="flex flex-wrap gap-2">
                      {row.sessionId && (
                        <Link
                          href={`/interviews/${interviewId}/candidates/${row.sessionId}`}
                          className="rounded-lg px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                          aria-label={t("review.viewFor", { name })}
                        >
                          {t("review.view")}
                        </Link>
                      )}
                      <Button type="button" variant="ghost" className="px-2 py-1 text-xs" aria-label={t("copyLinkFor", { name })} onClick={() => void copy(row)} disabled={row.status === "revoked" || !row.link}>
                        {t("copyLink")}
                      </Button>
                      {canResend && (
                        <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-label={t("resendFor", { name })} pending={busy === `resend:${row.id}`} onClick={() => void act(row, "resend")}>
                          {t("resend")}
                        </Button>
                      )}
                      {canRevoke && (
                        <Button type="button" variant="ghost" className="px-2 py-1 text-xs text-red-700 hover:bg-red-50" aria-label={t("revokeFor", { name })} pending={busy === `revoke:${row.id}`} onClick={() => void act(row, "revoke")}>
                          {t("revoke")}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && !loading && <p className="py-6 text-center text-sm text-slate-600">{filtered ? t("emptyFiltered") : t("empty")}</p>}
      </div>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{t("shown", { count: rows.length })}</p>
        {nextCursor && (
          <Button type="button" variant="secondary" pending={loading} onClick={() => void loadMore()}>
            {loading ? t("loading") : t("loadMore")}
          </Button>
        )}
      </div>
    </Card>
  );
}
