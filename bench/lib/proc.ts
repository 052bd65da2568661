/**
 * Another process seen from outside (Linux /proc: readable while it is busy, no IPC needed):
 * its descriptors, memory and CPU time; and hostile clients on loopback for the hostile
 * section: many sockets that send nothing, or ask for a large body and never read it. Every
 * socket is opened by a bounded loop and destroyed by `close()`; nothing outlives a run.
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

/** Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, 100 on Linux builds we run on. */
const USER_HZ = 100;

/** User + system CPU time of the process in milliseconds (10 ms resolution), or NaN. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
