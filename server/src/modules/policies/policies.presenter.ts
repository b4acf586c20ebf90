import { type PolicyCard, PolicyEligibilitySchema, type PolicyFit } from "@carecircle/shared";
import type { PolicyCardView } from "./policies.repo.js";

/** The stored eligibility, read back through its schema (defaults for fields added later). */
export const eligibilityOf = (v: PolicyCardView) => PolicyEligibilitySchema.parse(v.row.eligibility);

/** Only what is set: an absent part stays absent. */
function whereOf(raw: unknown): PolicyCard["where"] {
  const w = (raw ?? {}) as Record<string, unknown>;
  const out: PolicyCard["where"] = {};
  for (const k of ["office", "address", "url"] as const) if (typeof w[k] === "string") out[k] = w[k];
  return out;
}

/**
 * row -> DTO. `today` is the library's day (YYYY-MM-DD); `staff` see the review flag, others
 * never do; `fits` are the caller's own children the card fits.
 */
export function presentPolicyCard(
  v: PolicyCardView,
  opts: { today: string; staff: boolean; fits: PolicyFit[] },
): PolicyCard {
  const r = v.row;
  return {
    id: r.id,
    status: r.status,
    title: r.title,
    summary: r.summary,
    titleEn: r.titleEn,
    summaryEn: r.summaryEn,
    kind: r.kind as PolicyCard["kind"],
    eligibility: eligibilityOf(v),
    steps: r.steps,
    documents: r.documents,
    where: whereOf(r.whereToApply),
    deadline: r.deadline,
    sourceName: r.sourceName,
    sourceUrl: r.sourceUrl,
    checkedOn: r.checkedOn,
    reviewBy: r.reviewBy,
    reviewOverdue: opts.staff && r.status !== "archived" && r.reviewBy <= opts.today,
    keywords: r.keywords,
    author: r.authorId && v.authorName !== null ? { id: r.authorId, displayName: v.authorName } : null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    fits: opts.fits,
  };
}
