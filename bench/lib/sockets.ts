/**
 * Hostile clients on loopback for the hostile section: many sockets that send nothing, or ask
 * for a large body and never read it, and the server's descriptors and memory from /proc.
 * Every socket is opened by a bounded loop and destroyed by `close()`; nothing outlives a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface SocketCrowd {
  /** Sockets the server accepted (connected on our side). */
  readonly opened: number;
  /** Sockets the server has closed since they were opened. */
  closedByServer(): number;
  close(): void;
}

/**
 * Opens `count` connections to `port`, 50 at a time. `request`: written once on each socket,
 * which then stops reading (the kernel buffers fill and the server's writes back up).
 */
export async function openSockets(port: number, count: number, request?: string): Promise<SocketCrowd> {
  const sockets: Socket[] = [];
  let closed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        if (request !== undefined) {
          socket.write(request);
          socket.pause();
        }
        resolve();
      });
      socket.on('error', () => resolve());
      socket.on('close', () => {
        closed += 1;
        resolve();
      });
      sockets.push(socket);
    });
  for (let start = 0; start < count; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - start) }, one));
  }
  const opened = sockets.filter((s) => !s.destroyed).length;
  return {
    opened,
    closedByServer: () => closed,
    close: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** The process's open descriptors (Linux /proc), or NaN elsewhere. */
export function descriptors(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size in bytes (Linux /proc: readable while the process is busy), or NaN. */
export function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? Number.NaN : Number(match[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
