import { createECDH, randomUUID } from "node:crypto";
import type { ClientEventName, Media, Message, RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import {
  type Account,
  bookOk,
  buildCaregiver,
  buildSlot,
  hoursFromNow,
  joinFamily,
  login,
  mediaFixture,
  uploadOk,
} from "../../factories/index.js";
import { ACTIVITY_ROUTE_CASES } from "./activity-cases.js";
import { CASE_ROUTE_CASES } from "./case-cases.js";
import { POLICY_ROUTE_CASES } from "./policy-cases.js";
import { SCALE_CASES } from "./scale-cases.js";
import { SERIES_ROUTE_CASES } from "./series-cases.js";
import { STAFFING_ROUTE_CASES } from "./staffing-cases.js";
import { STATION_DAY_CASES } from "./station-day-cases.js";
import { SUPPORT_MAP_CASES } from "./support-map-cases.js";
import {
  createRule,
  freshGroup,
  freshMemberOfG,
  freshSlot,
  nextBlackoutDate,
  nextSlotTimes,
  type Persona,
  postMessage,
  reportMessage,
  ruleBody,
  type World,
} from "./world.js";

/**
 * What a route's or event's relations are checked against. `caller`: the call acts only on the
 * caller's own data (its relation scopes the answer, every holder of the role passes); `none`:
 * the table lists no relation.
 */
export type Target =
  | "none"
  | "caller"
  | "family"
  | "child"
  | "booking"
  | "station"
  | "group"
  | "message"
  | "project"
  | "case";

/** The status of a call refused for a missing relation: 404 where existence is private, 403 where public. */
export type Deny = 403 | 404 | "reader";

/** Arguments of one call: the world, the caller and the per-call target from `fresh`/`setup`. */
export interface Ctx<F> {
  w: World;
  p: Persona;
  f: F;
}

/** How to call one route: a valid request (so a refusal is about access, not validation). */
export interface RouteCase<F = unknown> {
  target: Target;
  /** Refusal status for a missing relation; default from the target (404 private, 403 public, `reader`: 403 for readers of G). */
  deny?: Deny;
  params?(c: Ctx<F>): Record<string, string>;
  query?(c: Ctx<F>): Record<string, string>;
  body?(c: Ctx<F>): unknown;
  /** Once per route, before the first call. */
  setup?(w: World): Promise<F>;
  /** A new target before the first call and after every allowed call (destructive routes). */
  fresh?(w: World): Promise<F>;
  /** Walk this route after every other route and event (it deletes the caller's account). */
  last?: true;
  /** After each allowed call (a route that ends the caller's sessions: sign the persona in again). */
  afterAllowed?(c: Ctx<F>): Promise<void>;
}

/** How to emit one client event. */
export interface EventCase<F = unknown> {
  target: Target;
  deny?: Deny;
  payload(c: Ctx<F>): unknown;
  fresh?(w: World): Promise<F>;
}

const route = <F>(c: RouteCase<F>) => c as RouteCase<unknown>;
const event = <F>(c: EventCase<F>) => c as EventCase<unknown>;

const id = (x: string) => ({ id: x });

/** A newcomer registers with a fresh code of `owner`'s family; answers her waiting request's id. */
async function joinRequestTo(w: World, owner: Account): Promise<string> {
  const code = await w.srv.http.post("/api/family/invite-code").set("Authorization", owner.auth);
  const newcomer = await buildCaregiver(w.srv, { inviteCode: code.body.inviteCode });
  const family = await w.srv.http.get("/api/family").set("Authorization", owner.auth);
  const mine = (family.body.joinRequests as { id: string; requesterId: string }[]).find(
    (r) => r.requesterId === newcomer.id,
  );
  expect(mine, JSON.stringify(family.body)).toBeDefined();
  return mine!.id;
}
const groupOf = ({ w }: Ctx<unknown>) => id(w.group.id);
const messageOf = ({ w }: Ctx<unknown>) => id(w.message.id);
const stationOf = ({ w }: Ctx<unknown>) => id(w.station.id);
const PASSWORD_FOR_ANONYMOUS = "correct-horse-battery-9";
const passwordOf = (p: Persona) => p.account?.password ?? PASSWORD_FOR_ANONYMOUS;
const email = () => `perm-${randomUUID().slice(0, 12)}@test.carecircle`;
const reason = { reason: "权限测试" };
/** A browser's push subscription on an unused loopback port (nothing is sent in this test). */
const pushSubscriptionBody = () => ({
  endpoint: `http://127.0.0.1:9/push/${randomUUID()}`,
  keys: {
    p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
    auth: "AAAAAAAAAAAAAAAAAAAAAA",
  },
});

/** A message in G by `author` (cgBy unless the route needs the caller's own). */
const freshMessage =
  (author: "cgOwn" | "cgBy" = "cgBy") =>
  async (w: World): Promise<Message> =>
    postMessage(w.srv, w[author], w.group.id, `新消息 ${randomUUID().slice(0, 6)}`);

async function adminPost(w: World, path: string, body: unknown) {
  const res = await w.srv.http
    .post(path)
    .set("Authorization", w.admin.auth)
    .send(body as object);
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** A 1x1 PNG: the smallest valid upload. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  "base64",
);

/** A voice message in G by cgBy (what `markPlayed` acts on). */
async function voiceMessage(w: World): Promise<Message> {
  const media = await uploadOk(w.srv, w.cgBy, w.group.id, mediaFixture("voice-2s.webm"));
  const res = await w.srv.http
    .post(`/api/groups/${w.group.id}/messages`)
    .set("Authorization", w.cgBy.auth)
    .send({ clientId: randomUUID(), media: { id: media.id } });
  expect(res.status, res.text).toBe(200);
  return res.body.message as Message;
}

/** The path and query of a signed media URL. */
function signedParts(media: Media) {
  const url = new URL(media.url, "http://x");
  const [, , , mediaId, variant] = url.pathname.split("/");
  return { params: { id: mediaId!, variant: variant! }, query: Object.fromEntries(url.searchParams) };
}

/** A new caregiver with a live reset code (issued by the admin): what `resetPassword` needs. */
async function freshResetCode(w: World): Promise<{ identifier: string; code: string }> {
  const cg = await buildCaregiver(w.srv);
  const { code } = (await adminPost(w, `/api/users/${cg.id}/reset-code`, {})) as { code: string };
  return { identifier: cg.email, code };
}

/** The persona's tokens were ended (logout everywhere, password change): log in again, in place. */
async function signInAgain({ w, p }: Ctx<unknown>): Promise<void> {
  if (p.account) Object.assign(p.account, await login(w.srv, p.account.email, p.account.password));
}

/** Every route of ROUTES, with a valid call. A route without a case fails the permission test. */
export const ROUTE_CASES: Record<RouteName, RouteCase> = {
  healthz: route({ target: "none" }),
  readyz: route({ target: "none" }),
  openapi: route({ target: "none" }),
  register: route({
    target: "none",
    body: () => ({ email: email(), password: "correct-horse-battery-9", displayName: "新家长" }),
  }),
  login: route({
    target: "none",
    body: ({ w }) => ({ identifier: w.cgBy.email, password: w.cgBy.password }),
  }),
  refresh: route({
    target: "none",
    fresh: async (w) =>
      (await w.srv.http.post("/api/auth/login").send({ email: w.cgBy.email, password: w.cgBy.password })).body
        .refreshToken as string,
    body: ({ f }) => ({ refreshToken: f }),
  }),
  logout: route({ target: "none", body: () => ({ refreshToken: randomUUID() }) }),
  logoutEverywhere: route({ target: "caller", afterAllowed: signInAgain }),
  changePassword: route({
    target: "caller",
    afterAllowed: signInAgain,
    body: ({ p }) => ({ currentPassword: passwordOf(p), newPassword: passwordOf(p) }),
  }),
  issueResetCode: route({ target: "family", params: ({ w }) => id(w.cgOwn.id) }),
  resetPassword: route<{ identifier: string; code: string }>({
    target: "none",
    fresh: freshResetCode,
    body: ({ f }) => ({ ...f, newPassword: "a-new-password-for-perm" }),
  }),
  getMe: route({ target: "caller" }),
  updateMe: route({ target: "caller", body: () => ({ locale: "zh-CN" }) }),
  getMyFamily: route({ target: "caller" }),
  newInviteCode: route({ target: "caller" }),
  myJoinRequest: route({ target: "caller" }),
  cancelJoinRequest: route({ target: "caller" }),
  decideJoinRequest: route<{ requestId: string }>({
    target: "family",
    // A new request to F before the first call and after every allowed one (declined: F stays as it is).
    fresh: async (w) => ({ requestId: await joinRequestTo(w, w.cgOwn) }),
    params: ({ f }) => id(f.requestId),
    body: () => ({ decision: "decline" }),
  }),
  removeCaregiver: route<{ userId: string }>({
    target: "family",
    fresh: async (w) => ({ userId: (await joinFamily(w.srv, w.cgOwn)).id }),
    params: ({ w, f }) => ({ id: w.familyId, userId: f.userId }),
  }),
  listFamilies: route({ target: "caller" }),
  assignSocialWorker: route({
    target: "none",
    params: ({ w }) => id(w.familyId),
    body: ({ w }) => ({ socialWorkerId: w.swAssigned.id }),
  }),
  listChildren: route({ target: "caller" }),
  createChild: route({
    target: "caller",
    body: () => ({
      nickname: "小新",
      birthYear: 2016,
      distressType: "illness_or_disability",
      disabilityTypes: ["autism"],
    }),
  }),
  getChild: route({ target: "child", params: ({ w }) => id(w.child.id) }),
  updateChild: route({
    target: "child",
    params: ({ w }) => id(w.child.id),
    body: () => ({ nickname: "小明" }),
  }),
  deleteChild: route<string>({
    target: "child",
    fresh: async (w) =>
      (
        await w.srv.http
          .post("/api/children")
          .set("Authorization", w.cgOwn.auth)
          .send({
            nickname: "小弟",
            birthYear: 2019,
            distressType: "illness_or_disability",
            disabilityTypes: ["autism"],
          })
      ).body.id as string,
    params: ({ f }) => id(f),
  }),
  adminCreateUser: route({
    target: "none",
    body: () => ({
      email: email(),
      password: "correct-horse-battery-9",
      displayName: "新社工",
      role: "social_worker",
    }),
  }),
  adminListUsers: route({ target: "none" }),
  adminDisableUser: route<string>({
    target: "none",
    fresh: async (w) => (await buildCaregiver(w.srv)).id,
    params: ({ f }) => id(f),
  }),
  adminEnableUser: route({ target: "none", params: ({ w }) => id(w.cgBy.id) }),

  listNotifications: route({ target: "caller" }),
  markNotificationsRead: route({ target: "caller", body: () => ({ all: true }) }),
  pushKey: route({ target: "none" }),
  listPushDevices: route({ target: "caller" }),
  subscribePush: route({ target: "caller", body: () => pushSubscriptionBody() }),
  unsubscribePush: route({ target: "caller", body: () => ({ endpoint: pushSubscriptionBody().endpoint }) }),
  pushPreferences: route({ target: "caller" }),
  updatePushPreferences: route({ target: "caller", body: () => ({ kinds: { reports: true } }) }),

  listGroups: route({ target: "none" }),
  createGroup: route({
    target: "none",
    body: () => ({ name: `新小组 ${randomUUID().slice(0, 6)}`, topic: "autism" }),
  }),
  getGroup: route({ target: "none", params: groupOf }),
  updateGroup: route({ target: "group", params: groupOf, body: () => ({ description: "交流护理经验" }) }),
  joinGroup: route<string>({
    target: "none",
    fresh: async (w) => (await freshGroup(w)).id,
    params: ({ f }) => id(f),
  }),
  leaveGroup: route<string>({
    target: "group",
    fresh: async (w) => (await freshGroup(w)).id,
    params: ({ f }) => id(f),
  }),
  listMembers: route({ target: "group", params: groupOf }),
  addModerator: route({ target: "group", params: groupOf, body: ({ w }) => ({ userId: w.swAssigned.id }) }),
  listMessages: route({ target: "group", params: groupOf }),
  postMessage: route({
    target: "group",
    params: groupOf,
    body: () => ({ clientId: randomUUID(), body: "大家好" }),
  }),
  listChanges: route({ target: "group", params: groupOf, query: () => ({ since: "0" }) }),
  listPins: route({ target: "group", params: groupOf }),
  readCounts: route({ target: "group", params: groupOf, query: () => ({ seqs: "1,2" }) }),
  searchMessages: route({ target: "group", query: (c) => ({ q: "大家好", groupId: groupOf(c).id }) }),
  markGroupRead: route({ target: "group", params: groupOf, body: () => ({ seq: 0 }) }),
  editMessage: route({
    target: "message",
    params: messageOf,
    body: () => ({ body: "今天孩子在站点玩得很开心!" }),
  }),
  deleteMessage: route<Message>({
    target: "message",
    fresh: freshMessage("cgOwn"),
    params: ({ f }) => id(f.id),
  }),
  reactToMessage: route({ target: "message", params: messageOf, body: () => ({ emoji: "👍" }) }),
  messageEdits: route({ target: "message", params: messageOf }),
  pinMessage: route({ target: "message", deny: 403, params: messageOf }),
  unpinMessage: route({ target: "message", deny: 403, params: messageOf }),

  uploadMedia: route({
    target: "group",
    query: ({ w }) => ({ groupId: w.group.id, clientId: randomUUID() }),
    body: () => TINY_PNG,
  }),
  mediaFile: route<Media>({
    target: "none",
    setup: (w) => uploadOk(w.srv, w.cgOwn, w.group.id, TINY_PNG),
    params: ({ f }) => signedParts(f).params,
    query: ({ f }) => signedParts(f).query,
  }),
  markPlayed: route<Message>({ target: "message", setup: voiceMessage, params: ({ f }) => id(f.id) }),

  reportMessage: route({ target: "message", params: messageOf, body: () => ({ reason: "spam" }) }),
  moderationQueue: route({ target: "group", query: ({ w }) => ({ groupId: w.group.id }) }),
  resolveReports: route<Message>({
    target: "message",
    deny: 403,
    fresh: async (w) => {
      const m = await freshMessage()(w);
      await reportMessage(w.srv, w.cgOwn, m.id, "spam");
      return m;
    },
    params: ({ f }) => id(f.id),
    body: () => ({ action: "dismiss", reason: "没有问题" }),
  }),
  moderatorDeleteMessage: route<Message>({
    target: "message",
    deny: 403,
    fresh: freshMessage(),
    params: ({ f }) => id(f.id),
    body: () => reason,
  }),
  hideMessage: route<Message>({
    target: "message",
    deny: 403,
    fresh: freshMessage(),
    params: ({ f }) => id(f.id),
    body: () => reason,
  }),
  restoreMessage: route<Message>({
    target: "message",
    deny: 403,
    fresh: async (w) => {
      const m = await freshMessage()(w);
      await adminPost(w, `/api/moderation/messages/${m.id}/hide`, reason);
      return m;
    },
    params: ({ f }) => id(f.id),
    body: () => reason,
  }),
  listMutes: route({ target: "group", params: groupOf }),
  listModeratedMembers: route({ target: "group", params: groupOf, query: () => ({ q: "家" }) }),
  muteMember: route<string>({
    target: "group",
    fresh: async (w) => (await freshMemberOfG(w)).id,
    params: groupOf,
    body: ({ f }) => ({ userId: f, minutes: 5, ...reason }),
  }),
  unmuteMember: route({
    target: "group",
    params: ({ w }) => ({ id: w.group.id, userId: w.cgBy.id }),
    body: () => ({}),
  }),
  removeMember: route<string>({
    target: "group",
    fresh: async (w) => (await freshMemberOfG(w)).id,
    params: ({ w, f }) => ({ id: w.group.id, userId: f }),
    body: () => reason,
  }),
  listBans: route({ target: "group", params: groupOf }),
  banMember: route<string>({
    target: "group",
    fresh: async (w) => (await freshMemberOfG(w)).id,
    params: groupOf,
    body: ({ f }) => ({ userId: f, ...reason }),
  }),
  unbanMember: route({
    target: "group",
    params: ({ w }) => ({ id: w.group.id, userId: w.cgBy.id }),
    body: () => ({}),
  }),
  listWatchedWords: route({ target: "none" }),
  createWatchedWord: route({
    target: "none",
    body: () => ({ phrase: `词${randomUUID().slice(0, 8)}`, action: "flag" }),
  }),
  updateWatchedWord: route({
    target: "none",
    params: ({ w }) => id(w.watchedWordId),
    body: () => ({ action: "flag" }),
  }),
  deleteWatchedWord: route<string>({
    target: "none",
    fresh: async (w) =>
      (
        await adminPost(w, "/api/moderation/watched-words", {
          phrase: `词${randomUUID().slice(0, 8)}`,
          action: "flag",
        })
      ).id as string,
    params: ({ f }) => id(f),
  }),
  testWatchedWords: route({ target: "none", body: () => ({ text: "今天很好" }) }),
  listAlerts: route({ target: "group", query: ({ w }) => ({ groupId: w.group.id }) }),
  claimAlert: route({ target: "group", params: ({ w }) => id(w.alertId), body: () => ({}) }),
  acknowledgeAlert: route({
    target: "group",
    params: ({ w }) => id(w.alertId),
    body: () => ({ note: "已电话联系家长,约好明天家访" }),
  }),
  moderationDashboard: route({ target: "group", query: ({ w }) => ({ groupId: w.group.id }) }),
  getMyDutyHours: route({ target: "caller" }),
  setMyDutyHours: route({ target: "caller", body: () => ({ shifts: [] }) }),
  getUserDutyHours: route({ target: "none", params: ({ w }) => id(w.swUnassigned.id) }),
  setUserDutyHours: route({
    target: "none",
    params: ({ w }) => id(w.swUnassigned.id),
    body: () => ({ shifts: [{ weekday: 1, start: "09:00", end: "12:00" }] }),
  }),
  auditLog: route({ target: "group", query: ({ w }) => ({ groupId: w.group.id }) }),
  getCrisisHelp: route({ target: "none" }),
  setCrisisHelp: route<string>({
    target: "none",
    setup: async (w) =>
      (await w.srv.http.get("/api/moderation/crisis-help").set("Authorization", w.admin.auth)).body
        .en as string,
    body: ({ f }) => ({ en: f }),
  }),

  createStation: route({
    target: "none",
    body: () => ({
      name: `新站点 ${randomUUID().slice(0, 6)}`,
      district: "阳光街道",
      address: "阳光路 1 号",
      phone: "021-55550002",
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
    }),
  }),
  listStations: route({ target: "none" }),
  getStation: route({ target: "none", params: stationOf }),
  updateStation: route({ target: "none", params: stationOf, body: () => ({ phone: "021-55550001" }) }),
  addStationStaff: route({
    target: "none",
    params: stationOf,
    body: ({ w }) => ({ userId: w.staffThis.id }),
  }),
  removeStationStaff: route<string>({
    target: "none",
    fresh: async (w) => {
      const staff = await adminPost(w, "/api/admin/users", {
        email: email(),
        password: "correct-horse-battery-9",
        displayName: "临时老师",
        role: "station_staff",
      });
      await adminPost(w, `/api/stations/${w.station.id}/staff`, { userId: staff.id });
      return staff.id as string;
    },
    params: ({ w, f }) => ({ id: w.station.id, userId: f }),
  }),
  listBlackouts: route({ target: "none", params: stationOf }),
  addBlackout: route({
    target: "station",
    params: stationOf,
    body: () => ({ date: nextBlackoutDate(), reason: "检修" }),
  }),
  removeBlackout: route<string>({
    target: "station",
    fresh: async (w) => {
      const date = nextBlackoutDate();
      await adminPost(w, `/api/stations/${w.station.id}/blackouts`, { date, reason: "检修" });
      return date;
    },
    params: ({ w, f }) => ({ id: w.station.id, date: f }),
  }),
  getRoster: route({ target: "station", deny: 404, params: stationOf }),
  createSlot: route({
    target: "station",
    body: ({ w }) => ({ stationId: w.station.id, serviceType: "respite", capacity: 3, ...nextSlotTimes() }),
  }),
  searchSlots: route({ target: "none" }),
  getSlot: route({ target: "none", params: ({ w }) => id(w.freeSlot.id) }),
  updateSlot: route({
    target: "station",
    params: ({ w }) => id(w.freeSlot.id),
    body: () => ({ capacity: 20 }),
  }),
  cancelSlot: route<string>({
    target: "station",
    fresh: async (w) => (await freshSlot(w)).id,
    params: ({ f }) => id(f),
    body: () => reason,
  }),
  createSlotRule: route({ target: "station", body: ({ w }) => ruleBody(w.station.id) }),
  listSlotRules: route({ target: "none", query: ({ w }) => ({ stationId: w.station.id }) }),
  updateSlotRule: route({
    target: "station",
    params: ({ w }) => id(w.ruleId),
    body: () => ({ capacity: 3 }),
  }),
  deleteSlotRule: route<string>({
    target: "station",
    fresh: (w) => createRule(w.srv, w.admin, w.station.id),
    params: ({ f }) => id(f),
  }),

  ...(SERIES_ROUTE_CASES as Record<keyof typeof SERIES_ROUTE_CASES, RouteCase>),
  createBooking: route({
    target: "booking",
    body: ({ w }) => ({ slotId: w.freeSlot.id, childId: w.child.id }),
  }),
  listBookings: route({ target: "family", query: ({ w }) => ({ familyId: w.familyId }) }),
  getBooking: route({ target: "booking", params: ({ w }) => id(w.bookingId) }),
  bookingAlternatives: route({ target: "booking", params: ({ w }) => id(w.bookingId) }),
  childAvailability: route({ target: "child", params: ({ w }) => id(w.child.id) }),
  cancelBooking: route<string>({
    target: "booking",
    fresh: async (w) => {
      const slot = await freshSlot(w);
      const res = await w.srv.http
        .post("/api/bookings")
        .set("Authorization", w.cgOwn.auth)
        .send({ slotId: slot.id, childId: w.child.id });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.booking.id as string;
    },
    params: ({ f }) => id(f),
    body: () => ({ reason: "孩子生病了" }),
  }),
  confirmBookingForFamily: route({ target: "booking", params: ({ w }) => id(w.bookingId) }),
  markNoShow: route({ target: "booking", params: ({ w }) => id(w.bookingId) }),
  getCalendarFeed: route({ target: "caller" }),
  createCalendarFeed: route({ target: "caller" }),
  revokeCalendarFeed: route({ target: "caller" }),
  calendarFeed: route<string>({
    target: "none",
    setup: async (w) => {
      const res = await w.srv.http.post("/api/calendar-feed").set("Authorization", w.cgOwn.auth);
      expect(res.status).toBe(201);
      return /\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(res.body.url as string)![1]!;
    },
    params: ({ f }) => ({ token: f }),
  }),
  ...SCALE_CASES,
  createCheckin: route({ target: "caller", body: () => ({ stress: 3 }) }),
  respiteOffer: route({ target: "caller" }),
  listCheckins: route({ target: "family", query: ({ w }) => ({ familyId: w.familyId }) }),
  setFamilyUrgent: route({
    target: "family",
    params: ({ w }) => id(w.familyId),
    body: () => ({ urgent: false }),
  }),

  exportMyData: route({ target: "caller" }),
  previewAccountDeletion: route({ target: "caller" }),
  deleteMyAccount: route({ target: "caller", last: true, body: ({ p }) => ({ password: passwordOf(p) }) }),
  listConversations: route({ target: "caller" }),
  openConversation: route({
    target: "family",
    body: ({ w, p }) =>
      p.role === "caregiver" ? { socialWorkerId: w.swAssigned.id } : { familyId: w.familyId },
  }),
  familyContacts: route({
    target: "family",
    // F on S's roster window (a booking in two hours), so staffThis holds `station_staff` for F.
    setup: async (w) => {
      const { slot } = await buildSlot(w.srv, { station: w.station, startsAt: hoursFromNow(2) });
      await bookOk(w.srv, w.cgOwn, slot.id, w.child.id);
    },
    params: ({ w }) => id(w.familyId),
  }),
  createReportProject: route({
    target: "none",
    body: () => ({ name: "新项目", district: "东城区", from: "2026-01-01", to: "2026-06-30" }),
  }),
  listReportProjects: route({ target: "caller" }),
  getReportProject: route({ target: "project", params: ({ w }) => id(w.projectId) }),
  updateReportProject: route({
    target: "none",
    params: ({ w }) => id(w.projectId),
    body: () => ({ name: "权限测试项目（改）" }),
  }),
  getProjectReport: route({ target: "project", params: ({ w }) => id(w.projectId) }),
  getProjectReportCsv: route({ target: "project", params: ({ w }) => id(w.projectId) }),
  ...(POLICY_ROUTE_CASES as Record<keyof typeof POLICY_ROUTE_CASES, RouteCase>),
  ...(STATION_DAY_CASES as Record<keyof typeof STATION_DAY_CASES, RouteCase>),
  ...CASE_ROUTE_CASES,
  ...SUPPORT_MAP_CASES,
  ...(ACTIVITY_ROUTE_CASES as Record<keyof typeof ACTIVITY_ROUTE_CASES, RouteCase>),
  ...(STAFFING_ROUTE_CASES as Record<keyof typeof STAFFING_ROUTE_CASES, RouteCase>),
};

/** Every client event, with a valid payload. */
export const EVENT_CASES: Record<ClientEventName, EventCase> = {
  "auth:refresh": event({ target: "caller", payload: ({ p }) => ({ token: p.account?.token }) }),
  "message:send": event({
    target: "group",
    payload: ({ w }) => ({ groupId: w.group.id, clientId: randomUUID(), body: "你好" }),
  }),
  "message:edit": event({
    target: "message",
    payload: ({ w }) => ({ messageId: w.message.id, body: "今天孩子在站点玩得很开心!!" }),
  }),
  "message:delete": event<Message>({
    target: "message",
    fresh: freshMessage("cgOwn"),
    payload: ({ f }) => ({ messageId: f.id }),
  }),
  "message:react": event({
    target: "message",
    payload: ({ w }) => ({ messageId: w.message.id, emoji: "❤️" }),
  }),
  "group:sync": event({ target: "group", payload: ({ w }) => ({ groupId: w.group.id, sinceChangeSeq: 0 }) }),
  "group:subscribe": event({ target: "group", payload: ({ w }) => ({ groupId: w.group.id }) }),
  "group:presence": event({ target: "group", payload: ({ w }) => ({ groupId: w.group.id }) }),
  "group:read": event({ target: "group", payload: ({ w }) => ({ groupId: w.group.id, seq: 0 }) }),
  typing: event({ target: "group", payload: ({ w }) => ({ groupId: w.group.id, isTyping: true }) }),
};
