import { randomUUID } from "node:crypto";
import type { Child, Group, Message, Relation, Role, Slot, Station } from "@carecircle/shared";
import { expect } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildSlotRule,
  buildStaff,
  buildStation,
  hoursFromNow,
  joinGroup,
  slotRuleBody,
} from "../../factories/index.js";
import type { TestServer } from "../../setup/server.js";
import { buildCaseWorld, type CaseWorld } from "./case-cases.js";

/** The callers every route and event is tried as. */
export const PERSONAS = [
  "anonymous",
  "cgOwn",
  "cgOther",
  "swAssigned",
  "swUnassigned",
  "staffThis",
  "staffOther",
  "admin",
] as const;
export type PersonaName = (typeof PERSONAS)[number];

/** One caller and the relationships it holds to the world's targets. */
export interface Persona {
  name: PersonaName;
  /** `undefined` for the anonymous caller. */
  account: Account | undefined;
  role: Role | undefined;
  /** Relations held to the world's family, child, booking, station, group and message. */
  holds: ReadonlySet<Relation>;
  /** May read group G's messages (members and admins): a denied message call is then 403, not 404. */
  readsGroup: boolean;
}

/**
 * The world every call is made in. Family F (cgOwn, child with care notes, booking B at station S);
 * family F2 (cgOther, own child); swAssigned is assigned to F and moderates group G, in which cgOwn
 * (and the bystander cgBy) are members and cgOwn wrote message M; staffThis works at S, staffOther
 * at S2; swAssigned is on report project P. Everything a route names (ids, a crisis alert, a watched word, a slot rule) is here.
 */
export interface World {
  srv: TestServer;
  personas: Record<PersonaName, Persona>;
  cgOwn: Account;
  cgOther: Account;
  /** A member of G who is not a persona: reports, sanctions and logins act on them. */
  cgBy: Account;
  swAssigned: Account;
  swUnassigned: Account;
  staffThis: Account;
  staffOther: Account;
  admin: Account;
  familyId: string;
  child: Child;
  childOther: Child;
  station: Station;
  stationOther: Station;
  /** The slot of booking B. */
  slot: Slot;
  /** A second, unbooked slot at S (booking, capacity). */
  freeSlot: Slot;
  bookingId: string;
  group: Group;
  message: Message;
  alertId: string;
  watchedWordId: string;
  ruleId: string;
  /** Report project P (station S, swAssigned on it). */
  projectId: string;
  /** F's case (issue 18), its goal and referral. */
  cases: CaseWorld;
}

const HOUR_MS = 3_600_000;
let hourCursor = 100;
let dayCursor = 30;

/** A start time no other slot of this file uses (whole hours, 1-hour slots, within 60 days). */
export function nextSlotTimes(): { startsAt: string; endsAt: string } {
  hourCursor += 2;
  const startsAt = hoursFromNow(hourCursor);
  return { startsAt, endsAt: new Date(Date.parse(startsAt) + HOUR_MS).toISOString() };
}

/** A station-local date no other blackout of this file uses (30+ days ahead, clear of the slots). */
export function nextBlackoutDate(): string {
  dayCursor += 1;
  return new Date(Date.now() + dayCursor * 86_400_000 + 8 * HOUR_MS).toISOString().slice(0, 10);
}

