import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { AuditService } from "../audit/audit.service.js";
import type { AlertsService } from "./alerts.service.js";
import type { DutyHoursService } from "./duty-hours.service.js";
import type { ReportsService } from "./reports.service.js";
import type { SanctionsService } from "./sanctions.service.js";
import type { WatchedWordsService } from "./watched-words.service.js";

/** Moderation routes: reports and the queue, sanctions, watched words, alerts, audit log. */
export function moderationRoutes(
  router: Router,
  authenticate: Authenticate,
  s: {
    sanctions: SanctionsService;
    reports: ReportsService;
    watchedWords: WatchedWordsService;
    alerts: AlertsService;
    duty: DutyHoursService;
    audit: AuditService;
  },
): void {
  mount(router, ROUTES.reportMessage, authenticate, ({ user, params, body }) =>
    s.reports.report(user, params.id, body),
  );
  mount(router, ROUTES.moderationQueue, authenticate, ({ user, query }) =>
    s.reports.queue(user, query.groupId),
  );
  mount(router, ROUTES.resolveReports, authenticate, ({ user, params, body }) =>
    s.reports.resolve(user, params.id, body),
  );
  mount(router, ROUTES.moderatorDeleteMessage, authenticate, ({ user, params, body }) =>
    s.reports.moderatorDelete(user, params.id, body.reason),
  );
  mount(router, ROUTES.hideMessage, authenticate, ({ user, params, body }) =>
    s.reports.hide(user, params.id, body.reason),
  );
  mount(router, ROUTES.restoreMessage, authenticate, ({ user, params, body }) =>
    s.reports.restore(user, params.id, body.reason),
  );

  mount(router, ROUTES.listMutes, authenticate, ({ user, params }) => s.sanctions.listMutes(user, params.id));
  mount(router, ROUTES.muteMember, authenticate, ({ user, params, body }) =>
    s.sanctions.mute(user, params.id, body.userId, body.minutes, body.reason),
  );
  mount(router, ROUTES.unmuteMember, authenticate, ({ user, params, body }) =>
    s.sanctions.unmute(user, params.id, params.userId, body.reason),
  );
  mount(router, ROUTES.removeMember, authenticate, ({ user, params, body }) =>
    s.sanctions.remove(user, params.id, params.userId, body.reason),
  );
  mount(router, ROUTES.listModeratedMembers, authenticate, ({ user, params, query }) =>
    s.sanctions.listMembers(user, params.id, query),
  );
  mount(router, ROUTES.listBans, authenticate, ({ user, params }) => s.sanctions.listBans(user, params.id));
  mount(router, ROUTES.banMember, authenticate, ({ user, params, body }) =>
    s.sanctions.ban(user, params.id, body.userId, body.reason),
  );
  mount(router, ROUTES.unbanMember, authenticate, ({ user, params, body }) =>
    s.sanctions.unban(user, params.id, params.userId, body.reason),
  );

  mount(router, ROUTES.listWatchedWords, authenticate, () => s.watchedWords.list());
  mount(router, ROUTES.createWatchedWord, authenticate, ({ user, body }) =>
    s.watchedWords.create(user, body),
  );
  mount(router, ROUTES.updateWatchedWord, authenticate, ({ user, params, body }) =>
    s.watchedWords.update(user, params.id, body),
  );
  mount(router, ROUTES.deleteWatchedWord, authenticate, ({ user, params }) =>
    s.watchedWords.remove(user, params.id),
  );
  mount(router, ROUTES.testWatchedWords, authenticate, ({ body }) => s.watchedWords.test(body.text));

  mount(router, ROUTES.listAlerts, authenticate, ({ user, query }) => s.alerts.list(user, query));
  mount(router, ROUTES.claimAlert, authenticate, ({ user, params, body }) =>
    s.alerts.claim(user, params.id, body),
  );
  mount(router, ROUTES.acknowledgeAlert, authenticate, ({ user, params, body }) =>
    s.alerts.acknowledge(user, params.id, body.note),
  );
  mount(router, ROUTES.moderationDashboard, authenticate, ({ user, query }) =>
    s.alerts.dashboard(user, query.groupId),
  );
  mount(router, ROUTES.getMyDutyHours, authenticate, ({ user }) => s.duty.read(user.id));
  mount(router, ROUTES.setMyDutyHours, authenticate, ({ user, body }) => s.duty.replace(user.id, body));
  mount(router, ROUTES.getUserDutyHours, authenticate, ({ params }) => s.duty.forSocialWorker(params.id));
  mount(router, ROUTES.setUserDutyHours, authenticate, ({ params, body }) =>
    s.duty.forSocialWorker(params.id, body),
  );
  mount(router, ROUTES.auditLog, authenticate, ({ user, query }) => s.audit.list(user, query));
  mount(router, ROUTES.getCrisisHelp, authenticate, () => s.alerts.getHelp());
  mount(router, ROUTES.setCrisisHelp, authenticate, ({ user, body }) => s.alerts.setHelp(user, body));
}
