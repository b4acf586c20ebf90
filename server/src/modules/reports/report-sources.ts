import type { ScaleDefinition } from "@carecircle/shared";

/*
 * The report's case-work and outcome sections read tables that other parts of issue 18 add
 * (C1: cases, case_records, case_stage_changes; C2: scale_administrations). Until they are wired,
 * `NO_CASEWORK_YET` answers null and the report shows "暂无数据" for those sections.
 *
 * To wire them, implement `ReportSources` in a repo (the only SQL) and pass it to
 * `createReportsService`. Each query is scoped by `ProjectScope` (families, date range) and must
 * answer counts only: no names, no notes, no family ids leave the repo except as counts.
 * - casework.presentingProblems: per problem (economic, care_burden, ...), families whose case
 *   lists it, intake in range; `count` = the same number.
 * - casework.contactsByType: per case_records.kind in range: `count` contacts, `families` distinct.
 * - casework.referrals: per `${kind}:${status}` for kind referral|resource_linking (status
 *   submitted|approved|refused), `count` records and `families` distinct.
 * - casework.stagesReached: per stage, families whose case reached it (case_stage_changes) in range.
 * - outcomes: per scale, families with a complete `intake` and a complete `evaluation`
 *   administration (first and last by completed_at within the range): their `score` jsonb.
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

/** The sources until case work and scale administrations exist in this branch. */
export const NO_CASEWORK_YET: ReportSources = {
  casework: async () => null,
  outcomes: async () => null,
};
