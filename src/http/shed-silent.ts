/**
 * Near the connection limit, the sockets that have sent nothing at all make room for new ones.
 * At `maxConnections` Node closes every new socket on accept: 1 000 silent sockets from one
 * client would lock everybody out (the health check included) until the header timeout ends
 * them. Node's own `closeIdleConnections()` leaves such sockets alone (they never started a
 * request), so they are tracked here. A socket that has sent a byte — a request on its way, or
 * a finished one on keep-alive — is never touched; the header, keep-alive and connection
 * timeouts still end every socket in time.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Shedding starts at this share of the limit, so there is always room left to accept. */
export const HIGH_WATER = 0.8;
/** A socket younger than this may simply not have written its request yet. */
export const SILENT_GRACE_MS = 500;
/** While above the high water mark, silent sockets are looked at this often. */
const SWEEP_MS = 250;

export interface ShedLog {
  warn(message: string): void;
}

export function shedSilentSockets(server: Server, maxConnections: number, log: ShedLog, clock: () => number = Date.now): void {
  const highWater = Math.max(1, Math.floor(maxConnections * HIGH_WATER));
  // Insertion order is age order: the oldest silent sockets go first.
  const tracked = new Map<Socket, number>();
  let open = 0;
  let timer: NodeJS.Timeout | undefined;
  let warnedAt = -Infinity;

  const sweep = (): void => {
    const now = clock();
    let shed = 0;
    for (const [socket, since] of tracked) {
      if (open - shed < highWater || now - since < SILENT_GRACE_MS) break;
      // bytesRead, never a 'data' listener: that would take the socket from the parser's fast path.
      if (socket.bytesRead > 0) {
        tracked.delete(socket);
        continue;
      }
      tracked.delete(socket);
      socket.destroy();
      shed += 1;
    }
    if (shed > 0 && now - warnedAt > 10_000) {
      warnedAt = now;
      log.warn(`near the limit of ${maxConnections} connections: ${shed} that sent nothing for ${SILENT_GRACE_MS} ms closed to make room`);
    }
    if (open - shed < highWater && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const crowded = (): void => {
    sweep();
    timer ??= setInterval(sweep, SWEEP_MS).unref();
  };

  server.on('connection', (socket: Socket) => {
    open += 1;
    tracked.set(socket, clock());
    socket.once('close', () => {
      open -= 1;
      tracked.delete(socket);
    });
    if (open >= highWater) crowded();
  });
  // A socket refused at the limit: the room may be held by silent ones.
  server.on('drop', crowded);
  server.once('close', () => clearInterval(timer));
}
