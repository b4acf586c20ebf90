import type { CrisisAlert, MembershipChange, ReportQueuedPayload } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import type { GroupsService } from "../groups/groups.service.js";
import { presentAlerts } from "./alerts.presenter.js";
import { type AlertRow, alertsRepo } from "./alerts.repo.js";

/** An alert was opened: `rooms` hear of it as new (`moderation:alert`). */
export interface AlertOpened {
  type: "alert.opened";
  alertId: string;
  rooms: string[];
}

/** An alert's state changed: everyone who may see it gets `alert:updated`; `fresh` rooms also get it as new. */
export interface AlertChanged {
  type: "alert.changed";
  alertId: string;
  fresh: string[];
}

/** A report was filed (by a member or by watched words), for the group's moderators. */
export interface ReportFiled {
  type: "report.filed";
  report: ReportQueuedPayload;
}

/**
 * A member's sockets leave a group's rooms (removed, banned, left, erased). Carries the groups
 * service because leaving also re-announces the group's presence, which it keeps.
 */
export interface MemberLeft {
  type: "member.left";
  userId: string;
  groupId: string;
  change: MembershipChange;
  groups: Pick<GroupsService, "leaveRooms">;
}

/** One alert as the people allowed to see it get it. */
export async function presentAlert(db: DbOrTx, id: string): Promise<CrisisAlert> {
  const [dto] = await presentAlerts(db, await alertsRepo.list(db, "all", { status: "all", id }));
  return dto!;
}

/** Everyone who may see the alert: its group's moderators room and every recipient. */
async function audience(db: DbOrTx, a: AlertRow): Promise<string[]> {
  const ids = await alertsRepo.recipientIds(db, a.id);
  return [...(a.groupId ? [rooms.moderators(a.groupId)] : []), ...ids.map(rooms.user)];
}

/** After commit: the new alert to the rooms that must hear of it. */
export async function publishAlertOpened({ db, realtime }: Deps, e: AlertOpened): Promise<void> {
  realtime.emitTo(e.rooms, "moderation:alert", await presentAlert(db, e.alertId));
}

/** After commit: the alert's new state to everyone who may see it, and as new to `fresh` rooms. */
export async function publishAlertChanged({ db, realtime }: Deps, e: AlertChanged): Promise<void> {
  const dto = await presentAlert(db, e.alertId);
  const row = (await alertsRepo.byId(db, e.alertId))!;
  realtime.emitTo(await audience(db, row), "alert:updated", dto);
  if (e.fresh.length > 0) realtime.emitTo(e.fresh, "moderation:alert", dto);
}
