import { randomUUID } from "node:crypto";
import type { AuthResult, Child, ChildCreateInput, Role } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";

/** A logged-in account for tests. */
export interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  role: Role;
  displayName: string;
  familyId: string | null;
  /** `Authorization` header value. */
  auth: string;
}

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 8)}@test.carecircle`;
const PASSWORD = "correct-horse-battery-9";

function toAccount(r: AuthResult, password: string): Account {
  return {
    id: r.user.id,
    email: r.user.email ?? r.user.phone ?? "",
    password,
    token: r.token,
    refreshToken: r.refreshToken ?? "",
    role: r.user.role,
    displayName: r.user.displayName,
    familyId: r.user.familyId,
    auth: `Bearer ${r.token}`,
  };
}

/** Register a caregiver (her own family; with `inviteCode` also a waiting request to join one). */
export async function buildCaregiver(
  srv: TestServer,
  overrides: { displayName?: string; inviteCode?: string; locale?: "zh-CN" | "en" } = {},
): Promise<Account> {
  const email = uniqueEmail("cg");
  const res = await srv.http.post("/api/auth/register").send({
    email,
    password: PASSWORD,
    displayName: overrides.displayName ?? `家长${counter}`,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return login(srv, email, PASSWORD);
}

/**
 * A second caregiver of `owner`'s family: a fresh invite code, registration with it, and the
 * owner's approval (decision 080). Answers the newcomer, logged in, in the family.
 */
export async function joinFamily(
  srv: TestServer,
  owner: Account,
  overrides: { displayName?: string; locale?: "zh-CN" | "en" } = {},
): Promise<Account> {
  const code = await srv.http.post("/api/family/invite-code").set("Authorization", owner.auth);
  expect(code.status, JSON.stringify(code.body)).toBe(200);
  const newcomer = await buildCaregiver(srv, { ...overrides, inviteCode: code.body.inviteCode });
  const family = await srv.http.get("/api/family").set("Authorization", owner.auth);
  const request = (family.body.joinRequests as { id: string; requesterId: string }[]).find(
    (r) => r.requesterId === newcomer.id,
  );
  const ok = await srv.http
    .post(`/api/join-requests/${request!.id}/decision`)
    .set("Authorization", owner.auth)
    .send({ decision: "approve" });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  return { ...newcomer, familyId: owner.familyId };
}

let adminCache = new WeakMap<TestServer, Promise<Account>>();

/** The test server's admin (created directly in the database once, then logged in over HTTP). */
export function buildAdmin(srv: TestServer): Promise<Account> {
  let p = adminCache.get(srv);
  if (!p) {
    p = (async () => {
      const email = uniqueEmail("admin");
      const { hashNewPassword } = await import("../../server/src/modules/auth/passwords.js");
      const { usersRepo } = await import("../../server/src/modules/users/users.repo.js");
      await usersRepo.insert(srv.cc.deps.db, {
        email,
        passwordHash: await hashNewPassword(PASSWORD),
        displayName: "Admin",
        role: "admin",
      });
      return login(srv, email, PASSWORD);
    })();
    adminCache.set(srv, p);
  }
  return p;
}

/** Reset cached admins (only needed if a test closes and reopens servers). */
export function resetAccountCache() {
  adminCache = new WeakMap();
}

/** Log in over HTTP. */
export async function login(srv: TestServer, email: string, password: string): Promise<Account> {
  const res = await srv.http.post("/api/auth/login").send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return toAccount(res.body as AuthResult, password);
}

/** A staff account (social worker, station staff or another admin) created by the admin API. */
export async function buildStaff(
  srv: TestServer,
  role: "social_worker" | "station_staff" | "admin",
  displayName = role === "social_worker" ? "社工" : role === "station_staff" ? "站点老师" : "管理员",
): Promise<Account> {
  const admin = await buildAdmin(srv);
  const email = uniqueEmail(role);
  const res = await srv.http
    .post("/api/admin/users")
    .set("Authorization", admin.auth)
    .send({ email, password: PASSWORD, displayName, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return login(srv, email, PASSWORD);
}

/** Assign a social worker to a family (as admin). */
export async function assignSocialWorker(
  srv: TestServer,
  familyId: string,
  socialWorkerId: string,
): Promise<void> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .post(`/api/families/${familyId}/social-workers`)
    .set("Authorization", admin.auth)
    .send({ socialWorkerId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Add a child to a caregiver's family. */
export async function buildChild(
  srv: TestServer,
  caregiver: Account,
  overrides: Partial<ChildCreateInput> = {},
): Promise<Child> {
  const res = await srv.http
    .post("/api/children")
    .set("Authorization", caregiver.auth)
    .send({
      nickname: "小明",
      birthYear: 2015,
      distressType: "illness_or_disability",
      disabilityTypes: ["autism"],
      careNotes: { calming: "安静的角落", allergies: "花生" },
      emergencyContact: { name: "爸爸", phone: "13800001234" },
      ...overrides,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Child;
}

/** Switch an account's language, as Settings does (the app follows the server's locale after sign-in). */
export async function setLocale(srv: TestServer, account: Account, locale: "zh-CN" | "en"): Promise<void> {
  const res = await srv.http.patch("/api/me").set("Authorization", account.auth).send({ locale });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
