import {
  type SsrsDimension,
  SUPPORT_TIE_KINDS,
  type SupportTie,
  type SupportTieKind,
  type TieCounts,
} from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { type Activity, supportMapRepo, type TieRow } from "./support-map.repo.js";

/** How far back "lately" reaches for a tie's strength. */
export const RECENT_DAYS = 90;

type Strength = 1 | 2 | 3;

/** Strength from recent activity: below `medium` weak, from `strong` strong. */
export function strengthOf(recent: number, medium: number, strong: number): Strength {
  if (recent >= strong) return 3;
  return recent >= medium ? 2 : 1;
}

/** Posts in a group lately: joined only = weak, 1-9 posts = medium, 10+ = strong. */
export const peerStrength = (posts: number) => strengthOf(posts, 1, 10);
/** Respite sessions lately: one = weak, 2-4 = medium, 5+ = strong. */
export const stationStrength = (sessions: number) => strengthOf(sessions, 2, 5);
/** Contacts with a social worker lately (records, days with messages): none = weak, 1-3 medium, 4+ strong. */
export const socialWorkerStrength = (contacts: number) => strengthOf(contacts, 1, 4);

const iso = (d: Date) => d.toISOString();
const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

function platformTie(
  key: string,
  kind: SupportTieKind,
  a: Omit<Activity, "id" | "recent">,
  strength: Strength,
  dimensions: SsrsDimension[],
): SupportTie {
  return {
    key,
    id: null,
    kind,
    label: a.label,
    strength,
    origin: "platform",
    dimensions,
    firstSeen: iso(a.first),
    lastSeen: iso(a.last),
  };
}

async function peerTies(db: DbOrTx, familyId: string, since: Date): Promise<SupportTie[]> {
  const joined = await supportMapRepo.groupsJoined(db, familyId);
  const posts = await supportMapRepo.postsSince(
    db,
    familyId,
    joined.map((g) => g.id),
    since,
  );
  const byGroup = new Map(posts.map((p) => [p.groupId, p]));
  return joined.map((g) => {
    const p = byGroup.get(g.id);
    const first = g.first!;
    const a = { label: g.label, first, last: p?.last ? later(p.last, first) : first };
    const dims: SsrsDimension[] = p ? ["subjective", "utilisation"] : ["utilisation"];
    return platformTie(`group:${g.id}`, "peer", a, peerStrength(p?.n ?? 0), dims);
  });
}

async function socialWorkerTies(db: DbOrTx, familyId: string, since: Date): Promise<SupportTie[]> {
  const [assigned, records, direct] = await Promise.all([
    supportMapRepo.assigned(db, familyId),
    supportMapRepo.recordsBy(db, familyId, since),
    supportMapRepo.directContacts(db, familyId, since),
  ]);
  const seen = new Map<string, Activity>();
  const merge = (a: Activity) => {
    const had = seen.get(a.id);
    seen.set(
      a.id,
      had
        ? {
            ...had,
            first: earlier(had.first, a.first),
            last: later(had.last, a.last),
            recent: had.recent + a.recent,
          }
        : a,
    );
  };
  for (const s of assigned) merge({ id: s.id, label: s.label, first: s.since, last: s.since, recent: 0 });
  for (const a of [...records, ...direct]) merge(a);
  return [...seen.values()].map((a) =>
    platformTie(`social_worker:${a.id}`, "social_worker", a, socialWorkerStrength(a.recent), [
      "objective",
      "utilisation",
    ]),
  );
}

/** A recorded tie as the map shows it. */
export function presentRecordedTie(row: TieRow): SupportTie {
  return {
    key: `recorded:${row.id}`,
    id: row.id,
    kind: row.kind,
    label: row.label,
    strength: row.strength,
    origin: "recorded",
    dimensions: row.dimensions as SsrsDimension[],
    firstSeen: iso(row.createdAt),
    lastSeen: iso(row.updatedAt),
  };
}

/**
 * Every tie of the family now (decision 135): derived from groups, respite and social-work contacts
 * on each read, then the recorded ones; ordered by kind, strongest first.
 */
export async function familyTies(db: DbOrTx, familyId: string, now = new Date()): Promise<SupportTie[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const [peers, attended, workers, recorded] = await Promise.all([
    peerTies(db, familyId, since),
    supportMapRepo.stationsAttended(db, familyId, since),
    socialWorkerTies(db, familyId, since),
    supportMapRepo.recorded(db, familyId),
  ]);
  const stationTies = attended.map((a) =>
    platformTie(`station:${a.id}`, "station_staff", a, stationStrength(a.recent), [
      "objective",
      "utilisation",
    ]),
  );
  const all = [...peers, ...stationTies, ...workers, ...recorded.map(presentRecordedTie)];
  const order = (k: SupportTieKind) => SUPPORT_TIE_KINDS.indexOf(k);
  return all.sort((a, b) => order(a.kind) - order(b.kind) || b.strength - a.strength);
}

/** Ties per kind and strength (`[weak, medium, strong]`), every kind present. */
export function countTies(ties: readonly Pick<SupportTie, "kind" | "strength">[]): TieCounts {
  const counts = Object.fromEntries(SUPPORT_TIE_KINDS.map((k) => [k, [0, 0, 0]])) as TieCounts;
  for (const t of ties) counts[t.kind][t.strength - 1]! += 1;
  return counts;
}
