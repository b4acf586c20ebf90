/** Named limits used by both server validation and client forms. */
export const LIMITS = {
  jsonBodyBytes: 64 * 1024,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  displayNameMin: 1,
  displayNameMax: 40,
  childNicknameMax: 40,
  careNoteFieldMax: 2000,
  emergencyContactMax: 200,
  inviteCodeLength: 8,
  messageMax: 2000,
  groupNameMax: 80,
  groupDescriptionMax: 1000,
  pageSizeDefault: 50,
  pageSizeMax: 100,
  reasonMax: 500,
} as const;

/** Access tokens are short-lived; refresh tokens rotate on use. */
export const TOKEN_TTL = {
  accessSeconds: 15 * 60,
  refreshSeconds: 30 * 24 * 60 * 60,
} as const;