/** Send a message over HTTP and answer it. */
export async function postMessage(srv: TestServer, author: Account, groupId: string, body: string) {
  const res = await srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", author.auth)
    .send({ clientId: randomUUID(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.message as Message;
}

/** Report a message over HTTP (expects 201). */
export async function reportMessage(srv: TestServer, who: Account, messageId: string, reason: string) {
  const res = await srv.http
    .post(`/api/messages/${messageId}/reports`)
    .set("Authorization", who.auth)
    .send({ reason });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Build the world (about 2 s): accounts, families, stations, slots, a booking, a group and its content. */
export async function buildWorld(srv: TestServer): Promise<World> {
  const admin = await buildAdmin(srv);
  const [swAssigned, swUnassigned, staffThis, staffOther] = await Promise.all([
    buildStaff(srv, "social_worker", "社工甲"),
    buildStaff(srv, "social_worker", "社工乙"),
    buildStaff(srv, "station_staff", "站点老师甲"),
    buildStaff(srv, "station_staff", "站点老师乙"),
  ]);
  const [cgOwn, cgOther, cgBy] = await Promise.all([
    buildCaregiver(srv, { displayName: "本家家长" }),
    buildCaregiver(srv, { displayName: "别家家长" }),
    buildCaregiver(srv, { displayName: "旁观家长" }),
  ]);
  const child = await buildChild(srv, cgOwn, { careNotes: { calming: "安静的角落", allergies: "花生" } });
  const childOther = await buildChild(srv, cgOther, { nickname: "小红" });
  await assignSocialWorker(srv, cgOwn.familyId!, swAssigned.id);

  const policy = { bookingWindowDays: 90, maxBookingsPerWeek: 50, maxHoursPerMonth: 744 };
  const station = await buildStation(srv, policy, { staff: [staffThis] });
  const stationOther = await buildStation(srv, policy, { staff: [staffOther] });
  const { slot } = await buildSlot(srv, { station, ...nextSlotTimes() });
  const { slot: freeSlot } = await buildSlot(srv, { station, ...nextSlotTimes() });
  const booking = await bookOk(srv, cgOwn, slot.id, child.id);

  const { group } = await buildGroup(srv, { moderator: swAssigned });
  await joinGroup(srv, cgOwn, group.id);
  await joinGroup(srv, cgBy, group.id);
  const message = await postMessage(srv, cgOwn, group.id, "今天孩子在站点玩得很开心");
  await reportMessage(srv, cgBy, message.id, "crisis");
  const alerts = await srv.http
    .get("/api/moderation/alerts")
    .query({ groupId: group.id })
    .set("Authorization", swAssigned.auth);
  expect(alerts.status).toBe(200);
  const alertId = (alerts.body.alerts as { id: string }[])[0]!.id;

  const word = await srv.http
    .post("/api/moderation/watched-words")
    .set("Authorization", admin.auth)
    .send({ phrase: `词${randomUUID().slice(0, 8)}`, action: "flag" });
  expect(word.status, JSON.stringify(word.body)).toBe(201);
  const ruleId = await createRule(srv, admin, station.id);
  const project = await srv.http
    .post("/api/report-projects")
    .set("Authorization", admin.auth)
    .send({
      name: "权限测试项目",
      stationIds: [station.id],
      from: "2026-01-01",
      to: "2026-12-31",
      socialWorkerIds: [swAssigned.id],
    });
  expect(project.status, JSON.stringify(project.body)).toBe(201);

  const persona = (
    name: PersonaName,
    account: Account | undefined,
    holds: Relation[],
    readsGroup = false,
  ): Persona => ({ name, account, role: account?.role, holds: new Set(holds), readsGroup });
  const personas: Record<PersonaName, Persona> = {
    anonymous: persona("anonymous", undefined, []),
    cgOwn: persona("cgOwn", cgOwn, ["self", "own_family", "group_member", "booking_party"], true),
    cgOther: persona("cgOther", cgOther, []),
    swAssigned: persona(
      "swAssigned",
      swAssigned,
      [
        "assigned_social_worker",
        "group_member",
        "group_moderator",
        "booking_party",
        "project_member",
        "case_worker",
        "case_lead",
        "activity_organiser",
      ],
      true,
    ),
    swUnassigned: persona("swUnassigned", swUnassigned, []),
    staffThis: persona("staffThis", staffThis, ["station_staff", "booking_party", "activity_organiser"]),
    staffOther: persona("staffOther", staffOther, []),
    admin: persona("admin", admin, [], true),
  };

  const world: Omit<World, "cases"> = {
    srv,
    personas,
    cgOwn,
    cgOther,
    cgBy,
    swAssigned,
    swUnassigned,
    staffThis,
    staffOther,
    admin,
    familyId: cgOwn.familyId!,
    child,
    childOther,
    station,
    stationOther,
    slot,
    freeSlot,
    bookingId: booking.id,
    group,
    message,
    alertId,
    watchedWordId: word.body.id as string,
    ruleId,
    projectId: project.body.id as string,
  };
  return { ...world, cases: await buildCaseWorld(world) };
}

/** A weekly rule at `stationId` (early mornings, one week ahead); answers its id. */
export async function createRule(srv: TestServer, admin: Account, stationId: string): Promise<string> {
  return (await buildSlotRule(srv, admin, stationId, RULE)).rule.id;
}

const RULE = { weekdays: [7], startTime: "06:00", endTime: "07:00", capacity: 2, weeksAhead: 1 };

/** A valid slot-rule body (06:00-07:00 on Sundays, one week ahead). */
export function ruleBody(stationId: string) {
  return slotRuleBody(stationId, RULE);
}

/** A new slot at S (admin); answers it. */
export async function freshSlot(w: World): Promise<Slot> {
  return (await buildSlot(w.srv, { station: w.station, ...nextSlotTimes() })).slot;
}

/** A new group moderated by swAssigned with cgOwn as a member. */
export async function freshGroup(w: World): Promise<Group> {
  const { group } = await buildGroup(w.srv, { moderator: w.swAssigned });
  await joinGroup(w.srv, w.cgOwn, group.id);
  return group;
}

/** A new caregiver who is a member of G (a target for sanctions). */
export async function freshMemberOfG(w: World): Promise<Account> {
  const member = await buildCaregiver(w.srv);
  await joinGroup(w.srv, member, w.group.id);
  return member;
}
