import type { Activity } from "@carecircle/shared";
import type { ActivityRow, ParticipantRow } from "./activities.repo.js";

/** What presenting one activity needs besides its row. */
export interface ActivityContext {
  station: { id: string; name: string; address: string } | null;
  /** Active sign-ups in sign-up order. */
  signups: ParticipantRow[];
  userId: string;
  canManage: boolean;
  /** Include who signed up (organisers, one activity at a time; decision 155). */
  names: boolean;
}

/** An activity as the caller sees it: participants only for organisers, on the activity's own page. */
export function presentActivity(row: ActivityRow, ctx: ActivityContext): Activity {
  const waiting = ctx.signups.filter((p) => p.signup.status === "waitlisted");
  const position = (signupId: string) => {
    const i = waiting.findIndex((p) => p.signup.id === signupId);
    return i < 0 ? null : i + 1;
  };
  const mine = ctx.signups.find((p) => p.signup.userId === ctx.userId);
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    facilitator: row.facilitator,
    station: ctx.station,
    location: row.location,
    audience: row.audience,
    capacity: row.capacity,
    confirmedCount: row.confirmedCount,
    waitlistCount: waiting.length,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    organiserId: row.organiserId,
    status: row.cancelledAt ? "cancelled" : "scheduled",
    cancelReason: row.cancelReason,
    mySignup: mine ? { status: mine.signup.status, waitlistPosition: position(mine.signup.id) } : null,
    canManage: ctx.canManage,
    participants:
      ctx.canManage && ctx.names
        ? ctx.signups.map((p) => ({
            userId: p.signup.userId,
            displayName: p.displayName,
            role: p.role,
            status: p.signup.status,
            waitlistPosition: position(p.signup.id),
            attended: p.signup.attended,
          }))
        : [],
  };
}
