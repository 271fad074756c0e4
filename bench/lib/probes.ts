/**
 * Where the CPU goes: CPU seconds per component (this process, the API, the worker, the Temporal server,
 * PostgreSQL, MinIO, the national stand-in) between two points in time, read from Linux /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const TICKS = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself (all its threads). */
  self: number;
  /** cutime + cstime: children it has waited for. */
  children: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    // Fields after ")": state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { pid, ppid: Number(f[1]), comm, self: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readStat(Number(n)))
    .filter((s): s is ProcStat => s !== null);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The first process whose command line matches. */
export function findPid(match: (cmd: string, comm: string) => boolean): number | undefined {
  for (const s of allStats()) if (match(cmdline(s.pid), s.comm)) return s.pid;
  return undefined;
}

/** PostgreSQL's postmaster: a postgres process whose parent is not one. */
export function postmasterPid(): number | undefined {
  const stats = allStats();
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  return stats.find((s) => s.comm === 'postgres' && byPid.get(s.ppid)?.comm !== 'postgres')?.pid;
}

type TreeSnapshot = { perPid: Map<number, number>; reaped: number };

function treeSnapshot(root: number, stats: ProcStat[]): TreeSnapshot {
  const kids = new Map<number, ProcStat[]>();
  for (const s of stats) kids.set(s.ppid, [...(kids.get(s.ppid) ?? []), s]);
  const perPid = new Map<number, number>();
  const rootStat = stats.find((s) => s.pid === root);
  if (!rootStat) return { perPid, reaped: 0 };
  const stack = [rootStat];
  while (stack.length) {
    const s = stack.pop()!;
    perPid.set(s.pid, s.self);
    stack.push(...(kids.get(s.pid) ?? []));
  }
  return { perPid, reaped: rootStat.children };
}

/** CPU seconds of a process tree between two snapshots, counting children that came and went (reaped by the root). */
function treeDelta(a: TreeSnapshot, b: TreeSnapshot): number {
  let ticks = b.reaped - a.reaped;
  for (const [pid, t] of b.perPid) ticks += t - (a.perPid.get(pid) ?? 0);
  return Math.max(0, ticks) / TICKS;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

export type Components = Record<string, () => number | undefined>;

export interface CpuWindow {
  seconds: number;
  /** CPU seconds per component, plus `other` (everything else on the machine) and `machine` (all busy CPU). */
  cpu: Record<string, number>;
  /** Busy share of all cores, 0..1. */
  utilisation: number;
}

/** Snapshots the components now; `end()` returns what each used since. */
export function cpuWindow(components: Components): { end(): CpuWindow } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const me0 = process.cpuUsage();
  const stats0 = allStats();
  const roots0 = Object.fromEntries(Object.entries(components).map(([k, f]) => [k, f()]));
  const snaps0 = Object.fromEntries(Object.entries(roots0).map(([k, pid]) => [k, pid ? treeSnapshot(pid, stats0) : null]));
  return {
    end() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const me = process.cpuUsage(me0);
      const stats1 = allStats();
      const cpu: Record<string, number> = { driver: (me.user + me.system) / 1e6 };
      for (const [k, pid] of Object.entries(roots0)) {
        const a = snaps0[k];
        cpu[k] = pid && a ? treeDelta(a, treeSnapshot(pid, stats1)) : 0;
      }
      const machine = (m1.busy - m0.busy) / TICKS;
      const known = Object.values(cpu).reduce((x, y) => x + y, 0);
      cpu.other = Math.max(0, machine - known);
      cpu.machine = machine;
      return { seconds, cpu, utilisation: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total) };
    },
  };
}

export function machineFacts() {
  const c = cpus();
  return {
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
  };
}
