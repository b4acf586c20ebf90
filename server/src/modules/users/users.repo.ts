import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

const prepareUserById = (db: DbOrTx) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .limit(1)
    .prepare("users_by_id");
const userByIdQueries = new WeakMap<DbOrTx, ReturnType<typeof prepareUserById>>();

/** The prepared by-id read of `db` (a transaction gets its own, dropped with it). */
function userByIdQuery(db: DbOrTx): ReturnType<typeof prepareUserById> {
  let q = userByIdQueries.get(db);
  if (!q) {
    q = prepareUserById(db);
    userByIdQueries.set(db, q);
  }
  return q;
}

/** Data access for accounts. */
export const usersRepo = {
  /**
   * By id; a named prepared statement (read on every authenticated request): built once per
   * database handle, planned once per connection.
   */
  async byId(db: DbOrTx, id: string): Promise<UserRow | undefined> {
    const [row] = await userByIdQuery(db).execute({ id });
    return row;
  },
  async byEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
    return row;
  },
  /** By a mainland mobile number (normalised); the predicate matches the partial unique index. */
  async byMobile(db: DbOrTx, phone: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.phone, phone), sql`${users.phone} ~ '^1[3-9][0-9]{9}$'`))
      .limit(1);
    return row;
  },
  /** By a normalised sign-in identifier: an email (has an `@`) or a mobile number. */
  async byIdentifier(db: DbOrTx, identifier: string): Promise<UserRow | undefined> {
    return identifier.includes("@") ? this.byEmail(db, identifier) : this.byMobile(db, identifier);
  },
  async insert(db: DbOrTx, row: NewUserRow): Promise<UserRow> {
    const [created] = await db.insert(users).values(row).returning();
    return created!;
  },
  async update(db: DbOrTx, id: string, patch: Partial<NewUserRow>): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row;
  },
  async list(db: DbOrTx, limit = 500): Promise<UserRow[]> {
    return db.select().from(users).orderBy(users.createdAt).limit(limit);
  },
  async anyAdmin(db: DbOrTx): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    return !!row;
  },
};
