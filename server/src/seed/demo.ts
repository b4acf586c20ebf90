import { DISABILITY_TYPES } from "@carecircle/shared";
import type { Tx } from "../db/client.js";
import { children, groupMembers, groups, stationStaff, stations } from "../db/schema/index.js";
import type { Deps } from "../deps.js";
import { hashNewPassword } from "../modules/auth/passwords.js";
import { DEFAULT_INVITE_DAYS, familiesRepo } from "../modules/families/families.repo.js";
import { usersRepo } from "../modules/users/users.repo.js";
import { seedDemoSlotRules } from "./demo-booking.js";
import { seedDemoPolicyCards } from "./demo-policies.js";
import { seedStarterWatchedWords } from "./watched-words.js";

/** Demo accounts for local use only (documented in the README). */
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.carecircle", password: "demo-admin-pass-2026", role: "admin", displayName: "管理员" },
  {
    email: "social@demo.carecircle",
    password: "demo-social-pass-2026",
    role: "social_worker",
    displayName: "王社工",
  },
  {
    email: "staff@demo.carecircle",
    password: "demo-staff-pass-2026",
    role: "station_staff",
    displayName: "李老师",
  },
  {
    email: "mama@demo.carecircle",
    password: "demo-family-pass-2026",
    role: "caregiver",
    displayName: "小宇妈妈",
  },
  {
    email: "nainai@demo.carecircle",
    password: "demo-family-pass-2026",
    role: "caregiver",
    displayName: "朵朵奶奶",
  },
] as const;

const GROUP_NAMES: Record<string, string> = {
  autism: "孤独症家长互助",
  intellectual: "智力障碍家长互助",
  cerebral_palsy: "脑瘫康复家长群",
  physical: "肢体障碍家长群",
  visual: "视障家庭互助",
  hearing: "听障家庭互助",
  chronic_illness: "重病患儿家长群",
  multiple: "多重障碍家长群",
};

/** The demo accounts: two families (each with one caregiver) and the staff, keyed by role or email. */
async function seedPeople(tx: Tx, hashes: Map<string, string>) {
  const fam1 = await familiesRepo.insert(tx, DEFAULT_INVITE_DAYS);
  const fam2 = await familiesRepo.insert(tx, DEFAULT_INVITE_DAYS);
  const ids: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const familyId = a.role === "caregiver" ? (a.email.startsWith("mama") ? fam1.id : fam2.id) : null;
    const u = await usersRepo.insert(tx, {
      email: a.email,
      passwordHash: hashes.get(a.password)!,
      displayName: a.displayName,
      role: a.role,
      familyId,
    });
    ids[a.role === "caregiver" ? a.email : a.role] = u.id;
  }
  const sw = ids.social_worker!;
  await familiesRepo.assign(tx, fam1.id, sw);
  await familiesRepo.assign(tx, fam2.id, sw);
  return { fam1, fam2, ids };
}

/** One child in each demo family. */
async function seedChildren(tx: Tx, fam1: string, fam2: string): Promise<void> {
  await tx.insert(children).values([
    {
      familyId: fam1,
      nickname: "小宇",
      birthYear: 2016,
      distressType: "illness_or_disability",
      disabilityTypes: ["autism"],
      careNotes: {
        communication: "用图片卡沟通",
        calming: "听轻音乐、抱着蓝色毯子",
        triggers: "突然的大声响",
      },
      emergencyContact: { name: "小宇爸爸", phone: "13800000001", relation: "父亲" },
    },
    {
      familyId: fam2,
      nickname: "朵朵",
      birthYear: 2014,
      distressType: "illness_or_disability",
      disabilityTypes: ["cerebral_palsy", "intellectual"],
      careNotes: { medication: "午饭后服用巴氯芬 5mg", allergies: "青霉素过敏", calming: "讲故事" },
      emergencyContact: { name: "朵朵妈妈", phone: "13800000002", relation: "母亲" },
    },
  ]);
}

/** A group per disability type and the announcements group, moderated by the social worker. */
async function seedGroups(tx: Tx, sw: string): Promise<void> {
  const created = await tx
    .insert(groups)
    .values([
      ...DISABILITY_TYPES.map((t) => ({
        name: GROUP_NAMES[t] ?? t,
        description: "同类型家庭交流护理经验、互相鼓励。社工值守。",
        topic: t,
        createdBy: sw,
      })),
      {
        name: "政策与补贴通知",
        description: "社工发布补贴政策、申请步骤和活动通知。",
        topic: "general",
        kind: "announcement" as const,
        createdBy: sw,
      },
    ])
    .returning({ id: groups.id });
  await tx
    .insert(groupMembers)
    .values(created.map((g) => ({ groupId: g.id, userId: sw, role: "moderator" as const })));
}

/** Two stations; the staff account works at the first. */
async function seedStations(tx: Tx, staffId: string) {
  const [st1, st2] = await tx
    .insert(stations)
    .values([
      {
        name: "阳光街道未成年人保护站",
        district: "阳光街道",
        address: "阳光路 12 号一楼",
        phone: "021-55550001",
        openingHours: {
          1: [["08:30", "17:30"]],
          2: [["08:30", "17:30"]],
          3: [["08:30", "17:30"]],
          4: [["08:30", "17:30"]],
          5: [["08:30", "17:30"]],
          6: [["09:00", "12:00"]],
        },
        disabilityTypes: [...DISABILITY_TYPES],
        serviceTypes: ["respite", "trusteeship"],
      },
      {
        name: "和平街道托管驿站",
        district: "和平街道",
        address: "和平路 88 号社区中心二楼",
        phone: "021-55550002",
        openingHours: { 1: [["09:00", "16:00"]], 3: [["09:00", "16:00"]], 5: [["09:00", "16:00"]] },
        disabilityTypes: ["autism", "intellectual", "multiple"],
        serviceTypes: ["respite"],
      },
    ])
    .returning();
  await tx.insert(stationStaff).values({ stationId: st1!.id, userId: staffId });
  return [st1!, st2!] as const;
}

/** Seed demo data into an empty database; returns false if users already exist. */
export async function seedDemoIfEmpty(deps: Pick<Deps, "db" | "logger">): Promise<boolean> {
  const { db, logger } = deps;
  if ((await usersRepo.list(db, 1)).length > 0) return false;
  const hashes = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS)
    if (!hashes.has(a.password)) hashes.set(a.password, await hashNewPassword(a.password));

  await db.transaction(async (tx) => {
    const { fam1, fam2, ids } = await seedPeople(tx, hashes);
    await seedChildren(tx, fam1.id, fam2.id);
    await seedGroups(tx, ids.social_worker!);
    const [st1, st2] = await seedStations(tx, ids.station_staff!);
    await seedDemoSlotRules(tx, st1, st2);
    await seedStarterWatchedWords(tx);
    await seedDemoPolicyCards(tx, ids.social_worker!);
  });
  logger.info(
    { accounts: DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password} (${a.role})`) },
    "demo data seeded (local use only; see README)",
  );
  return true;
}
