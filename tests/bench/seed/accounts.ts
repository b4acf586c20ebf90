import jwt from "jsonwebtoken";
import type { Sql } from "../lib/database.js";

/**
 * Bench accounts are inserted in bulk (hashing thousands of passwords with argon2id would take
 * minutes) with a password hash no password matches, so nobody can log in as them. Their access
 * tokens are signed with the server's JWT secret, exactly as login issues them.
 */
const NO_LOGIN_HASH = "!bench-account-no-login";

/** A caregiver with their family. */
export interface SeededCaregiver {
  id: string;
  familyId: string;
}

/** Insert `count` families, each with one caregiver; `tag` keeps emails and invite codes unique. */
export async function seedCaregivers(sql: Sql, tag: string, count: number): Promise<SeededCaregiver[]> {
  const rows = await sql.query<{ id: string; family_id: string }>(
    `WITH f AS (
       INSERT INTO families (invite_code)
       SELECT $1 || '-' || g FROM generate_series(1, $2::int) g
       RETURNING id, invite_code
     )
     INSERT INTO users (email, password_hash, display_name, role, family_id)
     SELECT lower(f.invite_code) || '@bench.invalid', $3, 'Carer ' || f.invite_code, 'caregiver', f.id FROM f
     RETURNING id, family_id`,
    [tag, count, NO_LOGIN_HASH],
  );
  return rows.map((r) => ({ id: r.id, familyId: r.family_id }));
}

/** Insert one social worker (groups need a creator and moderator). */
export async function seedSocialWorker(sql: Sql, tag: string): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO users (email, password_hash, display_name, role)
     VALUES ($1 || '-sw@bench.invalid', $2, 'Worker ' || $1, 'social_worker') RETURNING id`,
    [tag, NO_LOGIN_HASH],
  );
  return row!.id;
}

/** Create a discussion group moderated by `moderatorId` with `memberIds` as members. */
export async function seedGroup(
  sql: Sql,
  name: string,
  moderatorId: string,
  memberIds: string[],
): Promise<string> {
  const [group] = await sql.query<{ id: string }>(
    `INSERT INTO groups (name, topic, kind, created_by) VALUES ($1, 'autism', 'discussion', $2) RETURNING id`,
    [name, moderatorId],
  );
  const groupId = group!.id;
  await sql.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'moderator')`, [
    groupId,
    moderatorId,
  ]);
  await sql.query(
    `INSERT INTO group_members (group_id, user_id, role) SELECT $1, u, 'member' FROM unnest($2::uuid[]) u`,
    [groupId, memberIds],
  );
  return groupId;
}

/** Give each family one child (autism), returning child ids in the order of `familyIds`. */
export async function seedChildren(sql: Sql, familyIds: string[]): Promise<string[]> {
  const rows = await sql.query<{ id: string; family_id: string }>(
    `INSERT INTO children (family_id, nickname, birth_year, distress_type, disability_types)
     SELECT f, 'Child', 2016, 'illness_or_disability', ARRAY['autism'] FROM unnest($1::uuid[]) f
     RETURNING id, family_id`,
    [familyIds],
  );
  const byFamily = new Map(rows.map((r) => [r.family_id, r.id]));
  return familyIds.map((f) => byFamily.get(f)!);
}

/** An access token for `userId`, as `POST /api/auth/login` would issue it. */
export function accessToken(userId: string, role: string, secret: string): string {
  return jwt.sign({ typ: "access", role }, secret, {
    algorithm: "HS256",
    subject: userId,
    expiresIn: 60 * 60,
  });
}
