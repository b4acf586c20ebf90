import type { CrisisAlert, CrisisHelp, CrisisHelpUpdateInput, Dashboard } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { AfterCommit } from "../messages/content-safety.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { messagesRepo } from "../messages/messages.repo.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { type AlertListRow, alertsRepo } from "./alerts.repo.js";
import { moderationScope } from "./scope.js";

const HELP_KEY = "crisis_help_text";

/** Shown until an operator sets their own text (with local hotline numbers). */
export const DEFAULT_CRISIS_HELP: CrisisHelp = {
  "zh-CN":
    "你不是一个人。谢谢你愿意说出来。如果你或孩子现在有危险，请立即拨打 120（急救）或 110（报警）。" +
    "需要有人聊聊，可以拨打全国心理援助热线 12356，或希望24热线 400-161-9995，24 小时都有人接听。" +
    "群里的社工也会尽快联系你。",
  en:
    "You are not alone, and thank you for saying how you feel. If you or your child are in danger right now, " +
    "call 120 (ambulance) or 110 (police). To talk to someone, call the national mental health hotline 12356 " +
    "or the Hope 24 hotline 400-161-9995, open day and night. A social worker from the group will reach out soon.",
};

/**
 * Crisis alerts: raised by a crisis word or a `crisis` report, pushed live to the group's online
 * moderators and stored as a notification for every moderator, open until acknowledged with a
 * follow-up note. The author only ever sees supportive help text, never a warning.
 */
export function createAlertsService(deps: Deps, groups: GroupsService, notifications: NotificationsService) {
  const { db, realtime } = deps;

  async function present(rows: AlertListRow[]): Promise<CrisisAlert[]> {
    const msgRows = await Promise.all(rows.map((r) => messagesRepo.rowById(db, r.alert.messageId)));
    const views = await messagesRepo.views(
      db,
      msgRows.filter((m) => m !== undefined),
    );
    const byId = new Map(views.map((v) => [v.row.id, v]));
    return rows.map(({ alert: a, groupName, ackByName }) => {
      const v = byId.get(a.messageId);
      return {
        id: a.id,
        group: { id: a.groupId, name: groupName },
        messageId: a.messageId,
        source: a.source,
        status: a.status,
        message: v ? presentMessage(v, "moderator") : null,
        createdAt: a.createdAt.toISOString(),
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        acknowledgedBy: a.acknowledgedBy ? { id: a.acknowledgedBy, displayName: ackByName ?? "" } : null,
        followUpNote: a.followUpNote,
      };
    });
  }

  return {
    /**
     * Inside the caller's transaction: open an alert for the message (unless one is open) and
     * store a notification for each of the group's moderators. After commit: push both.
     */
    async raise(
      tx: Tx,
      a: { groupId: string; messageId: string; source: "word" | "report" },
    ): Promise<AfterCommit> {
      const alert = await alertsRepo.open(tx, a);
      if (!alert) return () => {};
      const [moderatorIds, msg] = await Promise.all([
        groupsRepo.moderatorIds(tx, a.groupId),
        messagesRepo.rowById(tx, a.messageId),
      ]);
      const notes = await notifications.store(
        tx,
        moderatorIds.map((userId) => ({
          userId,
          kind: "moderation_alert" as const,
          payload: {
            alertId: alert.id,
            groupId: a.groupId,
            messageId: a.messageId,
            seq: msg?.seq,
            source: a.source,
          },
        })),
      );
      return () => {
        void (async () => {
          const [dto] = await present(await alertsRepo.list(db, [a.groupId], "all", alert.id));
          if (dto) realtime.emitTo(rooms.moderators(a.groupId), "moderation:alert", dto);
          notifications.push(notes);
        })().catch((err) => deps.logger.error({ err, alertId: alert.id }, "crisis alert push failed"));
      };
    },

    async list(user: AuthUser, q: { status: "open" | "acknowledged" | "all"; groupId?: string | undefined }) {
      const scope = await moderationScope(db, groups, user, q.groupId);
      return { alerts: await present(await alertsRepo.list(db, scope, q.status)) };
    },

    async acknowledge(user: AuthUser, id: string, note: string): Promise<{ alert: CrisisAlert }> {
      const alert = await alertsRepo.byId(db, id);
      if (!alert) throw notFound("alert");
      const a = await groups.access(user, alert.groupId);
      if (!a.canModerate) throw forbidden("Only this group's moderators can acknowledge its alerts");
      await db.transaction(async (tx) => {
        const updated = await alertsRepo.acknowledge(tx, id, user.id, note);
        if (!updated) throw conflict("This alert was already acknowledged");
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "alert_acknowledged",
          groupId: alert.groupId,
          messageId: alert.messageId,
          reason: note,
          before: { status: "open" },
          after: { status: "acknowledged", alertId: id },
        });
      });
      const [dto] = await present(await alertsRepo.list(db, [alert.groupId], "all", id));
      return { alert: dto! };
    },

    async dashboard(user: AuthUser, groupId: string | undefined): Promise<Dashboard> {
      return alertsRepo.dashboard(db, await moderationScope(db, groups, user, groupId));
    },

    async getHelp(): Promise<CrisisHelp> {
      const stored = await alertsRepo.getSetting<Partial<CrisisHelp>>(db, HELP_KEY);
      return { ...DEFAULT_CRISIS_HELP, ...(stored ?? {}) };
    },

    async setHelp(user: AuthUser, input: CrisisHelpUpdateInput): Promise<CrisisHelp> {
      const before = await this.getHelp();
      const next = { ...before, ...input };
      await db.transaction(async (tx) => {
        await alertsRepo.putSetting(tx, HELP_KEY, next);
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "crisis_help_changed",
          before: { ...before },
          after: { ...next },
        });
      });
      return next;
    },

    /** The help text in the author's locale. */
    async supportText(locale: string): Promise<string> {
      const help = await this.getHelp();
      return locale === "en" ? help.en : help["zh-CN"];
    },
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;
