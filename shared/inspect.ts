// What the process inspector reports about one process (details pane tabs, `procplay inspect`).
// Every section is read separately and may be refused on its own: a refusal carries its reason,
// so the UI says "no permission (EACCES)" instead of showing 0 or an empty list.
// Pure types and small pure helpers: no Node, no DOM.

/** Why a section has no data. */
export type SectionRefusal =
  | 'no-permission' // the OS refused the read (EACCES/EPERM): another user's process, hidepid, ptrace rules
  | 'unavailable' // this OS (or this kernel) does not offer it
  | 'gone' // the process ended while being read
  | 'error'; // anything else, with the message

export type Section<T> = { ok: true; data: T } | { ok: false; code: SectionRefusal; reason: string };

export interface IdPair {
  real: number;
  effective: number;
  saved: number | null;
  filesystem: number | null;
  /** Names of the real and effective ids (user or group), where known. */
  realName: string;
  effectiveName: string;
}

export interface NamespaceDiff {
  /** e.g. "net", "pid", "mnt". */
  type: string;
  /** e.g. "net:[4026532281]". */
  id: string;
  /** pid 1's, for comparison. */
  init: string;
}

export interface ContainerInfo {
  /** docker, podman, containerd, kubernetes, lxc, systemd (a unit, not a container). */
  runtime: string;
  /** Container id or unit name. */
  id: string;
}

export interface InspectOverview {
  pid: number;
  ppid: number;
  name: string;
  exe: Section<string>;
  cwd: Section<string>;
  argv: string[];
  startTime: number;
  state: string;
  nice: number | null;
  priority: number | null;
  /** SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE, or null. */
  scheduler: string | null;
  threads: number | null;
  uid: IdPair | null;
  gid: IdPair | null;
  session: number | null;
  pgrp: number | null;
  /** Controlling terminal ("pts/3", "tty1") or null for none. */
  tty: string | null;
  /** CPUs the process may run on, as a list ("0-3,6"). */
  cpusAllowed: string | null;
  /** The cgroup path (v2 unified path, or v1 lines joined), null where none. */
  cgroup: string | null;
  container: ContainerInfo | null;
  /** Namespaces that differ from pid 1's (a process in a container, a sandbox, `unshare`). */
  namespaces: Section<NamespaceDiff[]>;
}

export type FileType = 'file' | 'dir' | 'pipe' | 'socket' | 'anon inode' | 'device' | 'other';

export interface FileEntry {
  fd: number;
  type: FileType;
  /** Path, or the link target for pipes, sockets and anon inodes ("pipe:[123]"). */
  target: string;
  /** Offset in the file (fdinfo pos), null where not known. */
  pos: number | null;
  /** Open flags in octal as fdinfo shows them, and their names. */
  flags: string | null;
  flagNames: string[];
  /** "r", "w" or "rw". */
  mode: string | null;
}

export interface SocketEntry {
  fd: number;
  /** tcp, tcp6, udp, udp6, unix. */
  proto: string;
  local: string;
  remote: string;
  /** LISTEN, ESTABLISHED … (UNCONN for unbound or unconnected datagram sockets). */
  state: string;
  /** The local port (null for unix sockets). */
  port: number | null;
  inode: number;
}

export interface ThreadEntry {
  tid: number;
  name: string;
  state: string;
  /** Percent of one core since the previous inspection; null on the first. */
  cpu: number | null;
  cpuTimeMs: number;
}

export interface IoStats {
  /** Bytes passed to read()/write() and friends (including cache hits and pipes). */
  rchar: number;
  wchar: number;
  /** Bytes the process caused to be fetched from / sent to storage. */
  readBytes: number;
  writeBytes: number;
  cancelledWriteBytes: number;
  syscr: number;
  syscw: number;
  /** Per-second rates since the previous inspection; null on the first. */
  rcharPerSec: number | null;
  wcharPerSec: number | null;
  readBytesPerSec: number | null;
  writeBytesPerSec: number | null;
}

export interface EnvEntry {
  name: string;
  value: string;
  /** The name suggests a secret (KEY, TOKEN, SECRET, PASSWORD, PASS, CREDENTIAL): hidden until clicked. */
  secret: boolean;
}

export interface LimitEntry {
  name: string;
  /** As the kernel prints them: a number or "unlimited". */
  soft: string;
  hard: string;
  units: string;
}

export interface MemoryDetail {
  rss: number;
  pss: number;
  shared: number;
  private: number;
  swap: number;
}

export const INSPECT_SECTIONS = ['overview', 'files', 'network', 'threads', 'io', 'environment', 'limits', 'memory'] as const;
export type InspectSectionName = (typeof INSPECT_SECTIONS)[number];

export interface InspectReport {
  pid: number;
  startTime: number;
  platform: string;
  takenAt: number;
  overview: Section<InspectOverview>;
  files: Section<FileEntry[]>;
  network: Section<SocketEntry[]>;
  threads: Section<ThreadEntry[]>;
  io: Section<IoStats>;
  environment: Section<EnvEntry[]>;
  limits: Section<LimitEntry[]>;
  memory: Section<MemoryDetail>;
}

export type InspectResult =
  | { ok: true; report: InspectReport }
  | { ok: false; code: 'invalid' | 'exited' | 'mismatch'; message: string };

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASS|CREDENTIAL/i;

/** True when an environment variable's name suggests its value is a secret. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);
