import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets and personal data are redacted by path so that a careless
 * `log.info({ body })` cannot leak a password, token or email.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "req.headers.authorization",
          "req.headers.cookie",
          "password",
          "email",
          "token",
          "refreshToken",
          "*.password",
          "*.currentPassword",
          "*.newPassword",
          "*.token",
          "*.refreshToken",
          "*.email",
          "*.body",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
