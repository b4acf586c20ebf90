import {
  ACTIVITY_KINDS,
  CASE_STAGES,
  type Locale,
  type ProjectReport,
  type ReportProject,
} from "@carecircle/shared";
import type { reportFiguresRepo } from "./report-figures.repo.js";
import type { ReportProjectRow } from "./report-projects.repo.js";
import type { CaseworkInput, CategoryCount } from "./report-sources.js";
import { cell, familyCount, maybeCell } from "./suppression.js";

type Figures<K extends keyof typeof reportFiguresRepo> = Awaited<ReturnType<(typeof reportFiguresRepo)[K]>>;

/** A project row and its social workers as the API shows them. */
export function presentProject(row: ReportProjectRow, socialWorkerIds: string[]): ReportProject {
  return {
    id: row.id,
    name: row.name,
    district: row.district,
    stationIds: row.stationIds,
    from: row.fromDate,
    to: row.toDate,
    familyIds: row.familyIds,
    socialWorkerIds,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Families served: the total and per station and district, each cell suppressed under 5 families. */
export function familiesSection(total: number, by: Figures<"familiesByStation">): ProjectReport["families"] {
  return {
    total: familyCount(total),
    byStation: by.stations.map((s) => ({
      stationId: s.stationId,
      name: s.name,
      families: familyCount(s.families),
    })),
    byDistrict: by.districts.map((d) => ({ district: d.district, families: familyCount(d.families) })),
  };
}

/** Respite sessions and hours, suppressed when fewer than 5 families attended. */
export function respiteSection(r: Figures<"respite">): ProjectReport["respite"] {
  return {
    families: familyCount(r.families),
    sessions: cell(r.sessions, r.families),
    hours: cell(round1(r.hours), r.families),
  };
}

/** Peer-group participation, suppressed when fewer than 5 families took part. */
export function groupsSection(g: Figures<"groups">): ProjectReport["groups"] {
  return {
    families: familyCount(g.families),
    groups: cell(g.groups, g.families),
    messages: cell(g.messages, g.families),
  };
}

/**
 * Group activities the families attended (decision 149): every kind listed, each suppressed on
 * its own families, the totals on all of them.
 */
export function groupActivitiesSection(g: Figures<"groupActivities">): ProjectReport["groupActivities"] {
  const f = g.total.families;
  return {
    families: familyCount(f),
    caregivers: cell(g.total.caregivers, f),
    sessions: cell(g.total.sessions, f),
    byKind: ACTIVITY_KINDS.map((kind) => {
      const k = g.byKind.find((r) => r.kind === kind);
      return {
        kind,
        families: familyCount(k?.families ?? 0),
        sessions: cell(k?.sessions ?? 0, k?.families ?? 0),
      };
    }),
  };
}

/** Alerts and time to acknowledge, suppressed when the alerts are about fewer than 5 families. */
export function safeguardingSection(s: Figures<"safeguarding">): ProjectReport["safeguarding"] {
  const f = s.families;
  const minutes = (v: number | null) => (v === null ? null : round1(v));
  return {
    families: familyCount(f),
    alerts: cell(s.alerts, f),
    crisis: cell(s.crisis, f),
    stress: cell(s.stress, f),
    acknowledged: cell(s.acknowledged, f),
    escalated: cell(s.escalated, f),
    medianMinutesToAcknowledge: maybeCell(minutes(s.medianAckMinutes), f),
    p90MinutesToAcknowledge: maybeCell(minutes(s.p90AckMinutes), f),
    incidents: cell(s.incidents, s.incidentFamilies),
  };
}

const counts = (rows: CategoryCount[]) =>
  rows.map((r) => ({
    key: r.key,
    label: r.key,
    families: familyCount(r.families),
    count: cell(r.count, r.families),
  }));

/**
 * Case-work figures, each category suppressed on its own families. Labels are the category keys;
 * the client and the CSV translate them (`report.category.<key>`).
 */
export function caseworkSection(input: CaseworkInput | null, _lang: Locale): ProjectReport["casework"] {
  if (!input) return { status: "no_data" };
  return {
    status: "ok",
    presentingProblems: counts(input.presentingProblems),
    contactsByType: counts(input.contactsByType),
    referrals: counts(input.referrals),
    // In the order of the work (intake first), not the keys' alphabet.
    stagesReached: counts(
      [...input.stagesReached].sort(
        (a, b) =>
          CASE_STAGES.indexOf(a.key as (typeof CASE_STAGES)[number]) -
          CASE_STAGES.indexOf(b.key as (typeof CASE_STAGES)[number]),
      ),
    ),
  };
}
