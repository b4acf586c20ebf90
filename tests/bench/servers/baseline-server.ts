/**
 * The baseline: bare Socket.IO broadcasting to one room, with no authentication, validation or
 * database. It speaks the same `message:send` / `message:new` protocol as CareCircle, with a
 * message object of the same shape, so one load generator drives both. Run as its own process;
 * prints `{"msg":"baseline listening","port":N}`.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";

const ROOM = "group:baseline";
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
let seq = 0;

io.on("connection", (socket) => {
  void socket.join(ROOM);
  socket.on(
    "message:send",
    (p: { groupId: string; clientId: string; body: string }, ack?: (r: unknown) => void) => {
      seq += 1;
      const now = new Date().toISOString();
      const message = {
        id: randomUUID(),
        groupId: p.groupId,
        seq,
        changeSeq: seq,
        clientId: p.clientId,
        body: p.body,
        sender: { id: socket.id, displayName: "baseline member", role: "member" },
        replyToSeq: null,
        mentions: [],
        reactions: [],
        createdAt: now,
        editedAt: null,
        deletedAt: null,
        hidden: false,
        pinnedAt: null,
      };
      io.to(ROOM).emit("message:new", message);
      ack?.({ ok: true, message });
    },
  );
});

httpServer.listen(0, "127.0.0.1", () => {
  const addr = httpServer.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  console.log(JSON.stringify({ msg: "baseline listening", port }));
});
process.on("SIGTERM", () => {
  io.close();
  process.exit(0);
});
