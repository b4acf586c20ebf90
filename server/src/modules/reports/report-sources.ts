import type { ScaleDefinition } from "@carecircle/shared";

/*
 * Where the report's case-work and outcome sections come from (`report-sources.repo.ts` reads the
 * case and scale tables). Every source is scoped by `ProjectScope` and answers counts or scores
 * only: no names, no notes, no family ids leave the repo. A source answering null means no data yet
 * (shown as "暂无数据").
 * - casework.presentingProblems: per problem, families whose case was open in the range.
 * - casework.contactsByType: per case_records.kind in range: `count` contacts, `families` distinct.
 * - casework.referrals: per `${kind}:${status}` for referral|resource_linking with a follow-up.
 * - casework.stagesReached: per stage, families whose case reached it in range (approved moves).
 * - outcomes: per scale, each family's first complete `intake` and last complete `evaluation`.
 */

/** The project's families and range, as the providers need them. */
export interface ProjectScope {
  familyIds: readonly string[];
  socialWorkerIds: readonly string[];
  /** Inclusive start, station-agnostic: midnight Asia/Shanghai of the project's first day. */
  from: Date;
  /** Exclusive end: midnight after the project's last day. */
  to: Date;
}

/** A count in one category and how many distinct families it is about (for suppression). */
export interface CategoryCount {
  key: string;
  families: number;
  count: number;
}

/** Case-work figures of a project (from C1's tables). */
export interface CaseworkInput {
  presentingProblems: CategoryCount[];
  contactsByType: CategoryCount[];
  referrals: CategoryCount[];
  stagesReached: CategoryCount[];
}

/** One scored administration as stored in `scale_administrations.score`. */
export interface ScoreSnapshot {
  total: number;
  subscales: Record<string, number>;
}

/** Pre/post scores of the families that have both, per scale (from C2's tables). */
export interface OutcomeInput {
  scales: { definition: ScaleDefinition; families: { pre: ScoreSnapshot; post: ScoreSnapshot }[] }[];
}

/** Where the case-work and outcome sections come from; null means "no data yet". */
export interface ReportSources {
  casework(scope: ProjectScope): Promise<CaseworkInput | null>;
  outcomes(scope: ProjectScope): Promise<OutcomeInput | null>;
}
